//! Reports: reciprocity, diversity, network structure, the support map, the weekly review,
//! time invested, and the graph of who knows whom.

use super::{AT, Answer, ApiError, ApiResult, ErrorBody, Fields, Routes, St, ok};
use axum::Json;
use axum::extract::Query;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .routes(routes!(reciprocity))
        .routes(routes!(diversity))
        .routes(routes!(network_report))
        .routes(routes!(support))
        .routes(routes!(review))
        .routes(routes!(time))
        .routes(routes!(network))
}

/// As of a day.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AtQuery {
    /// As of the end of this day (default: today).
    at: Option<String>,
}

/// Given and received per person (weighted, decayed), the balance, one-sided relationships
/// (`kithkin report reciprocity`).
#[utoipa::path(
    get,
    path = "/reports/reciprocity",
    operation_id = "report_reciprocity",
    tag = "reports",
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

/// Which diversity.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiversityQuery {
    /// Only this facet key (default: every facet).
    facet: Option<String>,
    /// Weigh people by tie strength instead of counting them.
    weighted: Option<bool>,
    /// As of the end of this day (default: today).
    at: Option<String>,
}

/// How diverse the network is per facet: shares, Blau, Shannon, evenness, effective number,
/// the trend, under-represented values (`kithkin report diversity`).
#[utoipa::path(
    get,
    path = "/reports/diversity",
    tag = "reports",
    params(DiversityQuery),
    responses(
        (status = 200, description = "The diversity report", body = Answer),
        (status = 404, description = "No such facet", body = ErrorBody),
        (status = 422, description = "Invalid day", body = ErrorBody)
    )
)]
async fn diversity(
    State(state): St,
    query: Result<Query<DiversityQuery>, QueryRejection>,
) -> ApiResult<Json<Answer>> {
    let Query(q) = query?;
    ok(&state
        .app
        .diversity_report(
            q.facet.as_deref(),
            q.weighted.unwrap_or(false),
            q.at.as_deref(),
        )
        .await
        .fields(AT)?)
}

/// The structure of the network between contacts: degree, constraint and effective size,
/// communities, brokers, your ego network (`kithkin report network`).
#[utoipa::path(
    get,
    path = "/reports/network",
    tag = "reports",
    responses((status = 200, description = "The network report", body = Answer))
)]
async fn network_report(State(state): St) -> ApiResult<Json<Answer>> {
    ok(&state.app.network_report().await?)
}

/// The support map: mentors, sponsors, advisors, peers, mentees, collaborators, and the needs
/// and goals no strong tie offers (`kithkin report support`).
#[utoipa::path(
    get,
    path = "/reports/support",
    tag = "reports",
    responses((status = 200, description = "The support map", body = Answer))
)]
async fn support(State(state): St) -> ApiResult<Json<Answer>> {
    ok(&state.app.support_report().await?)
}

/// Which week.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewQuery {
    /// A day of the week to review (default: the week ending today).
    week_of: Option<String>,
}

/// The weekly review (`kithkin review --json`).
#[utoipa::path(
    get,
    path = "/review",
    tag = "reports",
    params(ReviewQuery),
    responses(
        (status = 200, description = "The review", body = Answer),
        (status = 422, description = "Invalid day", body = ErrorBody)
    )
)]
async fn review(
    State(state): St,
    query: Result<Query<ReviewQuery>, QueryRejection>,
) -> ApiResult<Json<Answer>> {
    let Query(q) = query?;
    ok(&state
        .app
        .review(q.week_of.as_deref())
        .await
        .fields(&[("when", "week_of"), ("date", "week_of")])?)
}

/// Which weeks.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimeQuery {
    /// How many weeks back (1 to 520; default 4).
    weeks: Option<usize>,
    /// As of the end of this day (default: today).
    at: Option<String>,
}

/// Time invested per week: minutes by kind of interaction, and events (`kithkin time`).
#[utoipa::path(
    get,
    path = "/time",
    tag = "reports",
    params(TimeQuery),
    responses(
        (status = 200, description = "The time report", body = Answer),
        (status = 422, description = "Invalid day or weeks", body = ErrorBody)
    )
)]
async fn time(
    State(state): St,
    query: Result<Query<TimeQuery>, QueryRejection>,
) -> ApiResult<Json<Answer>> {
    let Query(q) = query?;
    let weeks = q.weeks.unwrap_or(4);
    if !(1..=520).contains(&weeks) {
        return Err(ApiError::field("weeks", "must be between 1 and 520"));
    }
    ok(&state
        .app
        .time_report(weeks, q.at.as_deref())
        .await
        .fields(AT)?)
}

/// The graph of who knows whom among your contacts (`kithkin network export --format json`).
#[utoipa::path(
    get,
    path = "/network",
    tag = "reports",
    responses((status = 200, description = "`nodes` and `edges`", body = Answer))
)]
async fn network(State(state): St) -> ApiResult<Json<Answer>> {
    let graph = state.app.contact_graph().await?;
    let (nodes, edges) = graph.export(None);
    ok(&serde_json::json!({ "nodes": nodes, "edges": edges }))
}
