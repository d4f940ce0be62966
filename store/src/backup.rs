//! `stemme backup` and `stemme restore`: a consistent copy of the database
//! taken while the server writes, and putting one back.
//!
//! SQLite: `VACUUM INTO` reads one snapshot (in WAL mode a read transaction,
//! so writers carry on) into a new file, which is checked with
//! `PRAGMA integrity_check` and synced before it gets the name asked for, so
//! a file with that name is always a whole backup. PostgreSQL: `pg_dump
//! --format=custom` (also one snapshot) and `pg_restore`, which must be on
//! `PATH` (Debian: `postgresql-client`).
//!
//! Every error is a sentence for the operator at the terminal.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

type Result<T> = std::result::Result<T, String>;

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Copies the database at `url` to the new file `to`.
pub async fn backup(url: &str, to: &Path) -> Result<String> {
    if to.exists() {
        return Err(format!("{} exists already: give the backup a new file name", to.display()));
    }
    let partial = sibling(to, "partial");
    let _ = std::fs::remove_file(&partial);
    if is_postgres(url) {
        run(Command::new("pg_dump").args(["--format=custom", "--no-owner", "--file"]).arg(&partial).arg("--dbname").arg(url))?;
    } else {
        let options = sqlite_options(url)?.read_only(true);
        let mut conn = options.connect().await.map_err(|e| format!("cannot open the database: {e}"))?;
        let target = partial.to_str().ok_or("the backup's path must be valid UTF-8")?;
        sqlx::query("VACUUM INTO ?").bind(target).execute(&mut conn).await.map_err(|e| format!("the copy failed: {e}"))?;
        let _ = conn.close().await;
        if let Err(e) = check_sqlite(&partial).await {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    }
    sync(&partial)?;
    std::fs::rename(&partial, to).map_err(|e| format!("cannot name the backup {}: {e}", to.display()))?;
    sync_dir(to);
    let bytes = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    Ok(format!("backed up to {} ({bytes} bytes)", to.display()))
}

/// Puts the backup `from` in place of the database at `url`. SQLite: the
/// file there is kept beside it (`….before-restore-<time>`); PostgreSQL: the
/// database's tables are replaced in one transaction. Stop the server first;
/// it migrates the restored data to its own version when it starts.
pub async fn restore(url: &str, from: &Path) -> Result<String> {
    if !from.is_file() {
        return Err(format!("{} is not a file", from.display()));
    }
    if is_postgres(url) {
        run(Command::new("pg_restore")
            .args(["--clean", "--if-exists", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname"])
            .arg(url)
            .arg(from))?;
        return Ok(format!("restored {} into the PostgreSQL database", from.display()));
    }
    check_sqlite(from).await?;
    let target = PathBuf::from(sqlite_options(url)?.get_filename());
    let incoming = sibling(&target, "restoring");
    std::fs::copy(from, &incoming).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), incoming.display()))?;
    sync(&incoming)?;
    let mut kept = String::new();
    if target.exists() {
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let aside = sibling(&target, &format!("before-restore-{stamp}"));
        // The write-ahead log belongs to the old file: it moves with it.
        for suffix in ["", "-wal", "-shm"] {
            let (a, b) = (with_suffix(&target, suffix), with_suffix(&aside, suffix));
            if a.exists() {
                std::fs::rename(&a, &b).map_err(|e| format!("cannot move {} aside: {e}", a.display()))?;
            }
        }
        kept = format!("; the database that was there is kept as {}", aside.display());
    }
    std::fs::rename(&incoming, &target).map_err(|e| format!("cannot put the copy in place: {e}"))?;
    sync_dir(&target);
    Ok(format!("restored {} to {}{kept}", from.display(), target.display()))
}

fn sqlite_options(url: &str) -> Result<SqliteConnectOptions> {
    if !url.starts_with("sqlite:") {
        return Err(format!("DATABASE_URL must start with sqlite: or postgres:// (got {:?})", crate::redact(url)));
    }
    // Never create a database here: a typo must not "back up" an empty one.
    SqliteConnectOptions::from_str(url).map(|o| o.create_if_missing(false)).map_err(|e| format!("bad DATABASE_URL: {e}"))
}

/// A whole, uncorrupted Stemme database, or why not.
async fn check_sqlite(path: &Path) -> Result<()> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = options.connect().await.map_err(|e| format!("{} is not a database: {e}", path.display()))?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| format!("{} is not a database: {e}", path.display()))?;
    if check != "ok" {
        return Err(format!("{} is damaged: {check}", path.display()));
    }
    let migrated: std::result::Result<i64, _> = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations").fetch_one(&mut conn).await;
    let _ = conn.close().await;
    match migrated {
        Ok(n) if n > 0 => Ok(()),
        _ => Err(format!("{} is not a Stemme database (it has no migrations)", path.display())),
    }
}

fn run(cmd: &mut Command) -> Result<()> {
    let name = cmd.get_program().to_string_lossy().to_string();
    let out = cmd.output().map_err(|e| format!("cannot run {name} (install postgresql-client): {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed: {}", String::from_utf8_lossy(&out.stderr).trim()))
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    with_suffix(path, &format!(".{suffix}"))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn sync(path: &Path) -> Result<()> {
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(|e| format!("cannot write {} to disk: {e}", path.display()))
}

/// The rename itself is durable only once the directory is synced.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_partial_file_sits_beside_the_backup() {
        assert_eq!(sibling(Path::new("/b/stemme-2026.db"), "partial"), PathBuf::from("/b/stemme-2026.db.partial"));
        assert_eq!(with_suffix(Path::new("data/stemme.db"), "-wal"), PathBuf::from("data/stemme.db-wal"));
    }

    #[tokio::test]
    async fn a_missing_database_or_a_file_that_is_not_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("none.db").display());
        let e = backup(&url, &dir.path().join("copy.db")).await.unwrap_err();
        assert!(e.contains("cannot open the database"), "{e}");
        assert!(!dir.path().join("none.db").exists(), "no empty database was created");
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"not a database at all, just some bytes").unwrap();
        let e = restore(&url, &junk).await.unwrap_err();
        assert!(e.contains("is not a database"), "{e}");
        assert!(backup("mysql://x", &dir.path().join("x.db")).await.unwrap_err().contains("must start with"));
    }
}
