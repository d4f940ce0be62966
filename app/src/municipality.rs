//! Records (workshops, proposals) point at their municipality by id, while
//! roles and URLs name it by slug: this turns the one into the other.

use crate::domain::Municipality;
use crate::store::{DynStore, StoreError};

/// The municipality with this id; `None` when there is none.
pub async fn by_id(store: &DynStore, id: i64) -> Result<Option<Municipality>, StoreError> {
    Ok(store.municipalities().await?.into_iter().find(|m| m.id == id))
}
