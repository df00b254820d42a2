//! `kithkin report reciprocity|diversity|network|support`: what the network looks like.

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_app::diversity::DiversityReport;
use kithkin_app::network::NetworkReport;
use kithkin_app::support::SupportReport;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Given and received per person (weighted, decayed), the balance, and one-sided
    /// relationships flagged in both directions.
    Reciprocity {
        /// As of the end of this day [default: today].
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
    /// How diverse the network is per facet: shares, Blau, Shannon, evenness, effective
    /// number; the trend against 3 and 12 months earlier; under-represented values.
    Diversity {
        /// Only this facet key [default: every facet].
        #[arg(long, value_name = "KEY")]
        facet: Option<String>,
        /// Weigh people by tie strength instead of counting them.
        #[arg(long)]
        weighted: bool,
        /// As of the end of this day [default: today].
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
    /// The structure of the network between contacts: degree, Burt's constraint and
    /// effective size, communities and modularity, brokers, and your own ego network.
    Network,
    /// The support map: mentors, sponsors, advisors, peers, mentees and collaborators, and
    /// the needs and goals no strong tie offers.
    Support,
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    match c {
        Command::Reciprocity { at } => super::reciprocity::run(at, app, ctx).await,
        Command::Diversity {
            facet,
            weighted,
            at,
        } => {
            let report = app
                .diversity_report(facet.as_deref(), weighted, at.as_deref())
                .await?;
            if ctx.json {
                return output::json(&report);
            }
            output::lines(diversity_lines(&report))
        }
        Command::Network => {
            let report = app.network_report().await?;
            if ctx.json {
                return output::json(&report);
            }
            output::lines(network_lines(&report))
        }
        Command::Support => {
            let report = app.support_report().await?;
            if ctx.json {
                return output::json(&report);
            }
            output::lines(support_lines(&report))
        }
    }
}

fn diversity_lines(r: &DiversityReport) -> Vec<String> {
    let mut out = vec![format!(
        "Diversity of {} contacts as of {}{}",
        r.contacts,
        r.at,
        if r.weighted {
            ", people weighted by tie strength"
        } else {
            ", people counted"
        }
    )];
    if r.facets.is_empty() {
        out.push(
            "No facets yet: describe people with `kithkin edit NAME --facet industry=fintech`."
                .into(),
        );
    }
    for f in &r.facets {
        let s = &f.stats;
        out.push(String::new());
        out.push(format!(
            "{}: {} people in {} categories ({} without a value)",
            f.key, s.people, s.observed, f.without_value
        ));
        out.push(format!(
            "  Blau {:.3} (normalised {:.3}), Shannon {:.3}, evenness {:.3}, effective number {:.2}, largest share {:.0}%",
            s.blau,
            s.blau_normalised,
            s.shannon,
            s.evenness,
            s.effective_number,
            s.largest_share * 100.0
        ));
        for c in &s.categories {
            let bar = "█".repeat((c.share * 30.0).round() as usize);
            out.push(format!(
                "  {:<24} {:>5} {:>5.1}% {bar}",
                c.value,
                c.people,
                c.share * 100.0
            ));
        }
        for t in &f.trend {
            out.push(format!(
                "  {} months earlier ({}): {} people, normalised Blau {:.3}, effective number {:.2}",
                t.months_before, t.at, t.people, t.blau_normalised, t.effective_number
            ));
        }
        for u in &f.under_represented {
            let why: Vec<&str> = u
                .reasons
                .iter()
                .map(|r| match r {
                    kithkin_core::diversity::Reason::Wanted => "wanted, below an even share",
                    kithkin_core::diversity::Reason::AbsentAmongStrongTies => {
                        "no strong tie has it"
                    }
                })
                .collect();
            out.push(format!(
                "  under-represented: {} ({:.1}%): {}",
                u.value,
                u.share * 100.0,
                why.join("; ")
            ));
        }
    }
    out
}

fn opt(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{v:.digits$}"))
}

fn network_lines(r: &NetworkReport) -> Vec<String> {
    let mut out = vec![
        format!(
            "{} contacts, {} links, {} communities, modularity Q = {:.4}",
            r.people.len(),
            r.links,
            r.communities,
            r.modularity
        ),
        format!(
            "You: {} ties, constraint {}, effective size {}; {} strong ties{}",
            r.me.ties,
            opt(r.me.constraint, 4),
            opt(r.me.effective_size, 1),
            r.me.strong_ties,
            match (r.me.strong_community, r.me.strong_share) {
                (Some(c), Some(s)) => format!(", {:.0}% of them in community {c}", s * 100.0),
                _ => String::new(),
            }
        ),
    ];
    if !r.brokers.is_empty() {
        out.push(String::new());
        out.push("Brokers (links into the most other communities):".into());
        for b in &r.brokers {
            out.push(format!(
                "  {:<28} community {:>3}, reaches {} others through {} links, constraint {:.3}",
                b.name, b.community, b.communities_reached, b.links_outside, b.constraint
            ));
        }
    }
    out.push(String::new());
    out.push(format!(
        "{:<28} {:>6} {:>8} {:>10} {:>9} {:>9}",
        "person", "degree", "weighted", "constraint", "eff.size", "community"
    ));
    for p in &r.people {
        out.push(format!(
            "{:<28} {:>6} {:>8.2} {:>10} {:>9} {:>9}",
            p.name,
            p.degree,
            p.weighted_degree,
            opt(p.constraint, 4),
            opt(p.effective_size, 2),
            p.community
        ));
    }
    out
}

fn support_lines(r: &SupportReport) -> Vec<String> {
    let mut out = vec![format!(
        "Your support map (strong tie: strength {:.0}+)",
        r.strong_from
    )];
    for role in &r.roles {
        let last = role
            .last_contact
            .map_or_else(|| "never in touch".to_owned(), |d| format!("last {d}"));
        out.push(format!(
            "  {:<13} {:>3} people, {} strong, mean strength {:>4.1}, {last}",
            role.role.to_string(),
            role.people,
            role.strong,
            role.mean_strength
        ));
        for m in role.members.iter().take(5) {
            out.push(format!("      {} ({:.0})", m.name, m.strength));
        }
    }
    if r.gaps.is_empty() {
        out.push("No gaps: every open need and goal has a strong tie who offers it.".into());
    } else {
        out.push(String::new());
        out.push("Gaps (no strong tie offers these):".into());
        for g in &r.gaps {
            let who = if g.offered_by.is_empty() {
                "no one you know offers it".to_owned()
            } else {
                let names: Vec<String> = g
                    .offered_by
                    .iter()
                    .take(3)
                    .map(|p| format!("{} ({:.0})", p.name, p.strength))
                    .collect();
                format!("weaker ties who offer it: {}", names.join(", "))
            };
            out.push(format!("  {} \"{}\": {who}", g.kind, g.text));
        }
    }
    out
}
