//! `kithkin list [--tag T] [--circle C] [--facet K=V] [--role R]`

use super::Ctx;
use super::output::{self, joined};
use kithkin_app::App;
use kithkin_core::person::{Role, parse_facet};
use kithkin_store::PeopleFilter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only people with this tag (repeatable: any of them).
    #[arg(long = "tag", value_name = "T")]
    tags: Vec<String>,
    /// Only members of this circle (repeatable: any of them).
    #[arg(long = "circle", value_name = "C")]
    circles: Vec<String>,
    /// Only people with this facet value (repeatable: all of them).
    #[arg(long = "facet", value_name = "KEY=VALUE")]
    facets: Vec<String>,
    /// Only people with this role (repeatable: any of them).
    #[arg(long = "role", value_name = "ROLE")]
    roles: Vec<String>,
    /// Include archived people.
    #[arg(long)]
    archived: bool,
    /// At most this many.
    #[arg(long)]
    limit: Option<usize>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let mut errors = Vec::new();
    let facets = a
        .facets
        .iter()
        .filter_map(|f| parse_facet(f).map_err(|e| errors.push(e)).ok())
        .collect();
    let roles = a
        .roles
        .iter()
        .filter_map(|r| r.parse::<Role>().map_err(|e| errors.push(e)).ok())
        .collect();
    if !errors.is_empty() {
        return Err(kithkin_app::AppError::Invalid(errors).into());
    }
    let filter = PeopleFilter {
        tags: a.tags,
        circles: a.circles,
        facets,
        roles,
        include_archived: a.archived,
        include_me: false,
        limit: a.limit,
    };
    let people = app.list(&filter).await?;
    if ctx.json {
        return output::json(&people);
    }
    let width = people
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    let mut out: Vec<String> = people
        .iter()
        .map(|p| {
            let work = match (&p.title, &p.organisation) {
                (Some(t), Some(o)) => format!("{t}, {o}"),
                (Some(t), None) => t.clone(),
                (None, Some(o)) => o.clone(),
                (None, None) => String::new(),
            };
            let tags = if p.tags.is_empty() {
                String::new()
            } else {
                format!("  [{}]", joined(&p.tags))
            };
            let archived = if p.archived { "  (archived)" } else { "" };
            format!("{:<width$}  {work}{tags}{archived}", p.name)
        })
        .collect();
    if !ctx.quiet {
        out.push(format!(
            "{} {}",
            people.len(),
            if people.len() == 1 {
                "person"
            } else {
                "people"
            }
        ));
    }
    output::lines(out)
}
