//! The baseline for the rating-ingest benchmark: a loop that inserts a
//! rating and its answer, one transaction each, straight through the same
//! pool Stemme opens (same WAL / `synchronous = FULL` on SQLite, same
//! `synchronous_commit` on PostgreSQL), with none of Stemme's work around
//! it (HTTP, validation, device lookup, masking, governance roll-ups).
//! Run by `bench/http.sh`; prints "raw_insert <rows/s>".
//!
//!   raw_insert --database-url sqlite:/tmp/x.db --seconds 10 [--writers 1]

use std::time::{Duration, Instant};

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| default.to_string())
}

macro_rules! insert_loop {
    ($pool:expr, $service:expr, $until:expr, $writer:expr) => {{
        let mut n: u64 = 0;
        while Instant::now() < $until {
            let mut tx = $pool.begin().await.expect("begin");
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO ratings (service_id, device_hash, comment, age_band, came_from_service_id, channel, created_at, updated_at)
                 VALUES ($1, $2, NULL, NULL, NULL, 'web', $3, $3) RETURNING id",
            )
            .bind($service)
            .bind(format!("raw-{}-{n}", $writer))
            .bind(app::domain::policy::now())
            .fetch_one(&mut *tx)
            .await
            .expect("insert rating");
            sqlx::query("INSERT INTO rating_answers (rating_id, question_key, value, choice) VALUES ($1, 'listened', 4, NULL)")
                .bind(id)
                .execute(&mut *tx)
                .await
                .expect("insert answer");
            tx.commit().await.expect("commit");
            n += 1;
        }
        n
    }};
}

#[tokio::main]
async fn main() {
    let url = arg("--database-url", "sqlite:target/raw_insert.db");
    let seconds: u64 = arg("--seconds", "10").parse().expect("--seconds is a number");
    let writers: u64 = arg("--writers", "1").parse().expect("--writers is a number");
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    if url.starts_with("sqlite:") {
        let store = app::store::sqlite::SqliteStore::open(&url).await.expect("open SQLite");
        let (service,): (i64,) = sqlx::query_as("SELECT id FROM services WHERE slug = 'fgu' LIMIT 1")
            .fetch_one(&store.pool)
            .await
            .expect("the demo's fgu service");
        for w in 0..writers {
            let pool = store.pool.clone();
            tasks.push(tokio::spawn(async move { insert_loop!(pool, service, until, w) }));
        }
    } else {
        let store = app::store::postgres::PgStore::open(&url).await.expect("open PostgreSQL");
        let (service,): (i64,) = sqlx::query_as("SELECT id FROM services WHERE slug = 'fgu' LIMIT 1")
            .fetch_one(&store.pool)
            .await
            .expect("the demo's fgu service");
        for w in 0..writers {
            let pool = store.pool.clone();
            tasks.push(tokio::spawn(async move { insert_loop!(pool, service, until, w) }));
        }
    }
    let mut total = 0;
    for t in tasks {
        total += t.await.expect("writer");
    }
    println!("raw_insert {:.0}", total as f64 / started.elapsed().as_secs_f64());
}
