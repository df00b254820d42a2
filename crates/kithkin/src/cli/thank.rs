//! `kithkin thank PERSON [--for FAVOUR] [--via KIND] [--note TEXT]`, `kithkin thank --draft PERSON`
//! and `kithkin gratitude`.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Whom to thank.
    person: String,
    /// Only for this favour (its id or last characters) [default: everything not yet thanked].
    #[arg(long = "for", value_name = "FAVOUR")]
    favour: Option<String>,
    /// How you thanked them: message, email, call, meeting, meal… [default: message].
    #[arg(long, value_name = "KIND")]
    via: Option<String>,
    /// What you said.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Print a personal thank-you note to send, and record nothing.
    #[arg(long, conflicts_with_all = ["via", "note"])]
    draft: bool,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    if a.draft {
        let draft = app.thank_draft(&a.person, a.favour.as_deref()).await?;
        if ctx.json {
            return output::json(&serde_json::json!({ "draft": draft }));
        }
        return output::lines([draft]);
    }
    let thanked = app
        .thank(
            &a.person,
            a.favour.as_deref(),
            a.via.as_deref(),
            a.note.as_deref(),
        )
        .await?;
    if ctx.json {
        return output::json(&thanked);
    }
    if !ctx.quiet {
        let what = match thanked.favours.len() {
            0 => String::new(),
            1 => format!(" for \"{}\"", thanked.favours[0].text),
            n => format!(" for {n} favours"),
        };
        output::lines([format!(
            "Thanked {}{what} (logged as a {})",
            thanked.name, thanked.interaction.kind
        )])?;
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct GratitudeArgs {}

pub async fn gratitude(_a: GratitudeArgs, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let log = app.gratitude().await?;
    if ctx.json {
        return output::json(&log);
    }
    let tz = app.now().time_zone().clone();
    let mut out = Vec::new();
    out.push("Thanks owed".to_owned());
    if log.owed.is_empty() {
        out.push("  none: everyone who helped you has been thanked".to_owned());
    }
    for o in &log.owed {
        out.push(format!(
            "  {}: {} ({}, {} days ago)  [thank {}]",
            o.name,
            o.owed.text,
            o.owed.kind,
            o.owed.days_waiting,
            short(&o.owed.favour.to_string())
        ));
    }
    out.push(String::new());
    out.push("Thanked".to_owned());
    if log.thanked.is_empty() {
        out.push("  nothing yet".to_owned());
    }
    for f in &log.thanked {
        let when = f
            .favour
            .thanked_at
            .map(|t| output::day(t, &tz))
            .unwrap_or_default();
        out.push(format!(
            "  {}  {}: {} ({})",
            when, f.giver_name, f.favour.text, f.favour.kind
        ));
    }
    output::lines(out)
}

fn short(id: &str) -> String {
    let simple: Vec<char> = id.chars().filter(|c| *c != '-').collect();
    simple[simple.len().saturating_sub(8)..].iter().collect()
}
