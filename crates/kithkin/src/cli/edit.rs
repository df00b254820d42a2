//! `kithkin edit PERSON …`: the same flags as `add`, plus ways to remove values.

use super::Ctx;
use super::add::{ProfileFlags, render};
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person (name, email or id).
    person: String,
    /// New full name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    profile: ProfileFlags,
    /// Remove an email (repeatable).
    #[arg(long = "remove-email", value_name = "E")]
    remove_emails: Vec<String>,
    /// Remove a phone number (repeatable).
    #[arg(long = "remove-phone", value_name = "P")]
    remove_phones: Vec<String>,
    /// Remove a web address (repeatable).
    #[arg(long = "remove-url", value_name = "URL")]
    remove_urls: Vec<String>,
    /// Remove a tag (repeatable).
    #[arg(long = "untag", value_name = "T")]
    remove_tags: Vec<String>,
    /// Remove an interest (repeatable).
    #[arg(long = "remove-interest", value_name = "I")]
    remove_interests: Vec<String>,
    /// Remove an expertise (repeatable).
    #[arg(long = "remove-expertise", value_name = "X")]
    remove_expertise: Vec<String>,
    /// Remove a role (repeatable).
    #[arg(long = "remove-role", value_name = "ROLE")]
    remove_roles: Vec<String>,
    /// Remove a facet by key (repeatable).
    #[arg(long = "remove-facet", value_name = "KEY")]
    remove_facets: Vec<String>,
    /// Leave a circle (repeatable).
    #[arg(long = "remove-circle", value_name = "C")]
    remove_circles: Vec<String>,
    /// Remove the organisation.
    #[arg(long, conflicts_with = "org")]
    clear_org: bool,
    /// Remove the title.
    #[arg(long, conflicts_with = "title")]
    clear_title: bool,
    /// Remove the nickname.
    #[arg(long, conflicts_with = "nickname")]
    clear_nickname: bool,
    /// Remove the summary.
    #[arg(long, conflicts_with = "summary")]
    clear_summary: bool,
    /// Remove the cadence (no check-in reminders).
    #[arg(long, conflicts_with = "cadence")]
    clear_cadence: bool,
    /// Forget who introduced you.
    #[arg(long, conflicts_with = "introduced_by")]
    clear_introduced_by: bool,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let mut changes = a.profile.changes(a.name);
    changes.remove_emails = a.remove_emails;
    changes.remove_phones = a.remove_phones;
    changes.remove_urls = a.remove_urls;
    changes.remove_tags = a.remove_tags;
    changes.remove_interests = a.remove_interests;
    changes.remove_expertise = a.remove_expertise;
    changes.remove_roles = a.remove_roles;
    changes.remove_facets = a.remove_facets;
    changes.remove_circles = a.remove_circles;
    changes.clear_organisation = a.clear_org;
    changes.clear_title = a.clear_title;
    changes.clear_nickname = a.clear_nickname;
    changes.clear_summary = a.clear_summary;
    changes.clear_cadence = a.clear_cadence;
    changes.clear_introduced_by = a.clear_introduced_by;
    let saved = app.edit_person(&a.person, &changes).await?;
    render(&saved, "Updated", ctx)
}
