-- Staff second factor: a TOTP app and one-time recovery codes, plus the
-- short-lived challenge between the password and the code. A challenge is
-- not a session: nothing behind the sign-in accepts it.

CREATE TABLE staff_totp (
    staff_id INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    -- The last step a code was accepted for: a code works once (RFC 6238 §5.2).
    last_step INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    -- NULL while the person has not yet typed a code from the new app.
    confirmed_at INTEGER
);

-- Only the SHA-256 of each code.
CREATE TABLE staff_recovery_codes (
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (staff_id, code_hash)
);

CREATE TABLE staff_challenges (
    id_hash TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX staff_challenges_by_staff ON staff_challenges (staff_id);

-- Admins, moderators and the operator sign in again, and set up their app.
DELETE FROM staff_sessions WHERE staff_id IN (SELECT staff_id FROM staff_roles WHERE role IN ('admin', 'moderator', 'operator'));
