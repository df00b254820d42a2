//! `kithkin add NAME …`

use super::Ctx;
use super::output::{self, joined};
use kithkin_app::App;
use kithkin_app::people::{ProfileChanges, Saved};

/// Profile flags shared by `add` and `edit`.
#[derive(Debug, clap::Args, Default)]
pub struct ProfileFlags {
    /// Email address (repeatable).
    #[arg(long = "email", value_name = "E")]
    pub emails: Vec<String>,
    /// Phone number (repeatable).
    #[arg(long = "phone", value_name = "P")]
    pub phones: Vec<String>,
    /// Web address such as a LinkedIn profile (repeatable).
    #[arg(long = "url", value_name = "URL")]
    pub urls: Vec<String>,
    /// Organisation.
    #[arg(long, value_name = "O")]
    pub org: Option<String>,
    /// Job title.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Nickname.
    #[arg(long, value_name = "N")]
    pub nickname: Option<String>,
    /// Tag (repeatable).
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Interest (repeatable).
    #[arg(long = "interest", value_name = "I")]
    pub interests: Vec<String>,
    /// Expertise: what they know well (repeatable).
    #[arg(long = "expertise", value_name = "X")]
    pub expertise: Vec<String>,
    /// Something they can help with, recorded as an open offer (repeatable).
    #[arg(long = "offer", value_name = "TEXT")]
    pub offers: Vec<String>,
    /// Something they are looking for, recorded as an open need (repeatable).
    #[arg(long = "need", value_name = "TEXT")]
    pub needs: Vec<String>,
    /// A facet such as industry=fintech or region=europe (repeatable).
    #[arg(long = "facet", value_name = "KEY=VALUE")]
    pub facets: Vec<String>,
    /// What they are to you: mentor, mentee, advisor, sponsor, peer, collaborator, friend,
    /// client, colleague, manager, report, investor, family (repeatable).
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Circle to join, created if missing (repeatable).
    #[arg(long = "circle", value_name = "C")]
    pub circles: Vec<String>,
    /// How often to keep in touch: 30d, 2w, 3m, 1y.
    #[arg(long, value_name = "30d|2w|3m")]
    pub cadence: Option<String>,
    /// How or where you met.
    #[arg(long, value_name = "TEXT")]
    pub met_at: Option<String>,
    /// When you met (YYYY-MM-DD, yesterday, 3w ago…).
    #[arg(long, value_name = "DAY")]
    pub met_on: Option<String>,
    /// Who introduced you.
    #[arg(long, value_name = "PERSON")]
    pub introduced_by: Option<String>,
    /// A few lines about who they are.
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
}

impl ProfileFlags {
    /// The flags as profile changes.
    pub fn changes(self, name: Option<String>) -> ProfileChanges {
        ProfileChanges {
            name,
            nickname: self.nickname,
            emails: self.emails,
            phones: self.phones,
            urls: self.urls,
            organisation: self.org,
            title: self.title,
            tags: self.tags,
            interests: self.interests,
            expertise: self.expertise,
            roles: self.roles,
            facets: self.facets,
            circles: self.circles,
            cadence: self.cadence,
            met_at: self.met_at,
            met_on: self.met_on,
            introduced_by: self.introduced_by,
            summary: self.summary,
            offers: self.offers,
            needs: self.needs,
            ..ProfileChanges::default()
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Full name.
    name: String,
    #[command(flatten)]
    profile: ProfileFlags,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let saved = app.add_person(&a.profile.changes(Some(a.name))).await?;
    render(&saved, "Added", ctx)
}

/// Shared by `add` and `edit`.
pub fn render(saved: &Saved, verb: &str, ctx: &Ctx) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(saved);
    }
    for w in &saved.warnings {
        eprintln!("kithkin: warning: {w}");
    }
    if ctx.quiet {
        return Ok(());
    }
    let p = &saved.person;
    let mut out = vec![format!("{verb} {} ({})", p.profile.name, p.id)];
    for c in &saved.created_circles {
        out.push(format!("  created circle \"{c}\""));
    }
    if !p.circles.is_empty() {
        out.push(format!("  circles: {}", joined(&p.circles)));
    }
    for h in &saved.help_items {
        out.push(format!("  {} recorded: {}", h.kind, h.text));
    }
    output::lines(out)
}
