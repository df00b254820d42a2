//! Circles (named groups with a default cadence) and facets (industry, region…) with the
//! values you want more of.

use super::keeping::CadenceBody;
use super::{Answer, ApiResult, ErrorBody, ListAnswer, Routes, St, created, list, ok};
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .routes(routes!(circles, create_circle))
        .routes(routes!(circle_add))
        .routes(routes!(circle_remove))
        .routes(routes!(circle_cadence))
        .routes(routes!(facets))
        .routes(routes!(want_facet))
}

/// Circles with their sizes (`kithkin circle list`).
#[utoipa::path(
    get,
    path = "/circles",
    tag = "keeping in touch",
    responses((status = 200, description = "Circles", body = ListAnswer))
)]
async fn circles(State(state): St) -> ApiResult<Json<ListAnswer>> {
    list(&state.app.circles().await?)
}

/// A new circle.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCircle {
    /// Its name.
    name: String,
    /// Its members' default cadence (`30d`, `2w`, `3m`).
    #[serde(default)]
    cadence: Option<String>,
}

/// Creates a circle (`kithkin circle create`).
#[utoipa::path(
    post,
    path = "/circles",
    tag = "keeping in touch",
    request_body = NewCircle,
    responses(
        (status = 201, description = "`id`, `name`, `cadence`", body = Answer),
        (status = 409, description = "A circle has this name", body = ErrorBody),
        (status = 422, description = "Empty name, or not a cadence", body = ErrorBody)
    )
)]
async fn create_circle(
    State(state): St,
    body: Result<Json<NewCircle>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Json(b) = body?;
    created(
        &state
            .app
            .create_circle(&b.name, b.cadence.as_deref())
            .await?,
    )
}

/// People to add to or remove from a circle.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CirclePeople {
    /// The people: ids, emails or names.
    people: Vec<String>,
}

/// Adds people to a circle (`kithkin circle add`).
#[utoipa::path(
    post,
    path = "/circles/{name}/add",
    tag = "keeping in touch",
    params(("name" = String, Path, description = "The circle's name")),
    request_body = CirclePeople,
    responses(
        (status = 200, description = "`circle` and how many were `added`", body = Answer),
        (status = 404, description = "No such circle, or nobody matches a person", body = ErrorBody),
        (status = 409, description = "A name matches several people", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody)
    )
)]
async fn circle_add(
    State(state): St,
    name: Result<Path<String>, PathRejection>,
    body: Result<Json<CirclePeople>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(name) = name?;
    let Json(b) = body?;
    let (circle, added, _) = state.app.circle_add(&name, &b.people).await?;
    ok(&serde_json::json!({ "circle": circle, "added": added }))
}

/// Removes people from a circle (`kithkin circle remove`).
#[utoipa::path(
    post,
    path = "/circles/{name}/remove",
    tag = "keeping in touch",
    params(("name" = String, Path, description = "The circle's name")),
    request_body = CirclePeople,
    responses(
        (status = 200, description = "`circle` and how many were `removed`", body = Answer),
        (status = 404, description = "No such circle, or nobody matches a person", body = ErrorBody),
        (status = 409, description = "A name matches several people", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody)
    )
)]
async fn circle_remove(
    State(state): St,
    name: Result<Path<String>, PathRejection>,
    body: Result<Json<CirclePeople>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(name) = name?;
    let Json(b) = body?;
    let (circle, removed) = state.app.circle_remove(&name, &b.people).await?;
    ok(&serde_json::json!({ "circle": circle, "removed": removed }))
}

/// Sets a circle's default cadence (`kithkin cadence --circle`).
#[utoipa::path(
    put,
    path = "/circles/{name}/cadence",
    tag = "keeping in touch",
    params(("name" = String, Path, description = "The circle's name")),
    request_body = CadenceBody,
    responses(
        (status = 200, description = "`circle` (the name) and `cadence` (days or null)", body = Answer),
        (status = 404, description = "No such circle", body = ErrorBody),
        (status = 422, description = "Not a cadence", body = ErrorBody)
    )
)]
async fn circle_cadence(
    State(state): St,
    name: Result<Path<String>, PathRejection>,
    body: Result<Json<CadenceBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(name) = name?;
    let Json(b) = body?;
    let (name, cadence) = state
        .app
        .set_circle_cadence(&name, b.every.as_deref())
        .await?;
    ok(&serde_json::json!({ "circle": name, "cadence": cadence }))
}

/// Facets and their values, with counts and the values you want (`kithkin facet list`).
#[utoipa::path(
    get,
    path = "/facets",
    tag = "keeping in touch",
    responses((status = 200, description = "Facets", body = ListAnswer))
)]
async fn facets(State(state): St) -> ApiResult<Json<ListAnswer>> {
    list(&state.app.facets().await?)
}

/// A facet value you want (or no longer want) more of.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WantedFacet {
    /// The facet (industry, region…).
    key: String,
    /// The value.
    value: String,
    /// Wanted (default) or no longer wanted.
    #[serde(default = "yes")]
    wanted: bool,
}

fn yes() -> bool {
    true
}

/// Marks a facet value as wanted, or not (`kithkin facet want [--remove]`).
#[utoipa::path(
    put,
    path = "/facets/wanted",
    tag = "keeping in touch",
    request_body = WantedFacet,
    responses(
        (status = 200, description = "`key`, `value`, `wanted` and whether it `changed`", body = Answer),
        (status = 422, description = "Empty key or value", body = ErrorBody)
    )
)]
async fn want_facet(
    State(state): St,
    body: Result<Json<WantedFacet>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Json(b) = body?;
    let changed = state.app.want_facet(&b.key, &b.value, b.wanted).await?;
    ok(&serde_json::json!({
        "key": b.key, "value": b.value, "wanted": b.wanted, "changed": changed,
    }))
}
