//! `kithkin log KIND --with PERSON …`

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_app::activity::LogRequest;
use kithkin_core::interaction::Direction;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// meeting, call, video, email, message, meal or event.
    kind: String,
    /// Who was there (repeatable).
    #[arg(long = "with", value_name = "PERSON", required = true)]
    with: Vec<String>,
    /// When: 2026-03-01, "2026-03-01 14:30", yesterday, 3d ago [default: now].
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
    /// How long, in minutes.
    #[arg(long)]
    minutes: Option<u32>,
    /// They reached out.
    #[arg(long, conflicts_with = "outbound")]
    inbound: bool,
    /// You reached out.
    #[arg(long)]
    outbound: bool,
    /// What was said or agreed.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let direction = match (a.inbound, a.outbound) {
        (true, _) => Some(Direction::Inbound),
        (_, true) => Some(Direction::Outbound),
        _ => None,
    };
    let req = LogRequest {
        kind: a.kind,
        with: a.with,
        at: a.at,
        minutes: a.minutes,
        direction,
        note: a.note,
    };
    let (interaction, names) = app.log(&req).await?;
    if ctx.json {
        return output::json(&interaction);
    }
    if !ctx.quiet {
        let tz = app.now().time_zone().clone();
        output::lines([format!(
            "Logged {} with {} at {} ({})",
            interaction.kind,
            names.join(", "),
            output::when(interaction.occurred_at, &tz),
            interaction.id
        )])?;
    }
    Ok(())
}
