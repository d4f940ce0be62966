use super::live::Hub;
use super::{ActivityReport, Report};
use crate::codesign::review;
use crate::domain::moderation::screen;
use crate::domain::policy::now;
use crate::domain::proposal::{Moderation, ProposalInput, ProposalKind, TITLE_MAX};
use crate::domain::rating::{FieldError, FieldErrors};
use crate::domain::workshop::code::{new_code, normalize};
use crate::domain::workshop::release::release;
use crate::domain::workshop::response::ResponseInput;
use crate::domain::workshop::results::{answered, results, Row};
use crate::domain::workshop::{Activity, ActivityDraft, Command, Plan, PlanRules, Results, Snapshot, Workshop};
use crate::domain::{receipt, Municipality};
use crate::staff::audit;
use crate::store::proposals::{NewProposal, PromotedFrom, Review};
use crate::store::workshops::{NewWorkshop, Promotion, Saved};
use crate::store::{DynStore, StoreError};

/// Why a workshop action did not happen. HTTP: `NotFound` → 404,
/// `Invalid` → 422, `NotJoined` → 403, `Conflict` / `NotNow` / `Full` → 409,
/// `Store` → 503/500.
#[derive(Debug)]
pub enum WorkshopError {
    NotFound,
    Invalid(FieldErrors),
    /// The device has not joined this workshop (or it has closed).
    NotJoined,
    /// Someone else moved the workshop meanwhile, or the step is not possible now.
    Conflict,
    /// The activity is not taking answers now.
    NotNow,
    /// The workshop has `MAX_PARTICIPANTS` already.
    Full,
    Store(StoreError),
}

impl From<StoreError> for WorkshopError {
    fn from(e: StoreError) -> Self {
        WorkshopError::Store(e)
    }
}

type Result<T> = std::result::Result<T, WorkshopError>;

/// An answer that was stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnswerSaved {
    /// An idea looked like self-harm: show where to get help now.
    pub safeguarding: bool,
    /// Taken before the room is told, so every snapshot read for this
    /// change has a `read_at_ms` at or after it.
    pub saved_at_ms: i64,
}

/// People one workshop takes.
pub const MAX_PARTICIPANTS: i64 = 5_000;

pub async fn workshop(store: &DynStore, id: i64) -> Result<Workshop> {
    store.workshop(id).await?.ok_or(WorkshopError::NotFound)
}

/// A workshop of municipality `mun` (another municipality's is "not found").
pub async fn workshop_in(store: &DynStore, mun: &Municipality, id: i64) -> Result<Workshop> {
    workshop(store, id).await.and_then(|w| if w.municipality_id == mun.id { Ok(w) } else { Err(WorkshopError::NotFound) })
}

/// Validates the plan and stores it under a fresh join code.
#[tracing::instrument(skip_all, fields(municipality = %mun.slug))]
pub async fn create(store: &DynStore, mun: &Municipality, title: Option<&str>, drafts: &[ActivityDraft], by: &str) -> Result<Workshop> {
    let services: Vec<(String, String)> = store.services(mun.id).await?.into_iter().map(|s| (s.slug, s.name)).collect();
    let proposals: Vec<(i64, String)> =
        store.proposals(mun.id).await?.into_iter().filter(|p| p.is_public() && !p.status.is_answer()).map(|p| (p.id, p.title)).collect();
    let principles: Vec<(i64, String)> =
        store.principles(mun.id, true).await?.iter().map(|p| (p.id, p.title(crate::domain::Locale::Da).to_string())).collect();
    let plan = Plan::validate(title, drafts, &PlanRules { services: &services, proposals: &proposals, principles: &principles })
        .map_err(WorkshopError::Invalid)?;
    // 47 million codes: a clash with another open workshop is rare; retry.
    for _ in 0..8 {
        let code = new_code();
        let new = NewWorkshop { municipality_id: mun.id, title: &plan.title, code: &code, activities: &plan.activities, by, now: now() };
        match store.add_workshop(&new).await {
            Ok(id) => {
                let w = workshop(store, id).await?;
                audit(store, Some(mun.id), by, "workshop prepared", &format!("{} {}", w.id, w.title)).await?;
                return Ok(w);
            }
            Err(StoreError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(WorkshopError::Conflict)
}

/// Applies a facilitator's (`by`) command. `version` (from a form) refuses
/// a command given on a stale screen, so a double click moves only once.
/// Like every write below, it tells the room (`live`) itself, so no caller
/// can leave the screens behind.
#[tracing::instrument(skip_all, fields(workshop = w.id, command = ?command))]
pub async fn command(store: &DynStore, live: &Hub, w: Workshop, command: Command, version: Option<i64>, by: &str) -> Result<Workshop> {
    if version.is_some_and(|v| v != w.version) {
        return Err(WorkshopError::Conflict);
    }
    let next = w.state.apply(command, w.activities.len()).map_err(|_| WorkshopError::Conflict)?;
    if !store.set_workshop_state(w.id, w.version, next, now()).await? {
        return Err(WorkshopError::Conflict);
    }
    let moved = workshop(store, w.id).await?;
    live.touch(moved.id);
    audit(store, Some(moved.municipality_id), by, "workshop moved", &format!("{} {}", moved.id, command.as_str())).await?;
    Ok(moved)
}

/// What is stored of a participant's cookie token: its hash together with
/// the workshop's id, so one phone's answers cannot be linked across workshops.
pub fn participant_key(token: &str, workshop_id: i64) -> String {
    crate::domain::device::hash(&format!("{workshop_id}:{token}"))
}

/// Joins the open workshop with this code; `NotFound` for an unknown code.
#[tracing::instrument(skip_all)]
pub async fn join(store: &DynStore, live: &Hub, typed: &str, token: &str, nickname: Option<&str>) -> Result<Workshop> {
    let code = normalize(typed).ok_or_else(|| WorkshopError::Invalid(FieldErrors::from([("code".into(), FieldError::BadCode)])))?;
    let w = store.open_workshop(&code).await?.ok_or(WorkshopError::NotFound)?;
    let token_hash = &participant_key(token, w.id);
    let mut errors = FieldErrors::new();
    let nickname = crate::domain::proposal::text_field(&mut errors, "nickname", nickname, 30, false);
    if !errors.is_empty() {
        return Err(WorkshopError::Invalid(errors));
    }
    // A nickname is shown to the room: masked like any free text.
    let nickname = nickname.map(|n| screen(&n)).filter(|s| !s.held_ignoring_names()).map(|s| s.text);
    // A bound on rows one code can make (a phone that drops its cookie
    // joins again as someone new); far above any real room.
    if store.participant(w.id, token_hash).await?.is_none() && store.participant_count(w.id).await? >= MAX_PARTICIPANTS {
        return Err(WorkshopError::Full);
    }
    store.join_workshop(w.id, token_hash, nickname.as_deref(), now()).await?;
    live.touch(w.id);
    Ok(w)
}

/// The participant's id in an open workshop, from the cookie's token.
pub async fn participant(store: &DynStore, w: &Workshop, token: Option<&str>) -> Result<i64> {
    let token = token.ok_or(WorkshopError::NotJoined)?;
    match store.participant(w.id, &participant_key(token, w.id)).await? {
        Some((id, _)) if w.closed_at.is_none() => Ok(id),
        _ => Err(WorkshopError::NotJoined),
    }
}

/// Who joined workshop `workshop_id` under `key` (`participant_key`): the
/// participant's id and nickname, also once the workshop has closed.
#[tracing::instrument(skip_all, fields(workshop = workshop_id), level = "debug")]
pub async fn member(store: &DynStore, workshop_id: i64, key: &str) -> Result<Option<(i64, Option<String>)>> {
    Ok(store.participant(workshop_id, key).await?)
}

/// A participant's answers to the current activity: (item, value).
#[tracing::instrument(skip_all, fields(workshop = w.id))]
pub async fn my_answers(store: &DynStore, w: &Workshop, participant: i64) -> Result<Vec<(i64, String)>> {
    let rows = store.responses(w.id, w.state.current as i64).await?;
    Ok(rows.into_iter().filter(|r| r.participant == participant).map(|r| (r.item, r.value)).collect())
}

/// A municipality's workshops, for its facilitators.
#[tracing::instrument(skip(store))]
pub async fn workshops(store: &DynStore, municipality_id: i64) -> std::result::Result<Vec<Workshop>, StoreError> {
    store.workshops(municipality_id).await
}

/// Stores an answer to the running activity.
#[tracing::instrument(skip_all, fields(workshop = w.id, activity = activity))]
pub async fn respond(
    store: &DynStore,
    live: &Hub,
    w: &Workshop,
    participant_id: i64,
    activity: usize,
    input: ResponseInput,
) -> Result<AnswerSaved> {
    if !w.state.accepts(activity) {
        return Err(WorkshopError::NotNow);
    }
    let at = activity as i64;
    let safeguarding = match input {
        ResponseInput::Idea(text) => {
            let screened = screen(&text);
            let review = review(&[&screened]);
            let saved = store.add_idea(w.id, at, participant_id, &screened.text, &review, now()).await?;
            answer_saved(saved).map(|_| review.urgent)
        }
        other => {
            let replace = !matches!(other, ResponseInput::Votes(_));
            answer_saved(store.save_responses(w.id, at, participant_id, &other.rows(), replace, now()).await?).map(|_| false)
        }
    }?;
    let saved_at_ms = now_ms();
    live.touch(w.id);
    Ok(AnswerSaved { safeguarding, saved_at_ms })
}

fn answer_saved(saved: Saved) -> Result<()> {
    let max = crate::domain::workshop::response::IDEAS_PER_PARTICIPANT;
    match saved {
        Saved::Yes => Ok(()),
        Saved::NotNow => Err(WorkshopError::NotNow),
        Saved::TooManyIdeas => Err(WorkshopError::Invalid(FieldErrors::from([("idea".into(), FieldError::TooManyIdeas { max })]))),
    }
}

/// The answers that results may show: the activity's last release, moved
/// on first when the release rule allows (`domain::workshop::release`).
async fn released_rows(store: &DynStore, w: &Workshop, index: usize, current: &[Row]) -> Result<Vec<Row>> {
    let at = index as i64;
    let (version, released) = store.released(w.id, at).await?.unwrap_or_default();
    let Some(next) = release(current, &released) else { return Ok(released) };
    if store.save_release(w.id, at, version, &next).await? {
        return Ok(next);
    }
    // Another instance released meanwhile: its release is the one shown.
    Ok(store.released(w.id, at).await?.map(|(_, rows)| rows).unwrap_or_default())
}

/// How many people have answered activity `index`; people, not ideas: one
/// phone may send several.
async fn answered_count(store: &DynStore, w: &Workshop, index: usize, activity: &Activity) -> Result<usize> {
    let n = match activity {
        Activity::Ideas { .. } => store.idea_authors(w.id, index as i64).await?,
        _ => store.respondents(w.id, index as i64).await?,
    };
    Ok(usize::try_from(n).unwrap_or(0))
}

/// An activity with its results (as far as the release rule lets them show).
async fn activity_report(store: &DynStore, w: &Workshop, index: usize, activity: &Activity) -> Result<ActivityReport> {
    let rows = store.responses(w.id, index as i64).await?;
    let ideas: Vec<_> = store.ideas(w.id).await?.into_iter().filter(|i| i.activity == index as i64).collect();
    let approved: Vec<String> = ideas.iter().filter(|i| i.moderation == Moderation::Approved).map(|i| i.text.clone()).collect();
    let ratings = match activity {
        Activity::Rate { services, .. } => {
            let all = store.services(w.municipality_id).await?;
            let ids: Vec<i64> = all.iter().filter(|s| services.iter().any(|(slug, _)| *slug == s.slug)).map(|s| s.id).collect();
            // A closed workshop's figure no longer moves.
            store.workshop_ratings(&ids, w.created_at, w.closed_at.unwrap_or(i64::MAX)).await?
        }
        _ => 0,
    };
    let answered = match activity {
        Activity::Ideas { .. } => answered_count(store, w, index, activity).await?,
        _ => answered(&rows),
    };
    let counted = matches!(activity, Activity::Poll { .. } | Activity::Dots { .. } | Activity::Statements { .. });
    let results = if counted {
        match results(activity, &released_rows(store, w, index, &rows).await?, &approved, ratings) {
            // Until the first release, say how many have answered so far.
            Results::TooFew { needed, .. } => Results::TooFew { answered, needed },
            shown => shown,
        }
    } else {
        results(activity, &rows, &approved, ratings)
    };
    Ok(ActivityReport { index, activity: activity.clone(), answered, results, ideas })
}

/// Milliseconds since the epoch (what `read_at_ms` and `saved_at_ms` are in).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// What the live stream sends: results only once revealed.
pub async fn snapshot(store: &DynStore, id: i64) -> Result<Snapshot> {
    let read_at_ms = now_ms();
    let w = workshop(store, id).await?;
    let participants = store.participant_count(id).await?;
    let (answered, results) = match w.current() {
        Some(a) if w.state.revealed => {
            let report = activity_report(store, &w, w.state.current, a).await?;
            (report.answered, Some(report.results))
        }
        // Unrevealed, the room sees only how many have answered: counted in
        // the database, not by reading every answer several times a second.
        Some(a) => (answered_count(store, &w, w.state.current, a).await?, None),
        None => (0, None),
    };
    Ok(Snapshot {
        id,
        title: w.title.clone(),
        code: w.code.clone(),
        state: w.state,
        activities: w.activities.len(),
        activity: w.current().cloned(),
        participants,
        answered,
        results,
        read_at_ms,
    })
}

/// Everything, for the facilitator and the summary after the workshop.
pub async fn report(store: &DynStore, w: Workshop) -> Result<Report> {
    let mut activities = Vec::with_capacity(w.activities.len());
    for (i, a) in w.activities.iter().enumerate() {
        activities.push(activity_report(store, &w, i, a).await?);
    }
    let participants = store.participant_count(w.id).await?;
    let promotions = store.promotions(w.id).await?.into_iter().map(|p| (p.activity, p.item, p.proposal_id)).collect();
    Ok(Report { workshop: w, participants, activities, promotions })
}

/// A facilitator's (`by`) decision on a held idea.
#[tracing::instrument(skip_all, fields(workshop = w.id, idea = idea_id, approve = approve))]
pub async fn moderate_idea(store: &DynStore, live: &Hub, w: &Workshop, idea_id: i64, approve: bool, by: &str) -> Result<()> {
    let decision = if approve { Moderation::Approved } else { Moderation::Rejected };
    if !store.moderate_idea(w.id, idea_id, decision).await? {
        return Err(WorkshopError::NotFound);
    }
    live.touch(w.id);
    let detail = format!("{} {}", w.id, if approve { "approved" } else { "rejected" });
    audit(store, Some(w.municipality_id), by, "idea moderated", &detail).await?;
    Ok(())
}

/// Turns an approved idea (`item` = its id) or a statement (`item` = its
/// index) into a proposal that says which workshop it came from.
#[tracing::instrument(skip_all, fields(workshop = w.id, activity = activity, item = item))]
pub async fn promote(store: &DynStore, live: &Hub, w: &Workshop, activity: usize, item: i64, by: &str) -> Result<i64> {
    let id = promote_quietly(store, w, activity, item).await?;
    live.touch(w.id);
    audit(store, Some(w.municipality_id), by, "workshop item promoted", &format!("{} → proposal {id}", w.id)).await?;
    Ok(id)
}

async fn promote_quietly(store: &DynStore, w: &Workshop, activity: usize, item: i64) -> Result<i64> {
    let a = w.activities.get(activity).ok_or(WorkshopError::NotFound)?;
    // A held idea the facilitator let into the room still goes through the
    // moderators before it is public; statements are the facilitator's own.
    let (text, review) = match a {
        Activity::Ideas { .. } => store
            .ideas(w.id)
            .await?
            .into_iter()
            .find(|i| i.id == item && i.activity == activity as i64 && i.moderation == Moderation::Approved)
            .map(|i| {
                let review = if i.held_for.is_empty() {
                    Review::default()
                } else {
                    Review { moderation: Moderation::Pending, held_for: i.held_for.clone(), urgent: i.urgent }
                };
                (i.text, review)
            }),
        Activity::Statements { statements, .. } => {
            usize::try_from(item).ok().and_then(|i| statements.get(i)).cloned().map(|t| (t, Review::default()))
        }
        _ => None,
    }
    .ok_or(WorkshopError::NotFound)?;
    let promoted = |promotions: Vec<Promotion>| {
        promotions.into_iter().find(|p| p.activity == activity as i64 && p.item == item).map(|p| p.proposal_id)
    };
    if let Some(id) = promoted(store.promotions(w.id).await?) {
        return Ok(id);
    }
    let date = crate::domain::governance::month::date_of(w.created_at);
    let title: String = text.chars().take(TITLE_MAX).collect();
    let input = ProposalInput {
        kind: ProposalKind::Idea,
        principle_id: None,
        service: None,
        title,
        text: text.clone(),
        reason: Some(format!("Fra workshoppen «{}» den {date}. / From the workshop “{}” on {date}.", w.title, w.title)),
    };
    let new = NewProposal {
        municipality_id: w.municipality_id,
        receipt_hash: receipt::digest(&receipt::new_code()),
        device_hash: format!("workshop:{}", w.id),
        input,
        service_id: None,
        review,
        now: now(),
        promoted_from: Some(PromotedFrom { workshop_id: w.id, activity: activity as i64, item }),
    };
    match store.add_proposal(&new).await {
        Ok(id) => Ok(id),
        // A double click, or a second facilitator: theirs stands.
        Err(StoreError::Conflict) => promoted(store.promotions(w.id).await?).ok_or(WorkshopError::Conflict),
        Err(e) => Err(e.into()),
    }
}
