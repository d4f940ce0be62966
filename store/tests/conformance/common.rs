//! A fresh database of either engine, and the small builders the scenarios
//! share. PostgreSQL must be reachable: these tests fail, never skip.
#![allow(dead_code)]

use domain::rating::{Answer, ValidRating};
use domain::Municipality;
use store::{DynStore, NewRating};

/// 2026-11-21 12:00 UTC (month 202611 in Danish time).
pub const NOW: i64 = 1_795_428_000;
pub const DAY: i64 = 24 * 3600;

pub use store::testing::Engine;
use store::testing::FreshDb;

/// A fresh, migrated database of one engine. Dropping it removes it.
pub struct TestDb {
    pub store: DynStore,
    db: FreshDb,
}

impl std::ops::Deref for TestDb {
    type Target = FreshDb;
    fn deref(&self) -> &FreshDb {
        &self.db
    }
}

impl TestDb {
    pub async fn new(engine: Engine) -> TestDb {
        let db = FreshDb::new(engine).await;
        let store = store::connect(&db.url).await.expect("store connects and migrates");
        TestDb { store, db }
    }

    /// A second store on the same database (another instance of the server).
    pub async fn second_store(&self) -> DynStore {
        store::connect(&self.db.url).await.expect("second store")
    }
}

/// Runs each scenario `async fn name(db: TestDb)` on both engines, as two
/// tests: `<module>::sqlite::name` and `<module>::postgres::name`.
#[macro_export]
macro_rules! both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::TestDb::new($crate::common::Engine::Sqlite).await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::TestDb::new($crate::common::Engine::Postgres).await).await;
                }
            )*
        }
    };
}

/// A new municipality (default questions and principles, no services).
pub async fn municipality(store: &DynStore, slug: &str) -> Municipality {
    assert!(store.seed_municipality(&domain::demo::new_municipality(slug, &format!("{slug} Kommune"))).await.unwrap());
    store.municipality(slug).await.unwrap().expect("seeded")
}

pub fn service_input(slug: &str, name: &str) -> domain::catalogue::ServiceInput {
    domain::catalogue::ServiceInput {
        slug: slug.into(),
        name: name.into(),
        description_da: format!("{name} (da)"),
        description_en: format!("{name} (en)"),
        kind: domain::service::ServiceKind::Internal,
        category: "uu".into(),
        active: true,
    }
}

/// Adds an active service; its id.
pub async fn service(store: &DynStore, municipality_id: i64, slug: &str) -> i64 {
    store.add_service(municipality_id, &service_input(slug, &slug.to_uppercase())).await.unwrap()
}

/// A rating from `device` of a service, on the web, without comment.
pub fn rating(service_id: i64, device: &str, answers: &[(&str, Answer)], now: i64) -> NewRating {
    NewRating {
        service_id,
        device_hash: device.into(),
        came_from_service_id: None,
        rating: ValidRating {
            answers: answers.iter().map(|(k, a)| (k.to_string(), a.clone())).collect(),
            comment: None,
            age_band: None,
            came_from: None,
            channel: "web".into(),
        },
        comment_review: Default::default(),
        now,
    }
}

/// "listened" on the 1–5 scale.
pub fn listened(v: i64) -> Vec<(&'static str, Answer)> {
    vec![("listened", Answer::Scale(v))]
}
