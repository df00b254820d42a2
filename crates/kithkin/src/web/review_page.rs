//! The weekly review page (`/review?week_of=DAY`): the sections `kithkin review` prints,
//! from the same function, with links to the weeks before and after.

use super::State;
use super::pages::{error_page, page};
use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use jiff::ToSpan;
use serde::Deserialize;

/// The page's route.
pub fn router() -> Router<State> {
    Router::new().route("/review", get(review))
}

#[derive(Debug, Default, Deserialize)]
struct ReviewQuery {
    #[serde(default)]
    week_of: String,
}

/// One section.
#[derive(Debug)]
struct Section {
    /// For the heading's id.
    key: String,
    title: String,
    lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    week_of: String,
    heading: String,
    previous: String,
    next: String,
    sections: Vec<Section>,
    error: String,
}

async fn review(
    axum::extract::State(state): axum::extract::State<State>,
    query: Result<Query<ReviewQuery>, QueryRejection>,
) -> Response {
    let q = query.map(|Query(q)| q).unwrap_or_default();
    let week_of = q.week_of.trim().to_owned();
    let asked = Some(week_of.as_str()).filter(|w| !w.is_empty());
    let r = match state.app.review(asked).await {
        Ok(r) => r,
        Err(e) if e.is_user_error() => {
            return page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ReviewPage {
                    week_of,
                    heading: "Weekly review".to_owned(),
                    previous: String::new(),
                    next: String::new(),
                    sections: Vec::new(),
                    error: e.to_string(),
                },
            );
        }
        Err(e) => return error_page(&e),
    };
    let shift = |days: i64| {
        r.week_start
            .checked_add(days.days())
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let sections = crate::cli::review::sections(&r)
        .into_iter()
        .map(|(title, lines)| Section {
            key: title.to_lowercase().replace(' ', "-"),
            title,
            lines,
        })
        .collect();
    page(
        StatusCode::OK,
        &ReviewPage {
            week_of,
            heading: format!(
                "Weekly review, {} to {}",
                r.week_start.strftime("%a %d %b %Y"),
                r.week_end.strftime("%a %d %b %Y")
            ),
            previous: shift(-7),
            next: shift(7),
            sections,
            error: String::new(),
        },
    )
}
