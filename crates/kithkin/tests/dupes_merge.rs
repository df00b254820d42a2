//! End-to-end tests of duplicates and merging: `dupes` finds the pairs with their reasons,
//! `merge` moves everything onto the person kept and loses nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Kit;
use serde_json::Value;

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn dupes_finds_shared_keys_and_similar_names() {
    let kit = Kit::init();
    kit.add("Ana Lima", &["--email", "ana@x.org"]);
    kit.add("Ana Lima-Souza", &["--phone", "+351 911 222 333"]);
    kit.add("Ana S.", &["--phone", "+351911222333"]);
    kit.add("Jon Smith", &[]);
    kit.add("John Smith", &[]);
    kit.add("Carla Dias", &[]);
    let pairs = kit.json(&["dupes"]);
    let list = pairs.as_array().unwrap();
    let find = |a: &str, b: &str| {
        list.iter().find(|p| {
            let (x, y) = (
                p["a"]["name"].as_str().unwrap(),
                p["b"]["name"].as_str().unwrap(),
            );
            (x == a && y == b) || (x == b && y == a)
        })
    };
    let phone = find("Ana Lima-Souza", "Ana S.").expect("same phone");
    assert!(phone["score"].as_f64().unwrap() >= 0.8);
    assert_eq!(phone["reasons"][0], "same phone +351911222333");
    let similar = find("Jon Smith", "John Smith").expect("similar names");
    assert!(
        similar["reasons"][0]
            .as_str()
            .unwrap()
            .starts_with("similar names")
    );
    assert!(list.iter().all(|p| p.to_string().find("Carla").is_none()));
    let text = kit.ok(&["dupes"]);
    assert!(text.contains("kithkin merge"), "{text}");
}

#[test]
fn merge_moves_everything_and_loses_nothing() {
    let kit = Kit::init();
    kit.add(
        "Ana Lima",
        &[
            "--email",
            "ana@x.org",
            "--tag",
            "rust",
            "--circle",
            "Friends",
        ],
    );
    kit.add(
        "Ana L.",
        &[
            "--email",
            "ana@home.org",
            "--phone",
            "+351911222333",
            "--org",
            "Acme",
            "--facet",
            "industry=tech",
            "--circle",
            "Climate",
        ],
    );
    kit.add("Ben Ode", &[]);
    kit.add("Cleo Park", &[]);
    kit.ok(&["-q", "note", "Ana L.", "Loves sailing"]);
    kit.ok(&["-q", "log", "call", "--with", "Ana L.", "--at", "3d ago"]);
    kit.ok(&[
        "-q", "log", "meeting", "--with", "Ana Lima", "--with", "Ana L.", "--at", "1d ago",
    ]);
    kit.ok(&["-q", "date", "Ana L.", "birthday", "--on", "04-15"]);
    kit.ok(&["-q", "knows", "Ana L.", "Ben Ode", "--strength", "0.9"]);
    kit.ok(&["-q", "knows", "Ana Lima", "Ben Ode", "--strength", "0.3"]);
    kit.ok(&["-q", "knows", "Ana L.", "Cleo Park", "--strength", "0.5"]);
    kit.ok(&["-q", "knows", "Ana L.", "Ana Lima", "--strength", "0.5"]);
    kit.ok(&["-q", "got", "Ana L.", "feedback", "Reviewed my deck"]);
    kit.ok(&["-q", "need", "Ana L.", "A Rust mentor"]);

    let report = kit.json(&["merge", "Ana Lima", "Ana L."]);
    assert_eq!(report["kept"]["name"], "Ana Lima");
    assert_eq!(report["merged"]["name"], "Ana L.");
    let moved: Vec<(String, u64)> = report["moved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m[0].as_str().unwrap().to_owned(), m[1].as_u64().unwrap()))
        .collect();
    for (what, n) in [
        ("notes", 1),
        ("dates", 1),
        ("favours", 1),
        ("needs and offers", 1),
        ("knows links", 2),
    ] {
        assert!(
            moved.contains(&(what.to_owned(), n)),
            "{what} {n} not in {moved:?}"
        );
    }
    let gained = report["profile_gained"].to_string();
    for g in [
        "ana@home.org",
        "+351911222333",
        "Acme",
        "industry=tech",
        "Climate",
    ] {
        assert!(gained.contains(g), "{g} not gained: {gained}");
    }
    // the merged person is gone; everything is on Ana Lima
    assert_eq!(
        names(&kit.json(&["list"])),
        vec!["Ana Lima", "Ben Ode", "Cleo Park"]
    );
    let show = kit.show("Ana Lima");
    let s = show.to_string();
    for needle in [
        "ana@x.org",
        "ana@home.org",
        "Loves sailing",
        "Acme",
        "Climate",
        "Friends",
    ] {
        assert!(s.contains(needle), "{needle} missing from {s}");
    }
    // two interactions: the call, and the meeting (now with one participant fewer)
    let interactions = show["interactions"].as_array().unwrap();
    assert_eq!(interactions.len(), 2, "{interactions:?}");
    // links: Ben keeps the stronger 0.9, Cleo moved, the link between the two vanished
    let graph = kit.json(&["network", "export", "--format", "json"]);
    let edges = graph["edges"].as_array().unwrap();
    let weights: Vec<f64> = edges
        .iter()
        .map(|e| e["weight"].as_f64().unwrap())
        .collect();
    assert_eq!(edges.len(), 2, "{graph}");
    assert!(
        weights.contains(&0.9) && weights.contains(&0.5),
        "{weights:?}"
    );
    // the favour is now owed to Ana Lima
    let gratitude = kit.json(&["gratitude"]).to_string();
    assert!(
        gratitude.contains("Ana Lima") && !gratitude.contains("Ana L.\""),
        "{gratitude}"
    );
    // refusals
    let r = kit.fails(1, &["merge", "Ana Lima", "Ana Lima"]);
    assert!(r.stderr.contains("same person"), "{}", r.stderr);
    let r = kit.fails(1, &["merge", "Ana Lima", "me"]);
    assert!(r.stderr.contains("merge them into you"), "{}", r.stderr);
    kit.fails(1, &["merge", "Ana Lima", "Nobody Here"]);
}
