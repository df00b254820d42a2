//! End-to-end tests of events and organisations (people met there, follow-ups within 48
//! hours, memberships), time invested per week and goals with progress and streaks. Every test
//! runs on a fresh database with the clock fixed by `KITHKIN_NOW` (2026-03-10 09:00 UTC, a
//! Tuesday in ISO week 11, unless a test says otherwise).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kit, Run, len, run, str_of};
use serde_json::{Value, json};

/// Runs `kithkin --db <db> ARGS` with the clock at `now`.
fn run_at(kit: &Kit, now: &str, args: &[&str]) -> Run {
    let mut cmd = kit.cmd();
    cmd.env("KITHKIN_NOW", now).args(args);
    run(cmd)
}

/// `--json ARGS` with the clock at `now`; expects success.
fn json_at(kit: &Kit, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let r = run_at(kit, now, &all);
    assert_eq!(
        r.code,
        0,
        "`{}` at {now}: {}{}",
        args.join(" "),
        r.stdout,
        r.stderr
    );
    r.json()
}

/// The agenda items of one type.
fn of_type(agenda: &Value, kind: &str) -> Vec<Value> {
    agenda["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items: {agenda}"))
        .iter()
        .filter(|i| i["type"] == json!(kind))
        .cloned()
        .collect()
}

fn names(items: &[Value]) -> Vec<String> {
    items.iter().map(|i| str_of(&i["name"])).collect()
}

/// The status of the goal titled `title` in `goal status --json`.
fn status_of<'a>(list: &'a Value, title: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|s| s["goal"]["title"] == json!(title))
        .unwrap_or_else(|| panic!("no goal {title:?} in {list}"))
}

fn counts(previous: &Value) -> Vec<i64> {
    previous
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["count"].as_i64().unwrap())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// events
// ---------------------------------------------------------------------------------------------

#[test]
fn event_add_list_and_show() {
    let kit = Kit::init();
    let v = kit.json(&[
        "event",
        "add",
        "RustConf 2026",
        "--on",
        "2026-03-09",
        "--org",
        "Rust Foundation",
        "--kind",
        "conference",
        "--minutes",
        "300",
        "--note",
        "Great hallway track",
    ]);
    assert_eq!(v["organisation_created"], json!(true));
    let e = &v["event"];
    assert_eq!(e["name"], json!("RustConf 2026"));
    assert_eq!(e["kind"], json!("conference"));
    assert_eq!(e["minutes"], json!(300));
    assert_eq!(e["on"], json!("2026-03-09"));
    assert_eq!(e["organisation"], json!("Rust Foundation"));
    assert_eq!(e["upcoming"], json!(false));
    // the organisation is found again by other spellings and words of its name
    let v = kit.json(&[
        "event",
        "add",
        "Rust meetup",
        "--on",
        "in 1w",
        "--org",
        "rust foundation",
        "--kind",
        "meetup",
    ]);
    assert_eq!(v["organisation_created"], json!(false));
    assert_eq!(v["event"]["organisation"], json!("Rust Foundation"));
    assert_eq!(v["event"]["upcoming"], json!(true));
    let v = kit.json(&[
        "event",
        "add",
        "Board dinner",
        "--on",
        "2026-03-01 19:30",
        "--org",
        "rust",
    ]);
    assert_eq!(v["event"]["organisation"], json!("Rust Foundation"));
    assert_eq!(v["event"]["kind"], json!("other"), "the default kind");

    let list = kit.json(&["event", "list"]);
    assert_eq!(
        names_of_events(&list),
        ["Rust meetup", "RustConf 2026", "Board dinner"],
        "newest first"
    );
    let text = kit.ok(&["event", "list"]);
    assert!(
        text.contains("RustConf 2026 [conference] by Rust Foundation"),
        "{text}"
    );
    assert!(text.contains("(upcoming)"), "{text}");

    let show = kit.json(&["event", "show", "rustconf"]);
    assert_eq!(show["event"]["name"], json!("RustConf 2026"));
    assert_eq!(show["note"], json!("Great hallway track"));
    assert_eq!(len(&show["attendees"]), 0);
    // the same event twice on the same day is refused
    let r = kit.fails(
        1,
        &["event", "add", "rustconf 2026", "--on", "2026-03-09 15:00"],
    );
    assert!(r.stderr.contains("already an event"), "{}", r.stderr);
}

fn names_of_events(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(&e["name"]))
        .collect()
}

#[test]
fn event_met_creates_or_links_people_and_records_how_we_met() {
    let kit = Kit::init();
    kit.add("Ana Lee", &[]);
    kit.add("Dora Met", &["--met-at", "School"]);
    kit.ok(&[
        "-q",
        "event",
        "add",
        "RustConf 2026",
        "--on",
        "2026-03-09 10:00",
        "--kind",
        "conference",
    ]);
    let v = kit.json(&["event", "met", "rustconf", "ana", "Chen Wu", "Dora Met"]);
    let people = v["people"].as_array().unwrap();
    assert_eq!(names(people), ["Ana Lee", "Chen Wu", "Dora Met"]);
    assert_eq!(people[0]["created"], json!(false));
    assert_eq!(people[0]["how_we_met_set"], json!(true));
    assert_eq!(people[1]["created"], json!(true));
    assert_eq!(
        people[2]["how_we_met_set"],
        json!(false),
        "an existing how-we-met is kept"
    );

    let chen = kit.show("Chen Wu");
    assert_eq!(chen["person"]["profile"]["met_at"], json!("RustConf 2026"));
    assert_eq!(chen["person"]["profile"]["met_on"], json!("2026-03-09"));
    assert_eq!(
        kit.show("Dora Met")["person"]["profile"]["met_at"],
        json!("School")
    );
    // an interaction at the event counts for strength and recency
    let ana = kit.show("Ana Lee");
    assert_eq!(ana["person"]["profile"]["met_at"], json!("RustConf 2026"));
    let i = ana["interactions"].as_array().unwrap();
    assert_eq!(i.len(), 1);
    assert_eq!(i[0]["interaction"]["kind"], json!("event"));
    let event_id = str_of(&v["event"]["id"]);
    assert_eq!(i[0]["interaction"]["event"], json!(event_id));
    assert!(
        ana["strength"]["score"].as_f64().unwrap() > 0.0,
        "{}",
        ana["strength"]
    );

    let show = kit.json(&["event", "show", "RustConf 2026"]);
    assert_eq!(
        names(show["attendees"].as_array().unwrap()),
        ["Ana Lee", "Chen Wu", "Dora Met"]
    );
    assert!(
        show["attendees"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["met_there"] == json!(true))
    );

    // again: recorded already, nothing logged twice
    let text = kit.ok(&["event", "met", "rustconf", "Ana Lee", "Eve New"]);
    assert!(
        text.contains("Ana Lee: already recorded as met there"),
        "{text}"
    );
    assert!(text.contains("Eve New: created"), "{text}");
    assert_eq!(len(&kit.show("Ana Lee")["interactions"]), 1);

    // a name close to someone known is not created by accident…
    let r = kit.fails(1, &["event", "met", "rustconf", "Anna Le"]);
    assert!(
        r.stderr.contains("did you mean") && r.stderr.contains("--create"),
        "{}",
        r.stderr
    );
    // …unless asked
    let v = kit.json(&["event", "met", "rustconf", "Anna Le", "--create"]);
    assert_eq!(v["people"][0]["created"], json!(true));
    // me is not someone I meet
    let r = kit.fails(1, &["event", "met", "rustconf", "me"]);
    assert!(r.stderr.contains("is you"), "{}", r.stderr);
}

#[test]
fn event_names_must_resolve_to_one_event() {
    let kit = Kit::init();
    kit.ok(&["-q", "event", "add", "Rust meetup", "--on", "2026-02-10"]);
    kit.ok(&["-q", "event", "add", "Rust meetup", "--on", "2026-03-03"]);
    let r = kit.fails(1, &["event", "met", "rust meetup", "Bo Park"]);
    assert!(r.stderr.contains("matches 2 events"), "{}", r.stderr);
    assert!(
        r.stderr.contains("2026-02-10") && r.stderr.contains("2026-03-03"),
        "{}",
        r.stderr
    );
    // the id's last characters pick one
    let list = kit.json(&["event", "list"]);
    let id = str_of(&list[0]["id"]);
    let tail = &id[id.len() - 8..];
    let v = kit.json(&["event", "met", tail, "Bo Park"]);
    assert_eq!(v["event"]["on"], json!("2026-03-03"));
    let r = kit.fails(1, &["event", "met", "Nope", "Bo Park"]);
    assert!(
        r.stderr.contains("no event matches \"Nope\""),
        "{}",
        r.stderr
    );
    // not yet happened
    kit.ok(&["-q", "event", "add", "Future summit", "--on", "in 2w"]);
    let r = kit.fails(1, &["event", "met", "future", "Bo Park"]);
    assert!(r.stderr.contains("after today"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// follow-ups after events
// ---------------------------------------------------------------------------------------------

#[test]
fn people_met_at_an_event_come_up_in_today_for_48_hours() {
    let kit = Kit::init();
    kit.ok(&[
        "-q",
        "event",
        "add",
        "Meetup",
        "--on",
        "2026-03-09 18:00",
        "--minutes",
        "120",
    ]);
    kit.ok(&["-q", "event", "met", "Meetup", "Bo Park", "Cy Lane"]);

    // Tuesday 09:00: the event ended Monday 20:00, so 35 hours are left
    let f = of_type(&kit.json(&["today"]), "event_follow_up");
    assert_eq!(names(&f), ["Bo Park", "Cy Lane"]);
    assert_eq!(f[0]["event_name"], json!("Meetup"));
    assert_eq!(f[0]["hours_left"], json!(35));
    assert_eq!(f[0]["due_by"], json!("2026-03-11T20:00:00Z"));
    let text = kit.ok(&["today"]);
    assert!(
        text.contains("follow up with Bo Park, met at Meetup"),
        "{text}"
    );

    // an hour before the 48 hours are over, still there; half an hour after, gone
    let f = of_type(
        &json_at(&kit, "2026-03-11T19:00:00Z", &["today"]),
        "event_follow_up",
    );
    assert_eq!((names(&f).len(), f[0]["hours_left"].clone()), (2, json!(1)));
    assert!(
        of_type(
            &json_at(&kit, "2026-03-11T20:30:00Z", &["today"]),
            "event_follow_up"
        )
        .is_empty()
    );
    // other days: the day it ends shows it, the day after does not, nor the day before the event
    assert_eq!(
        of_type(
            &kit.json(&["today", "--at", "2026-03-11"]),
            "event_follow_up"
        )
        .len(),
        2
    );
    assert!(
        of_type(
            &kit.json(&["today", "--at", "2026-03-12"]),
            "event_follow_up"
        )
        .is_empty()
    );
    assert!(
        of_type(
            &kit.json(&["today", "--at", "2026-03-08"]),
            "event_follow_up"
        )
        .is_empty()
    );

    // getting in touch ends it for that person
    kit.ok(&[
        "-q",
        "log",
        "message",
        "--with",
        "Bo Park",
        "--at",
        "2026-03-10 08:00",
    ]);
    assert_eq!(
        names(&of_type(&kit.json(&["today"]), "event_follow_up")),
        ["Cy Lane"]
    );
    // and so does marking it done
    let v = kit.json(&["event", "done", "meetup", "Cy Lane"]);
    assert_eq!(v["done"], json!(["Cy Lane"]));
    assert!(of_type(&kit.json(&["today"]), "event_follow_up").is_empty());
    let r = kit.fails(1, &["event", "done", "meetup", "me"]);
    assert!(r.stderr.contains("not recorded as met"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// organisations
// ---------------------------------------------------------------------------------------------

#[test]
fn organisations_with_their_people_events_and_my_membership() {
    let kit = Kit::init();
    kit.add("Ana Lee", &["--org", "Acme Corp", "--title", "CTO"]);
    kit.add("Bea Zed", &["--org", "ACME corp"]);
    kit.add("Cy Other", &["--org", "Globex"]);
    kit.ok(&[
        "-q",
        "event",
        "add",
        "Acme offsite",
        "--on",
        "2026-03-02",
        "--org",
        "acme",
    ]);

    let v = kit.json(&[
        "org",
        "join",
        "Acme Corp",
        "--role",
        "alumni",
        "--since",
        "2020-01-01",
    ]);
    assert_eq!(v["organisation_created"], json!(false));
    assert_eq!(v["membership"]["role"], json!("alumni"));
    assert_eq!(v["membership"]["since"], json!("2020-01-01"));
    let v = kit.json(&["org", "join", "Rust Club"]);
    assert_eq!(v["organisation_created"], json!(true));

    let list = kit.json(&["org", "list"]);
    let orgs: Vec<(String, i64, i64, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                str_of(&o["organisation"]["name"]),
                o["people"].as_i64().unwrap(),
                o["events"].as_i64().unwrap(),
                !o["membership"].is_null(),
            )
        })
        .collect();
    assert_eq!(
        orgs,
        [
            ("Acme Corp".to_owned(), 2, 1, true),
            ("Globex".to_owned(), 1, 0, false),
            ("Rust Club".to_owned(), 0, 0, true)
        ]
    );
    let show = kit.json(&["org", "show", "acme"]);
    assert_eq!(show["organisation"]["name"], json!("Acme Corp"));
    let people: Vec<(String, Value)> = show["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (str_of(&p["name"]), p["title"].clone()))
        .collect();
    assert_eq!(
        people,
        [
            ("Ana Lee".to_owned(), json!("CTO")),
            ("Bea Zed".to_owned(), Value::Null)
        ]
    );
    assert_eq!(names_of_events(&show["events"]), ["Acme offsite"]);
    assert_eq!(show["membership"]["role"], json!("alumni"));
    let text = kit.ok(&["org", "show", "acme"]);
    assert!(text.contains("you: alumni since 2020-01-01"), "{text}");
    assert!(text.contains("Ana Lee, CTO"), "{text}");

    let v = kit.json(&["org", "leave", "acme"]);
    assert_eq!(v["until"], json!("2026-03-10"));
    assert_eq!(v["role"], json!("alumni"), "kept");
    let r = kit.fails(1, &["org", "leave", "acme"]);
    assert!(
        r.stderr.contains("not a member of Acme Corp"),
        "{}",
        r.stderr
    );
    let r = kit.fails(1, &["org", "show", "Initech"]);
    assert!(r.stderr.contains("no organisation matches"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// time
// ---------------------------------------------------------------------------------------------

#[test]
fn time_invested_per_iso_week_by_kind_with_estimates_and_events() {
    let kit = Kit::init();
    kit.add("Ana Lee", &[]);
    kit.ok(&[
        "-q",
        "log",
        "call",
        "--with",
        "Ana",
        "--at",
        "2026-03-09 10:00",
        "--minutes",
        "30",
    ]);
    kit.ok(&[
        "-q",
        "log",
        "email",
        "--with",
        "Ana",
        "--at",
        "2026-03-10 08:00",
    ]);
    kit.ok(&[
        "-q",
        "log",
        "meal",
        "--with",
        "Ana",
        "--at",
        "2026-03-03 12:00",
        "--minutes",
        "90",
    ]);
    kit.ok(&[
        "-q",
        "event",
        "add",
        "Meetup",
        "--on",
        "2026-03-09 18:00",
        "--minutes",
        "120",
        "--kind",
        "meetup",
    ]);
    // the interaction logged at the event counts under the event, not twice
    kit.ok(&["-q", "event", "met", "Meetup", "Bo Park"]);
    // nothing after now counts
    kit.ok(&[
        "-q",
        "event",
        "add",
        "Dinner",
        "--on",
        "2026-03-12 19:00",
        "--kind",
        "dinner",
    ]);

    let v = kit.json(&["time", "--weeks", "3"]);
    let weeks = v["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 3);
    let w = &weeks[0];
    assert_eq!(w["week"]["label"], json!("2026-W11"));
    assert_eq!(w["week"]["first"], json!("2026-03-09"));
    assert_eq!(w["by_kind"], json!({"call": 30, "email": 5}));
    assert_eq!(w["events"], json!(120));
    assert_eq!(w["total"], json!(155));
    assert_eq!(w["estimated"], json!(5), "the email's default minutes");
    assert_eq!(weeks[1]["week"]["label"], json!("2026-W10"));
    assert_eq!(weeks[1]["by_kind"], json!({"meal": 90}));
    assert_eq!(weeks[2]["total"], json!(0));
    assert_eq!(v["default_minutes"]["email"], json!(5));
    let text = kit.ok(&["time", "--weeks", "2"]);
    assert!(
        text.contains(
            "2026-W11 (2026-03-09 to 2026-03-15): 155 min = call 30, email 5, events 120"
        ),
        "{text}"
    );
    // later, the dinner counts (as its kind's default, estimated)
    let v = json_at(&kit, "2026-03-13T09:00:00Z", &["time", "--weeks", "1"]);
    assert_eq!(v["weeks"][0]["events"], json!(240));
    assert_eq!(v["weeks"][0]["estimated"], json!(125));
    kit.fails(1, &["time", "--weeks", "0"]);
}

// ---------------------------------------------------------------------------------------------
// goals
// ---------------------------------------------------------------------------------------------

#[test]
fn goal_status_counts_periods_and_streaks() {
    let kit = Kit::init();
    kit.add("Ana Lee", &[]);
    // two interactions in each of weeks 8, 9 and 10, one so far in week 11
    for at in [
        "2026-02-16 10:00",
        "2026-02-20 10:00",
        "2026-02-23 10:00",
        "2026-03-01 20:00",
        "2026-03-02 10:00",
        "2026-03-08 10:00",
        "2026-03-09 10:00",
    ] {
        kit.ok(&["-q", "log", "call", "--with", "Ana", "--at", at]);
    }
    let g = kit.json(&["goal", "add", "interactions", "2", "week"]);
    assert_eq!(g["title"], json!("2 interactions a week"));
    assert_eq!(g["metric"], json!("interactions"));
    kit.json(&["goal", "add", "events", "1", "month", "--title", "Go out"]);

    let list = kit.json(&["goal", "status"]);
    let s = status_of(&list, "2 interactions a week");
    assert_eq!(s["metric"], json!("interactions"));
    let p = &s["progress"];
    assert_eq!(p["current"]["period"]["label"], json!("2026-W11"));
    assert_eq!(
        (p["current"]["count"].clone(), p["current"]["met"].clone()),
        (json!(1), json!(false))
    );
    assert_eq!(p["remaining"], json!(1));
    assert_eq!(p["days_left"], json!(5));
    assert_eq!(counts(&p["previous"]), [2, 2, 2, 0]);
    assert_eq!(p["streak"], json!(3));
    let text = kit.ok(&["goal", "status"]);
    assert!(text.contains("2 interactions a week: 1/2 interactions in 2026-W11 (1 to go, 5 days left); streak 3 weeks"), "{text}");

    // one more this week: met, and the week joins the streak
    kit.ok(&[
        "-q",
        "log",
        "call",
        "--with",
        "Ana",
        "--at",
        "2026-03-10 08:00",
    ]);
    let list = kit.json(&["goal", "status"]);
    let p = &status_of(&list, "2 interactions a week")["progress"];
    assert_eq!(
        (p["current"]["met"].clone(), p["streak"].clone()),
        (json!(true), json!(4))
    );
    // as of an earlier day
    let list = kit.json(&["goal", "status", "--at", "2026-03-01"]);
    let p = &status_of(&list, "2 interactions a week")["progress"];
    assert_eq!(p["current"]["period"]["label"], json!("2026-W09"));
    assert_eq!(
        (p["current"]["count"].clone(), p["streak"].clone()),
        (json!(2), json!(2))
    );

    // the events goal counts events attended this month, none yet
    let e = &status_of(&list, "Go out")["progress"];
    assert_eq!(e["current"]["count"], json!(0));
    kit.ok(&["-q", "event", "add", "Meetup", "--on", "2026-03-05"]);
    kit.ok(&["-q", "event", "add", "Dinner", "--on", "2026-02-05"]);
    let list = kit.json(&["goal", "status"]);
    let e = &status_of(&list, "Go out")["progress"];
    assert_eq!(
        (e["current"]["count"].clone(), e["streak"].clone()),
        (json!(1), json!(2))
    );

    // list and close
    let goals = kit.json(&["goal", "list"]);
    assert_eq!(len(&goals), 2);
    let closed = kit.json(&["goal", "close", "go out"]);
    assert!(!closed["closed_at"].is_null());
    assert_eq!(len(&kit.json(&["goal", "list"])), 1);
    assert_eq!(len(&kit.json(&["goal", "list", "--all"])), 2);
    assert_eq!(len(&kit.json(&["goal", "status"])), 1);
    kit.fails(1, &["goal", "close", "go out"]);
    let r = kit.fails(1, &["goal", "add", "interactions", "2", "week"]);
    assert!(r.stderr.contains("already have this goal"), "{}", r.stderr);
}

#[test]
fn facet_goals_count_only_people_with_that_facet() {
    let kit = Kit::init();
    kit.add("Hana Health", &["--facet", "industry=health"]);
    kit.add("Tim Tech", &["--facet", "industry=tech"]);
    kit.add("Una Known", &[]);
    kit.ok(&["-q", "event", "add", "Meetup", "--on", "2026-03-02 18:00"]);
    kit.ok(&["-q", "event", "met", "Meetup", "Hana", "Tim", "Una"]);
    kit.json(&[
        "goal",
        "add",
        "new-people",
        "2",
        "quarter",
        "--facet",
        "industry=!tech",
    ]);
    kit.json(&[
        "goal",
        "add",
        "new-people",
        "1",
        "quarter",
        "--facet",
        "Industry=Tech",
        "--title",
        "Tech folk",
    ]);
    let list = kit.json(&["goal", "status"]);
    let outside = status_of(&list, "2 new people a quarter (industry=!tech)");
    assert_eq!(outside["goal"]["facet_filter"], json!("industry=!tech"));
    assert_eq!(
        outside["progress"]["current"]["period"]["label"],
        json!("2026-Q1")
    );
    assert_eq!(
        outside["progress"]["current"]["count"],
        json!(1),
        "Hana; Una's industry is unknown"
    );
    assert_eq!(
        status_of(&list, "Tech folk")["progress"]["current"]["count"],
        json!(1)
    );
}

#[test]
fn invalid_input_is_refused_with_a_reason() {
    let kit = Kit::init();
    let r = kit.fails(1, &["event", "add", "Conf", "--on", "2026-13-01"]);
    assert!(r.stderr.contains("2026-13-01"), "{}", r.stderr);
    let r = kit.fails(
        1,
        &[
            "event",
            "add",
            "Conf",
            "--on",
            "2026-03-01",
            "--kind",
            "party",
        ],
    );
    assert!(
        r.stderr
            .contains("conference, meetup, dinner, workshop, other"),
        "{}",
        r.stderr
    );
    kit.fails(
        1,
        &[
            "event",
            "add",
            "Conf",
            "--on",
            "2026-03-01",
            "--minutes",
            "0",
        ],
    );
    kit.fails(1, &["event", "add", "  ", "--on", "2026-03-01"]);
    let r = kit.fails(1, &["goal", "add", "hugs", "1", "week"]);
    assert!(r.stderr.contains("not a known goal metric"), "{}", r.stderr);
    let r = kit.fails(1, &["goal", "add", "checkins", "-1", "week"]);
    assert!(r.stderr.contains("at least 1"), "{}", r.stderr);
    let r = kit.fails(1, &["goal", "add", "checkins", "five", "week"]);
    assert!(r.stderr.contains("whole number"), "{}", r.stderr);
    let r = kit.fails(1, &["goal", "add", "checkins", "5", "fortnight"]);
    assert!(
        r.stderr.contains("week, month, quarter, year"),
        "{}",
        r.stderr
    );
    let r = kit.fails(
        1,
        &[
            "goal", "add", "checkins", "5", "week", "--facet", "industry",
        ],
    );
    assert!(r.stderr.contains("KEY=VALUE"), "{}", r.stderr);
    let r = kit.fails(1, &["event", "show", "Nothing"]);
    assert!(r.stderr.contains("no event matches"), "{}", r.stderr);
    kit.fails(1, &["org", "join", "Acme", "--since", "someday"]);
    assert_eq!(len(&kit.json(&["goal", "list"])), 0, "nothing was written");
    assert_eq!(len(&kit.json(&["event", "list"])), 0);
}

// ---------------------------------------------------------------------------------------------
// review and demo
// ---------------------------------------------------------------------------------------------

#[test]
fn the_weekly_review_shows_goals_and_time() {
    let kit = Kit::init();
    kit.add("Ana Lee", &[]);
    kit.ok(&[
        "-q",
        "log",
        "call",
        "--with",
        "Ana",
        "--at",
        "2026-03-09 10:00",
        "--minutes",
        "40",
    ]);
    for at in ["2026-02-10 10:00", "2026-02-17 10:00"] {
        kit.ok(&[
            "-q",
            "log",
            "meeting",
            "--with",
            "Ana",
            "--at",
            at,
            "--minutes",
            "60",
        ]);
    }
    kit.json(&["goal", "add", "interactions", "1", "week"]);
    let r = kit.json(&["review"]);
    let g = &r["goals"][0];
    assert_eq!(g["goal"]["title"], json!("1 interaction a week"));
    assert_eq!(g["progress"]["current"]["count"], json!(1));
    assert_eq!(g["progress"]["current"]["met"], json!(true));
    let t = &r["time"];
    assert_eq!(t["week"]["total"], json!(40));
    assert_eq!(t["weeks_compared"], json!(4));
    assert_eq!(
        t["average_by_kind"]["meeting"],
        json!(30.0),
        "two hours over four weeks"
    );
    assert_eq!(t["average_by_kind"]["call"], json!(0.0));
    let md = kit.ok(&["review"]);
    assert!(md.contains("## Goals"), "{md}");
    assert!(
        md.contains("1 interaction a week: 1/1 interaction in 2026-W11 (met); streak 1 week"),
        "{md}"
    );
    assert!(md.contains("## Time invested"), "{md}");
    assert!(
        md.contains(
            "40 minutes this week (0 estimated); 30 a week on average over the 4 weeks before"
        ),
        "{md}"
    );
    assert!(md.contains("call: 40 (average 0)"), "{md}");
}

#[test]
fn the_demo_shows_events_memberships_goals_and_time() {
    let kit = Kit::new();
    kit.ok(&["-q", "demo"]);
    let f = of_type(&kit.json(&["today"]), "event_follow_up");
    assert_eq!(names(&f), ["Lena Voss", "Tomás Ruiz"]);
    assert!(of_type(&kit.json(&["today", "--at", "in 3d"]), "event_follow_up").is_empty());
    let goals = kit.json(&["goal", "status"]);
    assert!(len(&goals) >= 2);
    assert_eq!(
        status_of(&goals, "1 event a month")["progress"]["current"]["met"],
        json!(true)
    );
    let org = kit.json(&["org", "show", "Climate Collective"]);
    assert_eq!(org["membership"]["role"], json!("member"));
    assert_eq!(len(&org["events"]), 2);
    assert!(kit.json(&["time"])["weeks"][0]["events"].as_i64().unwrap() > 0);
    let review = kit.ok(&["review"]);
    assert!(
        review.contains("## Goals") && review.contains("1 event a month"),
        "{review}"
    );
}
