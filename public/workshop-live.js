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
})();
