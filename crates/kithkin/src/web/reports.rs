//! The reports page (`/reports`): diversity per facet, the distribution of tie strength,
//! reciprocity, goals and time invested, and a picture of the knows network coloured by
//! community. Charts are SVG drawn here ([`super::charts`], [`super::network_svg`]), each
//! with a table of the same numbers.

use super::State;
use super::charts::{Bar, bar_chart, histogram, paired_chart, percent};
use super::network_svg::{COLOURS, Node, colours, network_svg};
use super::pages::{error_page, page};
use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use kithkin_core::PersonId;
use std::collections::HashMap;

/// The report's route.
pub fn router() -> Router<State> {
    Router::new().route("/reports", get(reports))
}

/// The most people the network picture shows (the strongest ties); the page says so when
/// the network is larger.
pub const NETWORK_CAP: usize = 300;

/// How many people the reciprocity chart shows.
const RECIPROCITY_SHOWN: usize = 10;

/// How many weeks the time chart covers.
const WEEKS: usize = 8;

/// One row of a table beside a chart.
#[derive(Debug)]
struct Row {
    cells: Vec<String>,
}

/// One facet's diversity.
#[derive(Debug)]
struct FacetSection {
    key: String,
    svg: String,
    rows: Vec<Row>,
    summary: String,
}

/// One goal's progress.
#[derive(Debug)]
struct GoalLine {
    title: String,
    count: u32,
    target: u32,
    detail: String,
}

/// One community in the picture's legend.
#[derive(Debug)]
struct Community {
    class: String,
    label: String,
    members: String,
}

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    facets: Vec<FacetSection>,
    contacts: usize,
    strength_svg: String,
    strength_rows: Vec<Row>,
    reciprocity_svg: String,
    reciprocity_rows: Vec<Row>,
    goals: Vec<GoalLine>,
    time_svg: String,
    time_rows: Vec<Row>,
    network_svg: String,
    network_note: String,
    communities: Vec<Community>,
}

fn rows(v: Vec<Vec<String>>) -> Vec<Row> {
    v.into_iter().map(|cells| Row { cells }).collect()
}

/// The strength histogram's bins: 0–9, 10–19, … 90–100.
pub fn strength_bins(scores: &[f64]) -> Vec<(String, usize)> {
    let mut counts = [0usize; 10];
    for s in scores.iter().filter(|s| s.is_finite()) {
        let bin = ((s.clamp(0.0, 100.0) / 10.0).floor() as usize).min(9);
        counts[bin] += 1;
    }
    counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let hi = if i == 9 { 100 } else { i * 10 + 9 };
            (format!("{}–{hi}", i * 10), *c)
        })
        .collect()
}

async fn reports(axum::extract::State(state): axum::extract::State<State>) -> Response {
    match build(&state).await {
        Ok(p) => page(StatusCode::OK, &p),
        Err(e) => error_page(&e),
    }
}

async fn build(state: &State) -> Result<ReportsPage, kithkin_app::AppError> {
    let app = &state.app;

    // diversity per facet
    let diversity = app.diversity_report(None, false, None).await?;
    let facets = diversity
        .facets
        .iter()
        .map(|f| {
            let bars: Vec<Bar> = f
                .stats
                .categories
                .iter()
                .map(|c| Bar {
                    label: c.value.clone(),
                    value: c.weight,
                    note: format!("{} · {}", c.people, percent(c.share)),
                })
                .collect();
            let summary = format!(
                "{} people with a value ({} without); Blau index {:.2} (normalised {:.2}); effective number of categories {:.1}; largest share {}",
                f.stats.people,
                f.without_value,
                f.stats.blau,
                f.stats.blau_normalised,
                f.stats.effective_number,
                percent(f.stats.largest_share)
            );
            FacetSection {
                svg: bar_chart(
                    &format!("facet-{}", f.key),
                    &format!("{}: share of contacts per value", f.key),
                    &summary,
                    &bars,
                ),
                rows: rows(
                    f.stats
                        .categories
                        .iter()
                        .map(|c| vec![c.value.clone(), c.people.to_string(), percent(c.share)])
                        .collect(),
                ),
                key: f.key.clone(),
                summary,
            }
        })
        .collect();

    // tie strength
    let strengths = app.strength_list(None).await?;
    let scores: Vec<f64> = strengths.iter().map(|s| s.strength.score).collect();
    let bins = strength_bins(&scores);
    let strength_svg = histogram(
        "strength",
        "Distribution of tie strength",
        &format!("{} contacts by strength score, in bins of 10", scores.len()),
        &bins,
    );
    let strength_rows = rows(
        bins.iter()
            .map(|(l, c)| vec![l.clone(), c.to_string()])
            .collect(),
    );

    // reciprocity: the most lopsided first
    let recip = app.reciprocity_report(None).await?;
    let shown: Vec<_> = recip
        .people
        .iter()
        .filter(|p| p.balance.given_count + p.balance.received_count > 0)
        .take(RECIPROCITY_SHOWN)
        .collect();
    let reciprocity_svg = paired_chart(
        "reciprocity",
        "Favours given and received, most lopsided first",
        &format!(
            "Decayed weight of favours you gave and received, for the {} most lopsided relationships",
            shown.len()
        ),
        ("given", "received"),
        &shown
            .iter()
            .map(|p| (p.name.clone(), p.balance.given, p.balance.received))
            .collect::<Vec<_>>(),
    );
    let reciprocity_rows = rows(
        shown
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    format!("{:.1} ({})", p.balance.given, p.balance.given_count),
                    format!("{:.1} ({})", p.balance.received, p.balance.received_count),
                    format!("{:+.1}", p.balance.balance),
                    p.balance.reason.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    );

    // goals and time invested
    let goals = app
        .goal_status(None)
        .await?
        .into_iter()
        .map(|g| {
            let p = &g.progress;
            GoalLine {
                title: g.goal.title.clone(),
                count: p.current.count,
                target: g.goal.target,
                detail: format!(
                    "{} of {} this {} ({}); streak {}",
                    p.current.count,
                    g.goal.target,
                    g.goal.period.as_str(),
                    if p.current.met {
                        "met".to_owned()
                    } else {
                        format!("{} to go, {} days left", p.remaining, p.days_left)
                    },
                    p.streak
                ),
            }
        })
        .collect();
    let time = app.time_report(WEEKS, None).await?;
    let weeks: Vec<Bar> = time
        .weeks
        .iter()
        .rev()
        .map(|w| Bar {
            label: w.week.label.clone(),
            value: f64::from(w.total),
            note: format!("{:.1} h", f64::from(w.total) / 60.0),
        })
        .collect();
    let time_svg = bar_chart(
        "time",
        "Time invested per week",
        &format!("Hours with people and at events over the last {WEEKS} weeks"),
        &weeks,
    );
    let time_rows = rows(
        time.weeks
            .iter()
            .rev()
            .map(|w| {
                vec![
                    w.week.label.clone(),
                    format!("{:.1}", f64::from(w.total) / 60.0),
                    w.interactions.to_string(),
                    w.event_count.to_string(),
                ]
            })
            .collect(),
    );

    // the network picture
    let (network_svg, network_note, communities) = network(state, &strengths).await?;

    Ok(ReportsPage {
        facets,
        contacts: diversity.contacts,
        strength_svg,
        strength_rows,
        reciprocity_svg,
        reciprocity_rows,
        goals,
        time_svg,
        time_rows,
        network_svg,
        network_note,
        communities,
    })
}

/// The network picture, the sentence under it, and its legend.
async fn network(
    state: &State,
    strengths: &[kithkin_app::keep_in_touch::PersonStrength],
) -> Result<(String, String, Vec<Community>), kithkin_app::AppError> {
    let app = &state.app;
    let graph = app.contact_graph().await?;
    let report = app.network_report().await?;
    let community: HashMap<PersonId, u32> =
        report.people.iter().map(|p| (p.id, p.community)).collect();
    let score: HashMap<PersonId, f64> = strengths
        .iter()
        .map(|s| (s.person, s.strength.score))
        .collect();
    let total = graph.people.len();
    // the strongest ties first, then by name
    let mut order: Vec<usize> = (0..total).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&graph.people[a], &graph.people[b]);
        let sa = score.get(&pa.person).copied().unwrap_or(0.0);
        let sb = score.get(&pb.person).copied().unwrap_or(0.0);
        sb.total_cmp(&sa).then_with(|| pa.name.cmp(&pb.name))
    });
    order.truncate(NETWORK_CAP);
    order.sort_unstable();
    let index: HashMap<usize, usize> = order.iter().enumerate().map(|(n, i)| (*i, n)).collect();
    let nodes: Vec<Node> = order
        .iter()
        .map(|&i| {
            let p = &graph.people[i];
            Node {
                id: p.person.to_string(),
                name: p.name.clone(),
                community: community.get(&p.person).copied().unwrap_or(u32::MAX),
                strength: score.get(&p.person).copied().unwrap_or(0.0),
            }
        })
        .collect();
    let edges: Vec<(usize, usize, f64)> = graph
        .edges
        .iter()
        .filter_map(|&(a, b, w)| Some((*index.get(&a)?, *index.get(&b)?, w)))
        .collect();
    let (classes, order) = colours(&nodes);
    let legend = order
        .iter()
        .take(COLOURS)
        .enumerate()
        .map(|(rank, (c, size))| {
            let mut members: Vec<&str> = nodes
                .iter()
                .zip(&classes)
                .filter(|(n, _)| n.community == *c)
                .map(|(n, _)| n.name.as_str())
                .take(6)
                .collect();
            if *size > members.len() {
                members.push("…");
            }
            Community {
                class: format!("c{rank}"),
                label: format!("Community {} ({size})", rank + 1),
                members: members.join(", "),
            }
        })
        .collect::<Vec<_>>();
    let mut legend = legend;
    if order.len() > COLOURS {
        let rest: usize = order.iter().skip(COLOURS).map(|(_, s)| s).sum();
        legend.push(Community {
            class: "c-other".to_owned(),
            label: format!("{} smaller communities ({rest})", order.len() - COLOURS),
            members: String::new(),
        });
    }
    let shown = nodes.len();
    let note = if total > shown {
        format!(
            "The {shown} strongest ties of your {total} contacts, and the {} links between them; {} communities in the whole network (modularity {:.2}).",
            edges.len(),
            report.communities,
            report.modularity
        )
    } else {
        format!(
            "All {total} contacts and the {} links between them; {} communities (modularity {:.2}).",
            edges.len(),
            report.communities,
            report.modularity
        )
    };
    let svg = network_svg(
        "network",
        "Who knows whom among your contacts",
        &format!(
            "{shown} people as dots coloured by community, larger for stronger ties, lines for the {} links between them",
            edges.len()
        ),
        &nodes,
        &edges,
    );
    Ok((svg, note, legend))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_bins_cover_0_to_100() {
        let bins = strength_bins(&[0.0, 9.9, 10.0, 55.0, 100.0, 120.0, -3.0, f64::NAN]);
        assert_eq!(bins.len(), 10);
        assert_eq!(bins[0], ("0–9".to_owned(), 3));
        assert_eq!(bins[1].1, 1);
        assert_eq!(bins[5].1, 1);
        assert_eq!(bins[9], ("90–100".to_owned(), 2));
    }
}
