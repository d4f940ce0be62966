//! The schema migrations, embedded in the binary. Listed by hand instead of
//! `sqlx::migrate!`: the macro pulls sqlx's compile-time machinery (a second
//! build of sqlx and of SQLite's C source for the release profile) into every
//! build for one directory listing. The test below fails when a file in
//! `migrations/` is not listed here, or listed with another file's SQL.

use sqlx::migrate::{Migration, MigrationType, Migrator};
use std::borrow::Cow;

/// (file name, SQL) of each SQLite migration, in order.
pub const SQLITE: &[(&str, &str)] = &[
    ("0001_init.sql", include_str!("../migrations/sqlite/0001_init.sql")),
    ("0002_staff.sql", include_str!("../migrations/sqlite/0002_staff.sql")),
    ("0003_principles.sql", include_str!("../migrations/sqlite/0003_principles.sql")),
    ("0004_proposals.sql", include_str!("../migrations/sqlite/0004_proposals.sql")),
    ("0005_governance.sql", include_str!("../migrations/sqlite/0005_governance.sql")),
    ("0006_assumptions.sql", include_str!("../migrations/sqlite/0006_assumptions.sql")),
    ("0007_workshops.sql", include_str!("../migrations/sqlite/0007_workshops.sql")),
    ("0008_release.sql", include_str!("../migrations/sqlite/0008_release.sql")),
    ("0010_privacy_limits.sql", include_str!("../migrations/sqlite/0010_privacy_limits.sql")),
    ("0011_accessibility.sql", include_str!("../migrations/sqlite/0011_accessibility.sql")),
    ("0012_second_factor.sql", include_str!("../migrations/sqlite/0012_second_factor.sql")),
    ("0013_single_sign_on.sql", include_str!("../migrations/sqlite/0013_single_sign_on.sql")),
    ("0014_passkeys.sql", include_str!("../migrations/sqlite/0014_passkeys.sql")),
];

/// (file name, SQL) of each PostgreSQL migration, in order.
pub const POSTGRES: &[(&str, &str)] = &[
    ("0001_init.sql", include_str!("../migrations/postgres/0001_init.sql")),
    ("0002_staff.sql", include_str!("../migrations/postgres/0002_staff.sql")),
    ("0003_principles.sql", include_str!("../migrations/postgres/0003_principles.sql")),
    ("0004_proposals.sql", include_str!("../migrations/postgres/0004_proposals.sql")),
    ("0005_governance.sql", include_str!("../migrations/postgres/0005_governance.sql")),
    ("0006_assumptions.sql", include_str!("../migrations/postgres/0006_assumptions.sql")),
    ("0007_workshops.sql", include_str!("../migrations/postgres/0007_workshops.sql")),
    ("0008_release.sql", include_str!("../migrations/postgres/0008_release.sql")),
    ("0010_privacy_limits.sql", include_str!("../migrations/postgres/0010_privacy_limits.sql")),
    ("0011_accessibility.sql", include_str!("../migrations/postgres/0011_accessibility.sql")),
    ("0012_second_factor.sql", include_str!("../migrations/postgres/0012_second_factor.sql")),
    ("0013_single_sign_on.sql", include_str!("../migrations/postgres/0013_single_sign_on.sql")),
    ("0014_passkeys.sql", include_str!("../migrations/postgres/0014_passkeys.sql")),
];

/// A migrator for `files`, exactly as `sqlx::migrate!` builds one: version and
/// description from `NNNN_words_here.sql`, the checksum over the SQL, so a
/// database migrated by either recognises the other's records.
pub fn migrator(files: &'static [(&'static str, &'static str)]) -> Migrator {
    let migrations = files
        .iter()
        .map(|(file, sql)| {
            let stem = file.trim_end_matches(".sql");
            let (version, description) = stem.split_once('_').unwrap_or((stem, ""));
            // A malformed name is a bug caught by the tests below, at build time of the list.
            let version = version.parse().unwrap_or(0);
            let no_tx = sql.starts_with("-- no-transaction");
            Migration::new(version, Cow::Owned(description.replace('_', " ")), MigrationType::Simple, Cow::Borrowed(sql), no_tx)
        })
        .collect::<Vec<_>>();
    Migrator { migrations: Cow::Owned(migrations), ..Migrator::DEFAULT }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(dir: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(dir)
    }

    fn on_disk(dir: &str) -> Vec<String> {
        let path = self::dir(dir);
        let mut names: Vec<String> = std::fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_migration_file_is_embedded_in_order() {
        for (dir, list) in [("sqlite", SQLITE), ("postgres", POSTGRES)] {
            let listed: Vec<String> = list.iter().map(|(f, _)| f.to_string()).collect();
            assert_eq!(listed, on_disk(dir), "store/src/migrations.rs must list every file of migrations/{dir}");
            for (file, sql) in list {
                let path = self::dir(dir).join(file);
                assert_eq!(std::fs::read_to_string(&path).unwrap(), *sql, "{} is embedded under its own name", path.display());
            }
        }
    }

    #[test]
    fn versions_and_descriptions_follow_the_file_names() {
        for list in [SQLITE, POSTGRES] {
            let m = migrator(list);
            let versions: Vec<i64> = m.iter().map(|m| m.version).collect();
            assert!(versions.windows(2).all(|w| w[0] < w[1]) && versions[0] == 1, "{versions:?}");
            assert_eq!(m.iter().last().unwrap().description, "passkeys");
        }
    }
}
