//! `kithkin review [--week-of DATE] [--format md|html|json]`: the weekly review.

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_app::review::Review;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for reading in a terminal or pasting into notes.
    Md,
    /// A self-contained HTML page.
    Html,
    /// JSON, for scripts.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Any day of the week to review [default: this week].
    #[arg(long, value_name = "DATE")]
    week_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let review = app.review(a.week_of.as_deref()).await?;
    let format = if ctx.json { Format::Json } else { a.format };
    match format {
        Format::Json => output::json(&review),
        Format::Md => output::lines(markdown(&review)),
        Format::Html => output::lines([html(&review)]),
    }
}

/// The review's sections as (title, lines); the web's review page shows the same.
pub(crate) fn sections(r: &Review) -> Vec<(String, Vec<String>)> {
    let mut s = Vec::new();
    let kinds: Vec<String> = r.by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    s.push((
        "This week".to_owned(),
        vec![format!(
            "{} {} with {} {}{}",
            r.interactions,
            if r.interactions == 1 {
                "interaction"
            } else {
                "interactions"
            },
            r.people_contacted,
            if r.people_contacted == 1 {
                "person"
            } else {
                "people"
            },
            if kinds.is_empty() {
                String::new()
            } else {
                format!(" ({})", kinds.join(", "))
            }
        )],
    ));
    s.push((
        "Reconnected".to_owned(),
        r.reconnected
            .iter()
            .map(|c| match c.silent_days {
                Some(d) => format!("{} after {} days of silence", c.name, d),
                None => format!("{} (first contact)", c.name),
            })
            .collect(),
    ));
    s.push((
        "Overdue check-ins".to_owned(),
        r.overdue
            .iter()
            .map(|c| {
                format!(
                    "{}: every {}, {} days overdue",
                    c.name, c.cadence, c.days_overdue
                )
            })
            .collect(),
    ));
    s.push((
        "Coming up".to_owned(),
        r.upcoming
            .iter()
            .map(|d| format!("{} {}'s {}", d.on.strftime("%a %d %b"), d.name, d.kind))
            .collect(),
    ));
    let mut give_take = vec![format!(
        "{} favours given, {} received this week",
        r.favours_given, r.favours_received
    )];
    give_take.extend(r.one_sided.iter().map(|b| {
        format!(
            "{}: {}",
            b.name,
            b.balance
                .reason
                .clone()
                .unwrap_or_else(|| "one-sided".to_owned())
        )
    }));
    s.push(("Give and take".to_owned(), give_take));
    s.push((
        "Thanks owed".to_owned(),
        r.thanks_owed
            .iter()
            .map(|o| {
                format!(
                    "{}: {} ({} days ago)",
                    o.name, o.owed.text, o.owed.days_waiting
                )
            })
            .collect(),
    ));
    s.push((
        "Goals".to_owned(),
        r.goals.iter().map(super::goal::status_line).collect(),
    ));
    let t = &r.time;
    let mut time = vec![format!(
        "{} minutes this week ({} estimated); {:.0} a week on average over the {} weeks before",
        t.week.total, t.week.estimated, t.average_total, t.weeks_compared
    )];
    for (kind, avg) in &t.average_by_kind {
        let now = t.week.by_kind.get(kind).copied().unwrap_or(0);
        time.push(format!("{kind}: {now} (average {avg:.0})"));
    }
    if t.week.events > 0 || t.average_events > 0.0 {
        time.push(format!(
            "events: {} (average {:.0})",
            t.week.events, t.average_events
        ));
    }
    s.push(("Time invested".to_owned(), time));
    s.push((
        "Growing ties".to_owned(),
        r.gains
            .iter()
            .map(|c| {
                format!(
                    "{}: {:.0} → {:.0} (+{:.1})",
                    c.name, c.before, c.after, c.change
                )
            })
            .collect(),
    ));
    s.push((
        "Fading ties".to_owned(),
        r.losses
            .iter()
            .map(|c| {
                format!(
                    "{}: {:.0} → {:.0} ({:.1})",
                    c.name, c.before, c.after, c.change
                )
            })
            .collect(),
    ));
    s
}

fn markdown(r: &Review) -> Vec<String> {
    let mut out = vec![format!(
        "# Weekly review, {} to {}",
        r.week_start, r.week_end
    )];
    for (title, lines) in sections(r) {
        out.push(String::new());
        out.push(format!("## {title}"));
        out.push(String::new());
        if lines.is_empty() {
            out.push("- none".to_owned());
        }
        out.extend(lines.into_iter().map(|l| format!("- {l}")));
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(r: &Review) -> String {
    let mut body = String::new();
    for (title, lines) in sections(r) {
        body.push_str(&format!("<section><h2>{}</h2><ul>", escape(&title)));
        if lines.is_empty() {
            body.push_str("<li class=\"none\">none</li>");
        }
        for l in lines {
            body.push_str(&format!("<li>{}</li>", escape(&l)));
        }
        body.push_str("</ul></section>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Weekly review {start} to {end}</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}}\
         h2{{font-size:1.1rem;margin-top:1.5rem}}.none{{color:#777}}\
         @media (prefers-color-scheme: dark){{body{{background:#111;color:#eee}}.none{{color:#999}}}}</style>\
         </head><body><h1>Weekly review, {start} to {end}</h1>\n{body}</body></html>",
        start = r.week_start,
        end = r.week_end,
    )
}
