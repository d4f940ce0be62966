// Live workshop updates, without wasm (so the rating page's wasm stays
// small). The server renders every view; this only follows the event stream:
// the presenter part is re-read from the server and swapped in, a phone moves
// on to the new activity unless something has been typed (never thrown away:
// it offers a link instead), and what was typed survives a reload. Without
// JavaScript the pages have a refresh link.
(function () {
  'use strict';

  function listen(url, onSnapshot) {
    var source = new EventSource(url);
    source.addEventListener('snapshot', function (e) {
      try { onSnapshot(JSON.parse(e.data)); } catch (_) { /* a broken event is skipped */ }
    });
    // The browser reconnects by itself, but may give up (CLOSED) or wait
    // long after its server went away: if the stream is not open again
    // 3 seconds after an error, start a fresh one (once per error spell).
    var retrying = false;
    source.onerror = function () {
      if (retrying) return;
      retrying = true;
      setTimeout(function () {
        retrying = false;
        if (source.readyState === EventSource.OPEN) return;
        source.close();
        listen(url, onSnapshot);
      }, 3000);
    };
  }

  // What a phone has typed but not sent is kept in this tab's session
  // storage, so a reload (after a lost connection, a server restart or a
  // post that never arrived) brings it back. Returns true when it restored
  // something that differs from the page.
  function keepDraft(id) {
    var form = document.querySelector('form.answer-form');
    var store;
    try { store = window.sessionStorage; } catch (_) { return false; }
    if (!form || !store) return false;
    var activity = form.querySelector('[name="activity"]');
    var key = 'stemme-draft-' + id + '-' + (activity ? activity.value : '');
    var fields = function () {
      return Array.prototype.filter.call(form.elements, function (el) { return el.name && el.name !== 'activity' && el.type !== 'submit'; });
    };
    var changed = false;
    if (/[?&]gemt=1/.test(window.location.search)) {
      store.removeItem(key); // sent and saved: the page shows the saved answer
    } else {
      var draft = null;
      try { draft = JSON.parse(store.getItem(key) || 'null'); } catch (_) { draft = null; }
      if (draft) {
        fields().forEach(function (el) {
          if (!(el.name in draft)) return;
          if (el.type === 'radio') {
            var on = draft[el.name] === el.value;
            if (el.checked !== on) { el.checked = on; changed = true; }
          } else if (el.value !== draft[el.name]) {
            el.value = draft[el.name];
            changed = true;
          }
        });
      }
    }
    var save = function () {
      var draft = {};
      fields().forEach(function (el) {
        if (el.type === 'radio') { if (el.checked) draft[el.name] = el.value; } else draft[el.name] = el.value;
      });
      try { store.setItem(key, JSON.stringify(draft)); } catch (_) { /* full or private mode: nothing kept */ }
    };
    form.addEventListener('input', save);
    form.addEventListener('change', save);
    return changed;
  }

  // Dot voting by tapping: each option's number field gives way to − n +
  // buttons and the dots left are counted. The (hidden) number fields stay
  // the form's values, so sending, the kept draft and the server's checks
  // are unchanged.
  function dotSteppers() {
    var set = document.querySelector('fieldset.dot-vote');
    if (!set) return;
    var total = parseInt(set.getAttribute('data-dots'), 10) || 0;
    var left = set.querySelector('.dots-left');
    var inputs = Array.prototype.slice.call(set.querySelectorAll('input[type="number"]'));
    var rows = [];
    var value = function (input) { return Math.max(0, parseInt(input.value, 10) || 0); };
    var used = function () { return inputs.reduce(function (sum, input) { return sum + value(input); }, 0); };
    var render = function () {
      var n = Math.max(0, total - used());
      left.textContent = n === 1 ? set.getAttribute('data-left-one') : set.getAttribute('data-left-other').replace('#', String(n));
      rows.forEach(function (r) {
        r.count.textContent = String(value(r.input));
        r.minus.disabled = value(r.input) === 0;
        r.plus.disabled = n === 0;
      });
    };
    inputs.forEach(function (input) {
      var label = set.querySelector('label[for="' + input.id + '"]');
      var name = label ? label.textContent.trim() : '';
      var button = function (text, words, delta) {
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'step';
        b.textContent = text;
        b.setAttribute('aria-label', words + ': ' + name);
        b.addEventListener('click', function () {
          if (delta > 0 && used() >= total) return;
          input.value = String(Math.max(0, value(input) + delta));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          render();
        });
        return b;
      };
      var row = { input: input, count: document.createElement('output') };
      row.minus = button('\u2212', set.getAttribute('data-remove'), -1);
      row.plus = button('+', set.getAttribute('data-add'), 1);
      row.count.className = 'dot-count';
      if (input.id) row.count.setAttribute('for', input.id);
      var box = document.createElement('span');
      box.className = 'stepper';
      box.appendChild(row.minus);
      box.appendChild(row.count);
      box.appendChild(row.plus);
      input.hidden = true;
      input.parentNode.insertBefore(box, input);
      rows.push(row);
    });
    left.hidden = false;
    render();
  }

  var presenter = document.querySelector('[data-live-presenter]');
  var status = document.querySelector('[data-live-status]');
  if (presenter) {
    var busy = false, again = false;
    var refresh = function () {
      if (busy) { again = true; return; }
      busy = true;
      fetch(window.location.href, { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (!html) return;
          var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-live-presenter]');
          if (!fresh) return;
          presenter.innerHTML = fresh.innerHTML;
          // The one live region: what changed, in a line.
          var said = ['.presenter-step', '.presenter-title', '.presenter-counts']
            .map(function (s) { var el = presenter.querySelector(s); return el ? el.textContent.trim() : ''; })
            .filter(Boolean).join('. ');
          if (status && status.textContent !== said) status.textContent = said;
        })
        .catch(function () { /* the next change tries again */ })
        .then(function () {
          busy = false;
          if (again) { again = false; refresh(); }
        });
    };
    // The first snapshot may be newer than the page: it refreshes too.
    listen(presenter.getAttribute('data-live-presenter'), refresh);
  }

  var phone = document.querySelector('[data-live-phone]');
  if (phone) {
    var id = phone.getAttribute('data-live-phone');
    var key = phone.getAttribute('data-key');
    var typed = false, offered = false;
    document.addEventListener('input', function () { typed = true; });
    if (keepDraft(id)) typed = true;
    listen('/api/v1/workshops/' + id + '/events', function (s) {
      var now = s.state.phase + ':' + s.state.current + ':' + s.state.revealed;
      if (now === key || offered) return;
      if (!typed) {
        // Not reload(): a "saved" notice in the address belongs to the old activity.
        window.location.href = '/w/' + id;
        return;
      }
      offered = true;
      var p = document.createElement('p');
      p.textContent = phone.getAttribute('data-notice') + ' ';
      var a = document.createElement('a');
      a.className = 'button';
      a.href = '/w/' + id;
      a.textContent = phone.getAttribute('data-go');
      p.appendChild(a);
      phone.appendChild(p);
    });
  }
  dotSteppers();
})();
