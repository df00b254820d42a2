//! The People page (`/people`): search, filters (tag, circle, facet, role) and sort (name,
//! strength, most overdue), all one GET form. With htmx, typing in the search box fetches only
//! the results list (`HX-Target: results`) and swaps it in; without, the form submits.

use super::State;
use super::pages::{error_page, page};
use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use kithkin_core::PersonId;
use kithkin_core::person::{Role, parse_facet};
use kithkin_store::PeopleFilter;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The page's route.
pub fn router() -> Router<State> {
    Router::new().route("/people", get(people))
}

/// How many people the list shows at most.
const SHOWN: usize = 500;

/// How many search hits are asked for.
const HITS: usize = 200;

/// The form's fields.
#[derive(Debug, Default, Deserialize)]
pub struct PeopleQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    circle: String,
    #[serde(default)]
    facet: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    sort: String,
}

/// One line of the list.
#[derive(Debug)]
struct PersonLine {
    id: String,
    name: String,
    detail: String,
    /// What the sort is by: "strength 72", "12 days overdue".
    badge: String,
}

/// One option of a select.
#[derive(Debug)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    query: String,
    tag: String,
    circle: String,
    facet: String,
    roles: Vec<Choice>,
    sorts: Vec<Choice>,
    circles: Vec<String>,
    facets: Vec<String>,
    error: String,
    people: Vec<PersonLine>,
    summary: String,
}

/// Only the results, for htmx.
#[derive(Template)]
#[template(path = "people_results.html")]
struct PeopleResults {
    error: String,
    people: Vec<PersonLine>,
    summary: String,
}

const SORTS: [(&str, &str); 3] = [
    ("name", "Name"),
    ("strength", "Strength, strongest first"),
    ("overdue", "Most overdue first"),
];

/// The filter the form asks for; `Err` holds the messages for what cannot be read.
fn filter(q: &PeopleQuery) -> Result<PeopleFilter, String> {
    let mut errors = Vec::new();
    let facets = match q.facet.trim() {
        "" => Vec::new(),
        f => match parse_facet(f) {
            Ok(kv) => vec![kv],
            Err(e) => {
                errors.push(format!("Facet: {e} (write it as key=value)"));
                Vec::new()
            }
        },
    };
    let roles = match q.role.trim() {
        "" => Vec::new(),
        r => match r.parse::<Role>() {
            Ok(r) => vec![r],
            Err(e) => {
                errors.push(format!("Role: {e}"));
                Vec::new()
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors.join(" "));
    }
    let one = |s: &str| {
        Some(s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .into_iter()
            .collect()
    };
    Ok(PeopleFilter {
        tags: one(&q.tag),
        circles: one(&q.circle),
        facets,
        roles,
        include_archived: false,
        include_me: false,
        limit: None,
    })
}

fn work(title: Option<String>, organisation: Option<String>) -> String {
    [title, organisation]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// The people matching the form, sorted; `Err(Ok(message))` for the user's mistakes.
async fn find(
    state: &State,
    q: &PeopleQuery,
) -> Result<(Vec<PersonLine>, String), Result<String, kithkin_app::AppError>> {
    let app = &state.app;
    let f = filter(q).map_err(Ok)?;
    let filtered = f.tags.len() + f.circles.len() + f.facets.len() + f.roles.len() > 0;
    let text = q.q.trim();
    let user = |e: kithkin_app::AppError| {
        if e.is_user_error() {
            Ok(e.to_string())
        } else {
            Err(e)
        }
    };
    let mut lines: Vec<PersonLine> = if text.is_empty() {
        let limit = (q.sort.is_empty() || q.sort == "name").then_some(SHOWN);
        app.list(&PeopleFilter { limit, ..f })
            .await
            .map_err(user)?
            .into_iter()
            .map(|p| PersonLine {
                id: p.id.to_string(),
                detail: work(p.title, p.organisation),
                name: p.name,
                badge: String::new(),
            })
            .collect()
    } else {
        let keep: Option<HashSet<PersonId>> = if filtered {
            Some(
                app.list(&f)
                    .await
                    .map_err(user)?
                    .into_iter()
                    .map(|p| p.id)
                    .collect(),
            )
        } else {
            None
        };
        let mut seen = HashSet::new();
        app.search(text, HITS)
            .await
            .map_err(user)?
            .into_iter()
            .filter(|h| keep.as_ref().is_none_or(|k| k.contains(&h.person)))
            .filter(|h| seen.insert(h.person))
            .map(|h| PersonLine {
                id: h.person.to_string(),
                name: h.name,
                detail: String::new(),
                badge: String::new(),
            })
            .collect()
    };
    match q.sort.as_str() {
        "strength" => {
            let scores: HashMap<String, f64> = app
                .strength_list(None)
                .await
                .map_err(user)?
                .into_iter()
                .map(|s| (s.person.to_string(), s.strength.score))
                .collect();
            let score = |l: &PersonLine| scores.get(&l.id).copied().unwrap_or(0.0);
            lines.sort_by(|a, b| {
                score(b)
                    .total_cmp(&score(a))
                    .then_with(|| a.name.cmp(&b.name))
            });
            for l in &mut lines {
                l.badge = format!("strength {:.0}", score(l));
            }
        }
        "overdue" => {
            let agenda = app.today(None).await.map_err(user)?;
            let overdue: HashMap<String, i64> = agenda
                .items
                .iter()
                .filter_map(|i| match i {
                    kithkin_core::agenda::AgendaItem::CheckIn(c) => {
                        Some((c.person.to_string(), c.days_overdue))
                    }
                    _ => None,
                })
                .collect();
            let key = |l: &PersonLine| overdue.get(&l.id).copied();
            // due check-ins first, most overdue first; then everyone else by name
            lines.sort_by(|a, b| {
                match (key(a), key(b)) {
                    (Some(x), Some(y)) => y.cmp(&x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
                .then_with(|| a.name.cmp(&b.name))
            });
            for l in &mut lines {
                l.badge = match key(l) {
                    Some(0) => "due today".to_owned(),
                    Some(d) => format!("{d} days overdue"),
                    None => String::new(),
                };
            }
        }
        _ => {}
    }
    let total = lines.len();
    lines.truncate(SHOWN);
    let summary = match total {
        0 => String::new(),
        1 => "1 person".to_owned(),
        n if n > SHOWN => format!("The first {SHOWN} of {n} people"),
        n => format!("{n} people"),
    };
    Ok((lines, summary))
}

async fn people(
    axum::extract::State(state): axum::extract::State<State>,
    headers: HeaderMap,
    query: Result<Query<PeopleQuery>, QueryRejection>,
) -> Response {
    let q = query.map(|Query(q)| q).unwrap_or_default();
    let (status, people, summary, error) = match find(&state, &q).await {
        Ok((p, s)) => (StatusCode::OK, p, s, String::new()),
        Err(Ok(message)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Vec::new(),
            String::new(),
            message,
        ),
        Err(Err(e)) => return error_page(&e),
    };
    let htmx = headers
        .get("hx-request")
        .is_some_and(|v| v.as_bytes() == b"true")
        && headers
            .get("hx-target")
            .is_some_and(|v| v.as_bytes() == b"results");
    if htmx {
        let mut r = page(
            status,
            &PeopleResults {
                error,
                people,
                summary,
            },
        );
        r.headers_mut().insert(
            axum::http::header::VARY,
            axum::http::HeaderValue::from_static("HX-Request, HX-Target"),
        );
        return r;
    }
    let circles = match state.app.circles().await {
        Ok(c) => c.into_iter().map(|c| c.circle.name).collect(),
        Err(e) => return error_page(&e),
    };
    let facets = match state.app.facets().await {
        Ok(f) => f
            .into_iter()
            .flat_map(|f| {
                let key = f.key;
                f.values
                    .into_iter()
                    .map(move |v| format!("{key}={}", v.value))
            })
            .take(SHOWN)
            .collect(),
        Err(e) => return error_page(&e),
    };
    let roles = std::iter::once(Choice {
        value: String::new(),
        label: "Any role".to_owned(),
        selected: q.role.trim().is_empty(),
    })
    .chain(Role::ALL.iter().map(|r| Choice {
        value: r.as_str().to_owned(),
        label: r.as_str().to_owned(),
        selected: q.role.trim().eq_ignore_ascii_case(r.as_str()),
    }))
    .collect();
    let sort = if q.sort.is_empty() { "name" } else { &q.sort };
    let sorts = SORTS
        .iter()
        .map(|(v, l)| Choice {
            value: (*v).to_owned(),
            label: (*l).to_owned(),
            selected: *v == sort,
        })
        .collect();
    let mut r = page(
        status,
        &PeoplePage {
            query: q.q.trim().to_owned(),
            tag: q.tag,
            circle: q.circle,
            facet: q.facet,
            roles,
            sorts,
            circles,
            facets,
            error,
            people,
            summary,
        },
    );
    r.headers_mut().insert(
        axum::http::header::VARY,
        axum::http::HeaderValue::from_static("HX-Request, HX-Target"),
    );
    r
}
