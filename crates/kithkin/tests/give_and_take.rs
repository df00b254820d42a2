//! End-to-end tests of give and take: thanks owed and thanking, the reciprocity ledger (decay
//! and one-sided flags), favours between two contacts, needs and offers, matching with
//! explanations, the pre-meeting brief and thank-you drafts. Every test runs on a fresh
//! database with the clock fixed by `KITHKIN_NOW` (2026-03-10T09:00:00Z).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kit, len, str_of, strings};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

/// A kit with "me" and the given people (no flags); returns the kit.
fn kit_with(people: &[&str]) -> Kit {
    let kit = Kit::init();
    for name in people {
        kit.add(name, &[]);
    }
    kit
}

/// The last 8 hex characters of an id, as the human output shows them.
fn tail8(id: &str) -> String {
    let simple: Vec<char> = id.chars().filter(|c| *c != '-').collect();
    simple[simple.len() - 8..].iter().collect()
}

/// `today --json` items of one type.
fn today_of_type(kit: &Kit, kind: &str) -> Vec<Value> {
    let v = kit.json(&["today"]);
    v["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items array: {v}"))
        .iter()
        .filter(|i| i["type"] == kind)
        .cloned()
        .collect()
}

/// Records a favour with `--json` (`gave`/`got`/…) and returns its id.
fn favour_id(kit: &Kit, args: &[&str]) -> String {
    str_of(&kit.json(args)["id"])
}

/// The balance row of one person in `report reciprocity --json`.
fn row<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["people"]
        .as_array()
        .unwrap_or_else(|| panic!("no people array: {report}"))
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in the report: {report}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, got {v}"))
}

fn close_to(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 1e-6,
        "{what}: got {actual}, expected {expected}"
    );
}

/// `weight · 2^(−age/365)`: the documented decay with a one-year half-life.
fn decayed(weight: f64, age_days: f64) -> f64 {
    weight * (-std::f64::consts::LN_2 * age_days / 365.0).exp()
}

// ---------------------------------------------------------------------------------------------
// 1. thanks lifecycle
// ---------------------------------------------------------------------------------------------

#[test]
fn thanks_owed_appears_after_grace_and_goes_once_thanked() {
    let kit = kit_with(&["Dana Whitfield", "Erin Blake"]);
    let dana_id = kit.show("dana")["person"]["id"].clone();
    let deck = favour_id(
        &kit,
        &[
            "got",
            "dana",
            "advice",
            "Reviewed my pitch deck",
            "--at",
            "3d ago",
        ],
    );
    let intro = favour_id(
        &kit,
        &[
            "got",
            "erin",
            "introduction",
            "Introduced me to a designer",
            "--at",
            "1d ago",
        ],
    );

    // today: only the favour past the two-day grace period
    let owed = today_of_type(&kit, "thanks_owed");
    assert_eq!(owed.len(), 1, "{owed:?}");
    assert_eq!(owed[0]["favour"], deck.as_str());
    assert_eq!(owed[0]["days_waiting"], 3);
    assert_eq!(owed[0]["name"], "Dana Whitfield");
    assert_eq!(owed[0]["person"], dana_id);
    assert_eq!(owed[0]["text"], "Reviewed my pitch deck");

    // the gratitude log lists both, oldest first
    let g = kit.json(&["gratitude"]);
    let ids: Vec<String> = g["owed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| str_of(&o["favour"]))
        .collect();
    assert_eq!(ids, vec![deck.clone(), intro.clone()]);
    assert_eq!(g["owed"][1]["days_waiting"], 1);
    assert_eq!(len(&g["thanked"]), 0);

    // the human views say the same
    let text = kit.ok(&["today"]);
    assert!(text.contains("Thanks owed"), "{text}");
    assert!(text.contains("Reviewed my pitch deck"), "{text}");
    assert!(!text.contains("Introduced me to a designer"), "{text}");

    // thank Dana by email
    let t = kit.json(&["thank", "dana", "--via", "email"]);
    assert_eq!(t["name"], "Dana Whitfield");
    assert_eq!(t["interaction"]["kind"], "email");
    assert_eq!(len(&t["favours"]), 1);
    assert_eq!(t["favours"][0]["id"], deck.as_str());

    assert!(today_of_type(&kit, "thanks_owed").is_empty());
    let g = kit.json(&["gratitude"]);
    assert_eq!(len(&g["owed"]), 1);
    assert_eq!(g["owed"][0]["favour"], intro.as_str());
    assert_eq!(len(&g["thanked"]), 1);
    assert_eq!(g["thanked"][0]["id"], deck.as_str());
    assert_eq!(g["thanked"][0]["giver_name"], "Dana Whitfield");
    assert!(g["thanked"][0]["thanked_at"].is_string(), "{g}");
    assert_eq!(g["thanked"][0]["thanked_in"], t["interaction"]["id"]);

    // the thank-you is an outbound email in Dana's history
    let show = kit.show("dana");
    let interactions = show["interactions"].as_array().unwrap();
    assert_eq!(interactions.len(), 1, "{show}");
    let i = &interactions[0]["interaction"];
    assert_eq!(i["kind"], "email");
    assert_eq!(i["direction"], "outbound");
    assert!(str_of(&i["note"]).contains("Reviewed my pitch deck"), "{i}");

    // thanking again for the same favour is refused, by full id or by its tail
    for id in [deck.clone(), tail8(&deck)] {
        let r = kit.fails(1, &["thank", "dana", "--for", &id]);
        assert!(r.stderr.contains("already thanked"), "{}", r.stderr);
    }
    // and recorded nothing
    assert_eq!(len(&kit.show("dana")["interactions"]), 1);
}

// ---------------------------------------------------------------------------------------------
// 2. balance arithmetic and flags
// ---------------------------------------------------------------------------------------------

#[test]
fn reciprocity_report_decays_flags_and_sums() {
    let kit = kit_with(&["Ann Lee", "Ben Ortiz", "Cal Reyes"]);
    // the report runs to the end of today, 2026-03-10T23:59:59Z: favours at 23:59:59 have
    // ages of whole days
    let ok = |args: &[&str]| {
        kit.ok(args);
    };
    // Ann only received from me: 2 (365 days → 1.0) + 3 (1 day)
    ok(&[
        "gave",
        "ann",
        "advice",
        "Pricing advice",
        "--weight",
        "2",
        "--at",
        "2025-03-10T23:59:59Z",
    ]);
    ok(&[
        "gave",
        "ann",
        "introduction",
        "Intro to a lawyer",
        "--weight",
        "3",
        "--at",
        "2026-03-09T23:59:59Z",
    ]);
    // Ben mostly gives to me: 3 (9 days) + 1 (37 days) against my 1 (365 days)
    ok(&[
        "got",
        "ben",
        "referral",
        "Referred me to a client",
        "--weight",
        "3",
        "--at",
        "2026-03-01T23:59:59Z",
    ]);
    ok(&[
        "got",
        "ben",
        "feedback",
        "Notes on my essay",
        "--at",
        "2026-02-01T23:59:59Z",
    ]);
    ok(&[
        "gave",
        "ben",
        "resource",
        "Lent a book",
        "--at",
        "2025-03-10T23:59:59Z",
    ]);
    // Cal: too little history to call (2, 1 day old)
    ok(&[
        "gave",
        "cal",
        "time",
        "Helped move house",
        "--weight",
        "2",
        "--at",
        "2026-03-09T23:59:59Z",
    ]);

    let r = kit.json(&["report", "reciprocity"]);
    assert_eq!(f(&r["half_life_days"]), 365.0);
    assert_eq!(f(&r["min_total"]), 3.0);
    assert_eq!(f(&r["one_sided_share"]), 0.75);
    assert_eq!(len(&r["people"]), 3, "{r}");

    // the hand-computed value the brief asks for: weight 2, a year old, counts 1.0
    close_to(decayed(2.0, 365.0), 1.0, "decay of a year");

    let ann = row(&r, "Ann Lee");
    let ann_given = 1.0 + decayed(3.0, 1.0);
    close_to(f(&ann["given"]), ann_given, "Ann given");
    close_to(f(&ann["received"]), 0.0, "Ann received");
    close_to(f(&ann["balance"]), ann_given, "Ann balance");
    assert_eq!(ann["given_count"], 2);
    assert_eq!(ann["received_count"], 0);
    assert_eq!(ann["flag"], "they_never_reciprocate", "{ann}");
    assert!(ann["reason"].is_string());

    let ben = row(&r, "Ben Ortiz");
    let ben_received = decayed(3.0, 9.0) + decayed(1.0, 37.0);
    let ben_given = decayed(1.0, 365.0);
    close_to(ben_given, 0.5, "half a small favour");
    close_to(f(&ben["received"]), ben_received, "Ben received");
    close_to(f(&ben["given"]), ben_given, "Ben given");
    close_to(f(&ben["balance"]), ben_given - ben_received, "Ben balance");
    assert!(ben_received / (ben_received + ben_given) >= 0.75);
    assert_eq!(ben["flag"], "you_mostly_receive", "{ben}");

    let cal = row(&r, "Cal Reyes");
    close_to(f(&cal["given"]), decayed(2.0, 1.0), "Cal given");
    assert!(cal["flag"].is_null(), "{cal}");
    assert!(cal["reason"].is_null(), "{cal}");

    // most lopsided first
    let order: Vec<String> = r["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| str_of(&p["name"]))
        .collect();
    assert_eq!(order, ["Ann Lee", "Ben Ortiz", "Cal Reyes"]);

    // totals are the sums
    let t = &r["totals"];
    let rows = r["people"].as_array().unwrap();
    let sum = |k: &str| rows.iter().map(|p| f(&p[k])).sum::<f64>();
    assert_eq!(t["people"], 3);
    close_to(f(&t["given"]), sum("given"), "total given");
    close_to(f(&t["received"]), sum("received"), "total received");
    close_to(f(&t["balance"]), sum("balance"), "total balance");
    assert_eq!(t["one_sided"], 2);

    // as of a year ago only the favours on that day count, undecayed
    let then = kit.json(&["report", "reciprocity", "--at", "2025-03-10"]);
    assert_eq!(len(&then["people"]), 2, "{then}");
    close_to(f(&row(&then, "Ann Lee")["given"]), 2.0, "Ann then");
    close_to(f(&row(&then, "Ben Ortiz")["given"]), 1.0, "Ben then");
    assert!(row(&then, "Ann Lee")["flag"].is_null());

    // the human report
    let text = kit.ok(&["report", "reciprocity"]);
    assert!(text.contains("Across 3 people"), "{text}");
    assert!(text.contains("Ann Lee"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// 3. favours between two contacts
// ---------------------------------------------------------------------------------------------

#[test]
fn favours_between_contacts_are_recorded_but_not_in_my_ledger() {
    let kit = kit_with(&["Ann Lee", "Ben Ortiz"]);
    let v = kit.json(&[
        "favour",
        "--from",
        "ann",
        "--to",
        "ben",
        "introduction",
        "Introduced Ben to a climate VC",
        "--weight",
        "3",
    ]);
    assert_eq!(v["giver_name"], "Ann Lee");
    assert_eq!(v["receiver_name"], "Ben Ortiz");
    assert_eq!(v["kind"], "introduction");
    assert_eq!(v["weight"], 3);
    assert_eq!(v["text"], "Introduced Ben to a climate VC");
    assert_eq!(v["giver"], kit.show("ann")["person"]["id"]);
    assert_eq!(v["receiver"], kit.show("ben")["person"]["id"]);
    assert!(v["thanked_at"].is_null());

    let text = kit.ok(&["favour", "--from", "ben", "--to", "ann", "advice", "Tips"]);
    assert!(text.contains("Ben Ortiz → Ann Lee: Tips"), "{text}");

    let r = kit.json(&["report", "reciprocity"]);
    assert_eq!(len(&r["people"]), 0, "{r}");
    assert_eq!(r["totals"]["people"], 0);
    assert_eq!(f(&r["totals"]["given"]), 0.0);
    assert_eq!(f(&r["totals"]["received"]), 0.0);

    // nothing owed by me, and not in my give and take with either
    assert_eq!(len(&kit.json(&["gratitude"])["owed"]), 0);
    assert!(today_of_type(&kit, "thanks_owed").is_empty());
    let b = kit.json(&["brief", "ben"]);
    assert_eq!(len(&b["favours"]), 0, "{b}");
    assert_eq!(len(&b["thanks_owed"]), 0, "{b}");

    // a favour from someone to themselves is refused
    kit.fails(
        1,
        &["favour", "--from", "ann", "--to", "ann", "advice", "x"],
    );
}

// ---------------------------------------------------------------------------------------------
// 4. errors
// ---------------------------------------------------------------------------------------------

#[test]
fn give_and_take_errors_exit_1_and_record_nothing() {
    let kit = kit_with(&["Dana Whitfield"]);
    let offer = str_of(&kit.json(&["offer", "dana", "Design reviews"])["id"]);
    let need = str_of(&kit.json(&["need", "dana", "A Rust mentor"])["id"]);

    kit.fails(1, &["thank", "dana", "--for", "abcd1234"]);
    kit.fails(1, &["thank", "--draft", "dana", "--for", "abcd1234"]);
    kit.fails(
        1,
        &["gave", "dana", "advice", "x", "--for-need", "abcd1234"],
    );
    kit.fails(
        1,
        &["gave", "dana", "advice", "x", "--for-need", &tail8(&offer)],
    );
    kit.fails(1, &["gave", "dana", "advice", "x", "--weight", "5"]);
    kit.fails(1, &["gave", "dana", "advice", "x", "--weight", "0"]);
    kit.fails(1, &["got", "dana", "bribe", "x"]);
    kit.fails(1, &["gave", "nobody", "advice", "x"]);
    kit.fails(1, &["gave", "dana", "advice", "x", "--at", "not a date"]);
    kit.fails(1, &["thank", "me"]);
    // a need of Dana's is not one I answered for... me
    kit.fails(1, &["got", "dana", "advice", "x", "--for-need", &need]);
    kit.fails(1, &["close", "abcd1234"]);

    // nothing was recorded by the failures
    assert_eq!(len(&kit.json(&["gratitude"])["owed"]), 0);
    assert_eq!(len(&kit.json(&["report", "reciprocity"])["people"]), 0);
    assert_eq!(len(&kit.show("dana")["interactions"]), 0);

    // a valid --for-need is accepted (Dana's need, Dana receives)
    let v = kit.json(&[
        "gave",
        "dana",
        "advice",
        "Intro to a mentor",
        "--for-need",
        &need,
    ]);
    assert_eq!(v["for_need"], need.as_str());

    // closing twice
    kit.ok(&["close", &tail8(&need)]);
    let r = kit.fails(1, &["close", &tail8(&need)]);
    assert!(r.stderr.contains("already"), "{}", r.stderr);
    kit.ok(&["close", &need, "--withdrawn"]);
    kit.fails(1, &["close", &need, "--withdrawn"]);

    // usage errors are exit 2
    kit.fails(2, &["close", &need, "--withdrawn", "--reopen"]);
    kit.fails(2, &["thank", "--draft", "dana", "--via", "email"]);
    kit.fails(2, &["gave", "dana", "advice"]);
}

// ---------------------------------------------------------------------------------------------
// 5. needs and offers
// ---------------------------------------------------------------------------------------------

#[test]
fn needs_close_withdraw_and_reopen() {
    let kit = kit_with(&["Dana Whitfield"]);
    let item = kit.json(&["need", "dana", "A", "Rust", "mentor", "--tag", "Rust"]);
    let id = str_of(&item["id"]);
    assert_eq!(item["kind"], "need");
    assert_eq!(item["text"], "A Rust mentor");
    assert_eq!(strings(&item["tags"]), ["rust"]);
    assert_eq!(item["status"], "open");
    assert!(item["closed_at"].is_null());
    assert_eq!(item["person"], kit.show("dana")["person"]["id"]);

    let closed = kit.json(&["close", &tail8(&id)]);
    assert_eq!(closed["id"], id.as_str());
    assert_eq!(closed["status"], "fulfilled");
    assert!(closed["closed_at"].is_string());

    let reopened = kit.json(&["close", &id, "--reopen"]);
    assert_eq!(reopened["status"], "open");
    assert!(reopened["closed_at"].is_null());

    let withdrawn = kit.json(&["close", &id[id.len() - 4..], "--withdrawn"]);
    assert_eq!(withdrawn["status"], "withdrawn");

    let text = kit.ok(&["close", &tail8(&id), "--reopen"]);
    assert_eq!(text.trim(), "\"A Rust mentor\" is now open");

    // my own offers, human output
    let text = kit.ok(&["offer", "me", "Rust code reviews", "--tag", "rust"]);
    assert!(
        text.starts_with("Sam Rivers offers: Rust code reviews [rust] ("),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// 6. matching with explanations
// ---------------------------------------------------------------------------------------------

#[test]
fn value_matches_needs_and_offers_both_ways_with_reasons() {
    let kit = kit_with(&["Dana Whitfield", "Ben Ortiz"]);
    let dana = kit.show("dana")["person"]["id"].clone();
    let ben = kit.show("ben")["person"]["id"].clone();
    kit.ok(&[
        "offer",
        "me",
        "Rust code reviews",
        "--tag",
        "rust",
        "--tag",
        "mentoring",
    ]);
    kit.ok(&["need", "dana", "A Rust mentor", "--tag", "rust"]);
    kit.ok(&[
        "need",
        "me",
        "Intros to climate investors",
        "--tag",
        "fundraising",
    ]);
    kit.ok(&[
        "offer",
        "ben",
        "Warm intros to climate funds",
        "--tag",
        "fundraising",
    ]);

    let all = kit.json(&["value"]);
    let all = all.as_array().unwrap();
    let mine = all
        .iter()
        .find(|m| m["direction"] == "i_help_them")
        .unwrap_or_else(|| panic!("no i_help_them match: {all:?}"));
    assert_eq!(mine["person"], dana);
    assert_eq!(mine["name"], "Dana Whitfield");
    assert!(
        strings(&mine["shared"]).contains(&"#rust".to_owned()),
        "{mine}"
    );
    let reason = str_of(&mine["reason"]);
    assert!(reason.contains("A Rust mentor"), "{reason}");
    assert!(reason.contains("Rust code reviews"), "{reason}");
    assert_eq!(mine["need"]["text"], "A Rust mentor");
    assert_eq!(mine["helper"]["is_offer"], true);
    let score = f(&mine["score"]);
    assert!(score > 0.15 && score <= 1.0 + 1e-9, "{score}");

    let theirs = all
        .iter()
        .find(|m| m["direction"] == "they_help_me")
        .unwrap_or_else(|| panic!("no they_help_me match: {all:?}"));
    assert_eq!(theirs["person"], ben);
    assert_eq!(theirs["name"], "Ben Ortiz");
    assert!(
        strings(&theirs["shared"]).contains(&"#fundraising".to_owned()),
        "{theirs}"
    );
    let reason = str_of(&theirs["reason"]);
    assert!(reason.contains("Intros to climate investors"), "{reason}");
    assert!(reason.contains("Warm intros to climate funds"), "{reason}");

    // sorted best first
    let scores: Vec<f64> = all.iter().map(|m| f(&m["score"])).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    // one person only
    let only = kit.json(&["value", "dana"]);
    assert!(len(&only) >= 1, "{only}");
    for m in only.as_array().unwrap() {
        assert_eq!(m["person"], dana, "{m}");
    }
    let only = kit.json(&["value", "ben"]);
    assert!(len(&only) >= 1, "{only}");
    for m in only.as_array().unwrap() {
        assert_eq!(m["person"], ben, "{m}");
    }

    // a closed need no longer matches
    let need = kit.json(&["need", "dana", "Sourdough starter"]);
    kit.ok(&["close", &str_of(&need["id"])]);
    let mine_id = all
        .iter()
        .find(|m| m["direction"] == "i_help_them")
        .map(|m| str_of(&m["need"]["id"]))
        .unwrap();
    kit.ok(&["close", &mine_id]);
    let after = kit.json(&["value", "dana"]);
    assert_eq!(len(&after), 0, "{after}");

    // human output
    let text = kit.ok(&["value"]);
    assert!(text.contains("Warm intros to climate funds"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// 7. brief
// ---------------------------------------------------------------------------------------------

#[test]
fn brief_on_a_fixed_fixture() {
    let kit = Kit::init();
    kit.add("Ivy Chen", &[]);
    kit.add(
        "Dana Whitfield",
        &[
            "--title",
            "VP Engineering",
            "--org",
            "Lumen",
            "--role",
            "mentor",
            "--met-at",
            "RustConf 2024",
            "--introduced-by",
            "Ivy Chen",
        ],
    );
    for (day, note) in [
        ("2026-01-05", "first coffee"),
        ("2026-01-20", "talked hiring"),
        ("2026-02-05", "reviewed roadmap"),
        ("2026-02-20", "planned the offsite"),
    ] {
        kit.ok(&[
            "log", "meeting", "--with", "dana", "--at", day, "--note", note,
        ]);
    }
    kit.ok(&[
        "need",
        "dana",
        "A Rust mentor for her team",
        "--tag",
        "rust",
    ]);
    kit.ok(&["offer", "me", "Rust code reviews", "--tag", "rust"]);
    kit.ok(&[
        "life",
        "dana",
        "move",
        "--on",
        "2026-01-10",
        "--note",
        "moved to Leeds",
    ]);
    kit.ok(&[
        "life",
        "dana",
        "new_job",
        "--on",
        "2026-03-01",
        "--note",
        "joined Lumen",
    ]);
    kit.ok(&[
        "gave",
        "dana",
        "feedback",
        "Notes on her talk",
        "--at",
        "2026-02-01",
    ]);
    kit.ok(&[
        "got",
        "dana",
        "introduction",
        "Introduced me to a staff engineer",
        "--at",
        "2026-02-25",
    ]);
    kit.ok(&["knows", "dana", "ivy"]);

    let b = kit.json(&["brief", "dana"]);
    let p = &b["person"]["profile"];
    assert_eq!(p["name"], "Dana Whitfield");
    assert_eq!(p["title"], "VP Engineering");
    assert_eq!(p["organisation"], "Lumen");
    assert_eq!(p["met_at"], "RustConf 2024");
    assert_eq!(b["introduced_by"], "Ivy Chen");

    let notes: Vec<String> = b["last_interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| str_of(&i["interaction"]["note"]))
        .collect();
    assert_eq!(
        notes,
        ["planned the offsite", "reviewed roadmap", "talked hiring"]
    );

    assert_eq!(len(&b["open_needs"]), 1);
    assert_eq!(b["open_needs"][0]["text"], "A Rust mentor for her team");

    // only the life event since we last spoke
    assert_eq!(len(&b["life_events"]), 1, "{}", b["life_events"]);
    assert_eq!(b["life_events"][0]["kind"], "new_job");

    // favours both ways, newest first
    let favours: Vec<String> = b["favours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| str_of(&f["text"]))
        .collect();
    assert_eq!(
        favours,
        ["Introduced me to a staff engineer", "Notes on her talk"]
    );
    assert_eq!(len(&b["thanks_owed"]), 1);
    assert_eq!(
        b["thanks_owed"][0]["text"],
        "Introduced me to a staff engineer"
    );

    assert!(len(&b["ways_to_help"]) >= 1, "{}", b["ways_to_help"]);
    assert_eq!(b["ways_to_help"][0]["direction"], "i_help_them");
    assert_eq!(len(&b["mutual_connections"]), 1);
    assert_eq!(b["mutual_connections"][0]["name"], "Ivy Chen");
    assert!(b["strength"].is_object(), "{}", b["strength"]);
    assert!(f(&b["strength"]["score"]) > 0.0);

    let text = kit.ok(&["brief", "dana"]);
    assert!(text.starts_with("# Brief: Dana Whitfield\n"), "{text}");
    for heading in [
        "## Who they are",
        "## Last conversations",
        "## What is going on for them",
        "## Give and take",
        "## Ways to help",
        "## Mutual connections",
    ] {
        assert!(text.contains(heading), "missing {heading}:\n{text}");
    }
    assert!(text.contains("VP Engineering, Lumen"), "{text}");
    assert!(text.contains("introduced by Ivy Chen"), "{text}");
    assert!(
        text.contains("thanks owed for: Introduced me to a staff engineer"),
        "{text}"
    );
    assert!(!text.contains("first coffee"), "{text}");
    assert!(!text.contains("moved to Leeds"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// 8. thank-you drafts
// ---------------------------------------------------------------------------------------------

#[test]
fn thank_draft_cites_the_favour_and_records_nothing() {
    let kit = kit_with(&["Dana Whitfield"]);
    let id = favour_id(
        &kit,
        &[
            "got",
            "dana",
            "feedback",
            "Reviewed my pitch deck",
            "--at",
            "3d ago",
        ],
    );
    let before = kit.json(&["gratitude"]);

    let text = kit.ok(&["thank", "--draft", "dana"]);
    assert!(text.starts_with("Hi Dana,"), "{text}");
    assert!(text.contains("pitch deck"), "{text}");
    assert!(text.contains("Sam Rivers"), "{text}");

    let same = kit.ok(&["thank", "--draft", "dana", "--for", &tail8(&id)]);
    assert_eq!(same, text, "the draft is deterministic");
    let v = kit.json(&["thank", "--draft", "dana"]);
    assert_eq!(format!("{}\n", str_of(&v["draft"])), text);

    assert_eq!(kit.json(&["gratitude"]), before);
    assert_eq!(len(&before["owed"]), 1);
    assert_eq!(len(&kit.show("dana")["interactions"]), 0);
    assert_eq!(today_of_type(&kit, "thanks_owed").len(), 1);
}

// ---------------------------------------------------------------------------------------------
// thresholds and edge cases
// ---------------------------------------------------------------------------------------------

#[test]
fn flags_fire_exactly_at_the_thresholds() {
    let kit = kit_with(&["Fay Ng", "Gil Park", "Hal Moss"]);
    // 3.0 exactly (age 0 at the end of today) is enough history
    kit.ok(&[
        "gave",
        "fay",
        "advice",
        "x",
        "--weight",
        "3",
        "--at",
        "2026-03-10T23:59:59Z",
    ]);
    // exactly three quarters from me: 3 given vs 1 received, same day
    kit.ok(&[
        "gave",
        "gil",
        "time",
        "a",
        "--weight",
        "3",
        "--at",
        "2026-03-10T23:59:59Z",
    ]);
    kit.ok(&["got", "gil", "advice", "b", "--at", "2026-03-10T23:59:59Z"]);
    // just under: 2 given vs 1 received (total 3.0, share 2/3)
    kit.ok(&[
        "gave",
        "hal",
        "time",
        "c",
        "--weight",
        "2",
        "--at",
        "2026-03-10T23:59:59Z",
    ]);
    kit.ok(&["got", "hal", "advice", "d", "--at", "2026-03-10T23:59:59Z"]);

    let r = kit.json(&["report", "reciprocity"]);
    let fay = row(&r, "Fay Ng");
    assert_eq!(f(&fay["given"]), 3.0);
    assert_eq!(fay["flag"], "they_never_reciprocate", "{fay}");
    let gil = row(&r, "Gil Park");
    assert_eq!(f(&gil["given"]), 3.0);
    assert_eq!(f(&gil["received"]), 1.0);
    assert_eq!(gil["flag"], "you_mostly_give", "{gil}");
    let hal = row(&r, "Hal Moss");
    assert!(hal["flag"].is_null(), "{hal}");
    assert_eq!(r["totals"]["one_sided"], 2);

    // a day earlier none of it had happened
    let before = kit.json(&["report", "reciprocity", "--at", "2026-03-09"]);
    assert_eq!(len(&before["people"]), 0, "{before}");
}

#[test]
fn thank_covers_what_is_owed_and_refuses_others_favours() {
    let kit = kit_with(&["Dana Whitfield", "Erin Blake"]);
    let past = favour_id(
        &kit,
        &["got", "dana", "advice", "Salary advice", "--at", "5d ago"],
    );
    let future = favour_id(
        &kit,
        &[
            "got",
            "dana",
            "time",
            "Will help me move",
            "--at",
            "tomorrow",
        ],
    );
    let erins = favour_id(&kit, &["got", "erin", "advice", "Visa tips"]);
    let g = kit.json(&["gratitude"]);
    assert_eq!(
        len(&g["owed"]),
        2,
        "a favour dated tomorrow is not owed yet: {g}"
    );

    // Erin's favour is not Dana's to be thanked for; a bad --via records nothing
    kit.fails(1, &["thank", "dana", "--for", &tail8(&erins)]);
    kit.fails(1, &["thank", "dana", "--via", "carrier-pigeon"]);
    assert_eq!(len(&kit.show("dana")["interactions"]), 0);

    // thanking Dana covers what is owed, not the favour that has not happened yet
    let t = kit.json(&["thank", "dana", "--note", "Thanks so much!"]);
    assert_eq!(t["interaction"]["kind"], "message");
    let ids: Vec<String> = t["favours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| str_of(&f["id"]))
        .collect();
    assert_eq!(ids, [past.as_str()]);
    let note = str_of(&t["interaction"]["note"]);
    assert_eq!(note, "Thank-you for: Salary advice. Thanks so much!");

    let g = kit.json(&["gratitude"]);
    assert_eq!(len(&g["owed"]), 1);
    assert_eq!(g["owed"][0]["favour"], erins.as_str());
    let thanked: Vec<String> = g["thanked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| str_of(&f["id"]))
        .collect();
    assert_eq!(thanked, [past]);

    // once it is owed, it can be thanked for on its own
    let mut cmd = kit.cmd();
    cmd.env("KITHKIN_NOW", "2026-03-12T09:00:00Z")
        .args(["--json", "thank", "dana", "--for", &future]);
    let r = common::run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["favours"][0]["id"], future.as_str());
}
