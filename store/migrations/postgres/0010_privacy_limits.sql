-- Issue 16 (items 6 and 3).

-- Which municipality's admin made a set-password link (NULL: the server's
-- CLI). Such a link only works while the account works nowhere else, checked
-- when it is used. Links made before this count as the server's.
ALTER TABLE password_links ADD COLUMN issued_for BIGINT REFERENCES municipalities(id);

-- The last released answers of each workshop activity (JSON rows
-- [{participant, item, value}]): revealed results show these, and move only
-- when five people answered anew since (domain::workshop::release). Stored,
-- so every instance serving a room shows the same figure.
CREATE TABLE workshop_releases (
    workshop_id BIGINT NOT NULL REFERENCES workshops(id),
    activity BIGINT NOT NULL,
    version BIGINT NOT NULL,
    rows TEXT NOT NULL,
    PRIMARY KEY (workshop_id, activity)
);
