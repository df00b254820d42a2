//! End-to-end tests of getting data in: vCard, contacts CSV, LinkedIn exports and mail, each
//! matched to the people already known, idempotent, reporting bad records with file and line,
//! and writing nothing on a dry run. The shared corpus (../shared/corpus) is imported whole
//! when present (`KITHKIN_REQUIRE_CORPUS=1` makes its absence a failure).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Kit;
use std::path::PathBuf;

fn corpus(dir: &str) -> Option<PathBuf> {
    // KITHKIN_CORPUS_DIR, else ../shared/corpus beside the clone
    let path = std::env::var_os("KITHKIN_CORPUS_DIR")
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
            PathBuf::from,
        )
        .join(dir);
    if path.is_dir() {
        return Some(path);
    }
    assert!(
        std::env::var("KITHKIN_REQUIRE_CORPUS").as_deref() != Ok("1"),
        "the corpus is required (KITHKIN_REQUIRE_CORPUS=1) but {} is missing",
        path.display()
    );
    eprintln!("skipped: corpus not found at {}", path.display());
    None
}

const CARDS: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\nEMAIL;TYPE=INTERNET:ana@example.org\r\n\
TEL;TYPE=CELL:+351 911 222 333\r\nORG:Acme;R&D\r\nTITLE:CTO\r\nBDAY:--0415\r\nCATEGORIES:Friends,Climate\r\n\
NOTE:Met at RustConf\\, loves sailing\r\nUID:urn:uuid:ana-1\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ben Ode\r\nEMAIL:not-an-email\r\nEMAIL:ben@example.org\r\nBDAY:19900102\r\nEND:VCARD\r\n";

#[test]
fn vcard_import_maps_fields_reports_bad_cards_and_is_idempotent() {
    let kit = Kit::init();
    let file = kit.path("contacts.vcf");
    std::fs::write(&file, CARDS).unwrap();
    let path = file.to_str().unwrap();
    let dry = kit.json(&["import", "vcard", path, "--dry-run"]);
    assert_eq!(dry["created"], 2);
    assert!(kit.json(&["list"]).as_array().unwrap().is_empty());
    let r = kit.run(&["import", "vcard", path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("2 people created"), "{}", r.stdout);
    assert!(r.stderr.contains("contacts.vcf:14: failed"), "{}", r.stderr);
    assert!(r.stderr.contains("not-an-email"), "{}", r.stderr);
    let ana = kit.show("Ana Lima");
    let p = &ana["person"]["profile"];
    assert_eq!(p["emails"][0], "ana@example.org");
    assert_eq!(p["organisation"], "Acme");
    assert_eq!(p["title"], "CTO");
    assert!(p["tags"].to_string().contains("friends") || p["tags"].to_string().contains("Friends"));
    assert_eq!(ana["dates"][0]["day"]["month"], 4);
    assert!(ana["dates"][0]["day"]["year"].is_null());
    assert_eq!(ana["notes"][0]["body"], "Met at RustConf, loves sailing");
    // again: nothing changes
    let again = kit.json(&["import", "vcard", path]);
    assert_eq!(again["created"], 0);
    assert_eq!(again["updated"], 0);
    assert_eq!(again["unchanged"], 2);
    // the same person from another source, by email: updated, not duplicated
    let csv = kit.path("google.csv");
    std::fs::write(
        &csv,
        "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Labels\nAna,Lima,ana@example.org ::: ana@home.org,,Work ::: * myContacts\nCarla,Dias,carla@example.org,,\n",
    )
    .unwrap();
    let g = kit.json(&["import", "google-csv", csv.to_str().unwrap()]);
    assert_eq!(g["created"], 1);
    assert_eq!(g["updated"], 1);
    let emails = kit.show("Ana Lima")["person"]["profile"]["emails"].clone();
    assert_eq!(emails.as_array().unwrap().len(), 2, "{emails}");
    assert_eq!(kit.json(&["list"]).as_array().unwrap().len(), 3);
    // a CSV of the wrong layout is refused as a whole
    let r = kit.fails(1, &["import", "outlook-csv", csv.to_str().unwrap()]);
    assert!(r.stderr.contains("Outlook"), "{}", r.stderr);
}

#[test]
fn linkedin_folder_brings_connections_messages_and_favours_owed() {
    let kit = Kit::init();
    let dir = kit.path("linkedin");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("Connections.csv"),
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n\
         First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ana,Lima,https://www.linkedin.com/in/ana-lima,ana@example.org,Acme,CTO,12 Apr 2019\n\
         Ben,Ode,https://www.linkedin.com/in/ben-ode,,Globex,Engineer,03 Jan 2024\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("messages.csv"),
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
         c1,,Ana Lima,https://www.linkedin.com/in/ana-lima,Sam Rivers,https://www.linkedin.com/in/sam-rivers,2026-02-01 10:00:00 UTC,,Hello!,INBOX\n\
         c1,,Sam Rivers,https://www.linkedin.com/in/sam-rivers,Ana Lima,https://www.linkedin.com/in/ana-lima,2026-02-01 11:00:00 UTC,,Hi Ana,SENT\n\
         c2,,Zed Unknown,https://www.linkedin.com/in/zed,Sam Rivers,https://www.linkedin.com/in/sam-rivers,2026-02-02 10:00:00 UTC,,Buy now,INBOX\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("Recommendations_Received.csv"),
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\nBen,Ode,Globex,Engineer,Sam is great to work with.,\"01/15/26, 10:00 AM\",VISIBLE\n",
    )
    .unwrap();
    let report = kit.json(&["import", "linkedin", dir.to_str().unwrap()]);
    assert_eq!(report["created"], 2, "{report}");
    assert_eq!(report["interactions"], 1, "{report}"); // c1 on one day; c2 has no one known
    assert_eq!(report["favours"], 1, "{report}");
    let ana = kit.show("Ana Lima");
    assert_eq!(ana["person"]["profile"]["met_on"], "2019-04-12");
    assert_eq!(ana["interactions"].as_array().unwrap().len(), 1);
    // the recommendation is a favour received, so thanks are owed to Ben
    let gratitude = kit.json(&["gratitude"]).to_string();
    assert!(gratitude.contains("Ben Ode"), "{gratitude}");
    // again: nothing new
    let again = kit.json(&["import", "linkedin", dir.to_str().unwrap()]);
    assert_eq!(again["created"], 0);
    assert_eq!(again["interactions"], 0);
    assert_eq!(again["favours"], 0);
}

fn message(id: &str, from: &str, to: &str, date: &str, extra: &str) -> String {
    format!(
        "From sender@example.org Mon Jan  5 10:00:00 2026\nMessage-ID: <{id}>\nFrom: {from}\nTo: {to}\nDate: {date}\nSubject: Hello\n{extra}\nBody text\n\n"
    )
}

#[test]
fn mbox_import_threads_directions_bulk_and_people() {
    let kit = Kit::init();
    kit.add("Ana Lima", &["--email", "ana@example.org"]);
    let mbox = kit.path("mail.mbox");
    let mut text = String::new();
    text += &message(
        "m1@x",
        "Ana Lima <ana@example.org>",
        "sam@me.org",
        "Mon, 05 Jan 2026 10:00:00 +0000",
        "",
    );
    text += &message(
        "m2@x",
        "Sam <sam@me.org>",
        "ana@example.org, Bo New <bo@example.org>",
        "Mon, 05 Jan 2026 12:00:00 +0000",
        "In-Reply-To: <m1@x>\nReferences: <m1@x>",
    );
    text += &message(
        "m3@x",
        "news@list.example.org",
        "sam@me.org",
        "Tue, 06 Jan 2026 10:00:00 +0000",
        "List-Id: <news.example.org>",
    );
    text += &message(
        "m4@x",
        "Ana Lima <ana@example.org>",
        "sam@me.org",
        "Wed, 07 Jan 2026 10:00:00 +0000",
        "In-Reply-To: <m2@x>\nReferences: <m1@x> <m2@x>",
    );
    std::fs::write(&mbox, text).unwrap();
    let path = mbox.to_str().unwrap();
    // my addresses must be known first
    let r = kit.fails(1, &["import", "mbox", path]);
    assert!(r.stderr.contains("kithkin me --email"), "{}", r.stderr);
    kit.ok(&["me", "--email", "sam@me.org"]);
    let report = kit.json(&["import", "mbox", path]);
    // m1 + m2 are one conversation that day; m4 another day; m3 is list mail
    assert_eq!(report["report"]["interactions"], 2, "{report}");
    assert_eq!(report["mail"]["bulk"], 1);
    assert_eq!(report["mail"]["unknown_addresses"], 1); // Bo
    assert_eq!(report["report"]["created"], 0);
    let ana = kit.show("Ana Lima");
    let list = ana["interactions"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["interaction"]["kind"], "email");
    // again, with --create-people: Bo is created, but the threads are already there
    let again = kit.json(&["import", "mbox", path, "--create-people"]);
    assert_eq!(again["report"]["interactions"], 0);
    assert_eq!(again["report"]["interactions_skipped"], 3);
    assert_eq!(again["report"]["created"], 1);
    assert!(kit.json(&["list"]).to_string().contains("Bo New"));
}

#[test]
fn the_whole_corpus_imports_without_a_crash() {
    let kit = Kit::init();
    kit.ok(&["me", "--email", "me@example.org"]);
    if let Some(dir) = corpus("vcard") {
        let r = kit.run(&["--json", "import", "vcard", dir.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v = r.json();
        assert!(v["created"].as_u64().unwrap() >= 50, "{v}");
        // every failure names its file and line
        for f in v["failed"].as_array().unwrap() {
            assert!(f["file"].as_str().unwrap().ends_with(".vcf"));
            assert!(!f["message"].as_str().unwrap().is_empty());
        }
        let again = kit.json(&["import", "vcard", dir.to_str().unwrap()]);
        assert_eq!(again["created"], 0, "{again}");
    }
    if let Some(dir) = corpus("mail") {
        let r = kit.run(&[
            "--json",
            "import",
            "mbox",
            dir.to_str().unwrap(),
            "--create-people",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v = r.json();
        assert!(v["report"]["interactions"].as_u64().unwrap() >= 20, "{v}");
    }
    if let Some(dir) = corpus("csv") {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("csv") {
                continue;
            }
            let r = kit.run(&["import", "csv", path.to_str().unwrap()]);
            assert_eq!(r.code, 0, "{}: {}", path.display(), r.stderr);
        }
    }
}

const CALENDAR: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:weekly-1\r\nDTSTART:20260105T100000Z\r\nDTEND:20260105T103000Z\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n\
EXDATE:20260112T100000Z\r\nSUMMARY:1:1 with Ana\r\nORGANIZER;CN=Sam:mailto:sam@me.org\r\n\
ATTENDEE;CN=Ana Lima;PARTSTAT=ACCEPTED:mailto:ana@example.org\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:declined-1\r\nDTSTART:20260210T150000Z\r\nSUMMARY:Sales pitch\r\n\
ORGANIZER:mailto:ana@example.org\r\nATTENDEE;PARTSTAT=DECLINED:mailto:sam@me.org\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:cancelled-1\r\nDTSTART:20260211T150000Z\r\nSTATUS:CANCELLED\r\nSUMMARY:Off\r\n\
ORGANIZER:mailto:ana@example.org\r\nATTENDEE:mailto:sam@me.org\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:future-1\r\nDTSTART:20270101T100000Z\r\nSUMMARY:Later\r\n\
ORGANIZER:mailto:ana@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn ics_import_expands_recurrences_and_skips_declined_cancelled_and_future() {
    let kit = Kit::init();
    kit.add("Ana Lima", &["--email", "ana@example.org"]);
    kit.ok(&["me", "--email", "sam@me.org"]);
    let file = kit.path("cal.ics");
    std::fs::write(&file, CALENDAR).unwrap();
    let path = file.to_str().unwrap();
    // now is 2026-03-10: weekly from 5 Jan, 10 occurrences would run to 9 Mar; 12 Jan is
    // excluded, so 9 occurrences are in the past
    let report = kit.json(&["import", "ics", path]);
    assert_eq!(report["interactions"], 9, "{report}");
    let ana = kit.show("Ana Lima");
    let list = ana["interactions"].as_array().unwrap();
    assert_eq!(list.len(), 9);
    assert_eq!(list[0]["interaction"]["kind"], "meeting");
    assert_eq!(list[0]["interaction"]["minutes"], 30);
    assert_eq!(list[0]["interaction"]["note"], "1:1 with Ana");
    assert!(
        list.iter()
            .all(|i| i["interaction"]["occurred_at"] != "2026-01-12T10:00:00Z")
    );
    let again = kit.json(&["import", "ics", path]);
    assert_eq!(again["interactions"], 0);
    assert_eq!(again["interactions_skipped"], 9);
}

#[test]
fn vcard_export_reimports_to_the_same_data_and_json_backups_restore() {
    let kit = Kit::new();
    let r = common::run({
        let mut c = kit.cmd();
        c.args(["demo"]);
        c
    });
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first = kit.path("a.vcf");
    kit.ok(&["export", "vcard", "-o", first.to_str().unwrap()]);
    let cards = std::fs::read_to_string(&first).unwrap();
    // everyone but me, archived people included
    let people = cards.matches("BEGIN:VCARD").count();
    assert!(people > kit.json(&["list"]).as_array().unwrap().len() - 1);
    // into an empty database (only "me"), and out again: the same file
    let other = Kit::init();
    let report = other.json(&["import", "vcard", first.to_str().unwrap()]);
    assert_eq!(report["created"].as_u64().unwrap() as usize, people);
    assert_eq!(report["failed"].as_array().unwrap().len(), 0, "{report}");
    let second = other.path("b.vcf");
    other.ok(&["export", "vcard", "-o", second.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&second).unwrap(), cards);

    // the complete backup restores through `import json`
    let backup = kit.path("backup.json");
    kit.ok(&["export", "json", "-o", backup.to_str().unwrap()]);
    let empty = Kit::new();
    let restored = empty.json(&["import", "json", backup.to_str().unwrap()]);
    assert_eq!(
        restored["restored"]["people"].as_u64().unwrap() as usize,
        people + 1
    );
    let again = empty.path("again.json");
    empty.ok(&["export", "json", "-o", again.to_str().unwrap()]);
    let strip = |s: String| {
        s.lines()
            .filter(|l| !l.contains("\"exported_at\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        strip(std::fs::read_to_string(&again).unwrap()),
        strip(std::fs::read_to_string(&backup).unwrap())
    );
    // a non-empty database is refused
    let r = kit.fails(1, &["import", "json", backup.to_str().unwrap()]);
    assert!(r.stderr.contains("empty"), "{}", r.stderr);
}

#[test]
fn big_files_reimport_in_bulk_without_duplicating_dates_or_notes() {
    let kit = Kit::init();
    let mut cards = String::new();
    for i in 0..600 {
        cards += &format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.org\r\nBDAY:--0{}15\r\nNOTE:note {i}\r\nEND:VCARD\r\n",
            1 + i % 9
        );
    }
    let file = kit.path("big.vcf");
    std::fs::write(&file, &cards).unwrap();
    let path = file.to_str().unwrap();
    let first = kit.json(&["import", "vcard", path]);
    assert_eq!(first["created"], 600);
    let again = kit.json(&["import", "vcard", path]);
    assert_eq!(again["unchanged"], 600, "{again}");
    assert_eq!(again["updated"], 0);
    // one more email for one person: only they are updated; nothing else is added twice
    std::fs::write(
        &file,
        cards.replacen(
            "EMAIL:p7@example.org\r\n",
            "EMAIL:p7@example.org\r\nEMAIL:seven@example.org\r\n",
            1,
        ),
    )
    .unwrap();
    let changed = kit.json(&["import", "vcard", path]);
    assert_eq!(changed["updated"], 1, "{changed}");
    assert_eq!(changed["unchanged"], 599);
    let seven = kit.show("p7@example.org");
    assert_eq!(seven["dates"].as_array().unwrap().len(), 1);
    assert_eq!(seven["notes"].as_array().unwrap().len(), 1);
    assert_eq!(
        seven["person"]["profile"]["emails"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}
