//! `kithkin gave|got PERSON KIND TEXT …` and `kithkin favour --from A --to B KIND TEXT …`: the favour ledger.

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_app::exchange::{FavourRequest, FavourView};

#[derive(Debug, clap::Args)]
pub struct Details {
    /// advice, introduction, referral, feedback, resource, endorsement, time or other.
    kind: String,
    /// What it was.
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,
    /// How much it mattered: 1 (small), 2, 3 (large) [default: 1].
    #[arg(long)]
    weight: Option<u8>,
    /// The need it answered (its id or last characters).
    #[arg(long, value_name = "ID")]
    for_need: Option<String>,
    /// When: 2026-03-01, yesterday, 3d ago… [default: now].
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
}

impl Details {
    fn request(self) -> FavourRequest {
        FavourRequest {
            kind: self.kind,
            text: self.text.join(" "),
            weight: self.weight,
            for_need: self.for_need,
            at: self.at,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The other person.
    person: String,
    #[command(flatten)]
    details: Details,
}

#[derive(Debug, clap::Args)]
pub struct BetweenArgs {
    /// Who helped.
    #[arg(long)]
    from: String,
    /// Who was helped.
    #[arg(long)]
    to: String,
    #[command(flatten)]
    details: Details,
}

/// `gave` (`given = true`) or `got`.
pub async fn run(given: bool, a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (giver, receiver) = if given {
        ("me", a.person.as_str())
    } else {
        (a.person.as_str(), "me")
    };
    app.me().await?;
    let view = app
        .record_favour(giver, receiver, &a.details.request())
        .await?;
    render(&view, ctx)
}

/// A favour between two contacts.
pub async fn between(a: BetweenArgs, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let view = app
        .record_favour(&a.from, &a.to, &a.details.request())
        .await?;
    render(&view, ctx)
}

fn render(v: &FavourView, ctx: &Ctx) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(v);
    }
    if !ctx.quiet {
        output::lines([format!(
            "{} → {}: {} ({}, weight {}) ({})",
            v.giver_name,
            v.receiver_name,
            v.favour.text,
            v.favour.kind,
            v.favour.weight,
            v.favour.id
        )])?;
    }
    Ok(())
}
