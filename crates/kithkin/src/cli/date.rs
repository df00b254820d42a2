//! `kithkin date PERSON birthday|anniversary|LABEL --on MM-DD|YYYY-MM-DD`

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person (name, email or id).
    person: String,
    /// birthday, anniversary, or any label ("name day").
    kind: String,
    /// The day: MM-DD (year unknown) or YYYY-MM-DD.
    #[arg(long, value_name = "MM-DD|YYYY-MM-DD")]
    on: String,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (date, name) = app.add_date(&a.person, &a.kind, &a.on).await?;
    if ctx.json {
        return output::json(&date);
    }
    if !ctx.quiet {
        output::lines([format!(
            "Recorded {}'s {} on {}",
            name,
            date.kind.label(),
            date.day
        )])?;
    }
    Ok(())
}
