//! `kithkin time [--weeks N] [--at DATE]`: minutes invested per ISO week, by kind.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many weeks, ending with this one.
    #[arg(long, default_value_t = 4, value_name = "N")]
    weeks: usize,
    /// Count up to the end of this day [default: today].
    #[arg(long, value_name = "DATE")]
    at: Option<String>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let report = app.time_report(a.weeks, a.at.as_deref()).await?;
    if ctx.json {
        return output::json(&report);
    }
    let mut out = vec!["Time invested per week (minutes; ~ marks estimates)".to_owned()];
    for w in &report.weeks {
        let mut parts: Vec<String> = w.by_kind.iter().map(|(k, m)| format!("{k} {m}")).collect();
        if w.event_count > 0 {
            parts.push(format!("events {}", w.events));
        }
        let estimate = if w.estimated > 0 {
            format!(" (~{} estimated)", w.estimated)
        } else {
            String::new()
        };
        out.push(format!(
            "{} ({} to {}): {} min = {}{estimate}",
            w.week.label,
            w.week.first,
            w.week.last,
            w.total,
            if parts.is_empty() {
                "nothing".to_owned()
            } else {
                parts.join(", ")
            }
        ));
    }
    let defaults: Vec<String> = report
        .default_minutes
        .iter()
        .map(|(k, m)| format!("{k} {m}"))
        .collect();
    out.push(String::new());
    out.push(format!(
        "Without recorded minutes, an interaction counts: {}; an event counts its kind's day.",
        defaults.join(", ")
    ));
    output::lines(out)
}
