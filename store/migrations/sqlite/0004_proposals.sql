-- Co-design: proposals from young people, their public history, support,
-- comments, and moderation of every free text (rating comments too).
-- No IP address or user agent; device_hash is SHA-256 of the random device
-- cookie (one stance per device, "my proposals"). receipt_hash is SHA-256 of
-- the receipt code, which is never stored.

ALTER TABLE municipalities ADD COLUMN response_days INTEGER NOT NULL DEFAULT 30;

ALTER TABLE ratings ADD COLUMN comment_moderation TEXT NOT NULL DEFAULT 'approved'
    CHECK (comment_moderation IN ('pending', 'approved', 'rejected'));
ALTER TABLE ratings ADD COLUMN comment_held_for TEXT NOT NULL DEFAULT '';
ALTER TABLE ratings ADD COLUMN comment_urgent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ratings ADD COLUMN comment_moderation_reason TEXT;

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    receipt_hash TEXT NOT NULL UNIQUE,
    device_hash TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('add', 'change', 'remove', 'idea')),
    principle_id INTEGER REFERENCES principles(id),
    service_id INTEGER REFERENCES services(id),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    reason TEXT,
    status TEXT NOT NULL CHECK (status IN ('received', 'considering', 'adopted', 'partly_adopted', 'not_adopted')),
    moderation TEXT NOT NULL CHECK (moderation IN ('pending', 'approved', 'rejected')),
    moderation_reason TEXT,
    held_for TEXT NOT NULL DEFAULT '',
    urgent INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    answered_at INTEGER,
    answer TEXT
);
CREATE INDEX proposals_by_municipality ON proposals (municipality_id, created_at);
CREATE INDEX proposals_by_device ON proposals (device_hash);

CREATE TABLE proposal_events (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    happened_at INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('status', 'moderation')),
    value TEXT NOT NULL,
    reason TEXT,
    role TEXT NOT NULL
);
CREATE INDEX proposal_events_by_proposal ON proposal_events (proposal_id, happened_at);

CREATE TABLE proposal_stances (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    device_hash TEXT NOT NULL,
    stance TEXT NOT NULL CHECK (stance IN ('for', 'against')),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, device_hash)
);

CREATE TABLE proposal_comments (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    moderation TEXT NOT NULL CHECK (moderation IN ('pending', 'approved', 'rejected')),
    moderation_reason TEXT,
    held_for TEXT NOT NULL DEFAULT '',
    urgent INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX proposal_comments_by_proposal ON proposal_comments (proposal_id, created_at);
