//! `kithkin archive PERSON [--undo]`

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person (name, email or id).
    person: String,
    /// Bring an archived person back.
    #[arg(long)]
    undo: bool,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let person = app.archive(&a.person, a.undo).await?;
    if ctx.json {
        return output::json(&person);
    }
    if !ctx.quiet {
        let what = if a.undo { "Restored" } else { "Archived" };
        let tail = if a.undo {
            ""
        } else {
            " (hidden from lists, nothing deleted; `kithkin archive --undo` restores)"
        };
        output::lines([format!("{what} {}{tail}", person.profile.name)])?;
    }
    Ok(())
}
