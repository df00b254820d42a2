//! The command line: one module per verb, each parsing its arguments, calling the app and
//! rendering the answer for people (default) or scripts (`--json`).

mod add;
mod archive;
pub(crate) mod backup;
mod brief;
mod cadence;
mod circle;
mod collab;
mod date;
mod demo;
mod dupes;
mod edit;
mod event;
mod export;
mod facet;
mod favour;
mod forget;
mod gen_cmd;
mod goal;
mod help_items;
mod import;
mod init;
mod intro;
mod knows;
mod life;
mod list;
mod log;
mod me;
mod network;
mod note;
mod org;
mod output;
mod path;
mod reciprocity;
mod remind;
mod report;
pub(crate) mod review;
mod search;
mod serve;
mod show;
mod snooze;
mod strength;
mod thank;
mod time;
mod today;

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};
use kithkin_app::{App, AppError, Clock, FixedClock, SystemClock};
use std::process::ExitCode;

/// Kithkin: remember what matters to the people you know, keep in touch on purpose, give as
/// much as you take.
#[derive(Debug, Parser)]
#[command(
    name = "kithkin",
    version,
    about,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Database: an SQLite file path or a postgres:// URL [default: the platform data directory,
    /// e.g. ~/.local/share/kithkin/kithkin.db]
    #[arg(long, global = true, env = "KITHKIN_DB", value_name = "PATH|URL")]
    db: Option<String>,

    /// Print JSON for scripts instead of text for people.
    #[arg(long, global = true)]
    json: bool,

    /// Print nothing but errors (and what --json asks for).
    #[arg(long, short, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once per run; boxing the arguments buys nothing"
)]
enum Command {
    /// Create the database and "me".
    Init(init::Args),
    /// Add a person.
    Add(add::Args),
    /// Change a person's profile.
    Edit(edit::Args),
    /// Show everything about a person.
    Show(show::Args),
    /// List people, with filters.
    List(list::Args),
    /// Full-text search over people and notes.
    Search(search::Args),
    /// Write a note about a person.
    Note(note::Args),
    /// Log an interaction (meeting, call, video, email, message, meal, event).
    Log(log::Args),
    /// Record that two people know each other.
    Knows(knows::Args),
    /// Record an important date (birthday, anniversary, or any label).
    Date(date::Args),
    /// The day's agenda: check-ins due, dates coming, life events, follow-ups.
    Today(today::Args),
    /// Set how often to keep in touch with a person (or, with --circle, a circle).
    Cadence(cadence::Args),
    /// Pause check-in reminders for a person.
    Snooze(snooze::Args),
    /// Remind yourself to do something for someone on a day.
    Remind(remind::Args),
    /// Mark a follow-up done.
    Done(remind::DoneArgs),
    /// Record a life event: new_job, promotion, launch, award, move, wedding, baby, loss, illness, layoff.
    Life(life::Args),
    /// Acknowledge a life event without logging an interaction.
    Ack(life::AckArgs),
    /// Relationship strength (0-100) for everyone, with its components.
    Strength(strength::Args),
    /// Strong ties that have gone quiet, worth reviving.
    Reconnect(strength::ReconnectArgs),
    /// The weekly review.
    Review(review::Args),
    /// Export data: ics (the keeping-in-touch calendar), json (a complete backup), vcard, csv.
    #[command(subcommand)]
    Export(export::Command),
    /// Record something a person needs (for `me` too).
    Need(help_items::Args),
    /// Record something a person can help with (for `me` too).
    Offer(help_items::Args),
    /// Close a need or offer: fulfilled (default), --withdrawn, or --reopen.
    Close(help_items::CloseArgs),
    /// Record a favour you gave: advice, introduction, referral, feedback, resource, endorsement, time, other.
    Gave(favour::Args),
    /// Record a favour you received (it is "thanks owed" until you thank them).
    Got(favour::Args),
    /// Record a favour between two other people (an introduction someone made).
    Favour(favour::BetweenArgs),
    /// Thank someone (logged as an interaction), or --draft a personal thank-you note.
    Thank(thank::Args),
    /// The gratitude log: thanks owed and thanks given.
    Gratitude(thank::GratitudeArgs),
    /// Before you meet someone: who they are, what is going on, give and take, ways to help.
    Brief(brief::Args),
    /// Ways to add value: your offers and expertise for their needs, theirs for yours.
    Value(brief::ValueArgs),
    /// Double-opt-in introductions: start, ask, made, decline, outcome, list, draft.
    #[command(subcommand)]
    Intro(intro::Command),
    /// Collaborations: add, list, update, outcome, suggest.
    #[command(subcommand)]
    Collab(collab::Command),
    /// Events: add, list, show, met (people you met there), done (followed up).
    #[command(subcommand)]
    Event(event::Command),
    /// Organisations: list, show, join, leave (your memberships).
    #[command(subcommand)]
    Org(org::Command),
    /// Goals: add (`checkins 5 week`), list, close, status with progress and streaks.
    #[command(subcommand)]
    Goal(goal::Command),
    /// Time invested per week: minutes by kind of interaction, and events.
    Time(time::Args),
    /// Warm paths to a person or an organisation through people you know.
    Path(path::Args),
    /// Reports: reciprocity, diversity, network structure, support map.
    #[command(subcommand)]
    Report(report::Command),
    /// Facets (industry, region, career stage…): list them, mark values you want.
    #[command(subcommand)]
    Facet(facet::Command),
    /// The graph of who knows whom: import an edge list, export csv, graphml or json.
    #[command(subcommand)]
    Network(network::Command),
    /// Manage circles: named groups with a default cadence.
    #[command(subcommand)]
    Circle(circle::Command),
    /// Bring data in: vcard, csv, google-csv, outlook-csv, linkedin, ics, mbox, json (a backup).
    #[command(subcommand)]
    Import(import::Command),
    /// Who you are, and your own email addresses (`--email`, repeatable).
    Me(me::Args),
    /// Likely duplicate people, with a score and the reasons.
    Dupes(dupes::Args),
    /// Merge a duplicate into the person to keep: everything moves, nothing is lost.
    Merge(dupes::MergeArgs),
    /// Archive a person: hidden from lists, kept in full.
    Archive(archive::Args),
    /// Erase a person and everything about them (privacy request).
    Forget(forget::Args),
    /// Build a demo network of about 60 people and show an overview.
    Demo(demo::Args),
    /// Generate a deterministic synthetic network for benchmarks.
    Gen(gen_cmd::Args),
    /// Serve the web UI and the JSON API on this computer (http://127.0.0.1:7777/).
    Serve(serve::Args),
    /// Print shell completions.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

/// Global settings every verb may need.
pub struct Ctx {
    pub json: bool,
    pub quiet: bool,
    pub db: Option<String>,
}

impl Ctx {
    /// The database location: `--db`, `KITHKIN_DB`, or the platform data directory.
    pub fn location(&self) -> anyhow::Result<String> {
        if let Some(db) = &self.db {
            return Ok(db.clone());
        }
        let dirs = directories::ProjectDirs::from("", "", "kithkin")
            .context("cannot find a home directory for the database; give --db PATH")?;
        Ok(dirs.data_dir().join("kithkin.db").display().to_string())
    }

    /// Opens the app on the chosen database.
    pub async fn app(&self) -> anyhow::Result<App> {
        Ok(App::open(&self.location()?, clock()?).await?)
    }
}

/// The system clock, or the moment in `KITHKIN_NOW` (RFC 9557, e.g.
/// `2026-03-01T09:00:00+01:00[Europe/Paris]`, or RFC 3339 in UTC) for scripts and tests.
fn clock() -> anyhow::Result<Box<dyn Clock>> {
    match std::env::var("KITHKIN_NOW") {
        Ok(s) if !s.trim().is_empty() => {
            let zoned = s
                .parse::<jiff::Zoned>()
                .or_else(|_| {
                    s.parse::<jiff::Timestamp>()
                        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC))
                })
                .with_context(|| {
                    format!("KITHKIN_NOW={s:?} is not a date-time like 2026-03-01T09:00:00Z")
                })?;
            Ok(Box::new(FixedClock(zoned)))
        }
        _ => Ok(Box::new(SystemClock)),
    }
}

/// Runs the command line and turns the outcome into an exit code: 0 success, 1 the request
/// could not be done as asked (unknown or ambiguous person, invalid value, conflict), 2 an
/// error (bad usage, database cannot be opened).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Ctx {
        json: cli.json,
        quiet: cli.quiet,
        db: cli.db.clone(),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kithkin: error: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli.command, &ctx)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

fn report(e: &anyhow::Error) -> ExitCode {
    if e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    }) {
        return ExitCode::SUCCESS;
    }
    let mut msg = format!("kithkin: error: {e}");
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if !msg.contains(&text) {
            msg.push_str(&format!("\n  caused by: {text}"));
        }
    }
    eprintln!("{msg}");
    let user = e.chain().any(|c| {
        c.downcast_ref::<AppError>()
            .is_some_and(AppError::is_user_error)
    }) || e
        .chain()
        .any(|c| c.downcast_ref::<output::Refused>().is_some());
    ExitCode::from(if user { 1 } else { 2 })
}

async fn run(command: Command, ctx: &Ctx) -> anyhow::Result<()> {
    match command {
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "kithkin",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Demo(a) => demo::run(a, ctx).await,
        Command::Gen(a) => gen_cmd::run(a, ctx).await,
        Command::Serve(a) => serve::run(a, ctx).await,
        command => {
            let app = ctx.app().await?;
            let result = match command {
                Command::Init(a) => init::run(a, &app, ctx).await,
                Command::Add(a) => add::run(a, &app, ctx).await,
                Command::Edit(a) => edit::run(a, &app, ctx).await,
                Command::Show(a) => show::run(a, &app, ctx).await,
                Command::List(a) => list::run(a, &app, ctx).await,
                Command::Search(a) => search::run(a, &app, ctx).await,
                Command::Note(a) => note::run(a, &app, ctx).await,
                Command::Log(a) => log::run(a, &app, ctx).await,
                Command::Knows(a) => knows::run(a, &app, ctx).await,
                Command::Date(a) => date::run(a, &app, ctx).await,
                Command::Circle(c) => circle::run(c, &app, ctx).await,
                Command::Today(a) => today::run(a, &app, ctx).await,
                Command::Need(a) => {
                    help_items::run(kithkin_core::exchange::HelpKind::Need, a, &app, ctx).await
                }
                Command::Offer(a) => {
                    help_items::run(kithkin_core::exchange::HelpKind::Offer, a, &app, ctx).await
                }
                Command::Close(a) => help_items::close(a, &app, ctx).await,
                Command::Gave(a) => favour::run(true, a, &app, ctx).await,
                Command::Got(a) => favour::run(false, a, &app, ctx).await,
                Command::Favour(a) => favour::between(a, &app, ctx).await,
                Command::Thank(a) => thank::run(a, &app, ctx).await,
                Command::Intro(c) => intro::run(c, &app, ctx).await,
                Command::Path(a) => path::run(a, &app, ctx).await,
                Command::Collab(c) => collab::run(c, &app, ctx).await,
                Command::Event(c) => event::run(c, &app, ctx).await,
                Command::Org(c) => org::run(c, &app, ctx).await,
                Command::Goal(c) => goal::run(c, &app, ctx).await,
                Command::Time(a) => time::run(a, &app, ctx).await,
                Command::Brief(a) => brief::run(a, &app, ctx).await,
                Command::Value(a) => brief::value(a, &app, ctx).await,
                Command::Gratitude(a) => thank::gratitude(a, &app, ctx).await,
                Command::Report(c) => report::run(c, &app, ctx).await,
                Command::Facet(c) => facet::run(c, &app, ctx).await,
                Command::Network(c) => network::run(c, &app, ctx).await,
                Command::Cadence(a) => cadence::run(a, &app, ctx).await,
                Command::Snooze(a) => snooze::run(a, &app, ctx).await,
                Command::Remind(a) => remind::run(a, &app, ctx).await,
                Command::Done(a) => remind::done(a, &app, ctx).await,
                Command::Life(a) => life::run(a, &app, ctx).await,
                Command::Ack(a) => life::ack(a, &app, ctx).await,
                Command::Strength(a) => strength::run(a, &app, ctx).await,
                Command::Reconnect(a) => strength::reconnect(a, &app, ctx).await,
                Command::Review(a) => review::run(a, &app, ctx).await,
                Command::Export(c) => export::run(c, &app, ctx).await,
                Command::Archive(a) => archive::run(a, &app, ctx).await,
                Command::Dupes(a) => dupes::run(a, &app, ctx).await,
                Command::Import(c) => import::run(c, &app, ctx).await,
                Command::Me(a) => me::run(a, &app, ctx).await,
                Command::Merge(a) => dupes::merge(a, &app, ctx).await,
                Command::Forget(a) => forget::run(a, &app, ctx).await,
                Command::Completions { .. }
                | Command::Demo(_)
                | Command::Gen(_)
                | Command::Serve(_) => Ok(()),
            };
            app.close().await;
            result
        }
    }
}
