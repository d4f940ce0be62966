-- Assumption checks (criterion 12). Answers are ordinary rating answers under
-- question_key 'antagelse-<id>', so the rollups count them like any other.
CREATE TABLE assumptions (
    id BIGSERIAL PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    statement TEXT NOT NULL,
    question_da TEXT NOT NULL,
    question_en TEXT NOT NULL,
    supports TEXT NOT NULL CHECK (supports IN ('ja', 'nej')),
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    verdict TEXT CHECK (verdict IN ('holds', 'does_not_hold', 'unclear')),
    verdict_note TEXT,
    verdict_at BIGINT,
    verdict_by TEXT
);
CREATE INDEX assumptions_municipality ON assumptions (municipality_id, id);
