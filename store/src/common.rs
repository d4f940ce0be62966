//! Rows read the same way by several parts of the store.

use super::{Municipality, StoreError};
use domain::question::{Question, QuestionKind};
use domain::rating::Answer;
use domain::service::{Service, ServiceKind};

pub(super) const SELECT_SERVICE: &str = "SELECT id, slug, name, description_da, description_en, kind, category, active FROM services";
pub(super) const SELECT_QUESTION: &str = "SELECT key, criterion, kind, min_value, max_value, text_da, text_en, options FROM questions";

pub(super) fn municipality_from<R: sqlx::Row>(r: &R) -> Result<Municipality, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    Ok(Municipality {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        name: r.try_get("name")?,
        accessibility_url: r.try_get("accessibility_url")?,
        retention_months: r.try_get("retention_months")?,
        response_days: r.try_get("response_days")?,
    })
}

pub(super) fn service_from<R: sqlx::Row>(r: &R) -> Result<Service, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    bool: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    let kind: String = r.try_get("kind")?;
    Ok(Service {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        name: r.try_get("name")?,
        description_da: r.try_get("description_da")?,
        description_en: r.try_get("description_en")?,
        kind: ServiceKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("service kind {kind}")))?,
        category: r.try_get("category")?,
        active: r.try_get("active")?,
    })
}

pub(super) fn question_from<R: sqlx::Row>(r: &R) -> Result<Question, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    let kind: String = r.try_get("kind")?;
    let options: String = r.try_get("options")?;
    Ok(Question {
        key: r.try_get("key")?,
        criterion: r.try_get("criterion")?,
        kind: QuestionKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("question kind {kind}")))?,
        min: r.try_get("min_value")?,
        max: r.try_get("max_value")?,
        text_da: r.try_get("text_da")?,
        text_en: r.try_get("text_en")?,
        options: serde_json::from_str(&options).map_err(|e| StoreError::Corrupt(format!("question options: {e}")))?,
    })
}

pub(super) fn answer_from(value: Option<i64>, choice: Option<String>) -> Result<Answer, StoreError> {
    match (value, choice) {
        (Some(v), None) => Ok(Answer::Scale(v)),
        (None, Some(c)) => Ok(Answer::Choice(c)),
        _ => Err(StoreError::Corrupt("answer has both or neither value and choice".into())),
    }
}

pub(super) fn answer_columns(a: &Answer) -> (Option<i64>, Option<String>) {
    match a {
        Answer::Scale(v) => (Some(*v), None),
        Answer::Choice(c) => (None, Some(c.clone())),
    }
}
