//! `kithkin export json` and `kithkin export csv` on the demo network. The restore side
//! (`import json`) is tested through the app (`kithkin-app/tests/backup.rs`) and in
//! `cli/backup.rs`, where export, restore and export again give the same bytes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kit, NOW, str_of};
use serde_json::Value;

/// A demo database and its `--json demo` overview.
fn demo() -> (Kit, Value) {
    let kit = Kit::new();
    let overview = kit.json(&["demo"]);
    (kit, overview)
}

#[test]
fn export_json_is_a_complete_stable_backup_of_the_demo() {
    let (kit, overview) = demo();
    let file = kit.path("a.json");
    let out = kit.run(&["export", "json", "-o", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.starts_with("Wrote a backup of 63 people, "),
        "{}",
        out.stderr
    );
    let written = std::fs::read_to_string(&file).unwrap();
    // to standard output: the same bytes, every time
    assert_eq!(kit.ok(&["export", "json"]), written);
    assert_eq!(kit.ok(&["export", "json"]), written);
    assert!(written.ends_with("}\n"));
    assert!(written.starts_with("{\n  \"format\": \"kithkin-backup\",\n  \"version\": 1,\n"));
    assert!(!kit.dir.path().join(".a.json.partial").exists());

    let v: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(v["exported_at"], NOW);
    let counts = &overview["overview"]["counts"];
    for (backup, overview) in [
        ("people", "people"),
        ("organisations", "organisations"),
        ("circles", "circles"),
        ("notes", "notes"),
        ("interactions", "interactions"),
        ("knows", "knows"),
        ("dates", "dates"),
        ("life_events", "life_events"),
        ("help_items", "help_items"),
        ("favours", "favours"),
        ("introductions", "introductions"),
        ("events", "events"),
        ("collaborations", "collaborations"),
        ("goals", "goals"),
        ("follow_ups", "follow_ups"),
    ] {
        assert_eq!(
            v[backup].as_array().map(Vec::len),
            counts[overview].as_u64().map(|n| n as usize),
            "{backup}"
        );
    }
    let archived = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["archived_at"].is_null())
        .count();
    assert_eq!(Some(archived as u64), counts["archived"].as_u64());
    // "me" is one of the people, and the demo's membership is kept
    let me = str_of(&v["me"]);
    assert!(
        v["people"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == me.as_str())
    );
    assert_eq!(v["org_memberships"][0]["person"], me.as_str());
    assert_eq!(v["org_memberships"][0]["role"], "member");
    // the bookkeeping the domain types leave out is there too
    assert!(v["interactions"][0]["created_at"].is_string());
    assert!(v["events"][0]["created_at"].is_string());
    assert!(v["knows"][0]["updated_at"].is_string());
    // lists are in id order
    let ids: Vec<&str> = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
}

#[test]
fn export_json_says_what_it_wrote_for_scripts() {
    let (kit, _) = demo();
    let file = kit.path("b.json");
    let v = kit.json(&["export", "json", "-o", file.to_str().unwrap()]);
    assert_eq!(v["file"], file.to_str().unwrap());
    assert_eq!(v["counts"]["people"], 63);
    assert_eq!(v["counts"]["settings"], 1);
    assert!(file.exists());
}

#[test]
fn export_json_of_a_new_database_holds_only_me() {
    let kit = Kit::init();
    let v: Value = serde_json::from_str(&kit.ok(&["export", "json"])).unwrap();
    assert_eq!(v["people"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["people"][0]["profile"]["name"], "Sam Rivers");
    assert_eq!(v["me"], v["people"][0]["id"]);
    assert_eq!(v["interactions"], Value::Array(Vec::new()));
}

#[test]
fn export_into_a_missing_folder_fails_and_says_where() {
    let (kit, _) = demo();
    let file = kit.path("no/such/dir/a.json");
    let r = kit.fails(2, &["export", "json", "-o", file.to_str().unwrap()]);
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
    assert!(r.stderr.contains("no/such/dir/a.json"), "{}", r.stderr);
}

/// Rows of `export csv`, by name.
fn csv_rows(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows = reader.records().map(Result::unwrap).collect();
    (header, rows)
}

fn column<'a>(header: &csv::StringRecord, row: &'a csv::StringRecord, name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[i]
}

#[test]
fn export_csv_is_one_row_per_person_for_spreadsheets() {
    let (kit, overview) = demo();
    let text = kit.ok(&["export", "csv"]);
    let (header, rows) = csv_rows(&text);
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        [
            "id",
            "name",
            "emails",
            "phones",
            "organisation",
            "title",
            "tags",
            "circles",
            "facets",
            "cadence_days",
            "last_contact",
            "strength",
            "archived_on"
        ]
    );
    let people = overview["overview"]["counts"]["people"].as_u64().unwrap() as usize;
    assert_eq!(rows.len(), people - 1, "everyone but me");
    // by name
    let names: Vec<&str> = rows.iter().map(|r| column(&header, r, "name")).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| kithkin_core::text::name_key(n));
    assert_eq!(names, sorted);

    // one person, against what `show` says
    let amara = rows
        .iter()
        .find(|r| column(&header, r, "name") == "Amara Okafor")
        .expect("Amara is in the demo");
    let shown = kit.show("Amara Okafor");
    let profile = &shown["person"]["profile"];
    assert_eq!(column(&header, amara, "id"), str_of(&shown["person"]["id"]));
    let joined = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
            .join("; ")
    };
    assert_eq!(column(&header, amara, "emails"), joined(&profile["emails"]));
    assert_eq!(column(&header, amara, "tags"), joined(&profile["tags"]));
    assert_eq!(
        column(&header, amara, "circles"),
        joined(&shown["person"]["circles"])
    );
    assert_eq!(
        column(&header, amara, "organisation"),
        profile["organisation"]
    );
    assert_eq!(column(&header, amara, "title"), profile["title"]);
    assert_eq!(
        column(&header, amara, "cadence_days"),
        profile["cadence"].to_string()
    );
    let facets: Vec<String> = profile["facets"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap()))
        .collect();
    assert_eq!(column(&header, amara, "facets"), facets.join("; "));
    let last = str_of(&shown["stats"]["last_at"]);
    assert_eq!(column(&header, amara, "last_contact"), &last[..10]);
    let strength: f64 = column(&header, amara, "strength").parse().unwrap();
    assert!((0.0..=100.0).contains(&strength));
    assert_eq!(column(&header, amara, "archived_on"), "");

    // archived people are there, marked, without a strength
    let archived: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| !column(&header, r, "archived_on").is_empty())
        .collect();
    assert_eq!(
        Some(archived.len() as u64),
        overview["overview"]["counts"]["archived"].as_u64()
    );
    assert!(
        archived
            .iter()
            .all(|r| column(&header, r, "strength").is_empty())
    );
}

#[test]
fn export_csv_defuses_formulas_from_imported_text() {
    let kit = Kit::init();
    kit.add(
        "Mallory",
        &["--title", "=HYPERLINK(\"http://x.example\",\"click\")"],
    );
    let file = kit.path("p.csv");
    kit.ok(&["export", "csv", "-o", file.to_str().unwrap()]);
    let (header, rows) = csv_rows(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(rows.len(), 1);
    assert_eq!(
        column(&header, &rows[0], "title"),
        "'=HYPERLINK(\"http://x.example\",\"click\")"
    );
}
