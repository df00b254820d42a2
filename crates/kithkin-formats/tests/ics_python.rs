//! Cross-checks `kithkin_formats::ics` with an independent parser: writes a calendar, then runs
//! `tests/ics_check.py`, which parses it with the Python `icalendar` package and compares it with
//! the expectation passed as JSON.
//!
//! Without `python3` + `icalendar` the tests print "skipped: python icalendar not installed" and
//! pass, unless `KITHKIN_REQUIRE_PYTHON=1` is set (CI sets it after `pip install icalendar`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jiff::civil::{Date, date};
use kithkin_formats::ics::{Calendar, Entry, uid, write_calendar};
use serde_json::{Value, json};

const NAME: &str = "Kithkin — keeping in touch";
const PRODUCT: &str = "-//Kithkin//Kithkin 0.1//EN";
const STAMP: &str = "2026-03-14T09:26:53Z";

/// True when the checker can run; false (after saying so) when the test should be skipped.
fn python_ready() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        return true;
    }
    if std::env::var("KITHKIN_REQUIRE_PYTHON").as_deref() == Ok("1") {
        panic!(
            "KITHKIN_REQUIRE_PYTHON=1 but `python3 -c \"import icalendar\"` fails; \
             run `pip install icalendar`"
        );
    }
    println!("skipped: python icalendar not installed");
    false
}

fn checker() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics_check.py")
}

fn iso(d: Date) -> String {
    d.to_string()
}

fn yearly(id: u32, summary: &str, description: Option<&str>, first: Date) -> (Entry, Value) {
    let rrule = if first.month() == 2 && first.day() == 29 {
        json!({"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]})
    } else {
        json!({"FREQ": ["YEARLY"]})
    };
    let uid = uid("birthday", &id);
    let expected = json!({"type": "yearly", "uid": uid, "summary": summary,
        "description": description, "date": iso(first), "rrule": rrule});
    let entry = Entry::Yearly {
        uid,
        summary: summary.into(),
        description: description.map(Into::into),
        first,
    };
    (entry, expected)
}

fn todo(
    id: u32,
    summary: &str,
    description: Option<&str>,
    due: Date,
    priority: Option<u8>,
) -> (Entry, Value) {
    let uid = uid("checkin", &id);
    let expected = json!({"type": "todo", "uid": uid, "summary": summary,
        "description": description, "due": iso(due), "rrule": null, "priority": priority});
    let entry = Entry::Todo {
        uid,
        summary: summary.into(),
        description: description.map(Into::into),
        due,
        priority,
    };
    (entry, expected)
}

fn day(id: u32, summary: &str, description: Option<&str>, on: Date) -> (Entry, Value) {
    let uid = uid("event", &id);
    let expected = json!({"type": "day", "uid": uid, "summary": summary,
        "description": description, "date": iso(on), "rrule": null});
    let entry = Entry::Day {
        uid,
        summary: summary.into(),
        description: description.map(Into::into),
        on,
    };
    (entry, expected)
}

/// Several entries of each kind, with the awkward text the writer must survive.
fn sample() -> (Vec<Entry>, Vec<Value>) {
    let long = "Met at the Café Müller reading group, 2019; she recommended \"Middlemarch\", \
                \"Le Rouge et le Noir\" and a path\\to\\nowhere. Ask about Kraków, the new job, \
                and whether the garden survived the winter. "
        .repeat(3);
    let emoji =
        "Bring 🎂🎈🎁 and a card signed by everyone — Łukasz, Zoë, Ørjan, Dvořák. ".repeat(2);
    let items = vec![
        yearly(
            1,
            "José Álvarez's birthday",
            Some("Turns 36. Likes: jazz, café; hiking\nCall before 9"),
            date(1990, 7, 4),
        ),
        yearly(2, "Zoë Ødegaard's birthday", Some(&long), date(2000, 2, 29)),
        yearly(
            3,
            "Anniversary: Ana & Bo, 10 years",
            None,
            date(2016, 12, 31),
        ),
        yearly(
            4,
            &format!("Birthday of {}", "é".repeat(80)),
            None,
            date(1985, 1, 1),
        ),
        todo(
            10,
            "Check in with Łukasz Żółć",
            Some(&emoji),
            date(2026, 3, 20),
            Some(1),
        ),
        todo(
            11,
            "Follow up; send the book, \"Dune\"",
            None,
            date(2026, 4, 1),
            None,
        ),
        todo(
            12,
            r"Return C:\Users\ana\notes.txt, finally",
            Some("first line\nsecond; line\n\nafter a blank line"),
            date(2026, 12, 31),
            Some(9),
        ),
        day(
            20,
            "Ana moved to São Paulo",
            Some("New address: Rua Augusta, 1500; apt 12"),
            date(2026, 5, 1),
        ),
        day(21, &"é".repeat(80), None, date(2025, 12, 31)),
        day(
            22,
            "Bo's 🎓 graduation, finally!",
            Some(&long),
            date(2028, 2, 29),
        ),
    ];
    items.into_iter().unzip()
}

fn calendar() -> Calendar<'static> {
    Calendar {
        name: NAME,
        product: PRODUCT,
        generated_at: STAMP.parse().unwrap(),
    }
}

fn expectation(entries: &[Value]) -> Value {
    json!({"name": NAME, "product": PRODUCT, "dtstamp": STAMP, "entries": entries})
}

/// Writes `ics` and `expected` into `dir` and runs the checker on them.
fn check(dir: &Path, ics: &[u8], expected: &Value) -> Output {
    let ics_path = dir.join("reminders.ics");
    let json_path = dir.join("expected.json");
    std::fs::write(&ics_path, ics).unwrap();
    std::fs::write(&json_path, serde_json::to_vec_pretty(expected).unwrap()).unwrap();
    Command::new("python3")
        .arg(checker())
        .arg(&ics_path)
        .arg(&json_path)
        .output()
        .unwrap()
}

fn written(entries: &[Entry]) -> Vec<u8> {
    let mut buf = Vec::new();
    write_calendar(&mut buf, &calendar(), entries).unwrap();
    buf
}

#[test]
fn python_icalendar_reads_what_we_write() {
    if !python_ready() {
        return;
    }
    let (entries, expected) = sample();
    let dir = tempfile::tempdir().unwrap();
    // Through a real file, as `kithkin export ics` does.
    let path = dir.path().join("written.ics");
    let file = std::fs::File::create(&path).unwrap();
    write_calendar(std::io::BufWriter::new(file), &calendar(), &entries).unwrap();
    let ics = std::fs::read(&path).unwrap();
    assert_eq!(ics, written(&entries), "file and in-memory output differ");

    let out = check(dir.path(), &ics, &expectation(&expected));
    assert!(
        out.status.success(),
        "ics_check.py rejected the calendar ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn plain_list_expectation_is_accepted() {
    if !python_ready() {
        return;
    }
    let (entries, expected) = sample();
    let dir = tempfile::tempdir().unwrap();
    let out = check(dir.path(), &written(&entries), &Value::from(expected));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The checker must not pass everything: each broken input is reported with a clear message.
#[test]
fn checker_reports_mismatches() {
    if !python_ready() {
        return;
    }
    let (entries, expected) = sample();
    let ics = written(&entries);
    let text = String::from_utf8(ics.clone()).unwrap();
    let dir = tempfile::tempdir().unwrap();

    let assert_rejects = |ics: &[u8], expected: &Value, needle: &str| {
        let out = check(dir.path(), ics, expected);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "expected a mismatch: {stderr}");
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    };

    // A wrong summary in the expectation.
    let mut wrong = expected.clone();
    wrong[7]["summary"] = json!("Ana moved to Sao Paulo");
    assert_rejects(
        &ics,
        &expectation(&wrong),
        "SUMMARY is 'Ana moved to São Paulo'",
    );

    // A missing entry.
    assert_rejects(
        &ics,
        &expectation(&expected[..9]),
        "10 VEVENT/VTODO components, expected 9",
    );

    // LF instead of CRLF.
    let lf = text.replace("\r\n", "\n");
    assert_rejects(lf.as_bytes(), &expectation(&expected), "bare LF");

    // An unfolded long line.
    let unfolded = text.replace("\r\n ", "");
    assert_rejects(
        unfolded.as_bytes(),
        &expectation(&expected),
        "octets (max 75)",
    );

    // A plain yearly rule on 29 February recurs on leap years only: the expansion check fails.
    let leap_only = text.replace(
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
        "RRULE:FREQ=YEARLY",
    );
    let mut plain = expected.clone();
    plain[1]["rrule"] = json!({"FREQ": ["YEARLY"]});
    assert_rejects(
        leap_only.as_bytes(),
        &expectation(&plain),
        "expected ['2027-02-28', '2028-02-29']",
    );
}
