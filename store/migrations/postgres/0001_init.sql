CREATE TABLE municipalities (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    accessibility_url TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE services (
    id BIGSERIAL PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description_da TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('internal', 'external')),
    category TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    position BIGINT NOT NULL DEFAULT 0,
    UNIQUE (municipality_id, slug)
);

CREATE TABLE questions (
    id BIGSERIAL PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    key TEXT NOT NULL,
    criterion BIGINT NOT NULL CHECK (criterion BETWEEN 1 AND 12),
    kind TEXT NOT NULL CHECK (kind IN ('scale', 'choice')),
    min_value BIGINT,
    max_value BIGINT,
    text_da TEXT NOT NULL,
    text_en TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]',
    position BIGINT NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (municipality_id, key)
);

-- No IP address and no user agent, ever. device_hash is SHA-256 of the
-- random device cookie, used only to let a device replace its own rating.
CREATE TABLE ratings (
    id BIGSERIAL PRIMARY KEY,
    service_id BIGINT NOT NULL REFERENCES services(id),
    device_hash TEXT NOT NULL,
    comment TEXT,
    age_band TEXT,
    came_from_service_id BIGINT REFERENCES services(id),
    channel TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ratings_by_device ON ratings (device_hash, service_id, created_at);
CREATE INDEX ratings_by_service ON ratings (service_id, created_at);

CREATE TABLE rating_answers (
    rating_id BIGINT NOT NULL REFERENCES ratings(id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    value BIGINT,
    choice TEXT,
    PRIMARY KEY (rating_id, question_key)
);
