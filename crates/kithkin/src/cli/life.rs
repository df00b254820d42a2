//! `kithkin life PERSON KIND [--on DATE] [--note TEXT]` and `kithkin ack ID`: life events.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person.
    person: String,
    /// new_job, promotion, launch, award, move, wedding, baby, loss, illness, layoff or other.
    kind: String,
    /// When it happened [default: today].
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// Details.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (event, name) = app
        .record_life_event(&a.person, &a.kind, a.on.as_deref(), a.note.as_deref())
        .await?;
    if ctx.json {
        return output::json(&event);
    }
    if !ctx.quiet {
        let what = match event.kind.valence() {
            kithkin_core::life_event::Valence::Celebrate => "to celebrate",
            kithkin_core::life_event::Valence::Support => "to offer support for",
        };
        output::lines([format!(
            "Recorded {name}'s {} on {} ({what}; it stays in `today` until you are in touch)",
            event.kind, event.on
        )])?;
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct AckArgs {
    /// The life event's id, or its last characters as `today` shows them.
    id: String,
}

pub async fn ack(a: AckArgs, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (event, name) = app.acknowledge(&a.id).await?;
    if ctx.json {
        return output::json(&event);
    }
    if !ctx.quiet {
        output::lines([format!("Acknowledged {name}'s {}", event.kind)])?;
    }
    Ok(())
}
