//! The server-rendered pages (askama), the stylesheet and the calendar feed.

use super::State;
use super::security::same_secret;
use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use kithkin_store::PeopleFilter;
use serde::Deserialize;

/// The stylesheet, built into the binary.
const APP_CSS: &str = include_str!("../../assets/app.css");

/// The pages, the stylesheet and the calendar feed.
pub fn router() -> Router<State> {
    Router::new()
        .route("/", get(today))
        .route("/people", get(people))
        .route("/calendar.ics", get(calendar))
        .route("/assets/app.css", get(stylesheet))
}

/// One line of the Today page.
#[derive(Debug)]
struct Line {
    kind: String,
    who: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "today.html")]
struct TodayPage {
    day: String,
    lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    query: String,
    people: Vec<PersonLine>,
}

#[derive(Debug)]
struct PersonLine {
    name: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    message: String,
}

fn page(status: StatusCode, t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            eprintln!("kithkin serve: error: cannot render a page: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "cannot render the page").into_response()
        }
    }
}

fn error_page(e: &kithkin_app::AppError) -> Response {
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
    let detail = ["label", "kind", "text", "note", "event", "days_overdue"]
        .iter()
        .map(|k| (k, text(item, k)))
        .find(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            if *k == "days_overdue" {
                format!("{v} days overdue")
            } else {
                v.replace('_', " ")
            }
        })
        .unwrap_or_default();
    Line { kind, who, detail }
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
        },
    )
}

#[derive(Debug, Deserialize)]
struct PeopleQuery {
    q: Option<String>,
}

async fn people(
    axum::extract::State(state): axum::extract::State<State>,
    query: Result<Query<PeopleQuery>, QueryRejection>,
) -> Response {
    let q = query
        .ok()
        .and_then(|Query(q)| q.q)
        .map(|q| q.trim().to_owned())
        .unwrap_or_default();
    let people = if q.is_empty() {
        match state
            .app
            .list(&PeopleFilter {
                limit: Some(500),
                ..PeopleFilter::default()
            })
            .await
        {
            Ok(list) => list
                .into_iter()
                .map(|p| PersonLine {
                    detail: [p.title, p.organisation]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                    name: p.name,
                })
                .collect(),
            Err(e) => return error_page(&e),
        }
    } else {
        match state.app.search(&q, 100).await {
            Ok(hits) => hits
                .into_iter()
                .map(|h| PersonLine {
                    name: h.name,
                    detail: String::new(),
                })
                .collect(),
            Err(e) => return error_page(&e),
        }
    };
    page(StatusCode::OK, &PeoplePage { query: q, people })
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
