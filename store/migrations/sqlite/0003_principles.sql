-- The chain's principles, with every version kept: what changed, when,
-- and (from issue 4) after which proposal from young people.

CREATE TABLE principles (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    criterion INTEGER CHECK (criterion BETWEEN 1 AND 12),
    position INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
CREATE INDEX principles_by_municipality ON principles (municipality_id, position);

CREATE TABLE principle_versions (
    principle_id INTEGER NOT NULL REFERENCES principles(id),
    version INTEGER NOT NULL,
    title_da TEXT NOT NULL,
    title_en TEXT NOT NULL,
    text_da TEXT NOT NULL,
    text_en TEXT NOT NULL,
    valid_from INTEGER NOT NULL,
    proposal_id INTEGER,
    PRIMARY KEY (principle_id, version)
);
