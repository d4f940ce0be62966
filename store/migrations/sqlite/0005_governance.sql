-- The governance view reads rollups, not ratings: every rating write keeps
-- these cells current in the same transaction (see domain::governance::rollup).
-- month is YYYYMM in Danish time; question_key '' is the rating itself;
-- choice is the option of a choice answer ('' otherwise); age_band '' = not given.

CREATE TABLE rollup_answers (
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    service_id INTEGER NOT NULL REFERENCES services(id),
    month INTEGER NOT NULL,
    question_key TEXT NOT NULL,
    choice TEXT NOT NULL,
    age_band TEXT NOT NULL,
    channel TEXT NOT NULL,
    n INTEGER NOT NULL,
    total INTEGER NOT NULL,
    total_sq INTEGER NOT NULL,
    PRIMARY KEY (municipality_id, month, service_id, question_key, choice, age_band, channel)
);

-- The same without age band and channel: what an unfiltered view reads
-- (a few thousand rows however many ratings there are).
CREATE TABLE rollup_totals (
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    service_id INTEGER NOT NULL REFERENCES services(id),
    month INTEGER NOT NULL,
    question_key TEXT NOT NULL,
    choice TEXT NOT NULL,
    n INTEGER NOT NULL,
    total INTEGER NOT NULL,
    total_sq INTEGER NOT NULL,
    PRIMARY KEY (municipality_id, month, service_id, question_key, choice)
);

-- Handovers: ratings that name the service the young person came from
-- (over all ages and channels, to stay small).
CREATE TABLE rollup_handovers (
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    from_service_id INTEGER NOT NULL REFERENCES services(id),
    service_id INTEGER NOT NULL REFERENCES services(id),
    month INTEGER NOT NULL,
    question_key TEXT NOT NULL,
    n INTEGER NOT NULL,
    total INTEGER NOT NULL,
    total_sq INTEGER NOT NULL,
    PRIMARY KEY (municipality_id, month, service_id, from_service_id, question_key)
);

-- One-off jobs the server runs at start-up (after this migration: fill the
-- rollups from the ratings already stored).
CREATE TABLE maintenance (
    task TEXT PRIMARY KEY
);
INSERT INTO maintenance (task) VALUES ('rebuild_rollups');

-- Cross-municipality comparison is opt-in.
ALTER TABLE municipalities ADD COLUMN compare_opt_in INTEGER NOT NULL DEFAULT 0;
