//! Give and take: needs and offers, favours, thanks, the gratitude log and reciprocity.

use super::{
    AT, Answer, ApiResult, ErrorBody, Fields, ListAnswer, Routes, St, created, list, ok, person_id,
    record_id, required,
};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use kithkin_app::AppError;
use kithkin_app::exchange::FavourRequest;
use kithkin_core::exchange::{HelpKind, HelpStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .routes(routes!(favours, record_favour))
        .routes(routes!(add_need))
        .routes(routes!(add_offer))
        .routes(routes!(close_help_item))
        .routes(routes!(thank))
        .routes(routes!(thank_draft))
        .routes(routes!(gratitude))
        .routes(routes!(reciprocity))
}

/// Whose favours.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FavoursQuery {
    /// Only favours given or received by this person (an id, a UUID).
    person: Option<String>,
}

/// The favour ledger, newest first, with both names.
#[utoipa::path(
    get,
    path = "/favours",
    tag = "give and take",
    params(FavoursQuery),
    responses(
        (status = 200, description = "Favours: `favour`, `giver_name`, `receiver_name`", body = ListAnswer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id", body = ErrorBody)
    )
)]
async fn favours(
    State(state): St,
    query: Result<Query<FavoursQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(query) = query?;
    let person = match query.person.as_deref() {
        Some(p) => {
            let id = person_id(p)?;
            Some(state.app.resolve(&id.to_string()).await?)
        }
        None => None,
    };
    list(&state.app.favour_log(person).await?)
}

/// A favour given by one person to another (`me` for you).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFavour {
    /// Who gave it: `me`, an id, an email or a name.
    from: String,
    /// Who received it: `me`, an id, an email or a name.
    to: String,
    /// advice, introduction, referral, feedback, resource, endorsement, time or other.
    kind: String,
    /// What it was.
    text: String,
    /// 1 (small) to 3 (large); default 1.
    #[serde(default)]
    weight: Option<u8>,
    /// The need it answered (its id).
    #[serde(default)]
    for_need: Option<String>,
    /// When (default: now).
    #[serde(default)]
    at: Option<String>,
}

/// Records a favour (`kithkin gave`, `kithkin got`, `kithkin favour --from --to`). One you
/// received is "thanks owed" until you thank them.
#[utoipa::path(
    post,
    path = "/favours",
    tag = "give and take",
    request_body = NewFavour,
    responses(
        (status = 201, description = "`favour`, `giver_name`, `receiver_name`", body = Answer),
        (status = 404, description = "Nobody matches from or to, or no such need", body = ErrorBody),
        (status = 409, description = "A name matches several people", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody)
    )
)]
async fn record_favour(
    State(state): St,
    body: Result<Json<NewFavour>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Json(f) = body?;
    let from = required("from", &f.from)?;
    let to = required("to", &f.to)?;
    let req = FavourRequest {
        kind: f.kind.clone(),
        text: f.text.clone(),
        weight: f.weight,
        for_need: f.for_need.clone(),
        at: f.at.clone(),
    };
    created(&state.app.record_favour(from, to, &req).await.fields(&[
        ("favour kind", "kind"),
        ("for need", "for_need"),
        ("when", "at"),
        ("date", "at"),
    ])?)
}

/// A need or an offer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHelpItem {
    /// What it is.
    text: String,
    /// Tags, for matching.
    #[serde(default)]
    tags: Vec<String>,
}

/// Records something a person needs (`kithkin need`).
#[utoipa::path(
    post,
    path = "/people/{id}/needs",
    tag = "give and take",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = NewHelpItem,
    responses(
        (status = 201, description = "The need", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, or no text", body = ErrorBody)
    )
)]
async fn add_need(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<NewHelpItem>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    add_help(state, id, body, HelpKind::Need).await
}

/// Records something a person can help with (`kithkin offer`).
#[utoipa::path(
    post,
    path = "/people/{id}/offers",
    tag = "give and take",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = NewHelpItem,
    responses(
        (status = 201, description = "The offer", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, or no text", body = ErrorBody)
    )
)]
async fn add_offer(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<NewHelpItem>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    add_help(state, id, body, HelpKind::Offer).await
}

async fn add_help(
    state: crate::web::State,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<NewHelpItem>, JsonRejection>,
    kind: HelpKind,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Json(b) = body?;
    let (item, _) = state
        .app
        .add_help(&id.to_string(), kind, &b.text, &b.tags)
        .await?;
    created(&item)
}

/// How a need or offer ends.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CloseBody {
    /// fulfilled (default), withdrawn, or open to reopen it.
    status: Option<String>,
}

/// Closes a need or offer, or reopens it (`kithkin close`).
#[utoipa::path(
    post,
    path = "/help-items/{id}/close",
    tag = "give and take",
    params(("id" = String, Path, description = "The need's or offer's id (a UUID)")),
    request_body = CloseBody,
    responses(
        (status = 200, description = "The need or offer", body = Answer),
        (status = 404, description = "No need or offer has this id", body = ErrorBody),
        (status = 422, description = "Not an id, or an unknown status", body = ErrorBody)
    )
)]
async fn close_help_item(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<CloseBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    let Json(b) = body?;
    let status = match b.status.as_deref() {
        Some(s) => s.parse::<HelpStatus>().map_err(AppError::from)?,
        None => HelpStatus::Fulfilled,
    };
    ok(&state.app.set_help_status(&id, status).await?)
}

/// A thank-you.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ThankBody {
    /// The favour (its id); default: every favour from them not yet thanked.
    favour: Option<String>,
    /// How you thanked them (an interaction kind; default message).
    via: Option<String>,
    /// What you said.
    note: Option<String>,
}

/// Thanks someone, logged as an interaction (`kithkin thank`).
#[utoipa::path(
    post,
    path = "/people/{id}/thank",
    tag = "give and take",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = ThankBody,
    responses(
        (status = 200, description = "`name`, `favours` thanked, the `interaction` logged", body = Answer),
        (status = 404, description = "No person has this id, or no such favour", body = ErrorBody),
        (status = 422, description = "Not a person id, or an unknown kind", body = ErrorBody)
    )
)]
async fn thank(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<ThankBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Json(b) = body?;
    ok(&state
        .app
        .thank(
            &id.to_string(),
            b.favour.as_deref(),
            b.via.as_deref(),
            b.note.as_deref(),
        )
        .await?)
}

/// Which favour.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DraftQuery {
    /// The favour (its id); default: their latest.
    favour: Option<String>,
}

/// A text to send.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThankDraft {
    /// The draft.
    draft: String,
}

/// A personal thank-you note to send (`kithkin thank --draft`).
#[utoipa::path(
    get,
    path = "/people/{id}/thank-draft",
    tag = "give and take",
    params(("id" = String, Path, description = "The person's id (a UUID)"), DraftQuery),
    responses(
        (status = 200, description = "The draft", body = ThankDraft),
        (status = 404, description = "No person has this id, or no favour from them", body = ErrorBody),
        (status = 422, description = "Not a person id", body = ErrorBody)
    )
)]
async fn thank_draft(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<DraftQuery>, QueryRejection>,
) -> ApiResult<Json<ThankDraft>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Query(q) = query?;
    let draft = state
        .app
        .thank_draft(&id.to_string(), q.favour.as_deref())
        .await?;
    Ok(Json(ThankDraft { draft }))
}

/// The gratitude log: thanks owed and thanks given (`kithkin gratitude`).
#[utoipa::path(
    get,
    path = "/gratitude",
    tag = "give and take",
    responses((status = 200, description = "`owed` and `thanked`", body = Answer))
)]
async fn gratitude(State(state): St) -> ApiResult<Json<Answer>> {
    ok(&state.app.gratitude().await?)
}

/// As of a day.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AtQuery {
    /// As of the end of this day (default: today).
    at: Option<String>,
}

/// Given and received per person, the balance, one-sided relationships (`kithkin report
/// reciprocity`).
#[utoipa::path(
    get,
    path = "/reciprocity",
    tag = "give and take",
    params(AtQuery),
    responses(
        (status = 200, description = "The reciprocity report", body = Answer),
        (status = 422, description = "Invalid day", body = ErrorBody)
    )
)]
async fn reciprocity(
    State(state): St,
    query: Result<Query<AtQuery>, QueryRejection>,
) -> ApiResult<Json<Answer>> {
    let Query(q) = query?;
    ok(&state
        .app
        .reciprocity_report(q.at.as_deref())
        .await
        .fields(AT)?)
}
