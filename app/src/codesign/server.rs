use super::{ProposalList, ProposalView, Results};
use crate::domain::moderation::{screen, Screening};
use crate::domain::policy::now;
use crate::domain::proposal::{
    parse_decision, text_field, Decision, Moderation, PrincipleEffect, Proposal, ProposalInput, ProposalRules, Responsiveness, Sort,
    Stance, Status, StatusChange, COMMENT_MAX,
};
use crate::domain::public::{self, Moderated, OwnProposal, PublicComment, PublicProposal};
use crate::domain::rating::{FieldError, FieldErrors};
use crate::domain::{receipt, Municipality};
use crate::store::proposals::{Answered, NewProposal, Review, Target};
use crate::store::{DynStore, StoreError};

/// Why a co-design action did not happen. HTTP: `NotFound` → 404,
/// `Invalid` → 422, `Conflict` → 409, `Store` → 503/500.
#[derive(Debug)]
pub enum CodesignError {
    NotFound,
    Invalid(FieldErrors),
    /// Someone else changed it meanwhile; reload and try again.
    Conflict,
    Store(StoreError),
}

impl From<StoreError> for CodesignError {
    fn from(e: StoreError) -> Self {
        CodesignError::Store(e)
    }
}

type Result<T> = std::result::Result<T, CodesignError>;

/// A stored proposal: `receipt` is shown once and never stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub id: i64,
    pub receipt: String,
    pub status: Status,
    pub moderation: Moderation,
    /// Self-harm or suicide language: show where to get help now.
    pub safeguarding: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentSaved {
    pub id: i64,
    pub moderation: Moderation,
    pub safeguarding: bool,
}

/// The moderation outcome of several screened texts together.
pub fn review(screenings: &[&Screening]) -> Review {
    let held = screenings.iter().any(|s| s.held());
    let mut reasons: Vec<String> = Vec::new();
    for s in screenings {
        for r in s.reasons().split(',').filter(|r| !r.is_empty()) {
            if !reasons.iter().any(|x| x == r) {
                reasons.push(r.to_string());
            }
        }
    }
    Review {
        moderation: if held { Moderation::Pending } else { Moderation::Approved },
        held_for: reasons.join(","),
        urgent: screenings.iter().any(|s| s.urgent()),
    }
}

pub async fn municipality(store: &DynStore, m: &str) -> Result<Municipality> {
    store.municipality(m).await?.ok_or(CodesignError::NotFound)
}

/// The proposal belongs to municipality `m` (URLs cannot mix them).
#[tracing::instrument(skip(store), level = "debug")]
pub async fn proposal_in(store: &DynStore, m: &str, id: i64) -> Result<()> {
    let mun = municipality(store, m).await?;
    match store.proposal(id).await? {
        Some(p) if p.municipality_id == mun.id => Ok(()),
        _ => Err(CodesignError::NotFound),
    }
}

/// The municipality a proposal belongs to (`NotFound` for unknown ids).
#[tracing::instrument(skip(store), level = "debug")]
pub async fn owner(store: &DynStore, id: i64) -> Result<Municipality> {
    let p = store.proposal(id).await?.ok_or(CodesignError::NotFound)?;
    crate::municipality::by_id(store, p.municipality_id).await?.ok_or(CodesignError::NotFound)
}

/// One proposal as stored (staff and the proposal's own counts).
#[tracing::instrument(skip(store), level = "debug")]
pub async fn proposal(store: &DynStore, id: i64) -> std::result::Result<Option<Proposal>, StoreError> {
    store.proposal(id).await
}

/// Everything held for a moderator of municipality `mid`.
#[tracing::instrument(skip(store))]
pub async fn moderation_queue(store: &DynStore, mid: i64) -> std::result::Result<Vec<crate::domain::queue::QueueItem>, StoreError> {
    store.moderation_queue(mid).await
}

/// Every proposal of municipality `mid` and its principles in force, for
/// its managers.
#[tracing::instrument(skip(store))]
pub async fn proposals_to_answer(
    store: &DynStore,
    mid: i64,
) -> std::result::Result<(Vec<Proposal>, Vec<crate::domain::principle::Principle>), StoreError> {
    Ok((store.proposals(mid).await?, store.principles(mid, true).await?))
}

/// Validates, masks, screens and stores a proposal.
#[tracing::instrument(skip_all, fields(municipality = m))]
pub async fn submit_proposal(store: &DynStore, m: &str, pairs: &[(String, String)], device_hash: &str) -> Result<Submitted> {
    let mun = municipality(store, m).await?;
    let principles: Vec<i64> = store.principles(mun.id, true).await?.iter().map(|p| p.id).collect();
    let services = store.services(mun.id).await?;
    let slugs: Vec<String> = services.iter().map(|s| s.slug.clone()).collect();
    let mut input =
        ProposalInput::from_form(pairs, &ProposalRules { principles: &principles, services: &slugs }).map_err(CodesignError::Invalid)?;
    let (title, text) = (screen(&input.title), screen(&input.text));
    let reason = input.reason.as_deref().map(screen);
    let mut all = vec![&title, &text];
    all.extend(reason.as_ref());
    let review = review(&all);
    input.title = title.text.clone();
    input.text = text.text.clone();
    input.reason = reason.as_ref().map(|r| r.text.clone());
    let service_id = input.service.as_ref().and_then(|s| services.iter().find(|x| &x.slug == s)).map(|s| s.id);
    let code = receipt::new_code();
    let new = NewProposal {
        municipality_id: mun.id,
        receipt_hash: receipt::digest(&code),
        device_hash: device_hash.to_string(),
        input,
        service_id,
        review: review.clone(),
        now: now(),
        promoted_from: None,
    };
    let id = store.add_proposal(&new).await?;
    Ok(Submitted { id, receipt: code, status: Status::Received, moderation: review.moderation, safeguarding: review.urgent })
}

/// `author`: the receipt, which shows its holder how moderation went (see
/// `domain::public`); everyone else gets the public view.
async fn view(store: &DynStore, mun: Municipality, proposal: Proposal, device_hash: Option<&str>, author: bool) -> Result<ProposalView> {
    let events = public::history(store.proposal_events(proposal.id).await?, author);
    let comments =
        store.comments(proposal.id).await?.iter().filter(|c| c.moderation == Moderation::Approved).map(PublicComment::from).collect();
    let principle = match proposal.principle_id {
        Some(id) => store.principles(mun.id, false).await?.into_iter().find(|p| p.id == id),
        None => None,
    };
    let service = match proposal.service_id {
        Some(id) => store.services(mun.id).await?.into_iter().find(|s| s.id == id),
        None => None,
    };
    let my_stance = match device_hash {
        Some(d) => store.stance(proposal.id, d).await?,
        None => None,
    };
    let own = author.then(|| Moderated::of(&proposal));
    Ok(ProposalView { municipality: mun, proposal: (&proposal).into(), events, comments, principle, service, my_stance, own })
}

/// A published proposal of municipality `m`.
pub async fn proposal_view(store: &DynStore, m: &str, id: i64, device_hash: Option<&str>) -> Result<ProposalView> {
    let mun = municipality(store, m).await?;
    let p = store.proposal(id).await?.filter(|p| p.municipality_id == mun.id && p.is_public()).ok_or(CodesignError::NotFound)?;
    view(store, mun, p, device_hash, false).await
}

/// The proposal behind a receipt code, published or not (its author holds
/// the code).
pub async fn receipt_view(store: &DynStore, typed: &str) -> Result<ProposalView> {
    let code = receipt::normalize(typed).ok_or(CodesignError::NotFound)?;
    let p = store.proposal_by_receipt(&receipt::digest(&code)).await?.ok_or(CodesignError::NotFound)?;
    let mun = crate::municipality::by_id(store, p.municipality_id).await?.ok_or(CodesignError::NotFound)?;
    view(store, mun, p, None, true).await
}

pub async fn proposal_list(store: &DynStore, m: &str, sort: Sort, device_hash: Option<&str>) -> Result<ProposalList> {
    let municipality = municipality(store, m).await?;
    let mut proposals: Vec<Proposal> = store.proposals(municipality.id).await?.into_iter().filter(Proposal::is_public).collect();
    sort.apply(&mut proposals);
    let mine = match device_hash {
        Some(d) => store.device_proposals(municipality.id, d).await?.iter().map(OwnProposal::from).collect(),
        None => vec![],
    };
    let proposals = proposals.iter().map(PublicProposal::from).collect();
    let principles = store.principles(municipality.id, true).await?;
    let services = store.services(municipality.id).await?;
    Ok(ProposalList { municipality, proposals, mine, principles, services })
}

pub async fn results(store: &DynStore, m: &str) -> Result<Results> {
    let municipality = municipality(store, m).await?;
    let all = store.proposals(municipality.id).await?;
    let figures = Responsiveness::of(&all);
    let mut answered: Vec<Proposal> = all.into_iter().filter(|p| p.is_public() && p.status.is_answer()).collect();
    Sort::RecentlyAnswered.apply(&mut answered);
    let answered = answered.iter().map(PublicProposal::from).collect();
    let principles = store.principles(municipality.id, false).await?;
    Ok(Results { municipality, figures, answered, principles })
}

/// A published proposal, for young people's actions on it.
async fn public_proposal(store: &DynStore, id: i64) -> Result<Proposal> {
    store.proposal(id).await?.filter(Proposal::is_public).ok_or(CodesignError::NotFound)
}

/// `stance` is "for", "against", or "none" / empty to withdraw.
#[tracing::instrument(skip_all, fields(proposal = id))]
pub async fn set_stance(store: &DynStore, id: i64, stance: Option<&str>, device_hash: &str) -> Result<Option<Stance>> {
    let p = public_proposal(store, id).await?;
    let stance = match stance.map(str::trim).unwrap_or_default() {
        "" | "none" => None,
        s => Some(Stance::parse(s).ok_or_else(|| CodesignError::Invalid(FieldErrors::from([("stance".into(), FieldError::NotAnOption)])))?),
    };
    store.set_stance(p.id, device_hash, stance, now()).await?;
    Ok(stance)
}

#[tracing::instrument(skip_all, fields(proposal = id))]
pub async fn add_comment(store: &DynStore, id: i64, text: Option<&str>) -> Result<CommentSaved> {
    let p = public_proposal(store, id).await?;
    let mut errors = FieldErrors::new();
    let text = text_field(&mut errors, "text", text, COMMENT_MAX, true);
    let Some(text) = text.filter(|_| errors.is_empty()) else { return Err(CodesignError::Invalid(errors)) };
    let screened = screen(&text);
    let review = review(&[&screened]);
    let id = store.add_comment(p.id, &screened.text, &review, now()).await?;
    Ok(CommentSaved { id, moderation: review.moderation, safeguarding: review.urgent })
}

/// A moderator's (`actor`) decision on a text of municipality `mun`. A
/// decided workshop idea may change what a room sees, so `live` is told.
#[tracing::instrument(skip(store, live, mun, decision, reason), fields(municipality = %mun.slug))]
#[allow(clippy::too_many_arguments)]
pub async fn moderate(
    store: &DynStore,
    live: &crate::workshop::live::Hub,
    mun: &Municipality,
    target: Target,
    id: i64,
    decision: Option<&str>,
    reason: Option<&str>,
    actor: &str,
) -> Result<Decision> {
    let (decision, reason) = parse_decision(decision, reason).map_err(CodesignError::Invalid)?;
    let to = if decision == Decision::Approve { Moderation::Approved } else { Moderation::Rejected };
    let reason = reason.map(|r| screen(&r).text);
    match store.moderate(mun.id, target, id, to, reason.as_deref(), now()).await? {
        Answered::Done => {}
        Answered::NotFound => return Err(CodesignError::NotFound),
        Answered::Changed => return Err(CodesignError::Conflict),
    }
    if target == Target::WorkshopIdea {
        // Which workshop is not known here; every open screen reads again once.
        live.touch(-1);
    }
    let detail = format!("{} {id}: {}", target.as_str(), decision.as_str());
    crate::staff::audit(store, Some(mun.id), actor, "text moderated", &detail).await?;
    Ok(decision)
}

/// A manager's (`actor`) status change or official answer, from form
/// fields (`status`, `reason`, and the principle's new texts when adopting).
#[tracing::instrument(skip(store, mun, pairs), fields(municipality = %mun.slug))]
pub async fn answer(store: &DynStore, mun: &Municipality, id: i64, pairs: &[(String, String)], actor: &str) -> Result<StatusChange> {
    let p = store.proposal(id).await?.filter(|p| p.municipality_id == mun.id).ok_or(CodesignError::NotFound)?;
    // An answer is public, and may write the young person's text into a
    // principle: only after a moderator (or the screening) let it through.
    if !p.is_public() {
        return Err(CodesignError::Invalid(FieldErrors::from([("status".into(), FieldError::NotModerated)])));
    }
    let fields = crate::domain::form::Fields::new(pairs);
    let get = |name: &str| fields.raw(name);
    let change = StatusChange::parse(p.status, get("status"), get("reason"));
    // Checked even when the status change itself is refused, so every bad field is named at once.
    let wanted = get("status").and_then(|s| Status::parse(s.trim())).filter(|s| p.status.can_move_to(*s));
    let effect = wanted.map(|s| PrincipleEffect::of_answer(&p, s, pairs)).unwrap_or(Ok(None));
    let (change, effect) = match (change, effect) {
        (Ok(c), Ok(e)) => (c, e),
        (c, e) => {
            let mut errors = e.err().unwrap_or_default();
            errors.extend(c.err().unwrap_or_default());
            return Err(CodesignError::Invalid(errors));
        }
    };
    match store.answer_proposal(mun.id, id, p.status, &change, effect.as_ref(), now()).await {
        Ok(Answered::Done) => {}
        Ok(Answered::NotFound) => return Err(CodesignError::NotFound),
        // Another answer, or another new version of the same principle, came first.
        Ok(Answered::Changed) | Err(StoreError::Conflict) => return Err(CodesignError::Conflict),
        Err(e) => return Err(e.into()),
    }
    crate::staff::audit(store, Some(mun.id), actor, "proposal status changed", &format!("{id}: {}", change.status.as_str())).await?;
    Ok(change)
}
