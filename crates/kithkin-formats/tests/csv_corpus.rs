//! The contacts CSV readers against the shared corpus (`shared/corpus/csv`, beside the
//! repository; see its `SOURCES.md`): one real Thunderbird export and six header-only layouts
//! (LinkedIn 2018 and 2024, Google current and legacy, Outlook desktop and Outlook.com).
//! Every file must be recognised as its layout and read without an error.
//!
//! Without the corpus the tests say "skipped: corpus not found" and pass, unless
//! `KITHKIN_REQUIRE_CORPUS=1`, which makes a missing corpus a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use kithkin_formats::contacts_csv::{
    CsvRead, Layout, detect_file_layout, detect_layout, read_contacts_csv, read_google_csv,
    read_linkedin_connections, read_outlook_csv, read_thunderbird_csv,
};
use std::path::PathBuf;

/// Each corpus file, its layout, and how many records it holds.
const FILES: [(&str, Layout, usize); 7] = [
    (
        "google_contacts_layout_current.csv",
        Layout::GoogleCurrent,
        0,
    ),
    (
        "google_contacts_layout_legacy_google_csv.csv",
        Layout::GoogleLegacy,
        0,
    ),
    (
        "linkedin_Connections_layout_2018.csv",
        Layout::LinkedIn2018,
        0,
    ),
    (
        "linkedin_Connections_layout_2024.csv",
        Layout::LinkedIn2024,
        0,
    ),
    (
        "outlook_csv_google_export_layout.csv",
        Layout::OutlookCom,
        0,
    ),
    (
        "outlook_desktop_export_layout.csv",
        Layout::OutlookDesktop,
        0,
    ),
    ("thunderbird__export.csv", Layout::Thunderbird, 2),
];

fn corpus() -> Option<PathBuf> {
    common::corpus("csv")
}

fn read_with(layout: Layout, bytes: &[u8]) -> CsvRead {
    let read = match layout {
        Layout::GoogleCurrent | Layout::GoogleLegacy => read_google_csv(bytes),
        Layout::OutlookDesktop | Layout::OutlookCom => read_outlook_csv(bytes),
        Layout::LinkedIn2018 | Layout::LinkedIn2024 => read_linkedin_connections(bytes),
        Layout::Thunderbird => read_thunderbird_csv(bytes),
    };
    read.unwrap_or_else(|e| panic!("{layout}: {e}"))
}

#[test]
fn every_corpus_file_is_recognised_and_read_by_its_reader() {
    let Some(dir) = corpus() else { return };
    for (name, layout, count) in FILES {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let first_line = String::from_utf8_lossy(&bytes)
            .lines()
            .next()
            .unwrap_or("")
            .to_owned();
        assert_eq!(
            detect_layout(&first_line),
            Some(layout),
            "{name}: header line"
        );
        assert_eq!(detect_file_layout(bytes.as_slice()), Some(layout), "{name}");
        let read = read_with(layout, &bytes);
        assert_eq!(read.layout, layout, "{name}");
        assert!(read.errors.is_empty(), "{name}: {:?}", read.errors);
        assert_eq!(read.records.len(), count, "{name}");
        let any = read_contacts_csv(bytes.as_slice()).unwrap();
        assert_eq!((any.layout, any.records), (layout, read.records), "{name}");
    }
}

#[test]
fn every_csv_file_of_the_corpus_is_one_we_know() {
    let Some(dir) = corpus() else { return };
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".csv") {
            assert!(
                FILES.iter().any(|(f, _, _)| *f == name),
                "{name} is new in the corpus: add it to FILES"
            );
        }
    }
}

#[test]
fn a_header_only_file_is_refused_by_the_other_readers() {
    let Some(dir) = corpus() else { return };
    let bytes = std::fs::read(dir.join("outlook_desktop_export_layout.csv")).unwrap();
    let err = read_google_csv(bytes.as_slice()).unwrap_err().to_string();
    assert!(
        err.contains("this looks like an Outlook desktop CSV export"),
        "{err}"
    );
    let bytes = std::fs::read(dir.join("linkedin_Connections_layout_2024.csv")).unwrap();
    let err = read_outlook_csv(bytes.as_slice()).unwrap_err().to_string();
    assert!(
        err.contains("found `First Name`, `Last Name`, `URL`"),
        "{err}"
    );
    assert!(
        err.contains("LinkedIn Connections.csv (2024 layout)"),
        "{err}"
    );
}

#[test]
fn the_thunderbird_export_gives_its_two_contacts() {
    let Some(dir) = corpus() else { return };
    let bytes = std::fs::read(dir.join("thunderbird__export.csv")).unwrap();
    let read = read_thunderbird_csv(bytes.as_slice()).unwrap();
    let [one, two] = read.records.as_slice() else {
        panic!("{:?}", read.records)
    };
    assert_eq!((one.line, one.name.as_str()), (2, "contact number one"));
    assert_eq!(one.emails, ["contact1@invalid"]);
    assert!(one.notes.is_empty() && one.title.is_none());
    // The second record starts on line 3; a quoted custom field runs on to line 4.
    assert_eq!((two.line, two.name.as_str()), (3, "contact number two"));
    assert_eq!(two.emails, ["contact2@invalid"]);
    assert_eq!(two.title.as_deref(), Some("\"worker\""));
    assert_eq!(two.notes, ["here's some unicode text…"]);
}
