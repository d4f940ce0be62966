// Passkeys (WebAuthn) for staff: adding one on /admin/konto
// (data-passkey="register") and using one after the password on
// /login/kode (data-passkey="sign-in"). The server's options come as JSON
// with base64url strings where the browser wants bytes, and the answer
// goes back the same way. Without WebAuthn (or JavaScript) the parts stay
// hidden and the code form does the job.
(() => {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  const bytes = (s) => {
    const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
    return Uint8Array.from(b, (c) => c.charCodeAt(0));
  };
  const text = (buf) =>
    btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

  async function post(url, body) {
    const r = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const answer = r.status === 204 ? {} : await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(answer.error || `${r.status}`);
    return answer;
  }

  // Runs `work` with the status line saying "waiting" and any failure in
  // the alert line; the browser's own "cancelled" is not an error to show.
  function wire(root, trigger, work) {
    const status = root.querySelector('[data-passkey-status]');
    const error = root.querySelector('[data-passkey-error]');
    root.hidden = false;
    trigger(async (event) => {
      event?.preventDefault();
      error.textContent = '';
      status.textContent = status.dataset.working;
      try {
        await work();
      } catch (e) {
        status.textContent = '';
        if (e.name !== 'NotAllowedError' && e.name !== 'AbortError') error.textContent = e.message;
      }
    });
  }

  const register = document.querySelector('[data-passkey="register"]');
  if (register) {
    wire(register, (f) => register.addEventListener('submit', f), async () => {
      const { publicKey } = await post('/admin/konto/passkey/start', { code: register.querySelector('[name="code"]').value });
      publicKey.challenge = bytes(publicKey.challenge);
      publicKey.user.id = bytes(publicKey.user.id);
      (publicKey.excludeCredentials ?? []).forEach((c) => { c.id = bytes(c.id); });
      const c = await navigator.credentials.create({ publicKey });
      await post('/admin/konto/passkey/finish', {
        name: register.querySelector('[name="name"]').value,
        credential: {
          id: c.id,
          rawId: text(c.rawId),
          type: c.type,
          response: { attestationObject: text(c.response.attestationObject), clientDataJSON: text(c.response.clientDataJSON) },
          extensions: c.getClientExtensionResults(),
        },
      });
      location.assign('/admin/konto?ok=passkey_added');
    });
  }

  const signIn = document.querySelector('[data-passkey="sign-in"]');
  if (signIn) {
    const go = signIn.querySelector('[data-passkey-go]');
    wire(signIn, (f) => go.addEventListener('click', f), async () => {
      const { publicKey } = await post('/login/passkey/start');
      publicKey.challenge = bytes(publicKey.challenge);
      (publicKey.allowCredentials ?? []).forEach((c) => { c.id = bytes(c.id); });
      const c = await navigator.credentials.get({ publicKey });
      const r = c.response;
      const done = await post('/login/passkey/finish', {
        next: signIn.dataset.next,
        credential: {
          id: c.id,
          rawId: text(c.rawId),
          type: c.type,
          response: {
            authenticatorData: text(r.authenticatorData),
            clientDataJSON: text(r.clientDataJSON),
            signature: text(r.signature),
            userHandle: r.userHandle ? text(r.userHandle) : null,
          },
          extensions: c.getClientExtensionResults(),
        },
      });
      location.assign(done.next);
    });
  }
})();
