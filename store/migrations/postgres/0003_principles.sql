-- The chain's principles, with every version kept: what changed, when,
-- and (from issue 4) after which proposal from young people.

CREATE TABLE principles (
    id BIGSERIAL PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    criterion BIGINT CHECK (criterion BETWEEN 1 AND 12),
    position BIGINT NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX principles_by_municipality ON principles (municipality_id, position);

CREATE TABLE principle_versions (
    principle_id BIGINT NOT NULL REFERENCES principles(id),
    version BIGINT NOT NULL,
    title_da TEXT NOT NULL,
    title_en TEXT NOT NULL,
    text_da TEXT NOT NULL,
    text_en TEXT NOT NULL,
    valid_from BIGINT NOT NULL,
    proposal_id BIGINT,
    PRIMARY KEY (principle_id, version)
);
