//! `kithkin snooze PERSON 1w`: no check-in reminders for a while.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person.
    person: String,
    /// For how long (1w, 10d, 3m) or until a day (2026-04-01).
    #[arg(required_unless_present = "off", conflicts_with = "off")]
    span: Option<String>,
    /// End the snooze now.
    #[arg(long)]
    off: bool,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (name, until) = app.snooze(&a.person, a.span.as_deref()).await?;
    if ctx.json {
        return output::json(&serde_json::json!({ "name": name, "snoozed_until": until }));
    }
    if !ctx.quiet {
        output::lines([match until {
            Some(d) => format!("No check-in reminders for {name} until {d}"),
            None => format!("{name} is no longer snoozed"),
        }])?;
    }
    Ok(())
}
