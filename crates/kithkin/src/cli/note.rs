//! `kithkin note PERSON TEXT`

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person (name, email or id).
    person: String,
    /// What to remember.
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (note, name) = app.note(&a.person, &a.text.join(" ")).await?;
    if ctx.json {
        return output::json(&note);
    }
    if !ctx.quiet {
        output::lines([format!("Noted about {name} ({})", note.id)])?;
    }
    Ok(())
}
