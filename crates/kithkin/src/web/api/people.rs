//! People: list, search, show, add, edit, archive, forget.

use super::{
    Answer, ApiResult, ErrorBody, Fields, Routes, St, created, json_value, limit, ok, person_id,
};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use kithkin_app::people::ProfileChanges;
use kithkin_core::person::{Role, parse_facet};
use kithkin_store::PeopleFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .routes(routes!(list_people, add_person))
        .routes(routes!(show_person, edit_person, forget_person))
        .routes(routes!(archive_person))
        .routes(routes!(restore_person))
}

/// The people list's filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Full-text search over people and notes; without it, everyone by name.
    q: Option<String>,
    /// At most this many (1 to 1000; default 100).
    limit: Option<usize>,
    /// Only people with this tag.
    tag: Option<String>,
    /// Only members of this circle.
    circle: Option<String>,
    /// Only people with this facet value, `KEY=VALUE`.
    facet: Option<String>,
    /// Only people with this role (mentor, peer, friend…).
    role: Option<String>,
    /// Include archived people.
    archived: Option<bool>,
}

/// People: summaries (a list) or hits (a search).
#[derive(Debug, Serialize, ToSchema)]
pub struct PeopleAnswer {
    /// Each person: `id`, `name`, `organisation`, `title`, `tags`… (list) or `person`, `name`,
    /// `matched` (search).
    #[schema(value_type = Vec<Object>)]
    people: Vec<serde_json::Value>,
}

/// Lists people by name (`kithkin list`), or searches them (`kithkin search`).
#[utoipa::path(
    get,
    path = "/people",
    tag = "people",
    params(PeopleQuery),
    responses(
        (status = 200, description = "People", body = PeopleAnswer),
        (status = 422, description = "Invalid query, filter or limit", body = ErrorBody)
    )
)]
async fn list_people(
    State(state): St,
    query: Result<Query<PeopleQuery>, QueryRejection>,
) -> ApiResult<Json<PeopleAnswer>> {
    let Query(query) = query?;
    let limit = limit(query.limit, 100)?;
    let people = match query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => json_value(&state.app.search(q, limit).await?)?,
        None => {
            let facets = match query.facet.as_deref() {
                Some(f) => vec![parse_facet(f).map_err(kithkin_app::AppError::from)?],
                None => Vec::new(),
            };
            let roles = match query.role.as_deref() {
                Some(r) => vec![r.parse::<Role>().map_err(kithkin_app::AppError::from)?],
                None => Vec::new(),
            };
            let filter = PeopleFilter {
                tags: query.tag.into_iter().collect(),
                circles: query.circle.into_iter().collect(),
                facets,
                roles,
                include_archived: query.archived.unwrap_or(false),
                include_me: false,
                limit: Some(limit),
            };
            json_value(&state.app.list(&filter).await?)?
        }
    };
    let people = match people {
        serde_json::Value::Array(v) => v,
        other => vec![other],
    };
    Ok(Json(PeopleAnswer { people }))
}

/// Shows a person (`kithkin show`): profile, recent interactions and notes, dates, who they
/// know.
#[utoipa::path(
    get,
    path = "/people/{id}",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    responses(
        (status = 200, description = "The person", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id", body = ErrorBody)
    )
)]
async fn show_person(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    ok(&state.app.show(&id.to_string()).await?)
}

/// The profile's field names in the app's messages, and in a request.
const PROFILE: &[(&str, &str)] = &[
    ("email", "emails"),
    ("phone", "phones"),
    ("url", "urls"),
    ("tag", "tags"),
    ("interest", "interests"),
    ("role", "roles"),
    ("facet", "facets"),
    ("circle", "circles"),
    ("met on", "met_on"),
    ("met at", "met_at"),
    ("introduced by", "introduced_by"),
    ("offer", "offers"),
    ("need", "needs"),
];

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
    /// What they are to you: mentor, mentee, advisor, sponsor, peer, collaborator, friend,
    /// client, colleague, manager, report, investor, family.
    roles: Vec<String>,
    /// Facets, `KEY=VALUE` (`industry=fintech`).
    facets: Vec<String>,
    /// Circles to join (created when missing).
    circles: Vec<String>,
    /// How often to keep in touch (`30d`, `2w`, `3m`).
    cadence: Option<String>,
    /// How or where you met.
    met_at: Option<String>,
    /// When you met (a day).
    met_on: Option<String>,
    /// Who introduced you (a person's id, email or name).
    introduced_by: Option<String>,
    /// A few lines about them.
    summary: Option<String>,
    /// Things they can help with (recorded as open offers).
    offers: Vec<String>,
    /// Things they are looking for (recorded as open needs).
    needs: Vec<String>,
}

impl NewPerson {
    fn changes(self) -> ProfileChanges {
        ProfileChanges {
            name: self.name,
            nickname: self.nickname,
            emails: self.emails,
            phones: self.phones,
            urls: self.urls,
            organisation: self.organisation,
            title: self.title,
            tags: self.tags,
            interests: self.interests,
            expertise: self.expertise,
            roles: self.roles,
            facets: self.facets,
            circles: self.circles,
            cadence: self.cadence,
            met_at: self.met_at,
            met_on: self.met_on,
            introduced_by: self.introduced_by,
            summary: self.summary,
            offers: self.offers,
            needs: self.needs,
            ..ProfileChanges::default()
        }
    }
}

/// Adds a person (`kithkin add`).
#[utoipa::path(
    post,
    path = "/people",
    tag = "people",
    request_body = NewPerson,
    responses(
        (status = 201, description = "Added: `person`, `created_circles`, `help_items`, `warnings`", body = Answer),
        (status = 404, description = "`introduced_by` matches nobody", body = ErrorBody),
        (status = 409, description = "An email belongs to someone else", body = ErrorBody),
        (status = 422, description = "Invalid fields, each with its messages", body = ErrorBody)
    )
)]
async fn add_person(
    State(state): St,
    body: Result<Json<NewPerson>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Answer>)> {
    let Json(p) = body?;
    created(&state.app.add_person(&p.changes()).await.fields(PROFILE)?)
}

/// Changes to a person: values to add or set, values to remove, fields to clear.
///
/// Its first fields repeat [`NewPerson`]'s: serde cannot `flatten` one into the other while
/// refusing unknown fields (`deny_unknown_fields`), and a misspelt field must be a 422.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PersonChanges {
    /// New full name.
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
    /// What they are to you: mentor, mentee, advisor, sponsor, peer, collaborator, friend,
    /// client, colleague, manager, report, investor, family.
    roles: Vec<String>,
    /// Facets, `KEY=VALUE` (`industry=fintech`).
    facets: Vec<String>,
    /// Circles to join (created when missing).
    circles: Vec<String>,
    /// How often to keep in touch (`30d`, `2w`, `3m`).
    cadence: Option<String>,
    /// How or where you met.
    met_at: Option<String>,
    /// When you met (a day).
    met_on: Option<String>,
    /// Who introduced you (a person's id, email or name).
    introduced_by: Option<String>,
    /// A few lines about them.
    summary: Option<String>,
    /// Things they can help with (recorded as open offers).
    offers: Vec<String>,
    /// Things they are looking for (recorded as open needs).
    needs: Vec<String>,
    /// Emails to remove.
    remove_emails: Vec<String>,
    /// Phones to remove.
    remove_phones: Vec<String>,
    /// Web addresses to remove.
    remove_urls: Vec<String>,
    /// Tags to remove.
    remove_tags: Vec<String>,
    /// Interests to remove.
    remove_interests: Vec<String>,
    /// Expertise to remove.
    remove_expertise: Vec<String>,
    /// Roles to remove.
    remove_roles: Vec<String>,
    /// Facet keys to remove.
    remove_facets: Vec<String>,
    /// Circles to leave.
    remove_circles: Vec<String>,
    /// Remove the organisation.
    clear_organisation: bool,
    /// Remove the title.
    clear_title: bool,
    /// Remove the nickname.
    clear_nickname: bool,
    /// Remove the summary.
    clear_summary: bool,
    /// Remove the cadence (no check-in reminders).
    clear_cadence: bool,
    /// Forget who introduced you.
    clear_introduced_by: bool,
}

/// Changes a person's profile (`kithkin edit`).
#[utoipa::path(
    patch,
    path = "/people/{id}",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    request_body = PersonChanges,
    responses(
        (status = 200, description = "Saved: `person`, `created_circles`, `help_items`, `warnings`", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 409, description = "An email belongs to someone else", body = ErrorBody),
        (status = 422, description = "Invalid fields, each with its messages", body = ErrorBody)
    )
)]
async fn edit_person(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<PersonChanges>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let Json(c) = body?;
    let mut changes = NewPerson {
        name: c.name,
        nickname: c.nickname,
        emails: c.emails,
        phones: c.phones,
        urls: c.urls,
        organisation: c.organisation,
        title: c.title,
        tags: c.tags,
        interests: c.interests,
        expertise: c.expertise,
        roles: c.roles,
        facets: c.facets,
        circles: c.circles,
        cadence: c.cadence,
        met_at: c.met_at,
        met_on: c.met_on,
        introduced_by: c.introduced_by,
        summary: c.summary,
        offers: c.offers,
        needs: c.needs,
    }
    .changes();
    changes.remove_emails = c.remove_emails;
    changes.remove_phones = c.remove_phones;
    changes.remove_urls = c.remove_urls;
    changes.remove_tags = c.remove_tags;
    changes.remove_interests = c.remove_interests;
    changes.remove_expertise = c.remove_expertise;
    changes.remove_roles = c.remove_roles;
    changes.remove_facets = c.remove_facets;
    changes.remove_circles = c.remove_circles;
    changes.clear_organisation = c.clear_organisation;
    changes.clear_title = c.clear_title;
    changes.clear_nickname = c.clear_nickname;
    changes.clear_summary = c.clear_summary;
    changes.clear_cadence = c.clear_cadence;
    changes.clear_introduced_by = c.clear_introduced_by;
    ok(&state
        .app
        .edit_person(&id.to_string(), &changes)
        .await
        .fields(PROFILE)?)
}

/// Erases a person and everything about them (`kithkin forget --yes`): a privacy request,
/// not undoable.
#[utoipa::path(
    delete,
    path = "/people/{id}",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    responses(
        (status = 200, description = "What was erased, counted", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id, or the id of me", body = ErrorBody)
    )
)]
async fn forget_person(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    let id = state.app.resolve(&id.to_string()).await?;
    ok(&state.app.forget(id).await?)
}

/// Archives a person (`kithkin archive`): hidden from lists, kept in full.
#[utoipa::path(
    post,
    path = "/people/{id}/archive",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    responses(
        (status = 200, description = "The person, archived", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id", body = ErrorBody)
    )
)]
async fn archive_person(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    ok(&state.app.archive(&id.to_string(), false).await?)
}

/// Brings an archived person back (`kithkin archive --undo`).
#[utoipa::path(
    post,
    path = "/people/{id}/restore",
    tag = "people",
    params(("id" = String, Path, description = "The person's id (a UUID)")),
    responses(
        (status = 200, description = "The person, restored", body = Answer),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 422, description = "Not a person id", body = ErrorBody)
    )
)]
async fn restore_person(
    State(state): St,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Answer>> {
    let Path(id) = id?;
    let id = person_id(&id)?;
    ok(&state.app.archive(&id.to_string(), true).await?)
}
