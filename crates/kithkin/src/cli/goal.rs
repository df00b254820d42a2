//! `kithkin goal add|list|close|status`: your networking goals, their progress and streaks.

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_app::events::short_id;
use kithkin_app::goals::GoalStatus;
use kithkin_core::goal::Goal;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Set a goal: METRIC TARGET PERIOD, e.g. `checkins 5 week`, `new-people 3 quarter`.
    Add {
        /// checkins, intros, events, new-people, interactions, favours or thanks.
        metric: String,
        /// How many per period (at least 1).
        #[arg(allow_hyphen_values = true)]
        target: String,
        /// week, month, quarter or year.
        period: String,
        /// Only count what involves people with this facet value (industry=climate), or
        /// without it (industry=!tech).
        #[arg(long, value_name = "KEY=VALUE")]
        facet: Option<String>,
        /// Its title [default: made from the rest, "5 check-ins a week"].
        #[arg(long)]
        title: Option<String>,
    },
    /// Your goals (open ones; --all for closed ones too).
    List {
        /// Closed goals too.
        #[arg(long)]
        all: bool,
    },
    /// Close a goal (reached, or no longer wanted).
    Close {
        /// Its title (or words of it), or its id's last characters.
        goal: String,
    },
    /// Progress of each open goal this period, the periods before, and streaks.
    Status {
        /// As of the end of this day [default: today].
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    match c {
        Command::Add {
            metric,
            target,
            period,
            facet,
            title,
        } => {
            let g = app
                .goal_add(
                    &metric,
                    &target,
                    &period,
                    facet.as_deref(),
                    title.as_deref(),
                )
                .await?;
            if ctx.json {
                return output::json(&g);
            }
            if ctx.quiet {
                return Ok(());
            }
            output::lines([format!("Goal set: {}", line(&g))])
        }
        Command::List { all } => {
            let list = app.goal_list(all).await?;
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                return output::lines([
                    "No goals yet: `kithkin goal add checkins 5 week`".to_owned()
                ]);
            }
            output::lines(list.iter().map(line))
        }
        Command::Close { goal } => {
            let g = app.goal_close(&goal).await?;
            if ctx.json {
                return output::json(&g);
            }
            if ctx.quiet {
                return Ok(());
            }
            output::lines([format!("Closed: {}", g.title)])
        }
        Command::Status { at } => {
            let list = app.goal_status(at.as_deref()).await?;
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                return output::lines([
                    "No open goals: `kithkin goal add checkins 5 week`".to_owned()
                ]);
            }
            let mut out = Vec::new();
            for s in &list {
                out.extend(status_lines(s));
            }
            output::lines(out)
        }
    }
}

fn line(g: &Goal) -> String {
    let closed = g
        .closed_at
        .map(|t| format!(" (closed {})", t.strftime("%Y-%m-%d")))
        .unwrap_or_default();
    format!(
        "{}  {}  [{} {} {}{}]{closed}",
        short_id(&g.id.to_string()),
        g.title,
        g.metric.user_name(),
        g.target,
        g.period,
        g.facet_filter
            .as_ref()
            .map(|f| format!(", {f}"))
            .unwrap_or_default()
    )
}

/// One goal's status on one line, for the weekly review.
pub fn status_line(s: &GoalStatus) -> String {
    let lines = status_lines(s);
    lines
        .iter()
        .map(|l| l.trim().to_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The lines of one goal's status.
pub fn status_lines(s: &GoalStatus) -> Vec<String> {
    let p = &s.progress;
    let c = &p.current;
    let state = if c.met {
        "met".to_owned()
    } else {
        format!("{} to go, {} days left", p.remaining, p.days_left)
    };
    let history: Vec<String> = p
        .previous
        .iter()
        .map(|x| {
            format!(
                "{} {}{}",
                x.period.label,
                x.count,
                if x.met { "✓" } else { "" }
            )
        })
        .collect();
    vec![
        format!(
            "{}: {}/{} {} in {} ({state}); streak {}",
            s.goal.title,
            c.count,
            s.goal.target,
            s.goal.metric.noun(if c.count == 1 && s.goal.target == 1 {
                1
            } else {
                2
            }),
            c.period.label,
            match p.streak {
                1 => format!("1 {}", s.goal.period),
                n => format!("{n} {}s", s.goal.period),
            }
        ),
        format!("  before: {}", output::joined(&history)),
    ]
}
