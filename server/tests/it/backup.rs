//! `stemme backup` while young people rate, then `stemme restore` into a
//! fresh database: every rating acknowledged before the backup started is
//! in the copy. Bad input gets a sentence and exit code 1. Both engines.

use crate::common::{dump_text, spawn_app, Engine, TestDb};
use serde_json::json;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn stemme(url: &str, args: &[&str], path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stemme"))
        .args(args)
        .arg(path)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("stemme runs")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn refused(o: &Output, says: &str) {
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(says), "{err}");
}

async fn a_backup_under_load_keeps_every_acknowledged_rating(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let url = app.url("/api/v1/municipalities/demo/services/fgu/ratings");
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (acked, stop, url) = (acked.clone(), stop.clone(), url.clone());
        writers.push(tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let comment = format!("backup-{w}-{i}");
                // A fresh client per rating: a new device, so a new rating.
                let r = reqwest::Client::new().post(&url).json(&json!({ "answers": { "listened": 1 + i % 5 }, "comment": comment })).send().await;
                if r.is_ok_and(|r| r.status().as_u16() == 201) {
                    acked.lock().unwrap().push(comment);
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stemme-backup");
    // Everything acknowledged up to here must be in the copy.
    let before: Vec<String> = acked.lock().unwrap().clone();
    let out = tokio::task::spawn_blocking({
        let (db_url, file) = (db.url.clone(), file.clone());
        move || stemme(&db_url, &["backup"], &file)
    })
    .await
    .unwrap();
    assert!(ok(&out).contains("backed up to"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600, "only its owner can read the copy");
    assert!(std::fs::read_dir(dir.path()).unwrap().count() == 1, "no partial file is left");
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    assert!(before.len() >= 10, "the writers wrote before the backup: {}", before.len());
    assert!(acked.lock().unwrap().len() > before.len(), "and went on while it ran");
    refused(&stemme(&db.url, &["backup"], &file), "exists already");

    // Restore into a fresh database, which the server then opens and migrates.
    let fresh = TestDb::new(engine).await;
    let sqlite_file = fresh.url.strip_prefix("sqlite:").map(std::path::PathBuf::from);
    if let Some(path) = &sqlite_file {
        // A database is already there: it is kept, not overwritten. While
        // its write-ahead log is there (a server has it open), nothing moves.
        std::fs::write(path, b"").unwrap();
        let wal = format!("{}-wal", path.display());
        std::fs::write(&wal, b"").unwrap();
        refused(&stemme(&fresh.url, &["restore"], &file), "stop the server first");
        std::fs::remove_file(&wal).unwrap();
    }
    let said = ok(&stemme(&fresh.url, &["restore"], &file));
    assert!(said.contains("restored"), "{said}");
    if let Some(path) = &sqlite_file {
        assert!(said.contains("is kept as"), "{said}");
        let kept = std::fs::read_dir(path.parent().unwrap()).unwrap().filter_map(Result::ok).any(|e| {
            e.file_name().to_string_lossy().contains("before-restore-")
        });
        assert!(kept, "the database that was there is still there");
    } else {
        refused(&stemme(&fresh.url, &["restore"], &file), "restore into a new, empty database");
    }
    app::store::connect(&fresh.url).await.expect("the restored database opens and migrates");
    let copied: HashSet<String> = dump_text(&fresh.url, "SELECT comment FROM ratings").await.lines().map(str::to_string).collect();
    let missing: Vec<&String> = before.iter().filter(|c| !copied.contains(*c)).collect();
    assert!(missing.is_empty(), "{} acknowledged before the backup are missing: {missing:?}", missing.len());

    // Not a backup: refused with a reason, and the database is untouched.
    let junk = dir.path().join("junk");
    std::fs::write(&junk, b"this is not a database").unwrap();
    if engine == Engine::Sqlite {
        refused(&stemme(&fresh.url, &["restore"], &junk), "is not a database");
    } else {
        let empty = TestDb::new(engine).await;
        refused(&stemme(&empty.url, &["restore"], &junk), "pg_restore failed");
    }
    refused(&stemme(&fresh.url, &["restore"], &dir.path().join("nowhere")), "is not a file");
    let still: HashSet<String> = dump_text(&fresh.url, "SELECT comment FROM ratings").await.lines().map(str::to_string).collect();
    assert_eq!(still, copied);
}

both_engines!(a_backup_under_load_keeps_every_acknowledged_rating);
