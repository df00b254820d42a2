//! Events and the people met there, organisations and your memberships, goals.

use super::{
    AT, Answer, ApiResult, ErrorBody, Fields, ListAnswer, Routes, St, created, list, ok, record_id,
    required,
};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use kithkin_app::events::EventRequest;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .routes(routes!(events, add_event))
        .routes(routes!(show_event))
        .routes(routes!(event_met))
        .routes(routes!(event_done))
        .routes(routes!(orgs))
        .routes(routes!(show_org))
        .routes(routes!(join_org))
        .routes(routes!(leave_org))
        .routes(routes!(goals, add_goal))
        .routes(routes!(close_goal))
        .routes(routes!(goal_status))
}

/// Events, newest first (`kithkin event list`).
#[utoipa::path(
    get,
    path = "/events",
    tag = "events and goals",
    responses((status = 200, description = "Events", body = ListAnswer))
)]
async fn events(State(state): St) -> ApiResult<Json<ListAnswer>> {
    list(&state.app.event_list().await?)
}

/// A new event.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEvent {
    /// Its name.
    name: String,
    /// When it starts: `2026-03-10`, `2026-03-10 18:30`, `in 2w`…
    on: String,
    /// The organisation that runs it (created when missing).
    #[serde(default)]
    org: Option<String>,
    /// conference, meetup, dinner, workshop or other (default).
    #[serde(default)]
    kind: Option<String>,
    /// Minutes you spent there.
    #[serde(default)]
    minutes: Option<u32>,
    /// Where.
    #[serde(default)]
    location: Option<String>,
    /// Notes.
    #[serde(default)]
    note: Option<String>,
}

/// Adds an event you go to or went to (`kithkin event add`).
#[utoipa::path(
    post,
    path = "/events",
    tag = "events and goals",
    request_body = NewEvent,
    responses(
        (status = 201, description = "`event` and whether its organisation was created", body = Answer),
        (status = 409, description = "The same name on the same day", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody)
    )
)]
async fn add_event(
    State(state): St,
    body: Result<Json<NewEvent>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Json(b) = body?;
    let req = EventRequest {
        name: b.name,
        on: b.on,
        org: b.org,
        kind: b.kind,
        minutes: b.minutes,
        location: b.location,
        note: b.note,
    };
    let (event, org_created) = state.app.event_add(&req).await.fields(&[
        ("event kind", "kind"),
        ("when", "on"),
        ("date", "on"),
        ("event", "name"),
    ])?;
    created(&serde_json::json!({ "event": event, "organisation_created": org_created }))
}

/// One event: who was there, whom you met, follow-ups still open (`kithkin event show`).
#[utoipa::path(
    get,
    path = "/events/{id}",
    tag = "events and goals",
    params(("id" = String, Path, description = "The event's id (a UUID)")),
    responses(
        (status = 200, description = "The event", body = Answer),
        (status = 404, description = "No event has this id", body = ErrorBody),
        (status = 422, description = "Not an id", body = ErrorBody)
    )
)]
async fn show_event(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    ok(&state.app.event_show(&id).await?)
}

/// People met at an event.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MetBody {
    /// The people: names (created when nobody matches), emails or ids.
    people: Vec<String>,
    /// Match only exact names and create everyone else.
    #[serde(default)]
    create: bool,
}

/// Records people you met at an event (`kithkin event met`).
#[utoipa::path(
    post,
    path = "/events/{id}/met",
    tag = "events and goals",
    params(("id" = String, Path, description = "The event's id (a UUID)")),
    request_body = MetBody,
    responses(
        (status = 200, description = "The event and each person, matched or created", body = Answer),
        (status = 404, description = "No event has this id", body = ErrorBody),
        (status = 409, description = "A name matches several people", body = ErrorBody),
        (status = 422, description = "Not an id, or no people", body = ErrorBody)
    )
)]
async fn event_met(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<MetBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    let Json(b) = body?;
    if b.people.is_empty() {
        return Err(super::ApiError::field(
            "people",
            "must name at least one person",
        ));
    }
    ok(&state.app.event_met(&id, &b.people, b.create).await?)
}

/// Whose follow-ups.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DoneBody {
    /// Only these people (default: everyone met there).
    people: Vec<String>,
}

/// Marks the follow-ups with people met at an event done (`kithkin event done`).
#[utoipa::path(
    post,
    path = "/events/{id}/done",
    tag = "events and goals",
    params(("id" = String, Path, description = "The event's id (a UUID)")),
    request_body = DoneBody,
    responses(
        (status = 200, description = "`event` and the names `done`", body = Answer),
        (status = 404, description = "No event has this id, or nobody matches", body = ErrorBody),
        (status = 409, description = "A name matches several people", body = ErrorBody),
        (status = 422, description = "Not an id", body = ErrorBody)
    )
)]
async fn event_done(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<DoneBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    let Json(b) = body?;
    let (event, done) = state.app.event_done(&id, &b.people).await?;
    ok(&serde_json::json!({ "event": event, "done": done }))
}

/// Organisations with their people and events counts and your membership (`kithkin org
/// list`).
#[utoipa::path(
    get,
    path = "/orgs",
    tag = "events and goals",
    responses((status = 200, description = "Organisations", body = ListAnswer))
)]
async fn orgs(State(state): St) -> ApiResult<Json<ListAnswer>> {
    list(&state.app.org_list().await?)
}

/// One organisation: who works there, its events, your membership (`kithkin org show`).
#[utoipa::path(
    get,
    path = "/orgs/{name}",
    tag = "events and goals",
    params(("name" = String, Path, description = "The organisation's name (or words of it)")),
    responses(
        (status = 200, description = "The organisation", body = Answer),
        (status = 404, description = "No organisation matches", body = ErrorBody),
        (status = 409, description = "Several organisations match", body = ErrorBody),
        (status = 422, description = "An empty name", body = ErrorBody)
    )
)]
async fn show_org(
    State(state): St,
    name: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(name) = name?;
    ok(&state.app.org_show(required("name", &name)?).await?)
}

/// Your membership.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct JoinBody {
    /// Your role there.
    role: Option<String>,
    /// Since when (a day).
    since: Option<String>,
}

/// Records that you are a member of an organisation, created when missing (`kithkin org
/// join`).
#[utoipa::path(
    post,
    path = "/orgs/{name}/join",
    tag = "events and goals",
    params(("name" = String, Path, description = "The organisation's name")),
    request_body = JoinBody,
    responses(
        (status = 200, description = "`membership` and whether the organisation was created", body = Answer),
        (status = 409, description = "Several organisations match", body = ErrorBody),
        (status = 422, description = "An empty name, or not a day", body = ErrorBody)
    )
)]
async fn join_org(
    State(state): St,
    name: Result<Path<String>, PathRejection>,
    body: Result<Json<JoinBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(name) = name?;
    let Json(b) = body?;
    let (membership, created) = state
        .app
        .org_join(
            required("name", &name)?,
            b.role.as_deref(),
            b.since.as_deref(),
        )
        .await
        .fields(&[("when", "since"), ("date", "since")])?;
    ok(&serde_json::json!({ "membership": membership, "organisation_created": created }))
}

/// Ends your membership of an organisation (`kithkin org leave`).
#[utoipa::path(
    post,
    path = "/orgs/{name}/leave",
    tag = "events and goals",
    params(("name" = String, Path, description = "The organisation's name")),
    responses(
        (status = 200, description = "The membership, ended", body = Answer),
        (status = 404, description = "No organisation matches, or you are not a member", body = ErrorBody),
        (status = 409, description = "Several organisations match", body = ErrorBody),
        (status = 422, description = "An empty name", body = ErrorBody)
    )
)]
async fn leave_org(
    State(state): St,
    name: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(name) = name?;
    ok(&state.app.org_leave(required("name", &name)?).await?)
}

/// Which goals.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GoalsQuery {
    /// Closed goals too.
    all: Option<bool>,
}

/// Your goals (`kithkin goal list`).
#[utoipa::path(
    get,
    path = "/goals",
    tag = "events and goals",
    params(GoalsQuery),
    responses(
        (status = 200, description = "Goals", body = ListAnswer),
        (status = 422, description = "Invalid query", body = ErrorBody)
    )
)]
async fn goals(
    State(state): St,
    query: Result<Query<GoalsQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(q) = query?;
    list(&state.app.goal_list(q.all.unwrap_or(false)).await?)
}

/// A new goal, such as 5 check-ins a week.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGoal {
    /// What to count: checkins, interactions, intros, events, new-people, favours, thanks, or
    /// anything else as a freeform goal.
    metric: String,
    /// How many per period (`5`).
    target: String,
    /// week, month, quarter or year.
    period: String,
    /// Only count what involves people with this facet value (`industry=climate`), or without
    /// it (`industry=!tech`).
    #[serde(default)]
    facet: Option<String>,
    /// Its title (default: made from the rest).
    #[serde(default)]
    title: Option<String>,
}

/// Adds a goal (`kithkin goal add`).
#[utoipa::path(
    post,
    path = "/goals",
    tag = "events and goals",
    request_body = NewGoal,
    responses(
        (status = 201, description = "The goal", body = Answer),
        (status = 422, description = "Invalid fields", body = ErrorBody)
    )
)]
async fn add_goal(
    State(state): St,
    body: Result<Json<NewGoal>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Json(b) = body?;
    created(
        &state
            .app
            .goal_add(
                &b.metric,
                &b.target,
                &b.period,
                b.facet.as_deref(),
                b.title.as_deref(),
            )
            .await
            .fields(&[("goal metric", "metric"), ("goal period", "period")])?,
    )
}

/// Closes a goal (`kithkin goal close`).
#[utoipa::path(
    post,
    path = "/goals/{id}/close",
    tag = "events and goals",
    params(("id" = String, Path, description = "The goal's id (a UUID)")),
    responses(
        (status = 200, description = "The goal, closed", body = Answer),
        (status = 404, description = "No goal has this id", body = ErrorBody),
        (status = 422, description = "Not an id", body = ErrorBody)
    )
)]
async fn close_goal(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = record_id(&id)?;
    ok(&state.app.goal_close(&id).await?)
}

/// As of a day.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AtQuery {
    /// As of the end of this day (default: today).
    at: Option<String>,
}

/// Progress of each open goal this period, the periods before, and streaks (`kithkin goal
/// status`).
#[utoipa::path(
    get,
    path = "/goals/status",
    tag = "events and goals",
    params(AtQuery),
    responses(
        (status = 200, description = "Each goal's progress", body = ListAnswer),
        (status = 422, description = "Invalid day", body = ErrorBody)
    )
)]
async fn goal_status(
    State(state): St,
    query: Result<Query<AtQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(q) = query?;
    list(&state.app.goal_status(q.at.as_deref()).await.fields(AT)?)
}
