//! People: list, search, show, add, edit, archive, forget; notes, dates, brief, strength,
//! ways to add value, who knows whom.

use super::{
    Answer, ApiResult, ErrorBody, Fields, ListAnswer, Routes, St, created, json_value, limit, list,
    ok, person_id, required,
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
        .routes(routes!(notes, add_note))
        .routes(routes!(add_date))
        .routes(routes!(brief))
        .routes(routes!(strength))
        .routes(routes!(person_value))
        .routes(routes!(value))
        .routes(routes!(knows))
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
    created(&state.app.add_person(&p.changes()).await?)
}

/// Changes to a person: values to add or set, values to remove, fields to clear.
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
    changes.clear_cadence = c.clear_cadence;
    changes.clear_introduced_by = c.clear_introduced_by;
    ok(&state.app.edit_person(&id.to_string(), &changes).await?)
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
