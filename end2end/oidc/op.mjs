// A real OpenID provider (the npm package oidc-provider) for Stemme's
// single sign-on tests, on 127.0.0.1 and a free port. It prints
// `OP_ISSUER=http://127.0.0.1:PORT` when it listens. It signs whoever was
// last set with POST /test/user straight in (no login form), and the tests
// steer it with:
//   POST /test/client {"redirect_uris": [...]}   the relying party's callback
//   POST /test/user {"sub", "email", "groups"}   who signs in next
//   POST /test/mode {"mode": ""|"expired"|"badsig"|"issuer"|"audience"|"nonce"}
//       the next ID tokens are re-signed expired, with a stranger's key
//       under this provider's key id, or naming another issuer, audience
//       or nonce
//   POST /test/rotate                           a new signing key (new kid);
//       the old one is no longer published
import http from 'node:http';
import * as jose from 'jose';
import Provider from 'oidc-provider';

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const state = { redirectUris: [], accounts: new Map(), current: null, mode: '', key: null, kid: '', provider: null };

async function newKey() {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  state.kid = `k${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
  Object.assign(jwk, { kid: state.kid, alg: 'RS256', use: 'sig' });
  state.key = { jwk, privateKey };
}

function build() {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'stemme',
      client_secret: 'test-secret-for-stemme',
      redirect_uris: state.redirectUris.length ? state.redirectUris : ['http://127.0.0.1/none'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    jwks: { keys: [state.key.jwk] },
    cookies: { keys: ['op-test-cookie-key'] },
    claims: { openid: ['sub', 'groups'], email: ['email'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (ctx, sub) => {
      const a = state.accounts.get(sub);
      return a && { accountId: sub, claims: async () => ({ sub, email: a.email, groups: a.groups }) };
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token && state.mode) {
      ctx.body = { ...ctx.body, id_token: await tamper(ctx.body.id_token) };
    }
  });
  state.provider = provider;
  state.handler = provider.callback();
}

async function tamper(idToken) {
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  let key = state.key.privateKey;
  if (state.mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (state.mode === 'issuer') claims.iss = 'http://127.0.0.1:1/someone-else';
  if (state.mode === 'audience') claims.aud = 'another-client';
  if (state.mode === 'nonce') claims.nonce = 'a-nonce-from-another-sign-in';
  if (state.mode === 'badsig') key = (await jose.generateKeyPair('RS256')).privateKey;
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: state.kid, typ: 'JWT' }).sign(key);
}

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

// The login and consent prompts, answered for the current user.
async function interaction(req, res) {
  const p = state.provider;
  const details = await p.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    if (!state.current) throw new Error('no user set: POST /test/user first');
    return p.interactionFinished(req, res, { login: { accountId: state.current } }, { mergeWithLastSubmission: false });
  }
  const grant = new p.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const missing = details.prompt.details.missingOIDCClaims;
  if (missing) grant.addOIDCClaims(missing);
  const grantId = await grant.save();
  return p.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

server.on('request', async (req, res) => {
  try {
    const path = new URL(req.url, issuer).pathname;
    if (req.method === 'POST' && path.startsWith('/test/')) {
      const b = await body(req);
      if (path === '/test/client') { state.redirectUris = b.redirect_uris; build(); }
      else if (path === '/test/user') { state.accounts.set(b.sub, { email: b.email, groups: b.groups ?? [] }); state.current = b.sub; }
      else if (path === '/test/mode') state.mode = b.mode ?? '';
      else if (path === '/test/rotate') { await newKey(); build(); }
      else { res.writeHead(404).end(); return; }
      res.writeHead(204).end();
      return;
    }
    if (path.startsWith('/interaction/')) return await interaction(req, res);
    state.handler(req, res);
  } catch (e) {
    console.error(e);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
  }
});

await newKey();
build();
console.log(`OP_ISSUER=${issuer}`);
// The test reads only that line and may close the pipe: anything the
// provider logs later goes to stderr, and a closed stdout is not a crash.
process.stdout.on('error', () => {});
console.log = console.info = console.error;
