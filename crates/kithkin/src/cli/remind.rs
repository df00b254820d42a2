//! `kithkin remind PERSON WHEN TEXT` and `kithkin done ID`: follow-ups.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person.
    person: String,
    /// When: 2026-04-01, tomorrow, in 2w…
    when: String,
    /// What to do.
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let f = app.remind(&a.person, &a.when, &a.text.join(" ")).await?;
    if ctx.json {
        return output::json(&f);
    }
    if !ctx.quiet {
        output::lines([format!(
            "Will remind you on {}: {} — {} ({})",
            f.follow_up.due_on, f.name, f.follow_up.text, f.follow_up.id
        )])?;
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct DoneArgs {
    /// The follow-up's id, or its last characters as `today` shows them.
    id: String,
}

pub async fn done(a: DoneArgs, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let f = app.done(&a.id).await?;
    if ctx.json {
        return output::json(&f);
    }
    if !ctx.quiet {
        output::lines([format!("Done: {} — {}", f.name, f.follow_up.text)])?;
    }
    Ok(())
}
