//! Bridges: double-opt-in introductions and their suggestions, warm paths, collaborations.

use super::{
    Answer, ApiError, ApiResult, ErrorBody, Fields, ListAnswer, Routes, St, created, limit, list,
    ok, record_id, required,
};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use kithkin_app::bridges::parse_outcome;
use kithkin_core::introduction::IntroStep;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .routes(routes!(introductions, start))
        .routes(routes!(ask))
        .routes(routes!(made))
        .routes(routes!(decline))
        .routes(routes!(outcome))
        .routes(routes!(draft))
        .routes(routes!(suggestions))
        .routes(routes!(paths))
        .routes(routes!(collaborations, add_collaboration))
        .routes(routes!(update_collaboration))
        .routes(routes!(collaboration_suggestions))
}

/// Which introductions.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntroQuery {
    /// Only those at this step (suggested, asked_a, asked_b, introduced, declined…).
    status: Option<String>,
}

/// Introductions.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntroductionsAnswer {
    /// Each introduction with both names, the steps allowed next and whether it needs a
    /// follow-up.
    #[schema(value_type = Vec<Object>)]
    introductions: Vec<serde_json::Value>,
}

/// Lists introductions (`kithkin intro list`).
#[utoipa::path(
    get,
    path = "/introductions",
    tag = "introductions",
    params(IntroQuery),
    responses(
        (status = 200, description = "Introductions", body = IntroductionsAnswer),
        (status = 422, description = "Unknown status", body = ErrorBody)
    )
)]
async fn introductions(
    State(state): St,
    query: Result<Query<IntroQuery>, QueryRejection>,
) -> ApiResult<Json<IntroductionsAnswer>> {
    let Query(query) = query?;
    let all = state
        .app
        .intro_list(query.status.as_deref())
        .await
        .fields(&[("introduction status", "status")])?;
    let introductions = all
        .iter()
        .map(super::json_value)
        .collect::<ApiResult<_>>()?;
    Ok(Json(IntroductionsAnswer { introductions }))
}

/// An introduction to start.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIntroduction {
    /// One person: id, email or name.
    a: String,
    /// The other.
    b: String,
    /// Why they should meet.
    #[serde(default)]
    reason: Option<String>,
}

/// Starts an introduction between two people (`kithkin intro start`).
#[utoipa::path(
    post,
    path = "/introductions",
    tag = "introductions",
    request_body = NewIntroduction,
    responses(
        (status = 201, description = "The introduction, with both names and the next steps", body = Answer),
        (status = 404, description = "Nobody matches a or b", body = ErrorBody),
        (status = 409, description = "A name matches several people, or one is already under way", body = ErrorBody),
        (status = 422, description = "Invalid fields (the same person twice…)", body = ErrorBody)
    )
)]
async fn start(
    State(state): St,
    body: Result<Json<NewIntroduction>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Json(b) = body?;
    let a = required("a", &b.a)?;
    let other = required("b", &b.b)?;
    created(&state.app.intro_start(a, other, b.reason.as_deref()).await?)
}

/// Whom you asked.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AskBody {
    /// `a` or `b`.
    who: String,
}

/// Records that you asked one side whether they want the introduction (`kithkin intro ask`).
#[utoipa::path(
    post,
    path = "/introductions/{id}/ask",
    tag = "introductions",
    params(("id" = String, Path, description = "The introduction's id (a UUID)")),
    request_body = AskBody,
    responses(
        (status = 200, description = "The introduction", body = Answer),
        (status = 404, description = "No introduction has this id", body = ErrorBody),
        (status = 409, description = "Not a step allowed now", body = ErrorBody),
        (status = 422, description = "Not an id, or `who` is not a or b", body = ErrorBody)
    )
)]
async fn ask(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<AskBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    let Json(b) = body?;
    let step = match b.who.trim().to_lowercase().as_str() {
        "a" => IntroStep::AskA,
        "b" => IntroStep::AskB,
        _ => return Err(ApiError::field("who", "must be a or b")),
    };
    ok(&state.app.intro_step(&id, step).await?)
}

/// Records that you made the introduction (`kithkin intro made`): a favour from you to each,
/// and a knows link between them.
#[utoipa::path(
    post,
    path = "/introductions/{id}/made",
    tag = "introductions",
    params(("id" = String, Path, description = "The introduction's id (a UUID)")),
    responses(
        (status = 200, description = "The introduction", body = Answer),
        (status = 404, description = "No introduction has this id", body = ErrorBody),
        (status = 409, description = "Not a step allowed now", body = ErrorBody),
        (status = 422, description = "Not an id", body = ErrorBody)
    )
)]
async fn made(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    ok(&state.app.intro_step(&id, IntroStep::Made).await?)
}

/// Records that one side declined (`kithkin intro decline`).
#[utoipa::path(
    post,
    path = "/introductions/{id}/decline",
    tag = "introductions",
    params(("id" = String, Path, description = "The introduction's id (a UUID)")),
    responses(
        (status = 200, description = "The introduction", body = Answer),
        (status = 404, description = "No introduction has this id", body = ErrorBody),
        (status = 409, description = "Not a step allowed now", body = ErrorBody),
        (status = 422, description = "Not an id", body = ErrorBody)
    )
)]
async fn decline(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    ok(&state.app.intro_step(&id, IntroStep::Decline).await?)
}

/// How an introduction turned out.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeBody {
    /// met, collaborating, hired, no_response or declined.
    outcome: String,
}

/// Records how a made introduction turned out (`kithkin intro outcome`).
#[utoipa::path(
    post,
    path = "/introductions/{id}/outcome",
    tag = "introductions",
    params(("id" = String, Path, description = "The introduction's id (a UUID)")),
    request_body = OutcomeBody,
    responses(
        (status = 200, description = "The introduction", body = Answer),
        (status = 404, description = "No introduction has this id", body = ErrorBody),
        (status = 409, description = "Not a step allowed now", body = ErrorBody),
        (status = 422, description = "Not an id, or an unknown outcome", body = ErrorBody)
    )
)]
async fn outcome(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<OutcomeBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    let Json(b) = body?;
    let outcome = parse_outcome(&b.outcome)?;
    ok(&state
        .app
        .intro_step(&id, IntroStep::Outcome(outcome))
        .await?)
}

/// A text to send.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntroDraft {
    /// The draft.
    draft: String,
}

/// A double-opt-in message to send (`kithkin intro draft`).
#[utoipa::path(
    get,
    path = "/introductions/{id}/draft",
    tag = "introductions",
    params(("id" = String, Path, description = "The introduction's id (a UUID)")),
    responses(
        (status = 200, description = "The draft", body = IntroDraft),
        (status = 404, description = "No introduction has this id", body = ErrorBody),
        (status = 422, description = "Not an id", body = ErrorBody)
    )
)]
async fn draft(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<IntroDraft>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    let draft = state.app.intro_draft(&id).await?;
    Ok(Json(IntroDraft { draft }))
}

/// Which suggestions.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestQuery {
    /// Only introductions for this person (id, email or name).
    #[serde(rename = "for")]
    #[param(rename = "for")]
    for_person: Option<String>,
    /// At most this many (1 to 1000; default 10).
    limit: Option<usize>,
    /// Compare every pair instead of the index (slow; for checking).
    bruteforce: Option<bool>,
}

/// Introductions worth making: one's need and the other's offer, shared interests
/// (`kithkin intro suggest`).
#[utoipa::path(
    get,
    path = "/introductions/suggestions",
    tag = "introductions",
    params(SuggestQuery),
    responses(
        (status = 200, description = "Suggestions, best first", body = ListAnswer),
        (status = 404, description = "Nobody matches `for`", body = ErrorBody),
        (status = 409, description = "`for` matches several people", body = ErrorBody),
        (status = 422, description = "Invalid limit", body = ErrorBody)
    )
)]
async fn suggestions(
    State(state): St,
    query: Result<Query<SuggestQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(q) = query?;
    let limit = limit(q.limit, 10)?;
    list(
        &state
            .app
            .intro_suggest(
                q.for_person.as_deref(),
                limit,
                q.bruteforce.unwrap_or(false),
            )
            .await?,
    )
}

/// Where to.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PathQuery {
    /// A person (id, email or name) or an organisation.
    to: String,
    /// At most this many hops (1 to 6; default 3).
    max_hops: Option<usize>,
}

/// Warm paths to a person or an organisation through people you know (`kithkin path`).
#[utoipa::path(
    get,
    path = "/paths",
    tag = "introductions",
    params(PathQuery),
    responses(
        (status = 200, description = "`target` and `paths`, best first", body = Answer),
        (status = 404, description = "Nobody and no organisation matches", body = ErrorBody),
        (status = 409, description = "The name matches several people", body = ErrorBody),
        (status = 422, description = "Missing `to`, or invalid hops", body = ErrorBody)
    )
)]
async fn paths(
    State(state): St,
    query: Result<Query<PathQuery>, QueryRejection>,
) -> ApiResult<Json<Answer>> {
    let Query(q) = query?;
    let to = required("to", &q.to)?;
    let hops = q.max_hops.unwrap_or(3);
    if !(1..=6).contains(&hops) {
        return Err(ApiError::field("max_hops", "must be between 1 and 6"));
    }
    let (target, paths) = state.app.warm_paths(to, hops).await?;
    ok(&serde_json::json!({ "target": target, "paths": paths }))
}

/// Which collaborations.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CollabQuery {
    /// Only those in this status (idea, active, done, dropped).
    status: Option<String>,
}

/// Collaborations (`kithkin collab list`).
#[utoipa::path(
    get,
    path = "/collaborations",
    tag = "introductions",
    params(CollabQuery),
    responses(
        (status = 200, description = "Collaborations with their people", body = ListAnswer),
        (status = 422, description = "Unknown status", body = ErrorBody)
    )
)]
async fn collaborations(
    State(state): St,
    query: Result<Query<CollabQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(q) = query?;
    list(
        &state
            .app
            .collab_list(q.status.as_deref())
            .await
            .fields(&[("collaboration status", "status")])?,
    )
}

/// A new collaboration.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCollaboration {
    /// Its name.
    name: String,
    /// The people in it: ids, emails or names (at least one).
    with: Vec<String>,
    /// idea, active (default), done or dropped.
    #[serde(default)]
    status: Option<String>,
    /// A note.
    #[serde(default)]
    note: Option<String>,
}

/// Adds a collaboration (`kithkin collab add`).
#[utoipa::path(
    post,
    path = "/collaborations",
    tag = "introductions",
    request_body = NewCollaboration,
    responses(
        (status = 201, description = "The collaboration with its people", body = Answer),
        (status = 404, description = "Nobody matches someone in `with`", body = ErrorBody),
        (status = 409, description = "A name matches several people", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody)
    )
)]
async fn add_collaboration(
    State(state): St,
    body: Result<Json<NewCollaboration>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Json(b) = body?;
    if b.with.is_empty() {
        return Err(ApiError::field("with", "must name at least one person"));
    }
    created(
        &state
            .app
            .collab_add(&b.name, &b.with, b.status.as_deref(), b.note.as_deref())
            .await
            .fields(&[("collaboration status", "status")])?,
    )
}

/// Changes to a collaboration.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CollaborationChanges {
    /// New status: idea, active, done or dropped.
    status: Option<String>,
    /// What came of it (`kithkin collab outcome`).
    outcome: Option<String>,
    /// A note.
    note: Option<String>,
    /// People to add: ids, emails or names.
    with: Vec<String>,
}

/// Updates a collaboration: status, outcome, note, people (`kithkin collab update|outcome`).
#[utoipa::path(
    patch,
    path = "/collaborations/{id}",
    tag = "introductions",
    params(("id" = String, Path, description = "The collaboration's id (a UUID)")),
    request_body = CollaborationChanges,
    responses(
        (status = 200, description = "The collaboration with its people", body = Answer),
        (status = 404, description = "No collaboration has this id, or nobody matches someone in `with`", body = ErrorBody),
        (status = 409, description = "A name matches several people", body = ErrorBody),
        (status = 422, description = "Not an id, or invalid fields", body = ErrorBody)
    )
)]
async fn update_collaboration(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<CollaborationChanges>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    let Json(b) = body?;
    ok(&state
        .app
        .collab_update(
            &id,
            b.status.as_deref(),
            b.outcome.as_deref(),
            b.note.as_deref(),
            &b.with,
        )
        .await
        .fields(&[("collaboration status", "status")])?)
}

/// How many.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LimitQuery {
    /// At most this many (1 to 1000; default 10).
    limit: Option<usize>,
}

/// People worth collaborating with, for your needs and interests (`kithkin collab suggest`).
#[utoipa::path(
    get,
    path = "/collaborations/suggestions",
    tag = "introductions",
    params(LimitQuery),
    responses(
        (status = 200, description = "Suggestions, best first", body = ListAnswer),
        (status = 422, description = "Invalid limit", body = ErrorBody)
    )
)]
async fn collaboration_suggestions(
    State(state): St,
    query: Result<Query<LimitQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(q) = query?;
    let limit = limit(q.limit, 10)?;
    list(&state.app.collab_suggest(limit).await?)
}
