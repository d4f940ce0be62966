-- Passkeys (WebAuthn) as a second factor for local accounts, beside the
-- TOTP app. Only public keys are stored: the credential as webauthn-rs
-- keeps it (public key, signature counter), as JSON.

CREATE TABLE staff_passkeys (
    id BIGSERIAL PRIMARY KEY,
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    passkey TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX staff_passkeys_by_staff ON staff_passkeys (staff_id);

-- A registration or a sign-in waiting for the authenticator: the
-- challenge and what it was for (webauthn-rs's state, JSON), taken once.
-- `ceremony` is "register:<staff id>" (one per account) or
-- "sign-in:<SHA-256 of the sign-in challenge>" (one per sign-in, so
-- another browser's attempt cannot displace it).
CREATE TABLE passkey_ceremonies (
    ceremony TEXT PRIMARY KEY,
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
