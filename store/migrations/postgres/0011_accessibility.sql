-- The municipality's accessibility statement (tilgængelighedserklæring).
ALTER TABLE municipalities
    ADD COLUMN a11y_status TEXT NOT NULL DEFAULT 'partial',
    ADD COLUMN a11y_contact TEXT NOT NULL DEFAULT '',
    ADD COLUMN a11y_checked_on TEXT,
    ADD COLUMN a11y_known_issues TEXT NOT NULL DEFAULT '';
