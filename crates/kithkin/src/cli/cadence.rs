//! `kithkin cadence PERSON 3w`, `kithkin cadence --circle C 1m`, `--off`: how often to keep in touch.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person (or, with --circle, the circle).
    target: String,
    /// Every how long: 30d, 2w, 3m, 1y.
    #[arg(required_unless_present = "off", conflicts_with = "off")]
    every: Option<String>,
    /// TARGET is a circle: set the default for its members without a cadence of their own.
    #[arg(long)]
    circle: bool,
    /// Remove the cadence (no check-in reminders).
    #[arg(long)]
    off: bool,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (kind, name, cadence) = if a.circle {
        let (name, cadence) = app
            .set_circle_cadence(&a.target, a.every.as_deref())
            .await?;
        ("circle", name, cadence)
    } else {
        let (_, name, cadence) = app.set_cadence(&a.target, a.every.as_deref()).await?;
        ("person", name, cadence)
    };
    if ctx.json {
        return output::json(&serde_json::json!({ kind: name, "cadence": cadence }));
    }
    if !ctx.quiet {
        output::lines([match cadence {
            Some(c) => format!("Keep in touch with {name} every {c}"),
            None => format!("No cadence for {name}: no check-in reminders"),
        }])?;
    }
    Ok(())
}
