//! `kithkin collab add|list|update|outcome|suggest`: projects with people.

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_app::collab::CollabView;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Start a collaboration with people.
    Add {
        /// Its name.
        name: String,
        /// Who is in it (repeatable).
        #[arg(long = "with", value_name = "PERSON", required = true)]
        with: Vec<String>,
        /// idea, active, done or dropped [default: idea].
        #[arg(long)]
        status: Option<String>,
        /// Notes.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Collaborations, most recently changed first.
    List {
        /// Only this status.
        #[arg(long)]
        status: Option<String>,
    },
    /// Change a collaboration (by name or id): status, note, or add people.
    Update {
        /// Its name, or its id's last characters.
        collab: String,
        /// idea, active, done or dropped.
        #[arg(long)]
        status: Option<String>,
        /// Notes.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Add someone (repeatable).
        #[arg(long = "with", value_name = "PERSON")]
        with: Vec<String>,
    },
    /// Record what came of a collaboration.
    Outcome {
        /// Its name, or its id's last characters.
        collab: String,
        /// What came of it.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// People whose expertise complements your needs and goals and who share your interests.
    Suggest {
        /// How many.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let view = match c {
        Command::Add {
            name,
            with,
            status,
            note,
        } => {
            app.collab_add(&name, &with, status.as_deref(), note.as_deref())
                .await?
        }
        Command::Update {
            collab,
            status,
            note,
            with,
        } => {
            app.collab_update(&collab, status.as_deref(), None, note.as_deref(), &with)
                .await?
        }
        Command::Outcome { collab, text } => {
            app.collab_update(&collab, None, Some(&text.join(" ")), None, &[])
                .await?
        }
        Command::List { status } => {
            let list = app.collab_list(status.as_deref()).await?;
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                return output::lines([
                    "No collaborations yet: `kithkin collab add NAME --with PERSON`".to_owned(),
                ]);
            }
            return output::lines(list.iter().map(line));
        }
        Command::Suggest { limit } => {
            let list = app.collab_suggest(limit).await?;
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                return output::lines([
                    "No suggestions: record your needs (`kithkin need me …`) and interests (`kithkin edit me --interest …`).".to_owned(),
                ]);
            }
            return output::lines(
                list.iter()
                    .map(|s| format!("{:.2}  {}: {}", s.score, s.name, s.reason)),
            );
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

fn line(v: &CollabView) -> String {
    let c = &v.collaboration;
    let outcome = c
        .outcome
        .as_ref()
        .map(|o| format!(" — {o}"))
        .unwrap_or_default();
    let id: String =
        c.id.to_string()
            .chars()
            .rev()
            .take(8)
            .collect::<String>()
            .chars()
            .rev()
            .collect();
    format!(
        "{id}  {} [{}] with {}{outcome}",
        c.name,
        c.status,
        v.member_names.join(", ")
    )
}
