//! SQL for released workshop results (`domain::workshop::release`), the
//! same on both engines; `WorkshopStore` calls these.

/// Inherent methods on a store type: `released` and `save_release`.
macro_rules! impl_release_sql {
    ($ty:ty) => {
        impl $ty {
            /// (version, rows) of the activity's last release.
            pub(crate) async fn released_rows(
                &self,
                workshop_id: i64,
                activity: i64,
            ) -> Result<Option<(i64, Vec<::domain::workshop::results::Row>)>, StoreError> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT version, rows FROM workshop_releases WHERE workshop_id = $1 AND activity = $2")
                    .bind(workshop_id)
                    .bind(activity)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let rows: String = row.try_get("rows")?;
                let rows = serde_json::from_str(&rows).map_err(|e| StoreError::Corrupt(format!("released rows: {e}")))?;
                Ok(Some((row.try_get("version")?, rows)))
            }

            /// Stores a release made from `version` (0: the first); `false`
            /// when another instance released meanwhile (theirs stands).
            pub(crate) async fn store_release(
                &self,
                workshop_id: i64,
                activity: i64,
                version: i64,
                rows: &[::domain::workshop::results::Row],
            ) -> Result<bool, StoreError> {
                let rows = serde_json::to_string(rows).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let done = if version == 0 {
                    sqlx::query(
                        "INSERT INTO workshop_releases (workshop_id, activity, version, rows) VALUES ($1, $2, 1, $3)
                         ON CONFLICT (workshop_id, activity) DO NOTHING",
                    )
                    .bind(workshop_id)
                    .bind(activity)
                    .bind(rows)
                    .execute(&self.pool)
                    .await?
                } else {
                    sqlx::query(
                        "UPDATE workshop_releases SET rows = $1, version = version + 1
                         WHERE workshop_id = $2 AND activity = $3 AND version = $4",
                    )
                    .bind(rows)
                    .bind(workshop_id)
                    .bind(activity)
                    .bind(version)
                    .execute(&self.pool)
                    .await?
                };
                Ok(done.rows_affected() == 1)
            }
        }
    };
}
pub(super) use impl_release_sql;
