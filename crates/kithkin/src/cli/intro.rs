//! `kithkin intro start|ask|made|decline|outcome|list|draft`: double-opt-in introductions.

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_app::bridges::{IntroView, parse_outcome};
use kithkin_core::introduction::IntroStep;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Start an introduction between two people (A is asked first).
    Start {
        /// The first person, asked first.
        a: String,
        /// The second person.
        b: String,
        /// Why they should meet.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Record that you asked A (`a`), or that A said yes and you asked B (`b`).
    Ask {
        /// The introduction's id, or its last characters.
        id: String,
        /// `a` or `b`.
        who: String,
    },
    /// Both said yes and you introduced them (records a favour to each and a knows link).
    Made {
        /// The introduction's id, or its last characters.
        id: String,
    },
    /// The person asked said no.
    Decline {
        /// The introduction's id, or its last characters.
        id: String,
    },
    /// What came of it: met, collaborating, hired, no_response, declined.
    Outcome {
        /// The introduction's id, or its last characters.
        id: String,
        /// met, collaborating, hired, no_response or declined.
        outcome: String,
    },
    /// Introductions, newest first.
    List {
        /// Only this status: suggested, asked_a, asked_b, introduced, closed, declined.
        #[arg(long)]
        status: Option<String>,
    },
    /// Pairs of your contacts who should meet, with the reasons.
    Suggest {
        /// Only suggestions for this person.
        #[arg(long = "for", value_name = "PERSON")]
        for_person: Option<String>,
        /// How many.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Score every pair with the same formula (slow; for verification).
        #[arg(long)]
        bruteforce: bool,
    },
    /// The message to send next (the opt-in question, or the introduction).
    Draft {
        /// The introduction's id, or its last characters.
        id: String,
    },
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let view = match c {
        Command::Start { a, b, reason } => app.intro_start(&a, &b, reason.as_deref()).await?,
        Command::Ask { id, who } => {
            let step = match who.trim().to_lowercase().as_str() {
                "a" => IntroStep::AskA,
                "b" => IntroStep::AskB,
                other => {
                    return Err(kithkin_app::AppError::Invalid(vec![
                        kithkin_core::ValidationError::new("who", other, "must be a or b"),
                    ])
                    .into());
                }
            };
            app.intro_step(&id, step).await?
        }
        Command::Made { id } => app.intro_step(&id, IntroStep::Made).await?,
        Command::Decline { id } => app.intro_step(&id, IntroStep::Decline).await?,
        Command::Outcome { id, outcome } => {
            app.intro_step(&id, IntroStep::Outcome(parse_outcome(&outcome)?))
                .await?
        }
        Command::List { status } => {
            let list = app.intro_list(status.as_deref()).await?;
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                return output::lines([
                    "No introductions yet: `kithkin intro start A B --reason …`".to_owned(),
                ]);
            }
            return output::lines(list.iter().map(line));
        }
        Command::Suggest {
            for_person,
            limit,
            bruteforce,
        } => {
            let list = app
                .intro_suggest(for_person.as_deref(), limit, bruteforce)
                .await?;
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                return output::lines([
                    "No suggestions yet: record needs, offers and interests of your contacts."
                        .to_owned(),
                ]);
            }
            return output::lines(list.iter().map(|s| {
                format!(
                    "{:.2}  {} ↔ {}: {}",
                    s.detail.score,
                    s.a_name,
                    s.b_name,
                    s.reasons.join("; ")
                )
            }));
        }
        Command::Draft { id } => {
            let text = app.intro_draft(&id).await?;
            if ctx.json {
                return output::json(&serde_json::json!({ "draft": text }));
            }
            return output::lines([text]);
        }
    };
    if ctx.json {
        return output::json(&view);
    }
    if !ctx.quiet {
        output::lines([line(&view)])?;
    }
    Ok(())
}

fn line(v: &IntroView) -> String {
    let i = &v.introduction;
    let outcome = i.outcome.map(|o| format!(", {o}")).unwrap_or_default();
    let follow = if v.needs_follow_up {
        "  (follow up)"
    } else {
        ""
    };
    let next = if v.next.is_empty() {
        String::new()
    } else {
        format!("  next: {}", v.next.join(" | "))
    };
    let id: String =
        i.id.to_string()
            .chars()
            .rev()
            .take(8)
            .collect::<String>()
            .chars()
            .rev()
            .collect();
    format!(
        "{id}  {} ↔ {}  [{}{outcome}]{follow}{next}",
        v.a_name, v.b_name, i.status
    )
}
