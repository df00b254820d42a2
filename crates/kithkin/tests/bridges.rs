//! End-to-end tests of building bridges: the double-opt-in introduction pipeline (its state
//! machine, drafts and the waiting introductions in `today`) and warm paths to people and
//! organisations. Every test runs on a fresh database, "me" being Alex Morgan, with the clock
//! set by `KITHKIN_NOW` (2026-03-10T09:00:00Z unless a test moves it on).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kit, Run, len, str_of, strings};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

/// A kit with "me" (Alex Morgan) and the given people (no flags).
fn kit_with(people: &[&str]) -> Kit {
    let kit = Kit::new();
    kit.ok(&["init", "--me", "Alex Morgan"]);
    for name in people {
        kit.add(name, &[]);
    }
    kit
}

/// `2026-03-10T09:00:00Z` plus `days` days.
fn day(days: u32) -> String {
    let d = jiff::Timestamp::from_second(1_773_133_200 + i64::from(days) * 86_400).unwrap();
    d.to_string()
}

/// Runs `kithkin --db <db> ARGS` with the clock at `now`.
fn run_at(kit: &Kit, now: &str, args: &[&str]) -> Run {
    let mut cmd = kit.cmd();
    cmd.env("KITHKIN_NOW", now).args(args);
    common::run(cmd)
}

/// Runs `kithkin --db <db> --json ARGS` at `now`, expecting success; returns the JSON.
fn json_at(kit: &Kit, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let r = run_at(kit, now, &all);
    assert_eq!(
        r.code,
        0,
        "`kithkin --json {}` at {now} failed:\n{}{}",
        args.join(" "),
        r.stdout,
        r.stderr
    );
    r.json()
}

/// Runs ARGS at `now`, expecting exit code 1 with a message and nothing on stdout; returns stderr.
fn fails_at(kit: &Kit, now: &str, args: &[&str]) -> String {
    let r = run_at(kit, now, args);
    assert_eq!(
        r.code,
        1,
        "`kithkin {}` at {now} should exit 1:\n{}{}",
        args.join(" "),
        r.stdout,
        r.stderr
    );
    assert!(!r.stderr.trim().is_empty(), "no message: {r:?}");
    assert!(r.stdout.is_empty(), "printed on failure: {}", r.stdout);
    r.stderr
}

/// `intro start A B --reason R --json`; returns the introduction's id.
fn start(kit: &Kit, a: &str, b: &str, reason: &str) -> String {
    let v = kit.json(&["intro", "start", a, b, "--reason", reason]);
    assert_eq!(v["status"], "suggested", "{v}");
    str_of(&v["id"])
}

/// The last 8 characters of an id.
fn tail8(id: &str) -> String {
    id[id.len() - 8..].to_owned()
}

/// The one introduction listed with this id, from `intro list --json`.
fn listed(kit: &Kit, id: &str) -> Value {
    let all = kit.json(&["intro", "list"]);
    all.as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} not listed: {all}"))
}

/// `today --json` items of type `introduction` at `now`.
fn waiting_at(kit: &Kit, now: &str) -> Vec<Value> {
    let v = json_at(kit, now, &["today"]);
    v["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items: {v}"))
        .iter()
        .filter(|i| i["type"] == "introduction")
        .cloned()
        .collect()
}

/// The balance row of one person in `report reciprocity --json`.
fn row<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in the report: {report}"))
}

// ---------------------------------------------------------------------------------------------
// 1. The pipeline
// ---------------------------------------------------------------------------------------------

#[test]
fn pipeline_walks_suggested_to_closed_and_refuses_skipped_steps() {
    let kit = kit_with(&["Ann Able", "Ben Bold"]);
    let id = start(&kit, "ann", "ben", "Both build rowing boats");
    let v = listed(&kit, &id);
    assert_eq!(v["a_name"], "Ann Able");
    assert_eq!(v["b_name"], "Ben Bold");
    assert_eq!(v["reason"], "Both build rowing boats");
    assert_eq!(strings(&v["next"]), ["ask a"]);
    assert!(v["asked_a_at"].is_null(), "{v}");

    let v = kit.json(&["intro", "ask", &id, "a"]);
    assert_eq!(v["status"], "asked_a");
    assert_eq!(v["asked_a_at"], "2026-03-10T09:00:00Z");
    assert_eq!(strings(&v["next"]), ["ask b", "decline"]);

    // Made before B said yes: refused, naming the status and the next command.
    let before = listed(&kit, &id);
    let err = kit.fails(1, &["intro", "made", &id]).stderr;
    assert!(err.contains("asked_a"), "{err}");
    assert!(err.contains(&format!("kithkin intro ask {id} b")), "{err}");
    assert_eq!(listed(&kit, &id), before, "a refused step changes nothing");
    // Asking A twice, or an outcome now, are refused too.
    kit.fails(1, &["intro", "ask", &id, "a"]);
    kit.fails(1, &["intro", "outcome", &id, "met"]);
    kit.fails(1, &["intro", "ask", &id, "c"]);
    assert_eq!(listed(&kit, &id), before);
    // Nothing recorded yet: no favours, no knows link.
    assert_eq!(len(&kit.json(&["report", "reciprocity"])["people"]), 0);
    assert_eq!(len(&kit.show("ann")["knows"]), 0);

    // The last 8 characters are enough.
    let v = json_at(&kit, &day(1), &["intro", "ask", &tail8(&id), "b"]);
    assert_eq!(v["status"], "asked_b");
    assert_eq!(v["asked_a_at"], "2026-03-10T09:00:00Z");
    assert_eq!(v["asked_b_at"], day(1));
    assert_eq!(strings(&v["next"]), ["made", "decline"]);

    let v = json_at(&kit, &day(2), &["intro", "made", &id]);
    assert_eq!(v["status"], "introduced");
    assert_eq!(v["introduced_at"], day(2));
    assert_eq!(strings(&v["next"]), ["outcome"]);

    // A knows link between them, both ways.
    let knows = kit.show("ann")["knows"].clone();
    assert_eq!(len(&knows), 1, "{knows}");
    assert_eq!(knows[0]["name"], "Ben Bold");
    assert_eq!(kit.show("ben")["knows"][0]["name"], "Ann Able");

    // A favour (an introduction) from me to each.
    let r = json_at(&kit, &day(2), &["report", "reciprocity"]);
    for name in ["Ann Able", "Ben Bold"] {
        let p = row(&r, name);
        assert_eq!(p["given_count"], 1, "{p}");
        assert_eq!(p["received_count"], 0, "{p}");
        assert!(p["given"].as_f64().unwrap() > 0.0, "{p}");
    }
    // Given by me, so nothing owed in the gratitude log.
    let g = json_at(&kit, &day(2), &["gratitude"]);
    assert_eq!(len(&g["owed"]), 0, "{g}");
    assert_eq!(len(&g["thanked"]), 0, "{g}");

    kit.fails(1, &["intro", "made", &id]);
    kit.fails(1, &["intro", "decline", &id]);
    kit.fails(1, &["intro", "outcome", &id, "splendid"]);

    let v = json_at(&kit, &day(3), &["intro", "outcome", &id, "met"]);
    assert_eq!(v["status"], "closed");
    assert_eq!(v["outcome"], "met");
    assert_eq!(v["outcome_at"], day(3));
    assert_eq!(len(&v["next"]), 0);

    // Closed: every further step is refused, and nothing changes.
    let closed = listed(&kit, &id);
    for args in [
        vec!["intro", "ask", id.as_str(), "a"],
        vec!["intro", "ask", id.as_str(), "b"],
        vec!["intro", "made", id.as_str()],
        vec!["intro", "decline", id.as_str()],
        vec!["intro", "outcome", id.as_str(), "hired"],
    ] {
        fails_at(&kit, &day(4), &args);
    }
    assert_eq!(listed(&kit, &id), closed);
    // Making it once recorded one favour each, not more.
    let r = json_at(&kit, &day(4), &["report", "reciprocity"]);
    assert_eq!(row(&r, "Ann Able")["given_count"], 1);
}

#[test]
fn decline_ends_an_introduction() {
    let kit = kit_with(&["Ann Able", "Ben Bold", "Cleo Cole"]);
    let declined = start(&kit, "ann", "ben", "Sailing");
    kit.fails(1, &["intro", "decline", &declined]);
    kit.ok(&["intro", "ask", &declined, "a"]);
    let v = json_at(&kit, &day(1), &["intro", "decline", &declined]);
    assert_eq!(v["status"], "declined");
    assert_eq!(v["declined_at"], day(1));
    assert_eq!(len(&v["next"]), 0);
    for args in [
        vec!["intro", "ask", declined.as_str(), "b"],
        vec!["intro", "made", declined.as_str()],
        vec!["intro", "outcome", declined.as_str(), "met"],
    ] {
        kit.fails(1, &args);
    }
    // No favours, no link.
    assert_eq!(len(&kit.json(&["report", "reciprocity"])["people"]), 0);
    assert_eq!(len(&kit.show("ann")["knows"]), 0);

    // Declined by B.
    let other = start(&kit, "ann", "cleo", "Books");
    kit.ok(&["intro", "ask", &other, "a"]);
    kit.ok(&["intro", "ask", &other, "b"]);
    assert_eq!(
        kit.json(&["intro", "decline", &other])["status"],
        "declined"
    );

    let open = start(&kit, "ben", "cleo", "Running");

    // Filter by status.
    let list = kit.json(&["intro", "list", "--status", "declined"]);
    let mut ids: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| str_of(&i["id"]))
        .collect();
    ids.sort();
    let mut want = vec![declined.clone(), other.clone()];
    want.sort();
    assert_eq!(ids, want);
    let list = kit.json(&["intro", "list", "--status", "suggested"]);
    assert_eq!(len(&list), 1);
    assert_eq!(list[0]["id"], open.as_str());
    assert_eq!(len(&kit.json(&["intro", "list", "--status", "closed"])), 0);
    assert_eq!(len(&kit.json(&["intro", "list"])), 3);
    kit.fails(1, &["intro", "list", "--status", "bogus"]);
}

#[test]
fn one_introduction_at_a_time_per_pair() {
    let kit = kit_with(&["Ann Able", "Ben Bold", "Cleo Cole"]);
    let id = start(&kit, "ann", "ben", "Boats");
    let err = kit.fails(1, &["intro", "start", "ann", "ben"]).stderr;
    assert!(err.contains("already"), "{err}");
    kit.fails(1, &["intro", "start", "ben", "ann", "--reason", "again"]);
    kit.ok(&["intro", "ask", &id, "a"]);
    kit.fails(1, &["intro", "start", "Ben Bold", "Ann Able"]);
    // Another pair is fine.
    start(&kit, "ann", "cleo", "Other");
    kit.ok(&["intro", "ask", &id, "b"]);
    kit.ok(&["intro", "made", &id]);
    kit.fails(1, &["intro", "start", "ben", "ann"]);
    kit.ok(&["intro", "outcome", &id, "collaborating"]);
    // Closed: a new one may start, in either order.
    let again = start(&kit, "ben", "ann", "A second time");
    assert_ne!(again, id);
    assert_eq!(len(&kit.json(&["intro", "list"])), 3);
}

#[test]
fn introductions_refuse_me_the_same_person_and_unknowns() {
    let kit = kit_with(&["Ann Able", "Ben Bold"]);
    kit.fails(1, &["intro", "start", "ann", "Alex Morgan"]);
    kit.fails(1, &["intro", "start", "Alex Morgan", "ben"]);
    kit.fails(1, &["intro", "start", "ann", "Ann Able"]);
    kit.fails(1, &["intro", "start", "ann", "Nobody Known"]);
    assert_eq!(len(&kit.json(&["intro", "list"])), 0);
    for args in [
        vec!["intro", "ask", "deadbeef", "a"],
        vec!["intro", "made", "deadbeef"],
        vec!["intro", "decline", "deadbeef"],
        vec!["intro", "outcome", "deadbeef", "met"],
        vec!["intro", "draft", "deadbeef"],
    ] {
        kit.fails(1, &args);
    }
    let human = kit.ok(&["intro", "list"]);
    assert!(human.contains("No introductions"), "{human}");
}

// ---------------------------------------------------------------------------------------------
// 2. Waiting introductions in `today`
// ---------------------------------------------------------------------------------------------

#[test]
fn waiting_introductions_show_in_today_after_five_days() {
    let kit = kit_with(&["Ann Able", "Ben Bold", "Cleo Cole", "Dan Dee"]);
    let id = start(&kit, "ann", "ben", "Boats");
    // Suggested only: never waiting.
    assert!(waiting_at(&kit, &day(30)).is_empty());
    kit.ok(&["intro", "ask", &id, "a"]);
    for d in 0..=5 {
        assert!(waiting_at(&kit, &day(d)).is_empty(), "day {d}");
    }
    let w = waiting_at(&kit, &day(6));
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0]["id"], id.as_str());
    assert_eq!(w[0]["status"], "asked_a");
    assert_eq!(w[0]["days_waiting"], 6);
    assert_eq!(w[0]["a_name"], "Ann Able");
    assert_eq!(w[0]["b_name"], "Ben Bold");
    let text = run_at(&kit, &day(6), &["today"]).stdout;
    assert!(text.contains("Introductions waiting"), "{text}");
    assert!(listed_at(&kit, &day(6), &id)["needs_follow_up"] == true);

    // Asking B resets the wait.
    json_at(&kit, &day(6), &["intro", "ask", &id, "b"]);
    for d in 6..=11 {
        assert!(waiting_at(&kit, &day(d)).is_empty(), "day {d}");
    }
    let w = waiting_at(&kit, &day(12));
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0]["status"], "asked_b");
    assert_eq!(w[0]["days_waiting"], 6);

    // Introduced without an outcome: shows again after five days.
    json_at(&kit, &day(12), &["intro", "made", &id]);
    assert!(waiting_at(&kit, &day(17)).is_empty());
    let w = waiting_at(&kit, &day(18));
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0]["status"], "introduced");
    assert_eq!(w[0]["days_waiting"], 6);

    // Closed: never again.
    json_at(&kit, &day(18), &["intro", "outcome", &id, "met"]);
    for d in [18, 25, 100] {
        assert!(waiting_at(&kit, &day(d)).is_empty(), "day {d}");
    }

    // Declined: never.
    let other = start(&kit, "cleo", "dan", "Chess");
    kit.ok(&["intro", "ask", &other, "a"]);
    kit.ok(&["intro", "decline", &other]);
    assert!(waiting_at(&kit, &day(40)).is_empty());
}

/// `intro list --json` at `now`, one introduction.
fn listed_at(kit: &Kit, now: &str, id: &str) -> Value {
    json_at(kit, now, &["intro", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .cloned()
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// 3. Drafts
// ---------------------------------------------------------------------------------------------

#[test]
fn drafts_follow_the_pipeline() {
    let kit = Kit::new();
    kit.ok(&["init", "--me", "Alex Morgan"]);
    kit.add("Ann Able", &["--org", "Fjord Labs"]);
    kit.add("Ben Bold", &["--org", "Acme"]);
    let id = start(&kit, "ann", "ben", "Both build rowing boats");
    let draft = |kit: &Kit| str_of(&kit.json(&["intro", "draft", &id])["draft"]);

    let d = draft(&kit);
    assert!(d.starts_with("Hi Ann,"), "{d}");
    assert!(d.contains("introduce you to Ben Bold (Acme)"), "{d}");
    assert!(d.contains("Both build rowing boats."), "{d}");
    assert!(d.contains("Alex Morgan"), "{d}");
    // The human form is the same text.
    assert_eq!(kit.ok(&["intro", "draft", &tail8(&id)]).trim(), d.trim());

    kit.ok(&["intro", "ask", &id, "a"]);
    let d = draft(&kit);
    assert!(d.starts_with("Hi Ben,"), "{d}");
    assert!(d.contains("introduce you to Ann Able (Fjord Labs)"), "{d}");
    assert!(d.contains("Both build rowing boats."), "{d}");

    kit.ok(&["intro", "ask", &id, "b"]);
    let d = draft(&kit);
    assert!(d.starts_with("Hi Ann Able and Ben Bold,"), "{d}");
    assert!(d.contains("Ann Able, meet Ben Bold (Acme)."), "{d}");
    assert!(d.contains("Ben Bold, meet Ann Able (Fjord Labs)."), "{d}");
    assert!(d.contains("Both build rowing boats."), "{d}");
    kit.ok(&["intro", "made", &id]);
    assert_eq!(draft(&kit), d);
}

// ---------------------------------------------------------------------------------------------
// 4. Warm paths
// ---------------------------------------------------------------------------------------------

/// Ann (a direct contact, seen often), Ann knows Carl (0.9), Carl knows Dora (0.8); Dora is a
/// contact never seen. Eve and Fay work at Acme; Eve is known by Carl.
fn network() -> Kit {
    let kit = kit_with(&["Ann Able", "Carl Cole", "Dora Dee"]);
    for d in [
        "1d ago", "5d ago", "10d ago", "20d ago", "40d ago", "60d ago",
    ] {
        kit.ok(&["-q", "log", "meeting", "--with", "ann", "--at", d]);
    }
    kit.ok(&["knows", "ann", "carl", "--strength", "0.9"]);
    kit.ok(&["knows", "carl", "dora", "--strength", "0.8"]);
    kit.add("Eve Eng", &["--org", "Acme"]);
    kit.add("Fay Fox", &["--org", "ACME"]);
    kit.ok(&["knows", "carl", "eve", "--strength", "0.7"]);
    kit
}

#[test]
fn warm_path_goes_through_people_i_know() {
    let kit = network();
    let v = kit.json(&["path", "dora"]);
    assert_eq!(v["target"], "Dora Dee");
    let paths = v["paths"].as_array().unwrap();
    assert!(!paths.is_empty(), "{v}");
    assert_eq!(
        strings(&paths[0]["names"]),
        ["you", "Ann Able", "Carl Cole", "Dora Dee"]
    );
    assert_eq!(len(&paths[0]["hops"]), 3);
    assert_eq!(len(&paths[0]["people"]), 4);
    let s = paths[0]["strength"].as_f64().unwrap();
    assert!(s > 0.0 && s <= 0.72, "{s}");
    // Dora is a contact I never saw: no direct path.
    assert!(
        paths.iter().all(|p| len(&p["names"]) > 2),
        "a direct tie of strength 0 is ignored: {v}"
    );
    let text = kit.ok(&["path", "Dora Dee"]);
    assert!(text.contains("Ann Able"), "{text}");
    assert!(text.contains("Carl Cole"), "{text}");

    // Too far for two hops: an error for people, an empty list for scripts.
    let err = kit.fails(1, &["path", "dora", "--max-hops", "2"]).stderr;
    assert!(err.contains("no path"), "{err}");
    let v = kit.json(&["path", "dora", "--max-hops", "2"]);
    assert_eq!(len(&v["paths"]), 0, "{v}");
    assert_eq!(v["target"], "Dora Dee");
    // Carl is two hops away.
    let v = kit.json(&["path", "carl", "--max-hops", "2"]);
    assert_eq!(
        strings(&v["paths"][0]["names"]),
        ["you", "Ann Able", "Carl Cole"]
    );
}

#[test]
fn warm_path_to_an_organisation() {
    let kit = network();
    for target in ["org:Acme", "org:acme", "Acme"] {
        let v = kit.json(&["path", target]);
        let paths = v["paths"].as_array().unwrap();
        assert!(!paths.is_empty(), "{target}: {v}");
        assert_eq!(
            strings(&paths[0]["names"]),
            ["you", "Ann Able", "Carl Cole", "Eve Eng"],
            "{target}"
        );
        // Every path ends at someone at Acme.
        for p in paths {
            let last = p["names"].as_array().unwrap().last().unwrap().clone();
            assert!(last == "Eve Eng" || last == "Fay Fox", "{p}");
        }
    }
    // An organisation nobody works at, and a target nobody matches.
    let v = kit.json(&["path", "org:Nowhere Inc"]);
    assert_eq!(len(&v["paths"]), 0);
    kit.fails(1, &["path", "org:Nowhere Inc"]);
    kit.fails(1, &["path", "Nobody Known"]);
    kit.fails(1, &["--json", "path", "Nobody Known"]);
    // Me.
    let err = kit.fails(1, &["path", "Alex Morgan"]).stderr;
    assert!(err.contains("you"), "{err}");
}
