//! `kithkin forget PERSON [--yes]`: erase a person and everything about them.

use super::Ctx;
use super::output::{self, Refused};
use kithkin_app::App;
use std::io::{BufRead, IsTerminal, Write};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person (name, email or id).
    person: String,
    /// Do not ask for confirmation.
    #[arg(long, short)]
    yes: bool,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let id = app.resolve(&a.person).await?;
    let person = app.person(id).await?;
    if !a.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Refused(format!(
                "forget erases {} and everything about them for good; run it in a terminal to confirm, or pass --yes",
                person.profile.name
            ))
            .into());
        }
        eprint!(
            "This erases {} and every note, interaction, date, favour and link about them. It cannot be undone.\nType their name to confirm: ",
            person.profile.name
        );
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if kithkin_core::text::name_key(answer.trim()) != person.name_key() {
            return Err(Refused("not confirmed; nothing was erased".into()).into());
        }
    }
    let erased = app.forget(id).await?;
    if ctx.json {
        return output::json(&erased);
    }
    if !ctx.quiet {
        let mut out = vec![format!("Erased {} and:", erased.name)];
        for (n, what) in [
            (erased.notes, "notes"),
            (erased.interactions_deleted, "interactions (only with them)"),
            (
                erased.interactions_left,
                "group interactions they were removed from",
            ),
            (erased.dates, "important dates"),
            (erased.life_events, "life events"),
            (erased.help_items, "needs and offers"),
            (erased.favours, "favours"),
            (erased.introductions, "introductions"),
            (erased.knows, "knows links"),
            (erased.follow_ups, "follow-ups"),
            (erased.goals, "goals"),
            (
                erased.memberships,
                "circle, event and collaboration memberships",
            ),
            (erased.profile_fields, "contact details, labels and facets"),
        ] {
            out.push(format!("  {n:>5}  {what}"));
        }
        output::lines(out)?;
    }
    Ok(())
}
