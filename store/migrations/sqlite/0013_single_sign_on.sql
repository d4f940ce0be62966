-- Staff single sign-on (OpenID Connect). An account that signs in through a
-- municipality's identity provider is known by the provider's issuer and
-- subject, never by its e-mail alone, and has no password here.

ALTER TABLE staff ADD COLUMN sso_issuer TEXT;
ALTER TABLE staff ADD COLUMN sso_subject TEXT;
CREATE UNIQUE INDEX staff_by_sso ON staff (sso_issuer, sso_subject);

-- A sign-in sent to the provider and not yet back: the SHA-256 of its
-- `state`, and the PKCE verifier and nonce the answer must match. Each is
-- taken once; the housekeeping removes old ones.
CREATE TABLE sso_attempts (
    state_hash TEXT PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    next TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
