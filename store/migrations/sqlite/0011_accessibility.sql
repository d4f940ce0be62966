-- The municipality's accessibility statement (tilgængelighedserklæring).
ALTER TABLE municipalities ADD COLUMN a11y_status TEXT NOT NULL DEFAULT 'partial';
ALTER TABLE municipalities ADD COLUMN a11y_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN a11y_checked_on TEXT;
ALTER TABLE municipalities ADD COLUMN a11y_known_issues TEXT NOT NULL DEFAULT '';
