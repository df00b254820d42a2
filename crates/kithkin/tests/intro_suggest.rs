//! `kithkin intro suggest`: the fast path (candidates from inverted indexes and shared
//! neighbours) gives exactly what scoring every pair gives.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;

fn kithkin(db: &std::path::Path, args: &[&str]) -> Value {
    let out = Command::cargo_bin("kithkin")
        .unwrap()
        .env_remove("KITHKIN_DB")
        .env("KITHKIN_NOW", "2026-03-10T09:00:00Z")
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn fast_suggestions_equal_brute_force_on_a_generated_network() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kithkin(&db, &["gen", "--people", "1500", "--seed", "11"]);
    let fast = kithkin(&db, &["intro", "suggest", "--limit", "200"]);
    let brute = kithkin(&db, &["intro", "suggest", "--limit", "200", "--bruteforce"]);
    assert!(
        fast.as_array().unwrap().len() > 50,
        "a generated network has plenty of suggestions"
    );
    assert_eq!(fast, brute);
    // per person, too
    let first = fast[0]["a_name"].as_str().unwrap().to_owned();
    let fast_one = kithkin(&db, &["intro", "suggest", "--for", &first, "--limit", "10"]);
    let brute_one = kithkin(
        &db,
        &[
            "intro",
            "suggest",
            "--for",
            &first,
            "--limit",
            "10",
            "--bruteforce",
        ],
    );
    assert_eq!(fast_one, brute_one);
    assert!(
        fast_one
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["a_name"] == first.as_str())
    );
}

#[test]
fn people_who_already_know_each_other_or_met_are_never_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kithkin(&db, &["init", "--me", "Alex Morgan"]);
    for (name, args) in [
        (
            "Ann Able",
            vec!["--interest", "rust", "--interest", "climbing"],
        ),
        (
            "Ben Bold",
            vec!["--interest", "rust", "--interest", "climbing"],
        ),
        (
            "Cat Cole",
            vec!["--interest", "rust", "--interest", "climbing"],
        ),
        (
            "Dan Dune",
            vec!["--interest", "rust", "--interest", "climbing"],
        ),
    ] {
        let mut a = vec!["add", name];
        a.extend(args);
        kithkin(&db, &a);
    }
    kithkin(&db, &["need", "ann", "A Rust mentor", "--tag", "rust"]);
    kithkin(&db, &["offer", "ben", "Rust mentoring", "--tag", "rust"]);
    let before = kithkin(&db, &["intro", "suggest", "--limit", "20"]);
    let pairs = |v: &Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let mut p = [
                    s["a_name"].as_str().unwrap().to_owned(),
                    s["b_name"].as_str().unwrap().to_owned(),
                ];
                p.sort();
                (p[0].clone(), p[1].clone())
            })
            .collect()
    };
    let ann_ben = ("Ann Able".to_owned(), "Ben Bold".to_owned());
    let cat_dan = ("Cat Cole".to_owned(), "Dan Dune".to_owned());
    assert_eq!(
        pairs(&before)[0],
        ann_ben,
        "need↔offer plus shared interests ranks first"
    );
    assert!(pairs(&before).contains(&cat_dan));
    kithkin(&db, &["knows", "ann", "ben"]);
    kithkin(&db, &["log", "meeting", "--with", "cat", "--with", "dan"]);
    let after = pairs(&kithkin(&db, &["intro", "suggest", "--limit", "20"]));
    assert!(!after.contains(&ann_ben), "they know each other now");
    assert!(!after.contains(&cat_dan), "they met in the same meeting");
    assert_eq!(
        after,
        pairs(&kithkin(
            &db,
            &["intro", "suggest", "--limit", "20", "--bruteforce"]
        ))
    );
}
