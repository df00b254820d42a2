//! Helpers for the command-line tests: a fresh database per test, a fixed clock, and
//! outcomes that are checked never to contain a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The moment every test runs at (a Tuesday), in UTC.
pub const NOW: &str = "2026-03-10T09:00:00Z";

/// What a run of `kithkin` produced.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Standard output as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// A `kithkin` command with a clean environment: no `KITHKIN_DB`, the clock fixed at [`NOW`],
/// stdin empty (not a terminal).
pub fn kithkin() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("kithkin").expect("the kithkin binary is built");
    cmd.env_remove("KITHKIN_DB")
        .env("KITHKIN_NOW", NOW)
        .write_stdin("");
    cmd
}

/// Runs a prepared command, checking it did not panic.
pub fn run(mut cmd: assert_cmd::Command) -> Run {
    let out = cmd.output().expect("kithkin runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "kithkin panicked:\n{}{}",
        run.stdout,
        run.stderr
    );
    run
}

/// A temporary directory holding one database, `k.db`.
pub struct Kit {
    /// The directory (removed when the kit is dropped).
    pub dir: TempDir,
    /// `<dir>/k.db`.
    pub db: PathBuf,
}

impl Default for Kit {
    fn default() -> Self {
        Self::new()
    }
}

impl Kit {
    /// A new directory; the database does not exist yet.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("k.db");
        Kit { dir, db }
    }

    /// A kit with "me" (Sam Rivers) created.
    pub fn init() -> Self {
        let kit = Self::new();
        kit.ok(&["init", "--me", "Sam Rivers"]);
        kit
    }

    /// A path inside the kit's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `kithkin --db <db>`, to add arguments to.
    pub fn cmd(&self) -> assert_cmd::Command {
        cmd_on(&self.db)
    }

    /// Runs `kithkin --db <db> ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.cmd();
        cmd.args(args);
        run(cmd)
    }

    /// Runs and expects exit code 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code,
            0,
            "`kithkin {}` failed:\nstdout:\n{}\nstderr:\n{}",
            args.join(" "),
            r.stdout,
            r.stderr
        );
        r.stdout
    }

    /// Runs `kithkin --db <db> --json ARGS`, expects exit code 0 and returns the JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert_eq!(
            r.code,
            0,
            "`kithkin --json {}` failed:\nstdout:\n{}\nstderr:\n{}",
            args.join(" "),
            r.stdout,
            r.stderr
        );
        r.json()
    }

    /// Runs and expects exit code `code`, an error on stderr, and (for code 1) nothing on stdout.
    pub fn fails(&self, code: i32, args: &[&str]) -> Run {
        let r = self.run(args);
        assert_eq!(
            r.code,
            code,
            "`kithkin {}` should exit {code}:\nstdout:\n{}\nstderr:\n{}",
            args.join(" "),
            r.stdout,
            r.stderr
        );
        assert!(
            !r.stderr.trim().is_empty(),
            "`kithkin {}` failed without a message",
            args.join(" ")
        );
        if code == 1 {
            assert!(
                r.stdout.is_empty(),
                "`kithkin {}` failed but printed:\n{}",
                args.join(" "),
                r.stdout
            );
        }
        r
    }

    /// Adds a person with extra flags; returns their id.
    pub fn add(&self, name: &str, flags: &[&str]) -> String {
        let mut args = vec!["add", name];
        args.extend_from_slice(flags);
        let v = self.json(&args);
        str_of(&v["person"]["id"])
    }

    /// `show --json PERSON`.
    pub fn show(&self, who: &str) -> Value {
        self.json(&["show", who])
    }

    /// Names from `list --json ARGS`.
    pub fn names(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        names_of(&self.json(&all))
    }
}

/// `kithkin --db <db>`.
pub fn cmd_on(db: &Path) -> assert_cmd::Command {
    let mut cmd = kithkin();
    cmd.arg("--db").arg(db);
    cmd
}

/// A JSON string value, or a panic saying what it was.
pub fn str_of(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, got {v}"))
        .to_owned()
}

/// The `name` of every element of a JSON array.
pub fn names_of(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
        .iter()
        .map(|p| str_of(&p["name"]))
        .collect()
}

/// A JSON array of strings as a vector.
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
        .iter()
        .map(str_of)
        .collect()
}

/// The length of a JSON array.
pub fn len(v: &Value) -> usize {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
        .len()
}

/// Every file name in a directory, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("readable directory")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}
