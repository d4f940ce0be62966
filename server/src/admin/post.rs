//! What every admin area's form handler starts from: the form read, the
//! signed-in staff member holding the area's role, and the municipality.

use super::{again, store_failed};
use crate::forms::{read_form, see_other};
use app::catalogue::Editor;
use app::domain::form::Fields;
use app::domain::rating::FieldErrors;
use app::domain::staff::{Role, Staff, ADMIN_AREAS};
use app::domain::Municipality;
use app::pages::AdminEcho;
use app::state::AppState;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What every area handler starts from.
pub(crate) struct Post {
    pub parts: Parts,
    pub pairs: Vec<(String, String)>,
    pub staff: Staff,
    pub municipality: Municipality,
    pub page: String,
}

pub(crate) async fn post(state: &AppState, m: &str, area: &str, req: Request) -> Result<Post, Response> {
    let (parts, body) = req.into_parts();
    let pairs = read_form(&parts, body).await?;
    let staff = parts.extensions.get::<Staff>().cloned().ok_or_else(|| StatusCode::UNAUTHORIZED.into_response())?;
    // The gate checked the path; check the decoded slug again, here where it is used.
    let role = ADMIN_AREAS.iter().find(|(a, _)| *a == area).map_or(Role::Admin, |(_, r)| *r);
    if !staff.has_role(m, role) {
        return Err(if staff.works_in(m) { StatusCode::FORBIDDEN } else { StatusCode::NOT_FOUND }.into_response());
    }
    let municipality = match app::municipality::by_slug(&state.store, m).await {
        Ok(Some(found)) => found,
        Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(e) => return Err(store_failed(e)),
    };
    Ok(Post { parts, pairs, staff, municipality, page: format!("/admin/{m}/{area}") })
}

impl Post {
    pub(crate) fn fields(&self) -> Fields<'_> {
        Fields::new(&self.pairs)
    }

    /// Who changes what, for the catalogue's use cases.
    pub(crate) fn editor(&self) -> Editor<'_> {
        Editor { municipality_id: self.municipality.id, actor: &self.staff.email }
    }

    pub(crate) async fn refused(self, state: AppState, form: String, errors: FieldErrors) -> Response {
        let echo = AdminEcho { form, values: self.pairs, errors, ..Default::default() };
        again(state, self.parts, &self.page, echo, StatusCode::UNPROCESSABLE_ENTITY).await
    }

    pub(crate) fn done(&self, code: &str) -> Response {
        see_other(&format!("{}?ok={code}", self.page))
    }
}

macro_rules! start {
    ($state:expr, $m:expr, $area:expr, $req:expr) => {
        match $crate::admin::post::post(&$state, &$m, $area, $req).await {
            Ok(p) => p,
            Err(r) => return r,
        }
    };
}

pub(crate) use start;
