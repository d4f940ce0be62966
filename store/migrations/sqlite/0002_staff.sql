-- Staff accounts, sessions, API tokens, sign-in throttling and the audit log.
-- Secrets (session ids, set-password links, API tokens) are stored only as
-- their SHA-256; passwords only as argon2id PHC strings.

ALTER TABLE municipalities ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 24;

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

-- municipality_id is NULL only for the installation-wide operator role.
CREATE TABLE staff_roles (
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    municipality_id INTEGER REFERENCES municipalities(id),
    role TEXT NOT NULL CHECK (role IN ('operator', 'admin', 'manager', 'facilitator', 'moderator')),
    CHECK ((role = 'operator') = (municipality_id IS NULL))
);
CREATE UNIQUE INDEX staff_roles_once ON staff_roles (staff_id, COALESCE(municipality_id, 0), role);

CREATE TABLE staff_sessions (
    id_hash TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

CREATE TABLE password_links (
    token_hash TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

-- Failed sign-ins, kept 15 minutes. key is "account:" or "source:" and the
-- SHA-256 of the e-mail or address, so neither is stored in the clear.
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);

-- Who did what. Never passwords, tokens or young people's text.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER REFERENCES municipalities(id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL
);
CREATE INDEX audit_log_by_municipality ON audit_log (municipality_id, at);
