//! What you know about a person: notes, important dates, the brief before a meeting,
//! strength, ways to add value, and who knows whom.

use super::{
    Answer, ApiResult, ErrorBody, Fields, ListAnswer, Routes, St, created, json_value, limit, list,
    ok, person_id, required,
};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .routes(routes!(notes, add_note))
        .routes(routes!(add_date))
        .routes(routes!(brief))
        .routes(routes!(strength))
        .routes(routes!(person_value))
        .routes(routes!(value))
        .routes(routes!(knows))
}

/// A person's notes, newest first (`kithkin show` has the ten latest).
#[utoipa::path(
    get,
    path = "/people/{id}/notes",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)"), LimitQuery),
    responses(
        (status = 200, description = "Notes: `id`, `person`, `body`, `created_at`", body = ListAnswer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, or a bad limit", body = ErrorBody)
    )
)]
async fn notes(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LimitQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Path(id) = id?;
    let Query(query) = query?;
    let id = person_id(&id)?;
    let limit = limit(query.limit, 100)?;
    list(&state.app.notes(&id.to_string(), limit).await?)
}

/// A note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    /// What to remember.
    body: String,
}

/// Writes a note about a person (`kithkin note`).
#[utoipa::path(
    post,
    path = "/people/{id}/notes",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = NewNote,
    responses(
        (status = 201, description = "The note: `id`, `person`, `body`, `created_at`", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, or an empty note", body = ErrorBody)
    )
)]
async fn add_note(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<NewNote>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Json(n) = body?;
    let (note, _) = state
        .app
        .note(&id.to_string(), &n.body)
        .await
        .fields(&[("note", "body")])?;
    created(&note)
}

/// An important date.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDate {
    /// birthday, anniversary, or any other label.
    kind: String,
    /// The day: `1990-04-15`, or `04-15` without a year.
    on: String,
}

/// Records an important date (`kithkin date`).
#[utoipa::path(
    post,
    path = "/people/{id}/dates",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = NewDate,
    responses(
        (status = 201, description = "The date: `id`, `person`, `kind`, `label`, `day`", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, or not a day", body = ErrorBody)
    )
)]
async fn add_date(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<NewDate>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Json(d) = body?;
    let (date, _) = state
        .app
        .add_date(&id.to_string(), &d.kind, &d.on)
        .await
        .fields(&[("date", "on"), ("when", "on")])?;
    created(&date)
}

/// Before you meet someone (`kithkin brief`): who they are, what is going on, give and take,
/// ways to help.
#[utoipa::path(
    get,
    path = "/people/{id}/brief",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    responses(
        (status = 200, description = "The brief", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id", body = ErrorBody)
    )
)]
async fn brief(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    ok(&state.app.brief(&id.to_string()).await?)
}

/// The strength of a tie, with its components and the lines explaining it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StrengthAnswer {
    /// `score` (0-100) and `components` (each 0-1).
    #[schema(value_type = Object)]
    strength: serde_json::Value,
    /// Why, in words.
    explanation: Vec<String>,
}

/// A person's relationship strength now (`kithkin strength`, one line).
#[utoipa::path(
    get,
    path = "/people/{id}/strength",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    responses(
        (status = 200, description = "The strength", body = StrengthAnswer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id", body = ErrorBody)
    )
)]
async fn strength(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<StrengthAnswer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let id = state.app.resolve(&id.to_string()).await?;
    let (strength, explanation) = state.app.strength_of(id).await?;
    Ok(Json(StrengthAnswer {
        strength: json_value(&strength)?,
        explanation,
    }))
}

/// How many.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LimitQuery {
    /// At most this many (1 to 1000).
    limit: Option<usize>,
}

/// Ways to add value with one person (`kithkin value PERSON`): your offers and expertise for
/// their needs, theirs for yours.
#[utoipa::path(
    get,
    path = "/people/{id}/value",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)"), LimitQuery),
    responses(
        (status = 200, description = "Matches, best first", body = ListAnswer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, or a bad limit", body = ErrorBody)
    )
)]
async fn person_value(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LimitQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Path(id) = id?;
    let Query(query) = query?;
    let limit = limit(query.limit, 20)?;
    let id = person_id(&id)?;
    let id = state.app.resolve(&id.to_string()).await?;
    let mut matches = state.app.ways_to_add_value(Some(id)).await?;
    matches.truncate(limit);
    list(&matches)
}

/// Ways to add value across everyone (`kithkin value`).
#[utoipa::path(
    get,
    path = "/value",
    tag = "people",
    params(LimitQuery),
    responses(
        (status = 200, description = "Matches, best first", body = ListAnswer),
        (status = 422, description = "A bad limit", body = ErrorBody)
    )
)]
async fn value(
    State(state): St,
    query: Result<Query<LimitQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(query) = query?;
    let limit = limit(query.limit, 20)?;
    let mut matches = state.app.ways_to_add_value(None).await?;
    matches.truncate(limit);
    list(&matches)
}

/// Two people who know each other.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewKnows {
    /// One person: id, email or name.
    a: String,
    /// The other.
    b: String,
    /// How well, 0 to 1 (default 0.5).
    #[serde(default)]
    strength: Option<f64>,
}

/// Records that two people know each other (`kithkin knows`).
#[utoipa::path(
    post,
    path = "/knows",
    tag = "people",
    request_body = NewKnows,
    responses(
        (status = 201, description = "`a`, `b` (`id`, `name`), `strength`, `source`", body = Answer),
        (status = 404, description = "Nobody matches a or b", body = ErrorBody),
        (status = 409, description = "A name matches several people", body = ErrorBody),
        (status = 422, description = "Invalid strength, or the same person twice", body = ErrorBody)
    )
)]
async fn knows(
    State(state): St,
    body: Result<Json<NewKnows>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Json(k) = body?;
    let a = required("a", &k.a)?;
    let b = required("b", &k.b)?;
    let (link, [(ia, na), (ib, nb)]) = state.app.knows(a, b, k.strength).await?;
    created(&serde_json::json!({
        "a": { "id": ia, "name": na },
        "b": { "id": ib, "name": nb },
        "strength": link.strength,
        "source": link.source,
    }))
}
