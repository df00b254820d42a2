//! Keeping in touch: the agenda, interactions, cadences, snoozes, follow-ups, life events,
//! strength.

use super::{
    AT, Answer, ApiResult, ErrorBody, Fields, ListAnswer, Routes, St, created, json_value, limit,
    list, ok, person_id, record_id, required,
};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use kithkin_app::AppError;
use kithkin_app::activity::LogRequest;
use kithkin_core::interaction::Direction;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .routes(routes!(today))
        .routes(routes!(log_interaction))
        .routes(routes!(set_cadence))
        .routes(routes!(snooze, unsnooze))
        .routes(routes!(remind))
        .routes(routes!(follow_up_done))
        .routes(routes!(life_event))
        .routes(routes!(acknowledge))
        .routes(routes!(strength_list))
        .routes(routes!(reconnect))
}

/// As of a day.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AtQuery {
    /// The day, as of its end: `2026-03-01`, `tomorrow`… (default: today).
    at: Option<String>,
}

/// The day's agenda (`kithkin today`): check-ins due, dates coming, life events, follow-ups,
/// thanks owed, introductions waiting.
#[utoipa::path(
    get,
    path = "/today",
    tag = "keeping in touch",
    params(AtQuery),
    responses(
        (status = 200, description = "`day` and `items` (each with a `type`)", body = Answer),
        (status = 422, description = "Invalid day", body = ErrorBody)
    )
)]
async fn today(
    State(state): St,
    query: Result<Query<AtQuery>, QueryRejection>,
) -> ApiResult<Json<Answer>> {
    let Query(query) = query?;
    ok(&state.app.today(query.at.as_deref()).await.fields(AT)?)
}

/// An interaction to log.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInteraction {
    /// meeting, call, video, email, message, meal or event.
    kind: String,
    /// The people in it: ids, emails or names.
    with: Vec<String>,
    /// When (default: now): `2026-03-01 14:00`, `yesterday`…
    #[serde(default)]
    at: Option<String>,
    /// How long, in minutes.
    #[serde(default)]
    minutes: Option<u32>,
    /// Who reached out: inbound, outbound or mutual (default).
    #[serde(default)]
    direction: Option<String>,
    /// What was said.
    #[serde(default)]
    note: Option<String>,
}

/// A logged interaction.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoggedAnswer {
    /// The interaction as stored.
    #[schema(value_type = Object)]
    interaction: serde_json::Value,
    /// The names of the people in it.
    with: Vec<String>,
}

/// Logs an interaction (`kithkin log`).
#[utoipa::path(
    post,
    path = "/interactions",
    tag = "keeping in touch",
    request_body = NewInteraction,
    responses(
        (status = 201, description = "Logged", body = LoggedAnswer),
        (status = 404, description = "Nobody matches a name in `with`", body = ErrorBody),
        (status = 409, description = "A name in `with` matches several people", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody)
    )
)]
async fn log_interaction(
    State(state): St,
    body: Result<Json<NewInteraction>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<LoggedAnswer>)> {
    let Json(i) = body?;
    let direction = match i.direction.as_deref() {
        Some(d) => Some(d.parse::<Direction>().map_err(AppError::from)?),
        None => None,
    };
    let (interaction, with) = state
        .app
        .log(&LogRequest {
            kind: i.kind,
            with: i.with,
            at: i.at,
            minutes: i.minutes,
            direction,
            note: i.note,
        })
        .await
        .fields(&[("interaction kind", "kind"), ("when", "at"), ("date", "at")])?;
    Ok((
        StatusCode::CREATED,
        Json(LoggedAnswer {
            interaction: json_value(&interaction)?,
            with,
        }),
    ))
}

/// A cadence.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(super) struct CadenceBody {
    /// How often: `30d`, `2w`, `3m`, `1y`; null for no check-in reminders.
    pub(super) every: Option<String>,
}

/// Sets how often to keep in touch with a person (`kithkin cadence`).
#[utoipa::path(
    put,
    path = "/people/{id}/cadence",
    tag = "keeping in touch",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = CadenceBody,
    responses(
        (status = 200, description = "`person` (the name) and `cadence` (days or null)", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, or not a cadence", body = ErrorBody)
    )
)]
async fn set_cadence(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<CadenceBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Json(b) = body?;
    let (_, name, cadence) = state
        .app
        .set_cadence(&id.to_string(), b.every.as_deref())
        .await?;
    ok(&serde_json::json!({ "person": name, "cadence": cadence }))
}

/// How long to snooze.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SnoozeBody {
    /// For how long (`1w`, `10d`, `3m`) or until a day (`2026-04-01`).
    span: String,
}

/// Pauses check-in reminders for a person (`kithkin snooze`).
#[utoipa::path(
    post,
    path = "/people/{id}/snooze",
    tag = "keeping in touch",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = SnoozeBody,
    responses(
        (status = 200, description = "`name` and `snoozed_until`", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, or not a span", body = ErrorBody)
    )
)]
async fn snooze(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<SnoozeBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Json(b) = body?;
    let span = required("span", &b.span)?;
    let (name, until) = state
        .app
        .snooze(&id.to_string(), Some(span))
        .await
        .fields(&[("snooze", "span"), ("when", "span"), ("date", "span")])?;
    ok(&serde_json::json!({ "name": name, "snoozed_until": until }))
}

/// Ends a snooze now (`kithkin snooze --off`).
#[utoipa::path(
    delete,
    path = "/people/{id}/snooze",
    tag = "keeping in touch",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    responses(
        (status = 200, description = "`name` and `snoozed_until` (null)", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id", body = ErrorBody)
    )
)]
async fn unsnooze(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let (name, until) = state.app.snooze(&id.to_string(), None).await?;
    ok(&serde_json::json!({ "name": name, "snoozed_until": until }))
}

/// A follow-up to remember.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReminder {
    /// The day: `2026-03-10`, `friday`, `in 2w`…
    when: String,
    /// What to do.
    text: String,
}

/// Reminds you to do something for someone on a day (`kithkin remind`).
#[utoipa::path(
    post,
    path = "/people/{id}/reminders",
    tag = "keeping in touch",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = NewReminder,
    responses(
        (status = 201, description = "The follow-up", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, not a day, or no text", body = ErrorBody)
    )
)]
async fn remind(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<NewReminder>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Json(b) = body?;
    created(
        &state
            .app
            .remind(&id.to_string(), &b.when, &b.text)
            .await
            .fields(&[("date", "when")])?,
    )
}

/// Marks a follow-up done (`kithkin done`).
#[utoipa::path(
    post,
    path = "/follow-ups/{id}/done",
    tag = "keeping in touch",
    params(("id" = String, Path, description = "The follow-up's id (a UUID)")),
    responses(
        (status = 200, description = "The follow-up, done", body = Answer),
        (status = 404, description = "No follow-up has this id", body = ErrorBody),
        (status = 422, description = "Not an id", body = ErrorBody)
    )
)]
async fn follow_up_done(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    ok(&state.app.done(&id).await?)
}

/// A life event.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLifeEvent {
    /// new_job, promotion, launch, award, move, wedding, baby, loss, illness or layoff.
    kind: String,
    /// When (default: today).
    #[serde(default)]
    on: Option<String>,
    /// What happened.
    #[serde(default)]
    note: Option<String>,
}

/// Records a life event (`kithkin life`).
#[utoipa::path(
    post,
    path = "/people/{id}/life-events",
    tag = "keeping in touch",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = NewLifeEvent,
    responses(
        (status = 201, description = "The life event", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, an unknown kind, or not a day", body = ErrorBody)
    )
)]
async fn life_event(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<NewLifeEvent>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Json(b) = body?;
    let (event, _) = state
        .app
        .record_life_event(&id.to_string(), &b.kind, b.on.as_deref(), b.note.as_deref())
        .await
        .fields(&[("life event kind", "kind"), ("when", "on"), ("date", "on")])?;
    created(&event)
}

/// Acknowledges a life event without logging an interaction (`kithkin ack`).
#[utoipa::path(
    post,
    path = "/life-events/{id}/acknowledge",
    tag = "keeping in touch",
    params(("id" = String, Path, description = "The life event's id (a UUID)")),
    responses(
        (status = 200, description = "The life event, acknowledged", body = Answer),
        (status = 404, description = "No life event has this id", body = ErrorBody),
        (status = 422, description = "Not an id", body = ErrorBody)
    )
)]
async fn acknowledge(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    let (event, _) = state.app.acknowledge(&id).await?;
    ok(&event)
}

/// Strength list filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StrengthQuery {
    /// As of the end of this day (default: today).
    at: Option<String>,
    /// Only the strongest N (1 to 1000; default 100).
    limit: Option<usize>,
}

/// Relationship strength (0-100) for everyone, with its components (`kithkin strength`).
#[utoipa::path(
    get,
    path = "/strength",
    tag = "keeping in touch",
    params(StrengthQuery),
    responses(
        (status = 200, description = "Strongest first", body = ListAnswer),
        (status = 422, description = "Invalid day or limit", body = ErrorBody)
    )
)]
async fn strength_list(
    State(state): St,
    query: Result<Query<StrengthQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(query) = query?;
    let limit = limit(query.limit, 100)?;
    let mut all = state
        .app
        .strength_list(query.at.as_deref())
        .await
        .fields(AT)?;
    all.truncate(limit);
    list(&all)
}

/// How many.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReconnectQuery {
    /// At most this many (1 to 1000; default 5).
    limit: Option<usize>,
}

/// Strong ties that have gone quiet, worth reviving (`kithkin reconnect`).
#[utoipa::path(
    get,
    path = "/reconnect",
    tag = "keeping in touch",
    params(ReconnectQuery),
    responses(
        (status = 200, description = "Dormant ties", body = ListAnswer),
        (status = 422, description = "Invalid limit", body = ErrorBody)
    )
)]
async fn reconnect(
    State(state): St,
    query: Result<Query<ReconnectQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(query) = query?;
    let limit = limit(query.limit, 5)?;
    list(&state.app.reconnect(limit).await?)
}
