//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document built from the same
//! route list (utoipa-axum), so a route cannot be served without being documented.
//!
//! One file per area; each handler parses, calls the [`kithkin_app::App`] method the CLI
//! calls for the same verb, and maps the answer (the shapes of `--json`, docs/json.md) or the
//! error ([`ApiError`]: 404 unknown, 409 conflict, 422 invalid with messages per field).

mod about;
mod circles;
mod data;
mod events_goals;
mod favours;
mod introductions;
mod keeping;
mod people;
mod reports;

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kithkin_app::AppError;
use kithkin_core::PersonId;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kithkin",
        description = "The JSON API of a local-first relationship manager. Every verb of the \
                       command line has a route here; answers have the shapes of `--json`."
    ),
    tags(
        (name = "people", description = "People: list, search, show, add, edit, archive, forget, notes, dates"),
        (name = "keeping in touch", description = "The agenda, interactions, cadences, snoozes, follow-ups, life events, strength, circles"),
        (name = "give and take", description = "Needs, offers, favours, thanks and reciprocity"),
        (name = "introductions", description = "Double-opt-in introductions, warm paths and collaborations"),
        (name = "reports", description = "Reports, the weekly review, time invested, the network"),
        (name = "events and goals", description = "Events, organisations and goals"),
        (name = "data", description = "Me, duplicates and merging, import and export")
    )
)]
struct ApiDoc;

/// The API routes and their OpenAPI document.
pub fn router() -> (axum::Router<super::State>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::new()
        .merge(people::routes())
        .merge(about::routes())
        .merge(keeping::routes())
        .merge(circles::routes())
        .merge(favours::routes())
        .merge(introductions::routes())
        .merge(reports::routes())
        .merge(events_goals::routes())
        .merge(data::routes());
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts()
}

/// The routes of one area, with their documentation.
type Routes = OpenApiRouter<super::State>;

/// The state handlers take.
type St = axum::extract::State<super::State>;

/// An error: a message, and per-field messages for validation errors (422).
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    error: String,
    /// For 422: the messages of each refused field.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    errors: BTreeMap<String, Vec<String>>,
}

/// An API failure, with its status.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    fn new(status: StatusCode, error: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                error: error.into(),
                errors: BTreeMap::new(),
            },
        }
    }

    /// A 422 about one field.
    fn field(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{field}: {message}"),
        );
        e.body.errors.insert(field.to_owned(), vec![message]);
        e
    }
}

impl ApiError {
    /// The same error with the app's field names (`when`, `interaction kind`…) renamed to
    /// those of the request (`at`, `kind`…), `(app, request)` pairs.
    fn renamed(mut self, names: &[(&str, &str)]) -> Self {
        for (from, to) in names {
            if let Some(messages) = self.body.errors.remove(*from) {
                self.body
                    .errors
                    .entry((*to).to_owned())
                    .or_default()
                    .extend(messages);
            }
        }
        self
    }
}

/// Maps an app result to an API one, naming invalid fields as the request does.
trait Fields<T> {
    /// `(app field, request field)` pairs.
    fn fields(self, names: &[(&str, &str)]) -> ApiResult<T>;
}

impl<T> Fields<T> for Result<T, AppError> {
    fn fields(self, names: &[(&str, &str)]) -> ApiResult<T> {
        self.map_err(|e| ApiError::from(e).renamed(names))
    }
}

/// A day or instant given as `at`.
const AT: &[(&str, &str)] = &[("when", "at"), ("date", "at")];

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::UnknownPerson { .. } | AppError::NotFound(_) => {
                Self::new(StatusCode::NOT_FOUND, e.to_string())
            }
            AppError::AmbiguousPerson { .. } | AppError::Conflict(_) => {
                Self::new(StatusCode::CONFLICT, e.to_string())
            }
            AppError::Invalid(ref problems) => {
                let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
                for p in problems {
                    let message = if p.value.is_empty() {
                        p.reason.clone()
                    } else {
                        format!("{:?} {}", p.value, p.reason)
                    };
                    errors.entry(p.field.clone()).or_default().push(message);
                }
                Self {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    body: ErrorBody {
                        error: e.to_string(),
                        errors,
                    },
                }
            }
            AppError::Store(_) => {
                eprintln!("kithkin serve: error: {e}");
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the database failed; see the server's log",
                )
            }
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        Self::new(r.status(), r.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, r.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// A JSON answer whose shape is documented in docs/json.md (the `--json` output of the
/// matching command).
#[derive(Debug, Serialize, ToSchema)]
#[schema(value_type = Object)]
pub struct Answer(serde_json::Value);

/// A list answer (as the `--json` output of the matching command).
#[derive(Debug, Serialize, ToSchema)]
#[schema(value_type = Vec<Object>)]
pub struct ListAnswer(serde_json::Value);

fn json_value<T: Serialize>(v: &T) -> ApiResult<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| {
        eprintln!("kithkin serve: error: cannot encode an answer: {e}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot encode the answer",
        )
    })
}

/// `v` as a 200 answer.
fn ok<T: Serialize>(v: &T) -> ApiResult<Json<Answer>> {
    Ok(Json(Answer(json_value(v)?)))
}

/// `v` as a 201 answer.
fn created<T: Serialize>(v: &T) -> ApiResult<(StatusCode, Json<Answer>)> {
    Ok((StatusCode::CREATED, Json(Answer(json_value(v)?))))
}

/// `v` (a list) as a 200 answer.
fn list<T: Serialize>(v: &[T]) -> ApiResult<Json<ListAnswer>> {
    Ok(Json(ListAnswer(json_value(&v)?)))
}

/// A person id from the path: a UUID, or 422.
fn person_id(raw: &str) -> ApiResult<PersonId> {
    raw.trim()
        .parse::<PersonId>()
        .map_err(|_| ApiError::field("id", format!("{raw:?} is not a person id (a UUID)")))
}

/// Any record id from the path, which the app matches by its (last) characters: a whole UUID
/// here, or 422.
fn record_id(raw: &str) -> ApiResult<String> {
    raw.trim()
        .parse::<PersonId>()
        .map(|id| id.to_string())
        .map_err(|_| ApiError::field("id", format!("{raw:?} is not an id (a UUID)")))
}

/// Most items one list answer holds.
const MAX_LIMIT: usize = 1000;

/// `limit`, or `default`, checked to be 1 to [`MAX_LIMIT`].
fn limit(limit: Option<usize>, default: usize) -> ApiResult<usize> {
    let limit = limit.unwrap_or(default);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::field(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    Ok(limit)
}

/// A text field that must not be empty.
fn required<'a>(field: &str, value: &'a str) -> ApiResult<&'a str> {
    if value.trim().is_empty() {
        return Err(ApiError::field(field, "must not be empty"));
    }
    Ok(value)
}
