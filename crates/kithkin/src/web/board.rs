//! The introductions board (`/introductions`): one column per pipeline state, a card per
//! introduction with the buttons that move it on, the suggested pairs, and a form to start one.
//!
//! Every button is a plain form (POST, then 303 back to the board); htmx's `hx-boost` on the
//! page only saves the full reload.

use super::State;
use super::pages::{error_page, not_found, page, see_other};
use askama::Template;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use kithkin_app::AppError;
use kithkin_app::bridges::IntroView;
use kithkin_core::introduction::{IntroOutcome, IntroStatus, IntroStep};
use serde::Deserialize;

/// The board's routes.
pub fn router() -> Router<State> {
    Router::new()
        .route("/introductions", get(board).post(start))
        .route("/introductions/{id}/{action}", post(step))
}

/// The columns, in pipeline order, with their headings.
const COLUMNS: [(IntroStatus, &str); 6] = [
    (IntroStatus::Suggested, "Suggested"),
    (IntroStatus::AskedA, "Asked A"),
    (IntroStatus::AskedB, "Asked B"),
    (IntroStatus::Introduced, "Introduced"),
    (IntroStatus::Closed, "Closed"),
    (IntroStatus::Declined, "Declined"),
];

/// How many suggestions the board shows.
const SUGGESTIONS: usize = 10;

/// How many names the start form offers as completions.
const NAME_CHOICES: usize = 500;

/// The heading of the column for `status`.
pub fn column_name(status: IntroStatus) -> &'static str {
    COLUMNS
        .iter()
        .find(|(s, _)| *s == status)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

/// One button on a card: the form's target and the button's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// The path posted to.
    pub action: String,
    /// The outcome sent along, for the outcome buttons.
    pub outcome: &'static str,
    /// The button's text: "Move to Asked A", "Outcome: met"…
    pub label: String,
}

/// The buttons that move an introduction in `status` to its next allowed states.
pub fn moves(id: &str, status: IntroStatus) -> Vec<Move> {
    let to = |action: &str, target: IntroStatus| Move {
        action: format!("/introductions/{id}/{action}"),
        outcome: "",
        label: format!("Move to {}", column_name(target)),
    };
    match status {
        IntroStatus::Suggested => vec![to("ask-a", IntroStatus::AskedA)],
        IntroStatus::AskedA => vec![
            to("ask-b", IntroStatus::AskedB),
            to("decline", IntroStatus::Declined),
        ],
        IntroStatus::AskedB => vec![
            to("made", IntroStatus::Introduced),
            to("decline", IntroStatus::Declined),
        ],
        IntroStatus::Introduced => IntroOutcome::ALL
            .iter()
            .map(|o| Move {
                action: format!("/introductions/{id}/outcome"),
                outcome: o.as_str(),
                label: format!("Outcome: {}", o.as_str().replace('_', " ")),
            })
            .collect(),
        IntroStatus::Closed | IntroStatus::Declined => Vec::new(),
    }
}

/// One card.
#[derive(Debug)]
struct Card {
    id: String,
    a: String,
    a_name: String,
    b: String,
    b_name: String,
    reason: String,
    /// The outcome, once there is one ("met", "no response"…).
    outcome: String,
    /// Since when it is in its column.
    since: String,
    needs_follow_up: bool,
    moves: Vec<Move>,
}

/// One column.
#[derive(Debug)]
struct Column {
    /// For the heading's id.
    key: &'static str,
    name: &'static str,
    cards: Vec<Card>,
}

/// One suggested pair.
#[derive(Debug)]
struct Suggestion {
    a: String,
    a_name: String,
    b: String,
    b_name: String,
    score: String,
    reasons: Vec<String>,
    /// The reasons as one line, the new introduction's reason.
    reason: String,
}

/// What was typed in the start form, kept when it is refused.
#[derive(Debug, Default, Deserialize)]
struct StartForm {
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
    #[serde(default)]
    reason: String,
}

#[derive(Template)]
#[template(path = "introductions.html")]
struct BoardPage {
    columns: Vec<Column>,
    suggestions: Vec<Suggestion>,
    /// Why there are no suggestions, when they could not be computed.
    suggestions_error: String,
    names: Vec<String>,
    /// A refused action's message (role="alert").
    error: String,
    /// Whether the error belongs to the start form.
    start_error: bool,
    typed: StartForm,
}

fn card(v: IntroView) -> Card {
    let i = &v.introduction;
    let id = i.id.to_string();
    Card {
        moves: moves(&id, i.status),
        a: i.a.to_string(),
        b: i.b.to_string(),
        reason: i.reason.clone().unwrap_or_default(),
        outcome: i
            .outcome
            .map(|o| o.as_str().replace('_', " "))
            .unwrap_or_default(),
        since: i.since().strftime("%Y-%m-%d").to_string(),
        needs_follow_up: v.needs_follow_up,
        a_name: v.a_name,
        b_name: v.b_name,
        id,
    }
}

/// Loads the board; `Err` is the response to send instead.
async fn load(state: &State) -> Result<BoardPage, Response> {
    let list = state
        .app
        .intro_list(None)
        .await
        .map_err(|e| error_page(&e))?;
    let mut columns: Vec<Column> = COLUMNS
        .iter()
        .map(|(s, n)| Column {
            key: s.as_str(),
            name: n,
            cards: Vec::new(),
        })
        .collect();
    for v in list {
        let status = v.introduction.status;
        if let Some(c) = columns.iter_mut().find(|c| c.key == status.as_str()) {
            c.cards.push(card(v));
        }
    }
    let (suggestions, suggestions_error) =
        match state.app.intro_suggest(None, SUGGESTIONS, false).await {
            Ok(list) => (
                list.into_iter()
                    .map(|s| Suggestion {
                        a: s.a.to_string(),
                        b: s.b.to_string(),
                        score: format!("{:.2}", s.detail.score),
                        reason: s.reasons.join("; "),
                        reasons: s.reasons,
                        a_name: s.a_name,
                        b_name: s.b_name,
                    })
                    .collect(),
                String::new(),
            ),
            Err(e) if e.is_user_error() => (Vec::new(), e.to_string()),
            Err(e) => return Err(error_page(&e)),
        };
    let names = state
        .app
        .list(&kithkin_store::PeopleFilter {
            limit: Some(NAME_CHOICES),
            ..kithkin_store::PeopleFilter::default()
        })
        .await
        .map_err(|e| error_page(&e))?
        .into_iter()
        .map(|p| p.name)
        .collect();
    Ok(BoardPage {
        columns,
        suggestions,
        suggestions_error,
        names,
        error: String::new(),
        start_error: false,
        typed: StartForm::default(),
    })
}

async fn board(axum::extract::State(state): axum::extract::State<State>) -> Response {
    match load(&state).await {
        Ok(b) => page(StatusCode::OK, &b),
        Err(r) => r,
    }
}

/// The board again with a message: 422 for invalid input, 409 for a conflict.
async fn refused(state: &State, e: &AppError, start: bool, typed: StartForm) -> Response {
    let status = match e {
        AppError::Conflict(_) => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    match load(state).await {
        Ok(mut b) => {
            b.error = e.to_string();
            b.start_error = start;
            b.typed = typed;
            page(status, &b)
        }
        Err(r) => r,
    }
}

/// Starts an introduction from the start form or a suggestion, then back to the board.
async fn start(
    axum::extract::State(state): axum::extract::State<State>,
    form: Result<Form<StartForm>, FormRejection>,
) -> Response {
    let f = match form {
        Ok(Form(f)) => f,
        Err(e) => {
            let e = AppError::Invalid(vec![kithkin_core::ValidationError::new(
                "form",
                "",
                e.body_text(),
            )]);
            return refused(&state, &e, true, StartForm::default()).await;
        }
    };
    let missing: Vec<kithkin_core::ValidationError> = [("a", &f.a), ("b", &f.b)]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(k, _)| kithkin_core::ValidationError::new(k, "", "choose a person"))
        .collect();
    if !missing.is_empty() {
        return refused(&state, &AppError::Invalid(missing), true, f).await;
    }
    let reason = Some(f.reason.trim()).filter(|r| !r.is_empty());
    match state.app.intro_start(f.a.trim(), f.b.trim(), reason).await {
        Ok(_) => see_other("/introductions"),
        Err(e) if e.is_user_error() => refused(&state, &e, true, f).await,
        Err(e) => error_page(&e),
    }
}

/// A button's form: the outcome, for the outcome buttons.
#[derive(Debug, Default, Deserialize)]
struct StepForm {
    #[serde(default)]
    outcome: String,
}

/// Moves an introduction one step (`ask-a`, `ask-b`, `made`, `decline`, `outcome`), then
/// back to the board. 404 for an unknown introduction or action; 422 for a step the
/// introduction's state does not allow or an unknown outcome.
async fn step(
    axum::extract::State(state): axum::extract::State<State>,
    Path((id, action)): Path<(String, String)>,
    form: Result<Form<StepForm>, FormRejection>,
) -> Response {
    let Ok(id) = id.parse::<kithkin_core::IntroductionId>() else {
        return not_found().await;
    };
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let step = match action.as_str() {
        "ask-a" => IntroStep::AskA,
        "ask-b" => IntroStep::AskB,
        "made" => IntroStep::Made,
        "decline" => IntroStep::Decline,
        "outcome" => match kithkin_app::bridges::parse_outcome(form.outcome.trim()) {
            Ok(o) => IntroStep::Outcome(o),
            Err(e) => return refused(&state, &e, false, StartForm::default()).await,
        },
        _ => return not_found().await,
    };
    match state.app.intro_step(&id.to_string(), step).await {
        Ok(_) => see_other("/introductions"),
        Err(AppError::NotFound(_) | AppError::UnknownPerson { .. }) => not_found().await,
        Err(e) if e.is_user_error() => refused(&state, &e, false, StartForm::default()).await,
        Err(e) => error_page(&e),
    }
}

#[cfg(test)]
mod tests {
    // tests only: a failed unwrap is a failed test; no user input reaches this code
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_state_moves_to_the_columns_the_state_machine_allows() {
        let labels = |s| {
            moves("x", s)
                .into_iter()
                .map(|m| m.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(IntroStatus::Suggested), ["Move to Asked A"]);
        assert_eq!(
            labels(IntroStatus::AskedA),
            ["Move to Asked B", "Move to Declined"]
        );
        assert_eq!(
            labels(IntroStatus::AskedB),
            ["Move to Introduced", "Move to Declined"]
        );
        assert!(labels(IntroStatus::Introduced).contains(&"Outcome: met".to_owned()));
        assert!(labels(IntroStatus::Introduced).contains(&"Outcome: no response".to_owned()));
        assert!(labels(IntroStatus::Closed).is_empty());
        assert!(labels(IntroStatus::Declined).is_empty());
        assert_eq!(
            moves("x", IntroStatus::Suggested)[0].action,
            "/introductions/x/ask-a"
        );
    }
}
