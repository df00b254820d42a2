//! `kithkin serve` from the outside: what it refuses before listening. The router itself is
//! tested with `oneshot` in `src/web/tests.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::str::contains;

#[test]
fn serve_refuses_a_network_address_without_auth() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kithkin.db");
    Command::cargo_bin("kithkin")
        .unwrap()
        .args(["serve", "--bind", "0.0.0.0", "--port", "0", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(contains("without --auth"));
}

#[test]
fn serve_help_names_its_options() {
    Command::cargo_bin("kithkin")
        .unwrap()
        .args(["serve", "--help"])
        .assert()
        .success()
        .stdout(contains("--port"))
        .stdout(contains("--bind"))
        .stdout(contains("--auth"));
}
