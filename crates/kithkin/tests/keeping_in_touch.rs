//! End-to-end tests of keeping in touch: cadences and snoozes, the day's agenda (`today`),
//! life events, follow-ups, relationship strength and dormant ties, the calendar export and
//! the weekly review. Every test runs on a fresh database with the clock fixed by
//! `KITHKIN_NOW` (2026-03-10, a Tuesday, unless a test says otherwise).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kit, Run, len, run, str_of};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

/// A kit with "me" and the given people, each added with its flags.
fn kit_with(people: &[(&str, &[&str])]) -> Kit {
    let kit = Kit::init();
    for (name, flags) in people {
        kit.add(name, flags);
    }
    kit
}

/// Runs `kithkin --db <db> ARGS` with the clock at `now` instead of [`NOW`].
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
        "`kithkin --json {}` at {now} failed:\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        r.stdout,
        r.stderr
    );
    r.json()
}

/// `today --json [ARGS]`: the items.
fn items(kit: &Kit, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["today"];
    all.extend_from_slice(args);
    let v = kit.json(&all);
    v["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items array: {v}"))
        .clone()
}

/// The items of one type.
fn of_type(items: &[Value], kind: &str) -> Vec<Value> {
    items
        .iter()
        .filter(|i| i["type"] == json!(kind))
        .cloned()
        .collect()
}

/// The check-ins of `today [ARGS]`.
fn checkins(kit: &Kit, args: &[&str]) -> Vec<Value> {
    of_type(&items(kit, args), "check_in")
}

/// Names of a list of items.
fn names(items: &[Value]) -> Vec<String> {
    items.iter().map(|i| str_of(&i["name"])).collect()
}

/// The item for `name`, if any.
fn item_for<'a>(items: &'a [Value], name: &str) -> Option<&'a Value> {
    items.iter().find(|i| i["name"] == json!(name))
}

/// The last 8 characters of an id (what `today` shows to type back).
fn tail8(id: &Value) -> String {
    let s = str_of(id);
    s[s.len() - 8..].to_owned()
}

/// Logs `kind` with `who` at `at` (quietly).
fn log(kit: &Kit, kind: &str, who: &str, at: &str) {
    kit.ok(&["-q", "log", kind, "--with", who, "--at", at]);
}

fn f(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, got {v}"))
}

// ---------------------------------------------------------------------------------------------
// nobody contacted yet, no cadence, archived people
// ---------------------------------------------------------------------------------------------

#[test]
fn a_person_with_a_cadence_and_no_history_is_due_today() {
    let kit = kit_with(&[("Anna Lee", &["--cadence", "30d"])]);
    let c = checkins(&kit, &[]);
    assert_eq!(names(&c), ["Anna Lee"], "{c:?}");
    assert_eq!(c[0]["due_on"], json!("2026-03-10"));
    assert_eq!(c[0]["days_overdue"], json!(0));
    assert_eq!(c[0]["last_contact"], Value::Null);
    assert_eq!(c[0]["cadence"], json!(30));
    assert_eq!(c[0]["cadence_source"], json!("own"));
    let day = kit.json(&["today"]);
    assert_eq!(day["day"], json!("2026-03-10"));
    let text = kit.ok(&["today"]);
    assert!(text.contains("Anna Lee"), "{text}");
    assert!(text.contains("never contacted"), "{text}");
}

#[test]
fn a_person_without_a_cadence_never_gets_a_check_in() {
    let kit = kit_with(&[("Ben Okoro", &[])]);
    log(&kit, "meeting", "Ben Okoro", "2024-01-15");
    log(&kit, "call", "Ben Okoro", "400d ago");
    assert!(checkins(&kit, &[]).is_empty());
    assert!(checkins(&kit, &["--at", "2027-06-01"]).is_empty());
    let text = kit.ok(&["today"]);
    assert!(text.contains("Nothing due"), "{text}");
}

#[test]
fn archived_people_are_left_out_of_every_kind_of_item() {
    let kit = kit_with(&[
        ("Anna Lee", &["--cadence", "7d"]),
        ("Carl Jung", &["--cadence", "7d"]),
    ]);
    kit.ok(&["date", "Anna Lee", "birthday", "--on", "1990-03-12"]);
    kit.ok(&["life", "Anna Lee", "promotion", "--on", "2026-03-08"]);
    kit.ok(&["remind", "Anna Lee", "2026-03-09", "send", "the", "deck"]);
    let before = items(&kit, &[]);
    for kind in ["check_in", "date", "life_event", "follow_up"] {
        assert_eq!(
            names(&of_type(&before, kind))
                .iter()
                .filter(|n| *n == "Anna Lee")
                .count(),
            1,
            "{kind} for Anna before archiving: {before:?}"
        );
    }
    kit.ok(&["archive", "Anna Lee"]);
    let after = items(&kit, &[]);
    assert_eq!(names(&after), ["Carl Jung"], "{after:?}");
    let text = kit.ok(&["today"]);
    assert!(!text.contains("Anna"), "{text}");
    // and back again
    kit.ok(&["archive", "Anna Lee", "--undo"]);
    assert_eq!(items(&kit, &[]).len(), 5);
}

// ---------------------------------------------------------------------------------------------
// cadences
// ---------------------------------------------------------------------------------------------

#[test]
fn cadence_command_sets_reports_and_removes_a_persons_cadence() {
    let kit = kit_with(&[("Anna Lee", &[])]);
    assert!(checkins(&kit, &[]).is_empty());
    let v = kit.json(&["cadence", "Anna Lee", "3w"]);
    assert_eq!(v, json!({"person": "Anna Lee", "cadence": 21}));
    let c = checkins(&kit, &[]);
    assert_eq!(names(&c), ["Anna Lee"]);
    assert_eq!(c[0]["cadence"], json!(21));
    assert_eq!(c[0]["days_overdue"], json!(0));
    assert_eq!(
        kit.show("Anna Lee")["person"]["profile"]["cadence"],
        json!(21)
    );
    let out = kit.ok(&["cadence", "Anna Lee", "2w"]);
    assert!(out.contains("every 2w"), "{out}");
    let v = kit.json(&["cadence", "Anna Lee", "--off"]);
    assert_eq!(v, json!({"person": "Anna Lee", "cadence": null}));
    assert!(checkins(&kit, &[]).is_empty());
    assert_eq!(
        kit.show("Anna Lee")["person"]["profile"]["cadence"],
        Value::Null
    );
}

#[test]
fn own_cadence_wins_over_circles_and_the_shortest_circle_applies() {
    let kit = Kit::init();
    kit.ok(&["circle", "create", "Friends", "--cadence", "2m"]);
    kit.ok(&["circle", "create", "Close"]);
    let v = kit.json(&["cadence", "--circle", "Close", "2w"]);
    assert_eq!(v, json!({"circle": "Close", "cadence": 14}));
    kit.add("Carol Ng", &["--circle", "Friends", "--circle", "Close"]);
    kit.add(
        "Dan Poe",
        &[
            "--circle",
            "Friends",
            "--circle",
            "Close",
            "--cadence",
            "30d",
        ],
    );
    kit.add("Eve Roe", &["--circle", "Friends"]);
    // last contact 20 days ago for all three
    for who in ["Carol Ng", "Dan Poe", "Eve Roe"] {
        log(&kit, "call", who, "2026-02-18");
    }
    let c = checkins(&kit, &[]);
    // Carol: shortest circle (14 days) → due 2026-03-04, 6 days overdue
    let carol = item_for(&c, "Carol Ng").expect("Carol is due");
    assert_eq!(carol["cadence"], json!(14));
    assert_eq!(carol["cadence_source"], json!("circle"));
    assert_eq!(carol["due_on"], json!("2026-03-04"));
    assert_eq!(carol["days_overdue"], json!(6));
    // Dan: own 30 days wins over the circles' 14 → not due yet; Eve: 60 days → not due
    assert_eq!(names(&c), ["Carol Ng"], "{c:?}");
    let later = checkins(&kit, &["--at", "2026-03-20"]);
    let dan = item_for(&later, "Dan Poe").expect("Dan is due on 20 March");
    assert_eq!(dan["cadence"], json!(30));
    assert_eq!(dan["cadence_source"], json!("own"));
    assert_eq!(dan["due_on"], json!("2026-03-20"));
    assert!(item_for(&later, "Eve Roe").is_none());
    let eve = checkins(&kit, &["--at", "2026-04-19"]);
    let eve = item_for(&eve, "Eve Roe").expect("Eve is due after 60 days");
    assert_eq!(eve["cadence"], json!(60));
    assert_eq!(eve["cadence_source"], json!("circle"));
    // the circle's cadence off: Eve has none left
    kit.ok(&["cadence", "--circle", "Friends", "--off"]);
    assert!(item_for(&checkins(&kit, &["--at", "2026-04-19"]), "Eve Roe").is_none());
    // Dan's own cadence off: the circle's 14 days apply
    kit.ok(&["cadence", "Dan Poe", "--off"]);
    let c = checkins(&kit, &[]);
    let dan = item_for(&c, "Dan Poe").expect("Dan falls back to the circle");
    assert_eq!(dan["cadence"], json!(14));
    assert_eq!(dan["cadence_source"], json!("circle"));
}

#[test]
fn cadence_refusals_exit_1() {
    let kit = kit_with(&[("Anna Lee", &[])]);
    let r = kit.fails(1, &["cadence", "Nobody Here", "3w"]);
    assert!(r.stderr.contains("Nobody Here"), "{}", r.stderr);
    kit.fails(1, &["--json", "cadence", "Nobody Here", "3w"]);
    let r = kit.fails(1, &["cadence", "Anna Lee", "3x"]);
    assert!(r.stderr.contains("3x"), "{}", r.stderr);
    kit.fails(1, &["cadence", "Anna Lee", "0d"]);
    kit.fails(1, &["cadence", "--circle", "No Such Circle", "1m"]);
    // nothing changed
    assert_eq!(
        kit.show("Anna Lee")["person"]["profile"]["cadence"],
        Value::Null
    );
}

// ---------------------------------------------------------------------------------------------
// the clock: inbound contact, --at, time zones
// ---------------------------------------------------------------------------------------------

#[test]
fn an_inbound_interaction_resets_the_clock() {
    let kit = kit_with(&[("Anna Lee", &["--cadence", "7d"])]);
    log(&kit, "meeting", "Anna Lee", "2026-02-20");
    let c = checkins(&kit, &[]);
    assert_eq!(c[0]["due_on"], json!("2026-02-27"));
    assert_eq!(c[0]["days_overdue"], json!(11));
    kit.ok(&[
        "-q",
        "log",
        "message",
        "--with",
        "Anna Lee",
        "--at",
        "2026-03-09",
        "--inbound",
    ]);
    assert!(checkins(&kit, &[]).is_empty());
    // due again a cadence after the inbound message
    let c = checkins(&kit, &["--at", "2026-03-16"]);
    assert_eq!(c[0]["due_on"], json!("2026-03-16"));
    assert_eq!(c[0]["days_overdue"], json!(0));
    assert!(
        str_of(&c[0]["last_contact"]).starts_with("2026-03-09"),
        "{c:?}"
    );
}

#[test]
fn an_interaction_after_the_day_asked_about_does_not_count() {
    let kit = kit_with(&[("Anna Lee", &["--cadence", "7d"])]);
    log(&kit, "call", "Anna Lee", "2026-02-20");
    log(&kit, "call", "Anna Lee", "2026-03-09");
    assert!(checkins(&kit, &[]).is_empty());
    // as of 8 March the call of 9 March had not happened yet
    let c = checkins(&kit, &["--at", "2026-03-08"]);
    assert_eq!(names(&c), ["Anna Lee"]);
    assert_eq!(c[0]["due_on"], json!("2026-02-27"));
    assert_eq!(c[0]["days_overdue"], json!(9));
    assert!(str_of(&c[0]["last_contact"]).starts_with("2026-02-20"));
    let v = kit.json(&["today", "--at", "2026-03-08"]);
    assert_eq!(v["day"], json!("2026-03-08"));
    // and an interaction logged for a later day does not count today either
    let kit = kit_with(&[("Ben Okoro", &["--cadence", "7d"])]);
    log(&kit, "call", "Ben Okoro", "2026-03-12");
    let c = checkins(&kit, &[]);
    assert_eq!(names(&c), ["Ben Okoro"]);
    assert_eq!(c[0]["last_contact"], Value::Null);
}

#[test]
fn the_last_contact_day_is_read_in_the_users_time_zone() {
    const BERLIN: &str = "2026-03-10T09:00:00+01:00[Europe/Berlin]";
    let kit = kit_with(&[("Anna Lee", &["--cadence", "7d"])]);
    // 23:30 UTC on 28 February is 00:30 on 1 March in Berlin
    json_at(
        &kit,
        BERLIN,
        &[
            "log",
            "meeting",
            "--with",
            "Anna Lee",
            "--at",
            "2026-02-28T23:30:00Z",
        ],
    );
    let at = |now: &str, day: &str| -> Vec<Value> {
        let v = json_at(&kit, now, &["today", "--at", day]);
        of_type(v["items"].as_array().unwrap(), "check_in")
    };
    // Berlin: last contact on 1 March → due 8 March
    assert!(at(BERLIN, "2026-03-07").is_empty());
    let c = at(BERLIN, "2026-03-08");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0]["due_on"], json!("2026-03-08"));
    assert_eq!(c[0]["days_overdue"], json!(0));
    assert_eq!(c[0]["last_contact"], json!("2026-02-28T23:30:00Z"));
    let c = at(BERLIN, "2026-03-10");
    assert_eq!(c[0]["due_on"], json!("2026-03-08"));
    assert_eq!(c[0]["days_overdue"], json!(2));
    // UTC: the same instant is 28 February → due 7 March
    let c = at("2026-03-10T09:00:00Z", "2026-03-07");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0]["due_on"], json!("2026-03-07"));
    assert_eq!(c[0]["days_overdue"], json!(0));
    let c = at("2026-03-10T09:00:00Z", "2026-03-10");
    assert_eq!(c[0]["days_overdue"], json!(3));
}

#[test]
fn a_contact_just_before_local_midnight_stays_on_its_day() {
    const BERLIN: &str = "2026-03-10T09:00:00+01:00[Europe/Berlin]";
    let kit = kit_with(&[("Anna Lee", &["--cadence", "7d"])]);
    // 22:50 UTC on 28 February is 23:50 on 28 February in Berlin
    json_at(
        &kit,
        BERLIN,
        &[
            "log",
            "call",
            "--with",
            "Anna Lee",
            "--at",
            "2026-02-28 23:50",
        ],
    );
    let v = json_at(&kit, BERLIN, &["today", "--at", "2026-03-07"]);
    let c = of_type(v["items"].as_array().unwrap(), "check_in");
    assert_eq!(c.len(), 1, "{v}");
    assert_eq!(c[0]["due_on"], json!("2026-03-07"));
    assert_eq!(c[0]["last_contact"], json!("2026-02-28T22:50:00Z"));
}

// ---------------------------------------------------------------------------------------------
// ranking
// ---------------------------------------------------------------------------------------------

fn assert_ranked_by_priority(c: &[Value]) {
    let p: Vec<f64> = c.iter().map(|i| f(&i["priority"])).collect();
    assert!(
        p.windows(2).all(|w| w[0] >= w[1]),
        "check-ins are not in descending priority: {p:?}"
    );
    assert!(p.iter().all(|x| *x > 0.0), "{p:?}");
}

#[test]
fn the_more_overdue_person_comes_first() {
    // names chosen so that alphabetical order would be the other way round
    let kit = kit_with(&[
        ("Amy Recent", &["--cadence", "7d"]),
        ("Zed Longago", &["--cadence", "7d"]),
    ]);
    log(&kit, "meeting", "Amy Recent", "10d ago");
    log(&kit, "meeting", "Zed Longago", "30d ago");
    let c = checkins(&kit, &[]);
    assert_eq!(names(&c), ["Zed Longago", "Amy Recent"], "{c:?}");
    assert_eq!(c[0]["days_overdue"], json!(23));
    assert_eq!(c[1]["days_overdue"], json!(3));
    assert!(f(&c[0]["priority"]) > f(&c[1]["priority"]));
    assert_ranked_by_priority(&c);
}

#[test]
fn with_equal_overdue_a_mentor_comes_first() {
    let kit = kit_with(&[
        ("Adam Peer", &["--cadence", "7d", "--role", "peer"]),
        ("Zoe Mentor", &["--cadence", "7d", "--role", "mentor"]),
        ("Bea Plain", &["--cadence", "7d"]),
    ]);
    for who in ["Adam Peer", "Zoe Mentor", "Bea Plain"] {
        log(&kit, "call", who, "2026-02-20");
    }
    let c = checkins(&kit, &[]);
    assert_eq!(names(&c), ["Zoe Mentor", "Adam Peer", "Bea Plain"], "{c:?}");
    for i in &c {
        assert_eq!(i["days_overdue"], json!(11));
        assert_eq!(
            i["strength"], c[0]["strength"],
            "same history, same strength"
        );
    }
    assert_ranked_by_priority(&c);
    // the documented formula: (1 + overdue/cadence) × (0.5 + strength/100) × role weight
    let s = f(&c[0]["strength"]);
    let base = (1.0 + 11.0 / 7.0) * (0.5 + s / 100.0);
    for (i, w) in c.iter().zip([1.3, 1.1, 1.0]) {
        assert!(
            (f(&i["priority"]) - base * w).abs() < 1e-9,
            "{} priority {} ≠ {}",
            i["name"],
            i["priority"],
            base * w
        );
    }
}

// ---------------------------------------------------------------------------------------------
// snooze
// ---------------------------------------------------------------------------------------------

#[test]
fn snooze_hides_until_its_day_and_off_restores() {
    let kit = kit_with(&[("Anna Lee", &["--cadence", "7d"]), ("Ben Okoro", &[])]);
    let v = kit.json(&["snooze", "Anna Lee", "1w"]);
    assert_eq!(
        v,
        json!({"name": "Anna Lee", "snoozed_until": "2026-03-17"})
    );
    assert!(checkins(&kit, &[]).is_empty());
    assert!(checkins(&kit, &["--at", "2026-03-16"]).is_empty());
    let c = checkins(&kit, &["--at", "2026-03-17"]);
    assert_eq!(names(&c), ["Anna Lee"]);
    assert_eq!(c[0]["due_on"], json!("2026-03-17"));
    assert_eq!(
        kit.show("Anna Lee")["person"]["snoozed_until"],
        json!("2026-03-17")
    );
    let v = kit.json(&["snooze", "Anna Lee", "--off"]);
    assert_eq!(v, json!({"name": "Anna Lee", "snoozed_until": null}));
    assert_eq!(names(&checkins(&kit, &[])), ["Anna Lee"]);
    // until a day
    let v = kit.json(&["snooze", "Anna Lee", "2026-04-01"]);
    assert_eq!(v["snoozed_until"], json!("2026-04-01"));
    assert!(checkins(&kit, &["--at", "2026-03-31"]).is_empty());
    assert_eq!(checkins(&kit, &["--at", "2026-04-01"]).len(), 1);
    let out = kit.ok(&["snooze", "Anna Lee", "--off"]);
    assert!(out.contains("no longer snoozed"), "{out}");
}

#[test]
fn snooze_refusals_exit_1() {
    let kit = kit_with(&[("Anna Lee", &["--cadence", "7d"])]);
    kit.fails(1, &["snooze", "Anna Lee", "2026-03-01"]);
    kit.fails(1, &["snooze", "Anna Lee", "2026-03-10"]);
    kit.fails(1, &["snooze", "Anna Lee", "someday"]);
    kit.fails(1, &["snooze", "Nobody Here", "1w"]);
    kit.fails(1, &["--json", "snooze", "Anna Lee", "2025-01-01"]);
    assert_eq!(kit.show("Anna Lee")["person"]["snoozed_until"], Value::Null);
    assert_eq!(checkins(&kit, &[]).len(), 1);
}

// ---------------------------------------------------------------------------------------------
// birthdays and anniversaries
// ---------------------------------------------------------------------------------------------

#[test]
fn dates_in_the_next_seven_days_appear_with_their_years() {
    let kit = kit_with(&[
        ("Anna Lee", &[]),
        ("Ben Okoro", &[]),
        ("Carl Jung", &[]),
        ("Dora Vale", &[]),
        ("Eli Past", &[]),
    ]);
    kit.ok(&["date", "Anna Lee", "birthday", "--on", "1990-03-13"]);
    kit.ok(&["date", "Ben Okoro", "birthday", "--on", "03-18"]);
    kit.ok(&["date", "Carl Jung", "anniversary", "--on", "03-17"]);
    kit.ok(&["date", "Dora Vale", "birthday", "--on", "03-10"]);
    kit.ok(&["date", "Eli Past", "birthday", "--on", "03-09"]);
    let d = of_type(&items(&kit, &[]), "date");
    assert_eq!(names(&d), ["Dora Vale", "Anna Lee", "Carl Jung"], "{d:?}");
    assert_eq!(d[0]["in_days"], json!(0));
    assert_eq!(d[0]["years"], Value::Null);
    assert_eq!(d[1]["in_days"], json!(3));
    assert_eq!(d[1]["on"], json!("2026-03-13"));
    assert_eq!(d[1]["kind"], json!("birthday"));
    assert_eq!(d[1]["years"], json!(36));
    assert_eq!(d[2]["in_days"], json!(7));
    assert_eq!(d[2]["kind"], json!("anniversary"));
    let text = kit.ok(&["today"]);
    assert!(
        text.contains("Anna Lee's birthday (36) in 3 days"),
        "{text}"
    );
    assert!(!text.contains("Ben Okoro"), "8 days ahead: {text}");
    assert!(!text.contains("Eli Past"), "yesterday: {text}");
}

#[test]
fn a_29_february_birthday_falls_on_28_february_in_common_years() {
    let kit = kit_with(&[("Leo Leap", &[]), ("Lia Leap", &[])]);
    kit.ok(&["date", "Leo Leap", "birthday", "--on", "2000-02-29"]);
    kit.ok(&["date", "Lia Leap", "birthday", "--on", "02-29"]);
    let d = of_type(&items(&kit, &["--at", "2027-02-25"]), "date");
    assert_eq!(names(&d), ["Leo Leap", "Lia Leap"], "{d:?}");
    for i in &d {
        assert_eq!(i["on"], json!("2027-02-28"));
        assert_eq!(i["in_days"], json!(3));
    }
    assert_eq!(d[0]["years"], json!(27));
    let d = of_type(&items(&kit, &["--at", "2028-02-25"]), "date");
    for i in &d {
        assert_eq!(i["on"], json!("2028-02-29"));
        assert_eq!(i["in_days"], json!(4));
    }
    assert_eq!(d[0]["years"], json!(28));
    // on the day itself in a common year
    let d = of_type(&items(&kit, &["--at", "2027-02-28"]), "date");
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["in_days"], json!(0));
    // and not shown twice around 1 March
    let d = of_type(&items(&kit, &["--at", "2027-03-01"]), "date");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn dates_wrap_around_the_new_year() {
    let kit = kit_with(&[("Anna Lee", &[]), ("Ben Okoro", &[])]);
    kit.ok(&["date", "Anna Lee", "birthday", "--on", "1990-01-02"]);
    kit.ok(&["date", "Ben Okoro", "anniversary", "--on", "12-31"]);
    let d = of_type(&items(&kit, &["--at", "2026-12-30"]), "date");
    assert_eq!(names(&d), ["Ben Okoro", "Anna Lee"], "{d:?}");
    assert_eq!(d[0]["on"], json!("2026-12-31"));
    assert_eq!(d[0]["in_days"], json!(1));
    assert_eq!(d[1]["on"], json!("2027-01-02"));
    assert_eq!(d[1]["in_days"], json!(3));
    assert_eq!(d[1]["years"], json!(37));
}

// ---------------------------------------------------------------------------------------------
// life events
// ---------------------------------------------------------------------------------------------

#[test]
fn life_events_appear_with_their_valence_support_first() {
    let kit = kit_with(&[
        ("Anna Lee", &[]),
        ("Ben Okoro", &[]),
        ("Carl Jung", &[]),
        ("Dora Vale", &[]),
    ]);
    let v = kit.json(&["life", "Ben Okoro", "promotion", "--on", "2026-03-01"]);
    assert_eq!(v["kind"], json!("promotion"));
    assert_eq!(v["on"], json!("2026-03-01"));
    assert_eq!(v["acknowledged_at"], Value::Null);
    kit.ok(&["life", "Anna Lee", "loss", "--note", "her father"]);
    kit.ok(&["life", "Carl Jung", "illness", "--on", "3d ago"]);
    kit.ok(&["life", "Dora Vale", "layoff", "--on", "2026-03-02"]);
    let e = of_type(&items(&kit, &[]), "life_event");
    assert_eq!(
        names(&e),
        ["Anna Lee", "Carl Jung", "Dora Vale", "Ben Okoro"],
        "{e:?}"
    );
    let valence: Vec<&str> = e.iter().map(|i| i["valence"].as_str().unwrap()).collect();
    assert_eq!(valence, ["support", "support", "support", "celebrate"]);
    assert_eq!(e[0]["kind"], json!("loss"));
    assert_eq!(e[0]["note"], json!("her father"));
    assert_eq!(e[0]["on"], json!("2026-03-10"));
    assert_eq!(e[0]["days_ago"], json!(0));
    assert_eq!(e[1]["days_ago"], json!(3));
    assert_eq!(e[3]["days_ago"], json!(9));
    for kind in [
        "new_job", "launch", "award", "move", "wedding", "baby", "other",
    ] {
        let kit = kit_with(&[("Eve Roe", &[])]);
        kit.ok(&["life", "Eve Roe", kind]);
        let e = of_type(&items(&kit, &[]), "life_event");
        assert_eq!(e[0]["valence"], json!("celebrate"), "{kind}");
    }
    let text = kit.ok(&["today"]);
    assert!(text.contains("offer support"), "{text}");
    assert!(text.contains("congratulate"), "{text}");
}

#[test]
fn contact_on_or_after_the_event_day_acknowledges_it_and_earlier_contact_does_not() {
    let kit = kit_with(&[("Anna Lee", &[]), ("Ben Okoro", &[]), ("Carl Jung", &[])]);
    kit.ok(&["life", "Anna Lee", "new_job", "--on", "2026-03-05"]);
    kit.ok(&["life", "Ben Okoro", "wedding", "--on", "2026-03-05"]);
    kit.ok(&["life", "Carl Jung", "baby", "--on", "2026-03-05"]);
    // Anna: the day itself; Ben: after; Carl: the day before
    log(&kit, "call", "Anna Lee", "2026-03-05");
    kit.ok(&[
        "-q",
        "log",
        "message",
        "--with",
        "Ben Okoro",
        "--at",
        "2026-03-07",
        "--inbound",
    ]);
    log(&kit, "meeting", "Carl Jung", "2026-03-04");
    let e = of_type(&items(&kit, &[]), "life_event");
    assert_eq!(names(&e), ["Carl Jung"], "{e:?}");
    // as of the day before Ben's message, Ben's wedding was still open
    let e = of_type(&items(&kit, &["--at", "2026-03-06"]), "life_event");
    assert_eq!(names(&e), ["Ben Okoro", "Carl Jung"], "{e:?}");
}

#[test]
fn ack_by_the_last_eight_characters_removes_a_life_event_once() {
    let kit = kit_with(&[("Anna Lee", &[])]);
    kit.ok(&["life", "Anna Lee", "award", "--on", "yesterday"]);
    let e = of_type(&items(&kit, &[]), "life_event");
    assert_eq!(e.len(), 1);
    let short = tail8(&e[0]["id"]);
    let text = kit.ok(&["today"]);
    assert!(text.contains(&format!("[ack {short}]")), "{text}");
    let v = kit.json(&["ack", &short]);
    assert_eq!(v["id"], e[0]["id"]);
    assert!(v["acknowledged_at"].is_string(), "{v}");
    assert!(of_type(&items(&kit, &[]), "life_event").is_empty());
    let r = kit.fails(1, &["ack", &short]);
    assert!(r.stderr.contains("already"), "{}", r.stderr);
    kit.fails(1, &["ack", "deadbeef"]);
    kit.fails(1, &["ack", "ab"]);
}

#[test]
fn life_event_refusals_and_old_events() {
    let kit = kit_with(&[("Anna Lee", &[])]);
    let r = kit.fails(1, &["life", "Anna Lee", "exploded"]);
    assert!(r.stderr.contains("exploded"), "{}", r.stderr);
    kit.fails(1, &["life", "Nobody Here", "award"]);
    kit.fails(1, &["life", "Anna Lee", "award", "--on", "not a day"]);
    // 100 and 91 days ago: past the 90-day window
    kit.ok(&["life", "Anna Lee", "move", "--on", "2025-11-30"]);
    kit.ok(&["life", "Anna Lee", "layoff", "--on", "2025-12-09"]);
    assert!(of_type(&items(&kit, &[]), "life_event").is_empty());
    // but they were on the agenda back then
    let e = of_type(&items(&kit, &["--at", "2025-12-20"]), "life_event");
    assert_eq!(e.len(), 2, "{e:?}");
    // a future event is not on today's agenda yet
    kit.ok(&["life", "Anna Lee", "wedding", "--on", "2026-04-01"]);
    assert!(of_type(&items(&kit, &[]), "life_event").is_empty());
    assert_eq!(
        of_type(&items(&kit, &["--at", "2026-04-01"]), "life_event").len(),
        1
    );
}

// ---------------------------------------------------------------------------------------------
// follow-ups
// ---------------------------------------------------------------------------------------------

#[test]
fn a_follow_up_for_tomorrow_appears_tomorrow_and_done_removes_it() {
    let kit = kit_with(&[("Anna Lee", &[])]);
    let v = kit.json(&["remind", "Anna Lee", "tomorrow", "send deck"]);
    assert_eq!(v["due_on"], json!("2026-03-11"));
    assert_eq!(v["text"], json!("send deck"));
    assert_eq!(v["name"], json!("Anna Lee"));
    assert_eq!(v["done_at"], Value::Null);
    assert!(of_type(&items(&kit, &[]), "follow_up").is_empty());
    let fu = of_type(&items(&kit, &["--at", "tomorrow"]), "follow_up");
    assert_eq!(fu.len(), 1, "{fu:?}");
    assert_eq!(fu[0]["text"], json!("send deck"));
    assert_eq!(fu[0]["due_on"], json!("2026-03-11"));
    assert_eq!(fu[0]["days_overdue"], json!(0));
    assert_eq!(fu[0]["id"], v["id"]);
    let short = tail8(&fu[0]["id"]);
    let text = kit.ok(&["today", "--at", "tomorrow"]);
    assert!(text.contains(&format!("[done {short}]")), "{text}");
    let done = kit.json(&["done", &short]);
    assert_eq!(done["id"], v["id"]);
    assert!(done["done_at"].is_string(), "{done}");
    assert!(of_type(&items(&kit, &["--at", "tomorrow"]), "follow_up").is_empty());
    assert!(of_type(&items(&kit, &["--at", "2026-04-30"]), "follow_up").is_empty());
    let r = kit.fails(1, &["done", &short]);
    assert!(r.stderr.contains("already done"), "{}", r.stderr);
    kit.fails(1, &["done", "deadbeef"]);
    kit.fails(1, &["done", "--json", "0000"]);
}

#[test]
fn an_overdue_follow_up_shows_how_late_it_is_oldest_first() {
    let kit = kit_with(&[("Anna Lee", &[]), ("Ben Okoro", &[])]);
    kit.ok(&["remind", "Ben Okoro", "2026-03-08", "call", "back"]);
    kit.ok(&["remind", "Anna Lee", "2026-03-05", "intro to Carl"]);
    kit.ok(&["remind", "Anna Lee", "today", "thank her"]);
    kit.ok(&["remind", "Anna Lee", "in 2w", "check on the move"]);
    let fu = of_type(&items(&kit, &[]), "follow_up");
    let texts: Vec<String> = fu.iter().map(|i| str_of(&i["text"])).collect();
    assert_eq!(texts, ["intro to Carl", "call back", "thank her"], "{fu:?}");
    let late: Vec<i64> = fu
        .iter()
        .map(|i| i["days_overdue"].as_i64().unwrap())
        .collect();
    assert_eq!(late, [5, 2, 0]);
    let text = kit.ok(&["today"]);
    assert!(text.contains("intro to Carl (5 days late)"), "{text}");
    kit.fails(1, &["remind", "Nobody Here", "tomorrow", "x"]);
    kit.fails(1, &["remind", "Anna Lee", "whenever", "x"]);
}

#[test]
fn the_agenda_groups_items_by_type_in_the_documented_order() {
    let kit = kit_with(&[("Anna Lee", &["--cadence", "7d"])]);
    kit.ok(&["date", "Anna Lee", "birthday", "--on", "03-12"]);
    kit.ok(&["life", "Anna Lee", "launch", "--on", "2026-03-09"]);
    kit.ok(&["remind", "Anna Lee", "today", "send", "notes"]);
    let types: Vec<String> = items(&kit, &[])
        .iter()
        .map(|i| str_of(&i["type"]))
        .collect();
    assert_eq!(types, ["life_event", "date", "follow_up", "check_in"]);
}

// ---------------------------------------------------------------------------------------------
// strength and reconnect
// ---------------------------------------------------------------------------------------------

#[test]
fn strength_is_sorted_bounded_and_favours_frequent_in_person_contact() {
    let kit = kit_with(&[("Wendy Weekly", &[]), ("Ed Email", &[]), ("Nina New", &[])]);
    for week in 1..=12 {
        log(&kit, "meeting", "Wendy Weekly", &format!("{week}w ago"));
    }
    log(&kit, "email", "Ed Email", "400d ago");
    let v = kit.json(&["strength"]);
    let list = v.as_array().unwrap();
    assert_eq!(len(&v), 3, "{v}");
    assert_eq!(names(list), ["Wendy Weekly", "Ed Email", "Nina New"], "{v}");
    let scores: Vec<f64> = list.iter().map(|p| f(&p["strength"]["score"])).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for p in list {
        let s = f(&p["strength"]["score"]);
        assert!((0.0..=100.0).contains(&s), "{p}");
        let c = p["strength"]["components"].as_object().unwrap();
        let keys: Vec<&str> = c.keys().map(String::as_str).collect();
        for k in [
            "recency",
            "intensity",
            "reciprocity",
            "depth",
            "duration",
            "contexts",
        ] {
            assert!(keys.contains(&k), "missing {k}: {p}");
            let x = f(&c[k]);
            assert!((0.0..=1.0).contains(&x), "{k} = {x}: {p}");
        }
        assert!(p["person"].is_string());
    }
    assert!(scores[0] > scores[1] + 20.0, "{scores:?}");
    assert_eq!(scores[2], 0.0, "no contact, no context: {scores:?}");
    // --limit
    assert_eq!(len(&kit.json(&["strength", "--limit", "1"])), 1);
    let text = kit.ok(&["strength"]);
    assert!(text.lines().next().unwrap().contains("recency"), "{text}");
}

#[test]
fn show_carries_the_score_and_one_line_per_component() {
    let kit = kit_with(&[("Anna Lee", &[])]);
    log(&kit, "meal", "Anna Lee", "3d ago");
    let v = kit.show("Anna Lee");
    let score = f(&v["strength"]["score"]);
    assert!(score > 0.0 && score <= 100.0, "{v}");
    let lines = v["strength_explained"].as_array().unwrap();
    assert_eq!(lines.len(), 6, "{v}");
    for (line, word) in lines.iter().zip([
        "recency",
        "intensity",
        "reciprocity",
        "depth",
        "duration",
        "contexts",
    ]) {
        assert!(str_of(line).starts_with(word), "{line}");
    }
    // about the score `strength` reports (which is as of the end of the day, `show` as of now)
    let list = kit.json(&["strength"]);
    let listed = f(&list[0]["strength"]["score"]);
    assert!(
        (listed - score).abs() < 1.0,
        "show {score}, strength {listed}"
    );
    let text = kit.ok(&["show", "Anna Lee"]);
    assert!(text.contains("recency"), "{text}");
    // me has no strength
    let me = kit.show("Sam Rivers");
    assert_eq!(me["strength"], Value::Null);
}

#[test]
fn reconnect_finds_a_strong_tie_gone_quiet_and_skips_recent_ones() {
    let kit = kit_with(&[
        ("Rita Dormant", &[]),
        ("Ron Active", &[]),
        ("Ivy Weak", &[]),
    ]);
    // every two weeks from 600 to 300 days ago
    for n in 0..=21 {
        let ago = format!("{}d ago", 300 + n * 14);
        log(&kit, "meeting", "Rita Dormant", &ago);
        log(&kit, "meeting", "Ron Active", &ago);
    }
    log(&kit, "meeting", "Ron Active", "10d ago");
    log(&kit, "email", "Ivy Weak", "500d ago");
    let v = kit.json(&["reconnect"]);
    assert_eq!(names(v.as_array().unwrap()), ["Rita Dormant"], "{v}");
    let t = &v[0];
    assert_eq!(t["silent_days"], json!(300));
    assert!(f(&t["peak"]) >= 50.0, "{t}");
    assert!(f(&t["current"]) <= f(&t["peak"]) - 20.0, "{t}");
    assert!(f(&t["priority"]) > 0.0);
    assert!(t["peak_at"].is_string());
    let reason = str_of(&t["reason"]);
    assert!(reason.contains("silent for"), "{reason}");
    assert!(reason.contains("meeting"), "{reason}");
    let text = kit.ok(&["reconnect"]);
    assert!(text.contains("Rita Dormant"), "{text}");
    assert!(!text.contains("Ron Active"), "{text}");
    assert_eq!(len(&kit.json(&["reconnect", "--limit", "0"])), 0);
    // contact now brings her back
    log(&kit, "call", "Rita Dormant", "yesterday");
    assert_eq!(len(&kit.json(&["reconnect"])), 0);
    let text = kit.ok(&["reconnect"]);
    assert!(text.contains("No dormant strong ties"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// export ics
// ---------------------------------------------------------------------------------------------

/// A kit with a birthday, an anniversary, a check-in and a follow-up whose text needs
/// escaping and folding.
fn calendar_kit() -> Kit {
    let kit = kit_with(&[
        ("Anna Lee", &["--cadence", "2w"]),
        ("Ben Okoro", &[]),
        ("Lia Leap", &[]),
    ]);
    kit.ok(&["date", "Anna Lee", "birthday", "--on", "1990-04-15"]);
    kit.ok(&["date", "Ben Okoro", "anniversary", "--on", "06-01"]);
    kit.ok(&["date", "Lia Leap", "birthday", "--on", "02-29"]);
    log(&kit, "call", "Anna Lee", "2026-03-01");
    kit.ok(&[
        "remind",
        "Ben Okoro",
        "2026-03-20",
        "send the deck, the notes; and C:\\slides — plus a long explanation of why they matter so much to the team",
    ]);
    kit
}

/// The content lines with folding undone.
fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for physical in text.split_terminator("\r\n") {
        match physical.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a first line").push_str(rest),
            None => lines.push(physical.to_owned()),
        }
    }
    lines
}

fn uids(text: &str) -> Vec<String> {
    unfold(text)
        .into_iter()
        .filter_map(|l| l.strip_prefix("UID:").map(str::to_owned))
        .collect()
}

#[test]
fn export_ics_to_a_file_and_to_stdout_gives_the_same_bytes() {
    let kit = calendar_kit();
    let file = kit.path("k.ics");
    let r = kit.run(&["export", "ics", "-o", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    let from_file = std::fs::read(&file).unwrap();
    let mut cmd = kit.cmd();
    cmd.args(["export", "ics"]);
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    assert_eq!(from_file, out.stdout);
    let mut cmd = kit.cmd();
    cmd.args(["export", "ics", "--output", file.to_str().unwrap(), "-q"]);
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), from_file);
}

#[test]
fn export_ics_has_stable_uids_yearly_rules_crlf_and_short_lines() {
    let kit = calendar_kit();
    let first = kit.ok(&["export", "ics"]);
    let again = kit.ok(&["export", "ics"]);
    assert_eq!(first, again, "same clock, same bytes");
    // a week later: new DTSTAMP, same UIDs
    let later = run_at(&kit, "2026-03-17T10:00:00Z", &["export", "ics"]);
    assert_eq!(later.code, 0, "{}", later.stderr);
    assert_ne!(later.stdout, first);
    let u = uids(&first);
    assert_eq!(u.len(), 5, "3 dates, 1 check-in, 1 follow-up: {first}");
    assert_eq!(u, uids(&later.stdout));
    let mut unique = u.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), u.len(), "UIDs are unique: {u:?}");

    // CRLF everywhere, no line over 75 octets
    let bytes = first.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at byte {i}");
        }
    }
    assert!(first.ends_with("END:VCALENDAR\r\n"));
    for line in first.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(
        first.split_terminator("\r\n").any(|l| l.starts_with(' ')),
        "the long follow-up is folded"
    );

    let lines = unfold(&first);
    let block = |summary: &str| -> Vec<String> {
        let at = lines
            .iter()
            .position(|l| l == &format!("SUMMARY:{summary}"))
            .unwrap_or_else(|| panic!("no SUMMARY:{summary} in\n{first}"));
        let start = lines[..at]
            .iter()
            .rposition(|l| l.starts_with("BEGIN:"))
            .unwrap();
        let end = at
            + lines[at..]
                .iter()
                .position(|l| l.starts_with("END:"))
                .unwrap();
        lines[start..=end].to_vec()
    };
    let anna = block("Anna Lee's birthday");
    assert_eq!(anna[0], "BEGIN:VEVENT");
    assert!(anna.contains(&"RRULE:FREQ=YEARLY".to_owned()), "{anna:?}");
    assert!(
        anna.contains(&"DTSTART;VALUE=DATE:19900415".to_owned()),
        "{anna:?}"
    );
    assert!(
        anna.contains(&"DTEND;VALUE=DATE:19900416".to_owned()),
        "{anna:?}"
    );
    let ben = block("Ben Okoro's anniversary");
    assert!(ben.contains(&"RRULE:FREQ=YEARLY".to_owned()), "{ben:?}");
    let checkin = block("Check in with Anna Lee");
    assert_eq!(checkin[0], "BEGIN:VTODO");
    // last contact 1 March + 14 days
    assert!(
        checkin.contains(&"DUE;VALUE=DATE:20260315".to_owned()),
        "{checkin:?}"
    );
    let follow_up = block(
        "Ben Okoro: send the deck\\, the notes\\; and C:\\\\slides — plus a long explanation of why they matter so much to the team",
    );
    assert_eq!(follow_up[0], "BEGIN:VTODO");
    assert!(
        follow_up.contains(&"DUE;VALUE=DATE:20260320".to_owned()),
        "{follow_up:?}"
    );
}

#[test]
fn export_ics_puts_a_yearless_29_february_on_the_last_day_of_february_every_year() {
    let kit = calendar_kit();
    let text = kit.ok(&["export", "ics"]);
    let lines = unfold(&text);
    let at = lines
        .iter()
        .position(|l| l == "SUMMARY:Lia Leap's birthday")
        .unwrap();
    let start = lines[..at]
        .iter()
        .rposition(|l| l == "BEGIN:VEVENT")
        .unwrap();
    let event = &lines[start..at];
    let dtstart = event
        .iter()
        .find(|l| l.starts_with("DTSTART"))
        .unwrap()
        .clone();
    // a 29 February start recurring on the last day of February: 28 in common years and
    // 29 in leap years (a 28 February start would recur on the 28th in leap years too)
    assert!(dtstart.ends_with("0229"), "{event:?}");
    assert!(
        event.contains(&"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1".to_owned()),
        "{event:?}"
    );
}

#[test]
fn export_ics_leaves_out_archived_people_and_done_follow_ups() {
    let kit = calendar_kit();
    let fu = of_type(&items(&kit, &["--at", "2026-03-20"]), "follow_up");
    kit.ok(&["done", &tail8(&fu[0]["id"])]);
    kit.ok(&["archive", "Anna Lee"]);
    let text = kit.ok(&["export", "ics"]);
    assert!(!text.contains("Anna Lee"), "{text}");
    assert!(!text.contains("send the deck"), "{text}");
    assert_eq!(uids(&text).len(), 2, "{text}");
}

const PY_DUMP_ICS: &str = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for c in cal.walk():
    if c.name not in ('VEVENT', 'VTODO'):
        continue
    d = {'type': c.name, 'uid': str(c.get('uid')), 'summary': str(c.get('summary')),
         'errors': [str(e) for e in getattr(c, 'errors', [])]}
    for key in ('dtstart', 'dtend', 'due'):
        if c.get(key) is not None:
            d[key] = c.decoded(key).isoformat()
    if c.get('rrule') is not None:
        d['rrule'] = {k.upper(): [str(x) for x in (v if isinstance(v, list) else [v])]
                      for k, v in c.get('rrule').items()}
    if c.get('description') is not None:
        d['description'] = str(c.get('description'))
    out.append(d)
print(json.dumps({'name': str(cal.get('x-wr-calname')), 'version': str(cal.get('version')),
                  'errors': [str(e) for e in getattr(cal, 'errors', [])], 'components': out}))
"#;

fn python_icalendar_available() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("KITHKIN_REQUIRE_PYTHON").as_deref() != Ok("1"),
            "KITHKIN_REQUIRE_PYTHON=1 but `python3 -c \"import icalendar\"` fails"
        );
        println!("skipped: python3 with icalendar is not available");
    }
    ok
}

#[test]
fn export_ics_parses_with_python_icalendar() {
    if !python_icalendar_available() {
        return;
    }
    let kit = calendar_kit();
    let file = kit.path("k.ics");
    kit.ok(&["-q", "export", "ics", "-o", file.to_str().unwrap()]);
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(PY_DUMP_ICS)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], json!("Kithkin: keeping in touch"), "{v}");
    assert_eq!(v["version"], json!("2.0"));
    assert_eq!(v["errors"], json!([]));
    let comps = v["components"].as_array().unwrap();
    assert_eq!(comps.len(), 5, "{v}");
    for c in comps {
        assert_eq!(c["errors"], json!([]), "{c}");
        assert!(str_of(&c["uid"]).ends_with("@kithkin"), "{c}");
    }
    let find = |summary: &str| -> &Value {
        comps
            .iter()
            .find(|c| c["summary"] == json!(summary))
            .unwrap_or_else(|| panic!("no {summary:?} in {v}"))
    };
    let anna = find("Anna Lee's birthday");
    assert_eq!(anna["type"], json!("VEVENT"));
    assert_eq!(anna["dtstart"], json!("1990-04-15"));
    assert_eq!(anna["dtend"], json!("1990-04-16"));
    assert_eq!(anna["rrule"], json!({"FREQ": ["YEARLY"]}));
    assert_eq!(anna["description"], json!("Since 1990"));
    let checkin = find("Check in with Anna Lee");
    assert_eq!(checkin["type"], json!("VTODO"));
    assert_eq!(checkin["due"], json!("2026-03-15"));
    // the escaped and folded text comes back intact
    let fu = find(
        "Ben Okoro: send the deck, the notes; and C:\\slides — plus a long explanation of why they matter so much to the team",
    );
    assert_eq!(fu["type"], json!("VTODO"));
    assert_eq!(fu["due"], json!("2026-03-20"));
    let leap = find("Lia Leap's birthday");
    assert_eq!(
        leap["rrule"],
        json!({"FREQ": ["YEARLY"], "BYMONTH": ["2"], "BYMONTHDAY": ["-1"]}),
        "{leap}"
    );
    let start = str_of(&leap["dtstart"]);
    assert!(start.ends_with("-02-29"), "{leap}");
}

// ---------------------------------------------------------------------------------------------
// review
// ---------------------------------------------------------------------------------------------

/// The week of Monday 9 to Sunday 15 March 2026, with interactions around its edges.
fn review_kit() -> Kit {
    let kit = kit_with(&[
        ("Rosa Return", &[]),
        ("Carl Regular", &[]),
        ("Dana Edge", &[]),
        ("Olga Overdue", &["--cadence", "7d"]),
        ("Fay First", &[]),
    ]);
    // Rosa: silent since November, back this week
    log(&kit, "call", "Rosa Return", "2025-11-20");
    log(&kit, "meeting", "Rosa Return", "2026-03-10");
    // Carl: in touch last week and this week
    log(&kit, "meeting", "Carl Regular", "2026-03-01");
    log(&kit, "message", "Carl Regular", "2026-03-12");
    // Dana: before the week (Sunday night), on its last evening, and on the next Monday
    log(&kit, "email", "Dana Edge", "2026-03-05");
    log(&kit, "email", "Dana Edge", "2026-03-08 23:59");
    log(&kit, "call", "Dana Edge", "2026-03-15 23:30");
    log(&kit, "video", "Dana Edge", "2026-03-16 00:10");
    // Olga: last seen a month ago, 7-day cadence
    log(&kit, "call", "Olga Overdue", "2026-02-10");
    kit
}

#[test]
fn review_counts_the_weeks_interactions_monday_to_sunday() {
    let kit = review_kit();
    let v = kit.json(&["review", "--week-of", "2026-03-10"]);
    assert_eq!(v["week_start"], json!("2026-03-09"));
    assert_eq!(v["week_end"], json!("2026-03-15"));
    assert_eq!(v["interactions"], json!(3), "{v}");
    assert_eq!(v["people_contacted"], json!(3), "{v}");
    assert_eq!(
        v["by_kind"],
        json!({"call": 1, "meeting": 1, "message": 1}),
        "{v}"
    );
    // any day of the week gives the same week
    for day in ["2026-03-09", "2026-03-15"] {
        let w = kit.json(&["review", "--week-of", day]);
        assert_eq!(w["week_start"], json!("2026-03-09"), "{day}");
        assert_eq!(w["interactions"], json!(3), "{day}");
    }
    // the next week starts with Dana's Monday video
    let next = kit.json(&["review", "--week-of", "2026-03-16"]);
    assert_eq!(next["week_start"], json!("2026-03-16"));
    assert_eq!(next["interactions"], json!(1));
    assert_eq!(next["by_kind"], json!({"video": 1}));
    // the format flag gives the same JSON
    let r = kit.run(&["review", "--week-of", "2026-03-10", "--format", "json"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.json(), v);
}

#[test]
fn review_lists_reconnections_overdue_check_ins_and_gains() {
    let kit = review_kit();
    kit.ok(&["date", "Fay First", "birthday", "--on", "1985-03-18"]);
    let v = kit.json(&["review", "--week-of", "2026-03-10"]);
    let reconnected = v["reconnected"].as_array().unwrap();
    assert_eq!(names(reconnected), ["Rosa Return"], "{v}");
    let silent = reconnected[0]["silent_days"].as_i64().unwrap();
    assert!((100..=120).contains(&silent), "{silent}");
    let overdue = v["overdue"].as_array().unwrap();
    assert_eq!(names(overdue), ["Olga Overdue"], "{v}");
    assert_eq!(overdue[0]["due_on"], json!("2026-02-17"));
    assert_eq!(overdue[0]["days_overdue"], json!(26), "as of Sunday");
    let upcoming = v["upcoming"].as_array().unwrap();
    assert_eq!(names(upcoming), ["Fay First"], "{v}");
    assert_eq!(upcoming[0]["on"], json!("2026-03-18"));
    let gains = v["gains"].as_array().unwrap();
    let gained = names(gains);
    for who in ["Rosa Return", "Dana Edge"] {
        assert!(gained.contains(&who.to_owned()), "{who} gained: {v}");
    }
    for g in gains {
        assert!(f(&g["change"]) > 0.0);
        assert!((f(&g["after"]) - f(&g["before"]) - f(&g["change"])).abs() < 1e-9);
    }
    let losses = v["losses"].as_array().unwrap();
    assert!(!names(losses).contains(&"Rosa Return".to_owned()));
    for l in losses {
        assert!(f(&l["change"]) < 0.0, "{l}");
    }
}

#[test]
fn review_renders_markdown_and_self_contained_html() {
    let kit = review_kit();
    let md = kit.ok(&["review", "--week-of", "2026-03-10", "--format", "md"]);
    assert!(md.starts_with("# Weekly review"), "{md}");
    assert!(md.contains("2026-03-09"), "{md}");
    assert!(md.contains("Rosa Return after"), "{md}");
    assert!(md.contains("Olga Overdue"), "{md}");
    // markdown is the default
    assert_eq!(kit.ok(&["review", "--week-of", "2026-03-10"]), md);
    let html = kit.ok(&["review", "--week-of", "2026-03-10", "--format", "html"]);
    let lower = html.to_lowercase();
    assert!(lower.starts_with("<!doctype html>"), "{html}");
    assert!(lower.trim_end().ends_with("</html>"), "{html}");
    for tag in ["<html", "<head>", "<title>", "<body>", "</body>"] {
        assert!(lower.contains(tag), "no {tag}: {html}");
    }
    assert!(!lower.contains("http"), "external URL in {html}");
    assert!(html.contains("Rosa Return"), "{html}");
}

#[test]
fn review_escapes_names_in_html() {
    let kit = kit_with(&[("Tom <b>Bold</b> & Co", &[])]);
    log(&kit, "call", "Tom <b>Bold</b> & Co", "2026-03-10");
    let html = kit.ok(&["review", "--week-of", "2026-03-10", "--format", "html"]);
    assert!(!html.contains("<b>Bold"), "{html}");
    assert!(
        html.contains("Tom &lt;b&gt;Bold&lt;/b&gt; &amp; Co"),
        "{html}"
    );
}

// ---------------------------------------------------------------------------------------------
// failures
// ---------------------------------------------------------------------------------------------

#[test]
fn failures_print_nothing_on_stdout_and_never_panic() {
    let kit = kit_with(&[("Anna Lee", &[])]);
    let refusals: &[&[&str]] = &[
        &["today", "--at", "someday"],
        &["today", "--at", "2026-02-30"],
        &["--json", "today", "--at", "2026-13-01"],
        &["cadence", "Anna Lee", "3x"],
        &["cadence", "Anna Lee", "99999y"],
        &["snooze", "Anna Lee", "yesterday"],
        &["remind", "Anna Lee", "someday", "x"],
        &["remind", "Anna Lee", "tomorrow", "   "],
        &["done", "ffffffff"],
        &["ack", "ffffffff"],
        &["life", "Anna Lee", "party"],
        &["review", "--week-of", "soon"],
        &["--json", "review", "--week-of", "soon"],
        &["strength", "--at", "never"],
    ];
    for args in refusals {
        kit.fails(1, args);
    }
    // usage errors are exit 2, still without panics or output on stdout
    for args in [
        &["cadence", "Anna Lee"][..],
        &["snooze", "Anna Lee", "1w", "--off"],
        &["review", "--format", "pdf"],
        &["export", "pdf"],
        &["remind", "Anna Lee", "tomorrow"],
    ] {
        let r = kit.run(args);
        assert_eq!(r.code, 2, "`{}`: {}", args.join(" "), r.stderr);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
    }
    // a file that cannot be written
    let r = kit.run(&["export", "ics", "-o", "/nonexistent-dir/k.ics"]);
    assert_ne!(r.code, 0);
    assert!(r.stdout.is_empty());
    // nothing was recorded by the refusals
    assert!(items(&kit, &[]).is_empty());
}
