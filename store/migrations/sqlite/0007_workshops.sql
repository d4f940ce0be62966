-- Workshop mode. Participants are anonymous: a random token's hash, and an
-- optional nickname that is erased when the workshop closes.
CREATE TABLE workshops (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    title TEXT NOT NULL,
    code TEXT NOT NULL,
    activities TEXT NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('waiting', 'running', 'paused', 'closed')),
    current_activity INTEGER NOT NULL DEFAULT 0,
    revealed INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    closed_at INTEGER
);
-- A code names one open workshop; closed ones free it.
CREATE UNIQUE INDEX workshops_open_code ON workshops (code) WHERE phase <> 'closed';
CREATE INDEX workshops_municipality ON workshops (municipality_id, id);

CREATE TABLE workshop_participants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    token_hash TEXT NOT NULL,
    nickname TEXT,
    joined_at INTEGER NOT NULL,
    -- The last answer: claiming this row first serialises one phone's answers
    -- and checks, in the same transaction, that the activity is still open.
    answered_at INTEGER,
    UNIQUE (workshop_id, token_hash)
);

-- Poll, dot and statement answers: one row per participant and item, replaced
-- when they change their mind.
CREATE TABLE workshop_responses (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    activity INTEGER NOT NULL,
    participant_id INTEGER NOT NULL REFERENCES workshop_participants(id),
    item INTEGER NOT NULL,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, activity, participant_id, item)
);

-- Ideas are free text: masked before they are stored, held for the
-- facilitator when the checks found something.
CREATE TABLE workshop_ideas (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    activity INTEGER NOT NULL,
    participant_id INTEGER NOT NULL REFERENCES workshop_participants(id),
    text TEXT NOT NULL,
    moderation TEXT NOT NULL CHECK (moderation IN ('pending', 'approved', 'rejected')),
    held_for TEXT NOT NULL DEFAULT '',
    urgent INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX workshop_ideas_activity ON workshop_ideas (workshop_id, activity, id);

-- Ideas and statements turned into proposals (item: the idea's id or the
-- statement's index), so neither is promoted twice.
CREATE TABLE workshop_promotions (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    activity INTEGER NOT NULL,
    item INTEGER NOT NULL,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    PRIMARY KEY (workshop_id, activity, item)
);
