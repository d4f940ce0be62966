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

/// Copies the database at `url` to the new file `to` (mode 0600: it holds
/// everything the database does).
pub async fn backup(url: &str, to: &Path) -> Result<String> {
    if to.exists() {
        return Err(format!("{} exists already: give the backup a new file name", to.display()));
    }
    // Named for this run, so two runs never write into each other's file.
    let partial = sibling(to, &format!("partial-{}", std::process::id()));
    let result = write_backup(url, &partial).await.and_then(|()| {
        sync(&partial)?;
        // A hard link refuses to replace a file that appeared meanwhile.
        std::fs::hard_link(&partial, to).map_err(|e| format!("cannot name the backup {}: {e}", to.display()))
    });
    let _ = std::fs::remove_file(&partial);
    result?;
    sync_dir(to);
    let bytes = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    Ok(format!("backed up to {} ({bytes} bytes)", to.display()))
}

async fn write_backup(url: &str, partial: &Path) -> Result<()> {
    if is_postgres(url) {
        // Created first with mode 0600; pg_dump keeps the mode of the file it truncates.
        private_file(partial)?;
        let (url, password) = without_password(url);
        let mut cmd = Command::new("pg_dump");
        cmd.args(["--format=custom", "--no-owner", "--file"]).arg(partial).arg("--dbname").arg(url);
        return run(with_password(&mut cmd, password));
    }
    let options = sqlite_options(url)?.read_only(true);
    let mut conn = options.connect().await.map_err(|e| format!("cannot open the database: {e}"))?;
    let target = partial.to_str().ok_or("the backup's path must be valid UTF-8")?;
    let copied = sqlx::query("VACUUM INTO ?").bind(target).execute(&mut conn).await.map_err(|e| format!("the copy failed: {e}"));
    let _ = conn.close().await;
    copied?;
    restrict(partial)?;
    check_sqlite(partial).await
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
        // Into an empty database only: nothing that is there is ever
        // overwritten, and no newer schema is mixed with an older one.
        let tables = count_tables(url).await?;
        if tables > 0 {
            return Err(format!(
                "the database has {tables} tables already: restore into a new, empty database (createdb) and point DATABASE_URL at it"
            ));
        }
        let (bare, password) = without_password(url);
        let mut cmd = Command::new("pg_restore");
        cmd.args(["--no-owner", "--exit-on-error", "--single-transaction", "--dbname"]).arg(bare).arg(from);
        run(with_password(&mut cmd, password))?;
        return Ok(format!("restored {} into the PostgreSQL database", from.display()));
    }
    check_sqlite(from).await?;
    let target = PathBuf::from(sqlite_options(url)?.get_filename());
    // A server that has the database open keeps its write-ahead log beside
    // it; its writes would go to the file moved aside and be lost.
    if with_suffix(&target, "-wal").exists() {
        return Err(format!(
            "{} is in use or was not closed cleanly ({}-wal exists): stop the server first (start and stop it once after a crash)",
            target.display(),
            target.display()
        ));
    }
    let incoming = sibling(&target, "restoring");
    std::fs::copy(from, &incoming).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), incoming.display()))?;
    restrict(&incoming)?;
    // The server (perhaps another user) must own what it opens.
    if let Ok(old) = std::fs::metadata(&target) {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::chown(&incoming, Some(old.uid()), Some(old.gid()));
    }
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

/// Tables in the PostgreSQL database's schemas (not the system's).
async fn count_tables(url: &str) -> Result<i64> {
    let mut conn = sqlx::PgConnection::connect(url).await.map_err(|e| format!("cannot open the database: {e}"))?;
    let n = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(|e| format!("cannot read the database: {e}"))?;
    let _ = conn.close().await;
    Ok(n)
}

/// The URL without its password, and the password: a command line is
/// readable by every local user (`ps`), the environment is not.
fn without_password(url: &str) -> (String, Option<String>) {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return (url.to_string(), None) };
    let rest = &url[scheme_end..];
    let Some(at) = rest.find('@') else { return (url.to_string(), None) };
    match rest[..at].split_once(':') {
        Some((user, password)) => (format!("{}{user}{}", &url[..scheme_end], &rest[at..]), Some(domain::return_path::percent_decode(password))),
        None => (url.to_string(), None),
    }
}

fn with_password(cmd: &mut Command, password: Option<String>) -> &mut Command {
    if let Some(p) = password {
        cmd.env("PGPASSWORD", p);
    }
    cmd
}

/// A new, empty file only its owner can read.
fn private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(|_| ())
        .map_err(|e| format!("cannot create {}: {e}", path.display()))
}

fn restrict(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| format!("cannot protect {}: {e}", path.display()))
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
    fn the_password_goes_to_the_environment_not_the_command_line() {
        assert_eq!(
            without_password("postgres://stemme:s%40cret@db.internal:5432/stemme"),
            ("postgres://stemme@db.internal:5432/stemme".to_string(), Some("s@cret".to_string()))
        );
        assert_eq!(without_password("postgres://postgres@127.0.0.1/x"), ("postgres://postgres@127.0.0.1/x".to_string(), None));
    }

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
