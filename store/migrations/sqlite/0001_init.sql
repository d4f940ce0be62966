CREATE TABLE municipalities (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    accessibility_url TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description_da TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('internal', 'external')),
    category TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (municipality_id, slug)
);

CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    key TEXT NOT NULL,
    criterion INTEGER NOT NULL CHECK (criterion BETWEEN 1 AND 12),
    kind TEXT NOT NULL CHECK (kind IN ('scale', 'choice')),
    min_value INTEGER,
    max_value INTEGER,
    text_da TEXT NOT NULL,
    text_en TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (municipality_id, key)
);

-- No IP address and no user agent, ever. device_hash is SHA-256 of the
-- random device cookie, used only to let a device replace its own rating.
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services(id),
    device_hash TEXT NOT NULL,
    comment TEXT,
    age_band TEXT,
    came_from_service_id INTEGER REFERENCES services(id),
    channel TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX ratings_by_device ON ratings (device_hash, service_id, created_at);
CREATE INDEX ratings_by_service ON ratings (service_id, created_at);

CREATE TABLE rating_answers (
    rating_id INTEGER NOT NULL REFERENCES ratings(id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    value INTEGER,
    choice TEXT,
    PRIMARY KEY (rating_id, question_key)
);
