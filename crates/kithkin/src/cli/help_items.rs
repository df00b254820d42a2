//! `kithkin need|offer PERSON TEXT [--tag T]…` and `kithkin close ID [--withdrawn|--reopen]`.

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_core::exchange::{HelpKind, HelpStatus};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Whose (a name, email, id, or `me`).
    person: String,
    /// In their words.
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,
    /// A label that helps matching (repeatable).
    #[arg(long = "tag", value_name = "T")]
    tags: Vec<String>,
}

pub async fn run(kind: HelpKind, a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (item, name) = app
        .add_help(&a.person, kind, &a.text.join(" "), &a.tags)
        .await?;
    if ctx.json {
        return output::json(&item);
    }
    if !ctx.quiet {
        let tags = if item.tags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", item.tags.join(", "))
        };
        output::lines([format!(
            "{name} {}: {}{tags} ({})",
            if kind == HelpKind::Need {
                "needs"
            } else {
                "offers"
            },
            item.text,
            item.id
        )])?;
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    /// The need's or offer's id, or its last characters.
    id: String,
    /// It was withdrawn rather than fulfilled.
    #[arg(long, conflicts_with = "reopen")]
    withdrawn: bool,
    /// Open it again.
    #[arg(long)]
    reopen: bool,
}

pub async fn close(a: CloseArgs, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let status = match (a.withdrawn, a.reopen) {
        (true, _) => HelpStatus::Withdrawn,
        (_, true) => HelpStatus::Open,
        _ => HelpStatus::Fulfilled,
    };
    let item = app.set_help_status(&a.id, status).await?;
    if ctx.json {
        return output::json(&item);
    }
    if !ctx.quiet {
        output::lines([format!("\"{}\" is now {}", item.text, item.status)])?;
    }
    Ok(())
}
