//! The server-rendered pages (askama), the stylesheet and the calendar feed.

use super::State;
use super::security::same_secret;
use askama::Template;
use axum::Router;
use axum::extract::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use kithkin_app::activity::LogRequest;
use kithkin_core::PersonId;
use serde::Deserialize;

/// The stylesheet, built into the binary.
const APP_CSS: &str = include_str!("../../assets/app.css");

/// htmx 2.0.11 (<https://htmx.org>, from the npm package `htmx.org`), built into the binary so
/// no page needs a CDN. Licence: Zero-Clause BSD (0BSD), `assets/htmx.LICENSE`. The pages
/// work without it; it only saves full reloads (`hx-boost`) and searches as you type.
const HTMX_JS: &[u8] = include_bytes!("../../assets/htmx.min.js");

/// The pages, the stylesheet and the calendar feed.
pub fn router() -> Router<State> {
    Router::new()
        .route("/", get(today))
        .route("/people/{id}", get(person))
        .route("/people/{id}/notes", post(add_note))
        .route("/people/{id}/interactions", post(log_interaction))
        .route("/today/follow-ups/{id}/done", post(follow_up_done))
        .route("/today/snooze/{person_id}", post(snooze_week))
        .route("/calendar.ics", get(calendar))
        .route("/assets/app.css", get(stylesheet))
        .route("/assets/htmx.min.js", get(htmx))
        .merge(super::board::router())
        .merge(super::reports::router())
        .merge(super::import_page::router())
        .merge(super::people_page::router())
        .merge(super::person_extra::router())
        .merge(super::review_page::router())
}

/// One line of the Today page.
#[derive(Debug)]
struct Line {
    kind: String,
    who: String,
    /// The person's id, for the link to their page (empty when the item has none).
    person: String,
    detail: String,
    /// The inline action's form target and button label, if the item has one.
    action: Option<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "today.html")]
struct TodayPage {
    day: String,
    lines: Vec<Line>,
    /// The kinds of interaction the inline "Log it" form offers.
    kinds: &'static [&'static str],
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    message: String,
}

pub(super) fn page(status: StatusCode, t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            eprintln!("kithkin serve: error: cannot render a page: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "cannot render the page").into_response()
        }
    }
}

pub(super) fn error_page(e: &kithkin_app::AppError) -> Response {
    let status = if e.is_user_error() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        eprintln!("kithkin serve: error: {e}");
        StatusCode::INTERNAL_SERVER_ERROR
    };
    let message = if e.is_user_error() {
        e.to_string()
    } else {
        "The database failed; see the server's log.".to_owned()
    };
    page(
        status,
        &ErrorPage {
            title: "Something went wrong".to_owned(),
            message,
        },
    )
}

/// 404 for any unknown address.
pub async fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        &ErrorPage {
            title: "Not found".to_owned(),
            message: "There is nothing at this address.".to_owned(),
        },
    )
}

/// A key as a label: underscores to spaces, the first letter capital.
fn humanise(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn text(v: &serde_json::Value, key: &str) -> String {
    match v.get(key) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Describes an agenda item from its JSON form: its type, who, and one detail.
fn line(item: &serde_json::Value) -> Line {
    let kind = text(item, "type").replace('_', " ");
    let who = match (
        text(item, "name"),
        text(item, "a_name"),
        text(item, "b_name"),
    ) {
        (n, _, _) if !n.is_empty() => n,
        (_, a, b) if !a.is_empty() => format!("{a} & {b}"),
        _ => String::new(),
    };
    let detail = [
        "label",
        "kind",
        "text",
        "note",
        "event_name",
        "days_overdue",
    ]
    .iter()
    .map(|k| (k, text(item, k)))
    .find(|(_, v)| !v.is_empty())
    .map(|(k, v)| match (*k, v.as_str()) {
        ("days_overdue", "0") => "due today".to_owned(),
        ("days_overdue", "1") => "1 day overdue".to_owned(),
        ("days_overdue", _) => format!("{v} days overdue"),
        ("event_name", _) => format!("met at {v}"),
        _ => v.replace('_', " "),
    })
    .unwrap_or_default();
    let person = text(item, "person");
    let id = text(item, "id");
    let action = match text(item, "type").as_str() {
        "follow_up" if !id.is_empty() => Some((format!("/today/follow-ups/{id}/done"), "Done")),
        "check_in" if !person.is_empty() => {
            Some((format!("/today/snooze/{person}"), "Snooze 1 week"))
        }
        _ => None,
    };
    Line {
        kind,
        who,
        person,
        detail,
        action,
    }
}

async fn today(axum::extract::State(state): axum::extract::State<State>) -> Response {
    let agenda = match state.app.today(None).await {
        Ok(a) => a,
        Err(e) => return error_page(&e),
    };
    let lines = agenda
        .items
        .iter()
        .filter_map(|i| serde_json::to_value(i).ok())
        .map(|v| line(&v))
        .collect();
    page(
        StatusCode::OK,
        &TodayPage {
            day: format!("{} {}", agenda.day.strftime("%A"), agenda.day),
            lines,
            kinds: &KINDS,
        },
    )
}

/// One entry of a person's timeline: an interaction or a note.
#[derive(Debug)]
struct TimelineEntry {
    /// For ordering, newest first.
    at: jiff::Timestamp,
    /// When, for reading.
    when: String,
    /// The interaction's kind, or "note".
    kind: String,
    /// How long, for an interaction with minutes.
    minutes: String,
    /// Who else was there, for an interaction.
    with: String,
    /// The note, or the interaction's note.
    text: String,
}

/// A labelled value: a facet, a strength component, an important date.
#[derive(Debug)]
struct Pair {
    label: String,
    value: String,
}

#[derive(Template)]
#[template(path = "person.html")]
pub(super) struct PersonPage {
    id: String,
    name: String,
    nickname: String,
    work: String,
    emails: Vec<String>,
    tags: Vec<String>,
    circles: Vec<String>,
    facets: Vec<Pair>,
    summary: String,
    strength: String,
    components: Vec<Pair>,
    strength_explained: Vec<String>,
    timeline: Vec<TimelineEntry>,
    dates: Vec<Pair>,
    /// The kinds of interaction the form offers, the one typed selected.
    kinds: Vec<KindOption>,
    /// A form's error message, re-rendered with the page (422).
    pub(super) error: String,
    /// Which form the error belongs to: "note", "interaction" or "edit".
    pub(super) error_form: String,
    /// What was typed, kept when a form is refused.
    typed: Typed,
    /// The brief, the introductions involving them.
    extras: super::person_extra::Extras,
    /// The edit form: the profile, or what was typed when it was refused.
    pub(super) edit: super::person_extra::EditForm,
}

/// One option of the kind select.
#[derive(Debug)]
struct KindOption {
    value: &'static str,
    selected: bool,
}

fn kind_options(typed: &str) -> Vec<KindOption> {
    KINDS
        .iter()
        .map(|k| KindOption {
            value: k,
            selected: *k == typed.trim(),
        })
        .collect()
}

/// What was typed in the forms, kept when one is refused.
#[derive(Debug, Default)]
struct Typed {
    note: String,
    kind: String,
    minutes: String,
    interaction_note: String,
}

/// The kinds of interaction offered by the form on the person page.
const KINDS: [&str; 7] = [
    "meeting", "call", "video", "email", "message", "meal", "event",
];

fn when(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

fn person_page(view: kithkin_app::people::PersonView) -> PersonPage {
    let edit = super::person_extra::EditForm::of(&view.person.profile, &view.person.circles);
    let p = view.person.profile;
    let me = view.person.id;
    let mut timeline: Vec<TimelineEntry> = view
        .interactions
        .into_iter()
        .map(|i| {
            // everyone else in it (`with` follows `participants`), by id: a namesake stays
            let others: Vec<String> = i
                .interaction
                .participants
                .iter()
                .zip(i.with)
                .filter(|(id, _)| **id != me)
                .map(|(_, n)| n)
                .collect();
            TimelineEntry {
                at: i.interaction.occurred_at,
                when: when(i.interaction.occurred_at),
                kind: i.interaction.kind.to_string(),
                minutes: i
                    .interaction
                    .minutes
                    .map(|m| format!("{m} min"))
                    .unwrap_or_default(),
                with: others.join(", "),
                text: i.interaction.note.unwrap_or_default(),
            }
        })
        .chain(view.notes.into_iter().map(|n| TimelineEntry {
            at: n.created_at,
            when: when(n.created_at),
            kind: "note".to_owned(),
            minutes: String::new(),
            with: String::new(),
            text: n.body,
        }))
        .collect();
    timeline.sort_by_key(|t| std::cmp::Reverse(t.at));
    let components = view
        .strength
        .as_ref()
        .map(|s| {
            let c = &s.components;
            [
                ("Recency", c.recency),
                ("Intensity", c.intensity),
                ("Reciprocity", c.reciprocity),
                ("Depth", c.depth),
                ("Duration", c.duration),
                ("Contexts", c.contexts),
            ]
            .into_iter()
            .map(|(label, v)| Pair {
                label: label.to_owned(),
                value: format!("{v:.2}"),
            })
            .collect()
        })
        .unwrap_or_default();
    PersonPage {
        id: view.person.id.to_string(),
        nickname: p.nickname.clone().unwrap_or_default(),
        work: [p.title.clone(), p.organisation.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
        emails: p.emails.clone(),
        tags: p.tags.clone(),
        circles: view.person.circles,
        facets: p
            .facets
            .iter()
            .map(|(k, v)| Pair {
                // career_stage → Career stage
                label: humanise(k),
                value: v.replace('_', " "),
            })
            .collect(),
        summary: p.summary.clone().unwrap_or_default(),
        strength: view
            .strength
            .as_ref()
            .map(|s| format!("{:.0}", s.score))
            .unwrap_or_default(),
        components,
        strength_explained: view.strength_explained,
        timeline,
        dates: view
            .dates
            .iter()
            .map(|d| Pair {
                label: d.kind.label().to_owned(),
                value: d.day.to_string(),
            })
            .collect(),
        kinds: kind_options(""),
        error: String::new(),
        error_form: String::new(),
        typed: Typed::default(),
        extras: super::person_extra::Extras::default(),
        edit,
        name: p.name,
    }
}

/// Loads the page of the person with this id; `Err` is the response to send instead (404 for
/// an unknown or malformed id).
pub(super) async fn load_person(state: &State, id: &str) -> Result<PersonPage, Response> {
    let Ok(id) = id.parse::<PersonId>() else {
        return Err(not_found().await);
    };
    match state.app.show(&id.to_string()).await {
        Ok(view) => {
            let mut page = person_page(view);
            page.extras = match super::person_extra::extras(state, id).await {
                Ok(x) => x,
                Err(e) => return Err(error_page(&e)),
            };
            Ok(page)
        }
        Err(kithkin_app::AppError::UnknownPerson { .. } | kithkin_app::AppError::NotFound(_)) => {
            Err(not_found().await)
        }
        Err(e) => Err(error_page(&e)),
    }
}

/// A person's page: profile, strength, timeline, dates, and the forms to add to them.
async fn person(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
) -> Response {
    match load_person(&state, &id).await {
        Ok(p) => page(StatusCode::OK, &p),
        Err(r) => r,
    }
}

/// The "Add a note" form.
#[derive(Debug, Deserialize)]
struct NoteForm {
    #[serde(default)]
    body: String,
}

/// The "Log an interaction" form.
#[derive(Debug, Deserialize)]
struct InteractionForm {
    #[serde(default)]
    kind: String,
    /// `today` when sent from the Today page, which it then goes back to.
    #[serde(default)]
    back: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    note: String,
}

/// Back to the person's page after a form succeeded.
pub(super) fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

/// The person's page again with a form's error (422), or the response for a failure that is
/// not the form's fault.
async fn refused(state: &State, id: &str, form: &str, error: String, typed: Typed) -> Response {
    match load_person(state, id).await {
        Ok(mut p) => {
            p.error = error;
            p.error_form = form.to_owned();
            p.kinds = kind_options(&typed.kind);
            p.typed = typed;
            page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Err(r) => r,
    }
}

/// After a form's action failed: 404 for an unknown person, the page with the message for the
/// user's mistakes, the error page for the database's.
async fn form_failed(
    state: &State,
    id: &str,
    form: &str,
    e: kithkin_app::AppError,
    typed: Typed,
) -> Response {
    match e {
        kithkin_app::AppError::UnknownPerson { .. } => not_found().await,
        e if e.is_user_error() => refused(state, id, form, e.to_string(), typed).await,
        e => error_page(&e),
    }
}

/// Adds a note from the person page's form, then back to the page (303).
async fn add_note(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
    form: Result<Form<NoteForm>, FormRejection>,
) -> Response {
    let Ok(pid) = id.parse::<PersonId>() else {
        return not_found().await;
    };
    let body = match form {
        Ok(Form(f)) => f.body,
        Err(e) => {
            return refused(&state, &id, "note", e.body_text(), Typed::default()).await;
        }
    };
    if body.trim().is_empty() {
        let typed = Typed {
            note: body,
            ..Typed::default()
        };
        return refused(&state, &id, "note", "The note is empty.".to_owned(), typed).await;
    }
    match state.app.note(&pid.to_string(), &body).await {
        Ok(_) => see_other(&format!("/people/{pid}")),
        Err(e) => {
            let typed = Typed {
                note: body,
                ..Typed::default()
            };
            form_failed(&state, &id, "note", e, typed).await
        }
    }
}

/// Logs an interaction with this person from the page's form, then back to the page (303).
async fn log_interaction(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
    form: Result<Form<InteractionForm>, FormRejection>,
) -> Response {
    let Ok(pid) = id.parse::<PersonId>() else {
        return not_found().await;
    };
    let f = match form {
        Ok(Form(f)) => f,
        Err(e) => {
            return refused(&state, &id, "interaction", e.body_text(), Typed::default()).await;
        }
    };
    let typed = Typed {
        kind: f.kind.clone(),
        minutes: f.minutes.clone(),
        interaction_note: f.note.clone(),
        ..Typed::default()
    };
    let minutes = match f.minutes.trim() {
        "" => None,
        m => match m.parse::<u32>() {
            Ok(m) => Some(m),
            Err(_) => {
                let error = format!("Minutes must be a whole number, not {m:?}.");
                return refused(&state, &id, "interaction", error, typed).await;
            }
        },
    };
    let note = Some(f.note.trim().to_owned()).filter(|n| !n.is_empty());
    let req = LogRequest {
        kind: f.kind.trim().to_owned(),
        with: vec![pid.to_string()],
        at: None,
        minutes,
        direction: None,
        note,
    };
    match state.app.log(&req).await {
        Ok(_) if f.back == "today" => see_other("/"),
        Ok(_) => see_other(&format!("/people/{pid}")),
        Err(e) => form_failed(&state, &id, "interaction", e, typed).await,
    }
}

/// The response after a Today action failed: 404 for an unknown follow-up or person, the
/// error page otherwise.
async fn action_failed(e: kithkin_app::AppError) -> Response {
    match e {
        kithkin_app::AppError::UnknownPerson { .. } | kithkin_app::AppError::NotFound(_) => {
            not_found().await
        }
        e => error_page(&e),
    }
}

/// Marks a follow-up done from the Today page, then back to it (303).
async fn follow_up_done(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
) -> Response {
    match state.app.done(&id).await {
        Ok(_) => see_other("/"),
        Err(e) => action_failed(e).await,
    }
}

/// Snoozes a person's check-ins for a week from the Today page, then back to it (303).
async fn snooze_week(
    axum::extract::State(state): axum::extract::State<State>,
    Path(person_id): Path<String>,
) -> Response {
    let Ok(pid) = person_id.parse::<PersonId>() else {
        return not_found().await;
    };
    match state.app.snooze(&pid.to_string(), Some("1w")).await {
        Ok(_) => see_other("/"),
        Err(e) => action_failed(e).await,
    }
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        APP_CSS,
    )
        .into_response()
}

/// htmx, cached for a year: its content never changes without a new binary, and a new
/// version would come with a new file name.
async fn htmx() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        HTMX_JS,
    )
        .into_response()
}

#[derive(Debug, Deserialize)]
struct CalendarQuery {
    token: Option<String>,
}

/// The keeping-in-touch calendar, for calendar apps to subscribe to; its URL holds a secret.
async fn calendar(
    axum::extract::State(state): axum::extract::State<State>,
    query: Result<Query<CalendarQuery>, QueryRejection>,
) -> Response {
    let token = query.ok().and_then(|Query(q)| q.token).unwrap_or_default();
    if !same_secret(&token, &state.config.calendar_token) {
        return (
            StatusCode::NOT_FOUND,
            "no calendar here without the right token\n",
        )
            .into_response();
    }
    let feed = match state.app.calendar().await {
        Ok(f) => f,
        Err(e) => {
            eprintln!("kithkin serve: error: {e}");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "cannot build the calendar\n",
            )
                .into_response();
        }
    };
    let mut body = Vec::new();
    if let Err(e) = feed.write_to(&mut body) {
        eprintln!("kithkin serve: error: cannot write the calendar: {e}");
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot write the calendar\n",
        )
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
// tests only: a failed unwrap is a failed test; no user input reaches this code
#[allow(clippy::unwrap_used)]
mod tests {
    use super::line;
    use serde_json::json;

    #[test]
    fn agenda_lines_say_due_today_and_name_the_event() {
        let due = |days: i64| {
            line(&json!({"type": "check_in", "name": "Ada", "person": "p", "days_overdue": days}))
                .detail
        };
        assert_eq!(due(0), "due today");
        assert_eq!(due(1), "1 day overdue");
        assert_eq!(due(12), "12 days overdue");
        let met = line(&json!({
            "type": "event_follow_up",
            "event": "0190c1d2-0000-7000-8000-000000000001",
            "event_name": "RustConf",
            "name": "Ben",
            "person": "p"
        }));
        assert_eq!(met.detail, "met at RustConf");
        assert_eq!(met.kind, "event follow up");
    }

    #[test]
    fn facet_keys_read_as_labels() {
        assert_eq!(super::humanise("career_stage"), "Career stage");
        assert_eq!(super::humanise("region"), "Region");
        assert_eq!(super::humanise(""), "");
    }
}
