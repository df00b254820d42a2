//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document built from the same
//! route list (utoipa-axum), so a route cannot be served without being documented.

use super::State;
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kithkin_app::AppError;
use kithkin_app::activity::LogRequest;
use kithkin_app::people::ProfileChanges;
use kithkin_core::PersonId;
use kithkin_store::PeopleFilter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kithkin",
        description = "The JSON API of a local-first relationship manager."
    ),
    tags(
        (name = "people", description = "People: list, search, show, add"),
        (name = "keeping in touch", description = "The day's agenda and logged interactions"),
        (name = "introductions", description = "Double-opt-in introductions")
    )
)]
struct ApiDoc;

/// The API routes and their OpenAPI document.
pub fn router() -> (axum::Router<State>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::new()
        .routes(routes!(list_people, add_person))
        .routes(routes!(show_person))
        .routes(routes!(today))
        .routes(routes!(log_interaction))
        .routes(routes!(introductions));
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts()
}

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

fn json_value<T: Serialize>(v: &T) -> ApiResult<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| {
        eprintln!("kithkin serve: error: cannot encode an answer: {e}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot encode the answer",
        )
    })
}

/// Most people one list answer holds.
const MAX_LIMIT: usize = 1000;

/// The people list's filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Full-text search over people and notes; without it, everyone by name.
    q: Option<String>,
    /// At most this many (1 to 1000; default 100).
    limit: Option<usize>,
}

/// People: summaries (a list) or hits (a search).
#[derive(Debug, Serialize, ToSchema)]
pub struct PeopleAnswer {
    /// Each person: `id`, `name`, `organisation`, `title`, `tags`… (list) or `person`, `name`,
    /// `matched` (search).
    #[schema(value_type = Vec<Object>)]
    people: Vec<serde_json::Value>,
}

/// Lists people by name, or searches them.
#[utoipa::path(
    get,
    path = "/people",
    tag = "people",
    params(PeopleQuery),
    responses(
        (status = 200, description = "People", body = PeopleAnswer),
        (status = 422, description = "Invalid query or limit", body = ErrorBody)
    )
)]
async fn list_people(
    axum::extract::State(state): axum::extract::State<State>,
    query: Result<Query<PeopleQuery>, QueryRejection>,
) -> ApiResult<Json<PeopleAnswer>> {
    let Query(query) = query?;
    let limit = query.limit.unwrap_or(100);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::field(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let people = match query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => json_value(&state.app.search(q, limit).await?)?,
        None => json_value(
            &state
                .app
                .list(&PeopleFilter {
                    limit: Some(limit),
                    ..PeopleFilter::default()
                })
                .await?,
        )?,
    };
    let people = match people {
        serde_json::Value::Array(v) => v,
        other => vec![other],
    };
    Ok(Json(PeopleAnswer { people }))
}

/// Everything about one person.
#[derive(Debug, Serialize, ToSchema)]
#[schema(value_type = Object)]
pub struct PersonAnswer(serde_json::Value);

/// Shows a person: profile, recent interactions and notes, dates, who they know, strength.
#[utoipa::path(
    get,
    path = "/people/{id}",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    responses(
        (status = 200, description = "The person", body = PersonAnswer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id", body = ErrorBody)
    )
)]
async fn show_person(
    axum::extract::State(state): axum::extract::State<State>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<PersonAnswer>> {
    let Path(id) = id?;
    let id: PersonId = id
        .parse()
        .map_err(|_| ApiError::field("id", format!("{id:?} is not a person id (a UUID)")))?;
    let view = state.app.show(&id.to_string()).await?;
    Ok(Json(PersonAnswer(json_value(&view)?)))
}

/// A new person. Only `name` is required.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NewPerson {
    /// Full name.
    name: Option<String>,
    /// Nickname.
    nickname: Option<String>,
    /// Email addresses.
    emails: Vec<String>,
    /// Phone numbers.
    phones: Vec<String>,
    /// Web addresses.
    urls: Vec<String>,
    /// Organisation.
    organisation: Option<String>,
    /// Job title.
    title: Option<String>,
    /// Tags.
    tags: Vec<String>,
    /// Interests.
    interests: Vec<String>,
    /// Expertise.
    expertise: Vec<String>,
    /// Circles to join (created when missing).
    circles: Vec<String>,
    /// How often to keep in touch (`30d`, `2w`, `3m`).
    cadence: Option<String>,
    /// How or where you met.
    met_at: Option<String>,
    /// When you met (a day).
    met_on: Option<String>,
    /// A few lines about them.
    summary: Option<String>,
}

/// What adding a person did.
#[derive(Debug, Serialize, ToSchema)]
#[schema(value_type = Object)]
pub struct SavedAnswer(serde_json::Value);

/// Adds a person.
#[utoipa::path(
    post,
    path = "/people",
    tag = "people",
    request_body = NewPerson,
    responses(
        (status = 201, description = "Added: `person`, `created_circles`, `warnings`", body = SavedAnswer),
        (status = 409, description = "An email belongs to someone else", body = ErrorBody),
        (status = 422, description = "Invalid fields, each with its messages", body = ErrorBody)
    )
)]
async fn add_person(
    axum::extract::State(state): axum::extract::State<State>,
    body: Result<Json<NewPerson>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<SavedAnswer>)> {
    let Json(p) = body?;
    let changes = ProfileChanges {
        name: p.name,
        nickname: p.nickname,
        emails: p.emails,
        phones: p.phones,
        urls: p.urls,
        organisation: p.organisation,
        title: p.title,
        tags: p.tags,
        interests: p.interests,
        expertise: p.expertise,
        circles: p.circles,
        cadence: p.cadence,
        met_at: p.met_at,
        met_on: p.met_on,
        summary: p.summary,
        ..ProfileChanges::default()
    };
    let saved = state.app.add_person(&changes).await?;
    Ok((StatusCode::CREATED, Json(SavedAnswer(json_value(&saved)?))))
}

/// The day to plan.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TodayQuery {
    /// The day, as of its end: `2026-03-01`, `tomorrow`… (default: today).
    at: Option<String>,
}

/// The day's agenda.
#[derive(Debug, Serialize, ToSchema)]
#[schema(value_type = Object)]
pub struct AgendaAnswer(serde_json::Value);

/// The day's agenda: check-ins due, dates coming, life events, follow-ups, thanks owed,
/// introductions waiting.
#[utoipa::path(
    get,
    path = "/today",
    tag = "keeping in touch",
    params(TodayQuery),
    responses(
        (status = 200, description = "`day` and `items` (each with a `type`)", body = AgendaAnswer),
        (status = 422, description = "Invalid day", body = ErrorBody)
    )
)]
async fn today(
    axum::extract::State(state): axum::extract::State<State>,
    query: Result<Query<TodayQuery>, QueryRejection>,
) -> ApiResult<Json<AgendaAnswer>> {
    let Query(query) = query?;
    let agenda = state.app.today(query.at.as_deref()).await?;
    Ok(Json(AgendaAnswer(json_value(&agenda)?)))
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

/// Logs an interaction.
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
    axum::extract::State(state): axum::extract::State<State>,
    body: Result<Json<NewInteraction>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<LoggedAnswer>)> {
    let Json(i) = body?;
    let (interaction, with) = state
        .app
        .log(&LogRequest {
            kind: i.kind,
            with: i.with,
            at: i.at,
            minutes: i.minutes,
            direction: None,
            note: i.note,
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(LoggedAnswer {
            interaction: json_value(&interaction)?,
            with,
        }),
    ))
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

/// Lists introductions.
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
    axum::extract::State(state): axum::extract::State<State>,
    query: Result<Query<IntroQuery>, QueryRejection>,
) -> ApiResult<Json<IntroductionsAnswer>> {
    let Query(query) = query?;
    let list = state.app.intro_list(query.status.as_deref()).await?;
    let introductions = list.iter().map(json_value).collect::<ApiResult<_>>()?;
    Ok(Json(IntroductionsAnswer { introductions }))
}
