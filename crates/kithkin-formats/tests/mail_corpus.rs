//! The mail readers against real-world messages: `shared/corpus/mail` (see its SOURCES.md),
//! read in place and never copied into the repository. Every file must give records or
//! per-record errors, never a panic; some files are checked fact by fact.
//!
//! Without the corpus the tests print "skipped: corpus not found" and pass, unless
//! `KITHKIN_REQUIRE_CORPUS=1` (as in CI).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::BufReader;
use std::path::{Path, PathBuf};

use kithkin_formats::mail::{BulkReason, MailItem, MailRecord, MboxReader, read_eml, thread_root};

fn corpus() -> Option<PathBuf> {
    common::corpus("mail")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

fn mbox(dir: &Path, name: &str) -> Vec<MailItem> {
    let bytes = std::fs::read(dir.join(name)).unwrap();
    MboxReader::new(&bytes[..]).collect()
}

fn mbox_ok(dir: &Path, name: &str) -> Vec<MailRecord> {
    mbox(dir, name)
        .into_iter()
        .map(|item| item.unwrap_or_else(|e| panic!("{name}:{}: {}", e.line, e.message)))
        .collect()
}

fn eml(dir: &Path, name: &str) -> MailRecord {
    let bytes = std::fs::read(dir.join(name)).unwrap();
    read_eml(&bytes, 1).unwrap_or_else(|e| panic!("{name}: {}", e.message))
}

fn emails(list: &[kithkin_formats::mail::Address]) -> Vec<&str> {
    list.iter().map(|a| a.email.as_str()).collect()
}

#[test]
fn every_file_reads_without_panicking() {
    let Some(dir) = corpus() else { return };
    let (mut records, mut errors) = (0, 0);
    for path in files(&dir, "mbox") {
        let bytes = std::fs::read(&path).unwrap();
        let items: Vec<MailItem> = MboxReader::new(&bytes[..]).collect();
        assert!(!items.is_empty(), "{}: no message", path.display());
        // Reader buffers split lines anywhere: the result must not change.
        let tiny: Vec<MailItem> =
            MboxReader::new(BufReader::with_capacity(7, &bytes[..])).collect();
        assert_eq!(tiny, items, "{}", path.display());
        for item in items {
            match item {
                Ok(_) => records += 1,
                Err(_) => errors += 1,
            }
        }
    }
    for path in files(&dir, "eml") {
        let bytes = std::fs::read(&path).unwrap();
        match read_eml(&bytes, 1) {
            Ok(record) => {
                records += 1;
                let _ = thread_root(&record);
            }
            Err(_) => errors += 1,
        }
        // Cut anywhere, a message still gives a record or an error.
        for cut in [1, 17, bytes.len() / 3, bytes.len() / 2] {
            let _ = read_eml(&bytes[..cut.min(bytes.len())], 1);
            let _: Vec<MailItem> = MboxReader::new(&bytes[..cut.min(bytes.len())]).collect();
        }
    }
    println!("{records} records, {errors} errors");
    assert_eq!(errors, 0, "every corpus message has usable headers");
    assert!(records >= 48);
}

/// Every `.eml` in one mboxrd file (bodies escaped as mboxrd writers do): one record per
/// message, equal to what `read_eml` gives, with the right lines and offsets.
#[test]
fn all_eml_files_as_one_mbox() {
    let Some(dir) = corpus() else { return };
    let mut mbox = Vec::new();
    let mut expected = Vec::new();
    for path in files(&dir, "eml") {
        let bytes = std::fs::read(&path).unwrap();
        let start = mbox.len() as u64;
        let line = mbox.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        mbox.extend_from_slice(b"From corpus@kithkin.test Mon Jan  1 00:00:00 2024\n");
        let mut in_headers = true;
        for text in bytes.split_inclusive(|&b| b == b'\n') {
            let unescaped = text.iter().position(|&b| b != b'>').unwrap_or(text.len());
            if text[unescaped..].starts_with(b"From ") {
                if in_headers {
                    continue; // an .eml's own envelope line
                }
                mbox.push(b'>');
            }
            if text == b"\n" || text == b"\r\n" {
                in_headers = false;
            }
            mbox.extend_from_slice(text);
        }
        if !mbox.ends_with(b"\n") {
            mbox.push(b'\n');
        }
        mbox.push(b'\n');
        let mut record = read_eml(&bytes, line).unwrap();
        record.offset = start;
        record.envelope_date = Some("2024-01-01T00:00:00Z".parse().unwrap());
        expected.push(record);
    }
    let got: Vec<MailRecord> = MboxReader::new(&mbox[..]).map(|r| r.unwrap()).collect();
    assert_eq!(got.len(), expected.len());
    for (got, expected) in got.iter().zip(&expected) {
        assert_eq!(got, expected);
    }
    // The same with CRLF line endings throughout.
    let crlf: Vec<u8> = mbox
        .split_inclusive(|&b| b == b'\n')
        .flat_map(|l| {
            let body = l.strip_suffix(b"\n").unwrap_or(l);
            let body = body.strip_suffix(b"\r").unwrap_or(body);
            [body, b"\r\n"].concat()
        })
        .collect();
    let got: Vec<MailItem> = MboxReader::new(&crlf[..]).collect();
    assert_eq!(got.len(), expected.len());
    for (got, expected) in got.iter().zip(&expected) {
        let got = got.as_ref().unwrap();
        assert_eq!(
            (got.line, &got.message_id),
            (expected.line, &expected.message_id)
        );
        assert_eq!(got.subject, expected.subject);
        assert_eq!(got.from, expected.from);
    }
}

#[test]
fn mbox_message_counts_and_positions() {
    let Some(dir) = corpus() else { return };
    // An unescaped "From time to time" body line after a blank line: still one message.
    let cpython = mbox_ok(&dir, "cpython__mailbox_01.mbox");
    assert_eq!(cpython.len(), 1);
    assert_eq!(
        cpython[0].subject.as_deref(),
        Some("unquoted From in body; extra info on From line")
    );
    assert!(cpython[0].from.is_empty(), "`From: foo` is no address");
    assert_eq!(
        cpython[0].envelope_date.unwrap().to_string(),
        "2022-08-07T11:40:37Z"
    );

    let mboxrd = mbox_ok(&dir, "thunderbird__mbox_mboxrd.mbox");
    assert_eq!(mboxrd.len(), 2);
    assert_eq!((mboxrd[1].line, mboxrd[1].offset), (10, 208));
    assert_eq!(mboxrd[1].subject.as_deref(), Some("Sample message 2"));
    assert_eq!(mboxrd[0].date, None);
    assert_eq!(mboxrd[0].sent_at(), mboxrd[0].envelope_date);
    assert!(mboxrd[0].envelope_date.is_some());

    // " From " quoted by a space is body text.
    let modern = mbox_ok(&dir, "thunderbird__mbox_modern.mbox");
    assert_eq!(modern.len(), 2);
    assert_eq!(modern[1].line, 14);
    assert_eq!(modern[1].date.unwrap().to_string(), "2018-08-23T09:10:23Z");

    // A bare "From " line after body text is not a separator; a bare "From " after a blank
    // line followed by headers is.
    let unquoted = mbox_ok(&dir, "thunderbird__mbox_unquoted.mbox");
    assert_eq!(unquoted.len(), 2);
    assert_eq!(unquoted[0].line, 1);
    assert_eq!(unquoted[1].line, 12);
    assert_eq!(unquoted[1].subject.as_deref(), Some("Sample message 2"));

    let no_from = mbox_ok(&dir, "thunderbird__mail-without-from.mbox");
    assert_eq!(no_from.len(), 1);
    assert!(no_from[0].from.is_empty() && no_from[0].message_id.is_none());
    assert_eq!(emails(&no_from[0].to), ["from@foo.invalid"]);

    let sender = mbox_ok(&dir, "thunderbird__SenderHeader.mbox");
    assert_eq!(sender.len(), 1);
    assert_eq!(sender[0].bulk, Some(BulkReason::NoReplySender));
    assert_eq!(
        thread_root(&sender[0]),
        "bug-397009-254728@https.bugzilla.mozilla.org/"
    );
}

#[test]
fn addresses() {
    let Some(dir) = corpus() else { return };
    // `From: a@x b@y` without a comma.
    let multi = eml(&dir, "mikel__raw_email_multiple_from.eml");
    assert_eq!(
        emails(&multi.from),
        ["tim@powerupdev.com", "concierge@powerupdev.com"]
    );
    assert_eq!(emails(&multi.to), emails(&multi.from));

    let at_name = eml(&dir, "mikel__raw_email_with_at_display_name.eml");
    assert_eq!(
        emails(&at_name.from),
        ["test@lindsaar.net", "jack@lindsar.com"]
    );
    assert_eq!(
        emails(&at_name.to),
        ["smith@gmail.com", "raasdnil@gmail.com", "tom@gmail.com"]
    );
    assert_eq!(at_name.to[1].name.as_deref(), Some("Mikel@Lindsaar"));

    // A group with members, and an empty group in Cc.
    let rfc = eml(&dir, "mikel__rfc2822_example10.eml");
    assert_eq!(
        emails(&rfc.to),
        ["c@public.example", "joe@example.org", "jdoe@one.test"]
    );
    assert!(rfc.cc.is_empty());
    assert_eq!(emails(&rfc.from), ["pete@silly.test"]);
    assert_eq!(rfc.date.unwrap().to_string(), "1969-02-14T03:02:00Z");

    assert!(eml(&dir, "mikel__empty_group_lists.eml").to.is_empty());
    assert_eq!(
        emails(&eml(&dir, "mikel__weird_to_header.eml").to),
        ["user-example@aol.com", "e-s-a-s-2200@app.ar.com"]
    );
    assert_eq!(eml(&dir, "mikel__new_line_in_to_header.eml").to.len(), 6);

    let utf8 = eml(&dir, "mikel__utf8_headers.eml");
    assert_eq!(utf8.from[0].name.as_deref(), Some("Jöhn Doe"));
    assert_eq!(utf8.from[0].email, "jdöe@mächine.example");
    assert_eq!(utf8.subject.as_deref(), Some("Säying Hello"));

    let tb = eml(&dir, "thunderbird__utf8MailboxStrings.eml");
    assert_eq!(tb.from[0].name.as_deref(), Some("Hörst, Kenny"));
    assert_eq!(tb.to.len(), 2);

    let cp1251 = eml(&dir, "mikel__raw_email_bad_time.eml");
    assert_eq!(cp1251.from[0].name.as_deref(), Some("Атиковa"));

    // The corrupted "Fro :" header gives no author, and no error.
    let malformed = eml(&dir, "mailparser__malformed_019.eml");
    assert!(malformed.from.is_empty());
    assert_eq!(
        malformed.message_id.as_deref(),
        Some("multi-001@example.test")
    );
}

#[test]
fn subjects_are_decoded() {
    let Some(dir) = corpus() else { return };
    let japanese = eml(&dir, "mikel__japanese_iso_2022.eml");
    assert_eq!(japanese.subject.as_deref(), Some("まみむめも"));
    assert_eq!(japanese.to[0].name.as_deref(), Some("みける"));
    assert_eq!(
        eml(&dir, "mikel__raw_email_double_at_in_header.eml")
            .subject
            .as_deref(),
        Some("NOTE: 한국말로 하는 것")
    );
    assert_eq!(
        eml(&dir, "thunderbird__sample04.eml").subject.as_deref(),
        Some("Алфавит")
    );
    assert_eq!(
        eml(&dir, "thunderbird__sample05.eml").subject.as_deref(),
        Some("Алфавит")
    );
    assert_eq!(
        eml(&dir, "mikel__raw_email_with_partially_quoted_subject.eml")
            .subject
            .as_deref(),
        Some("Re: Test: \"漢字\" mid \"漢字\" tail")
    );
    let folded = eml(&dir, "thunderbird__badly-folded-headers.eml");
    assert_eq!(
        folded.subject.as_deref(),
        Some("Badly folded headers, one line with space between To and From")
    );
    assert_eq!(folded.to[0].name.as_deref(), Some("Recipient with spaces"));
    assert_eq!(eml(&dir, "mikel__weird_to_header.eml").subject, None);
}

#[test]
fn bad_dates_are_none_not_errors() {
    let Some(dir) = corpus() else { return };
    for name in [
        "mikel__bad_date_header.eml",         // empty Date
        "mikel__raw_email_with_bad_date.eml", // "Pn, 29 paX 2007"
        "mikel__raw_email_bad_time.eml",      // year 3609
    ] {
        let record = eml(&dir, name);
        assert_eq!(record.date, None, "{name}");
        assert!(!record.from.is_empty(), "{name}");
    }
    assert_eq!(
        eml(&dir, "mikel__raw_email_string_in_date_field.eml")
            .date
            .unwrap()
            .to_string(),
        "2008-09-20T17:04:30Z"
    );
    assert_eq!(
        eml(&dir, "mikel__basic_email.eml")
            .date
            .unwrap()
            .to_string(),
        "2008-11-22T04:04:59Z"
    );
}

#[test]
fn threads_and_ids() {
    let Some(dir) = corpus() else { return };
    let refs = eml(&dir, "mikel__multiple_references_with_one_invalid.eml");
    assert_eq!(refs.references, ["foo@bar.net", "baz@bar.net"]);
    assert_eq!(thread_root(&refs), "foo@bar.net");
    assert_eq!(
        refs.message_id.as_deref(),
        Some("105647271315.NCV17523@x263.net")
    );

    let reply = eml(&dir, "mikel__raw_email_reply.eml");
    assert_eq!(
        reply.in_reply_to,
        ["348F04F142D69C21-291E56D292BC@xxxx.net"]
    );
    assert_eq!(reply.references.len(), 2);
    assert_eq!(thread_root(&reply), "473FF3B8.9020707@xxx.org");

    let alone = eml(&dir, "mikel__basic_email.eml");
    assert_eq!(
        thread_root(&alone),
        "6B7EC235-5B17-4CA8-B2B8-39290DEB43A3@test.lindsaar.net"
    );

    // No ids at all: subject + participants. The two messages of mbox_modern differ in subject.
    let modern = mbox_ok(&dir, "thunderbird__mbox_modern.mbox");
    let roots: Vec<String> = modern.iter().map(thread_root).collect();
    assert!(roots.iter().all(|r| r.starts_with("subject:")));
    assert_ne!(roots[0], roots[1]);
}

#[test]
fn bulk_mail_is_flagged() {
    let Some(dir) = corpus() else { return };
    assert_eq!(
        eml(&dir, "mailparser__thirdparty_014.eml").bulk,
        Some(BulkReason::ListId)
    );
    assert_eq!(
        eml(&dir, "mikel__bad_date_header.eml").bulk,
        Some(BulkReason::PrecedenceBulkOrList)
    );
    assert_eq!(
        eml(&dir, "mikel__encoding_madness.eml").bulk,
        Some(BulkReason::NoReplySender)
    );
    for personal in [
        "mikel__basic_email.eml",
        "mikel__raw_email_reply.eml",
        "thunderbird__teams-meeting-invite.eml",
        "thunderbird__utf8MailboxStrings.eml",
    ] {
        assert_eq!(eml(&dir, personal).bulk, None, "{personal}");
    }
}

/// Corpus files with bytes overwritten, cut and duplicated (a fixed pseudo-random sequence):
/// records or errors, never a panic.
#[test]
fn mutated_files_never_panic() {
    let Some(dir) = corpus() else { return };
    let iterations: u64 = std::env::var("KITHKIN_MAIL_FUZZ")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut rand = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    const NASTY: &[&[u8]] = &[
        b"\n",
        b"\r\n",
        b"From ",
        b"\nFrom x\n",
        b":",
        b"<",
        b">",
        b"=?",
        b"?=",
        b"=?utf-8?b?",
        b"@",
        b",",
        b";",
        b"\"",
        b"(",
        b")",
        b"\\",
        b" ",
        b"\t",
        b"\xff",
        b"\xc3",
        b"\0",
    ];
    let mut paths = files(&dir, "eml");
    paths.extend(files(&dir, "mbox"));
    for path in paths {
        let original = std::fs::read(&path).unwrap();
        for _ in 0..iterations {
            let mut bytes = original.clone();
            for _ in 0..1 + rand(8) {
                let at = rand(bytes.len());
                match rand(4) {
                    0 => bytes[at..]
                        .iter_mut()
                        .take(1)
                        .for_each(|b| *b = rand(256) as u8),
                    1 => bytes.truncate(at),
                    2 => {
                        let piece = NASTY[rand(NASTY.len())];
                        bytes.splice(at..at, piece.iter().copied());
                    }
                    _ => {
                        let len = rand(64).min(bytes.len() - at);
                        let copy = bytes[at..at + len].to_vec();
                        let to = rand(bytes.len());
                        bytes.splice(to..to, copy);
                    }
                }
            }
            let _ = read_eml(&bytes, 1).map(|r| thread_root(&r));
            for item in MboxReader::new(&bytes[..]).flatten() {
                let _ = thread_root(&item);
            }
        }
    }
}

/// Separator and reader edge cases, on inline input (these run without the corpus).
mod separators {
    use std::io::BufReader;

    use kithkin_formats::mail::{
        BulkReason, MAX_HEADER_BYTES, MailItem, MailRecord, MboxReader, read_eml, thread_root,
    };

    fn read_all(bytes: &[u8]) -> Vec<MailItem> {
        MboxReader::new(bytes).collect()
    }

    fn records(bytes: &[u8]) -> Vec<MailRecord> {
        read_all(bytes).into_iter().map(|r| r.unwrap()).collect()
    }

    const TWO: &str = "From a@x Mon Jan  1 00:00:00 2024\nFrom: A <a@x.org>\nSubject: one\n\nbody\n\
                       \nFrom b@x Tue Jan  2 00:00:00 2024\nFrom: B <b@x.org>\nSubject: two\n\nbody 2\n";

    #[test]
    fn two_messages_with_lines_and_offsets() {
        let recs = records(TWO.as_bytes());
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].subject.as_deref(), Some("one"));
        assert_eq!((recs[0].line, recs[0].offset), (1, 0));
        assert_eq!(recs[1].line, 7);
        assert_eq!(recs[1].offset as usize, TWO.find("From b@x").unwrap());
        assert_eq!(recs[1].from[0].email, "b@x.org");
        assert_eq!(
            recs[1].envelope_date.unwrap().to_string(),
            "2024-01-02T00:00:00Z"
        );
    }

    #[test]
    fn from_line_after_text_is_body() {
        let mbox = "From a@x\nFrom: a@x.org\nSubject: one\n\nI said\nFrom here on\nFrom: x@y.org\n";
        let recs = records(mbox.as_bytes());
        assert_eq!(recs.len(), 1);
    }

    #[test]
    fn from_line_after_blank_without_headers_is_body() {
        let mbox = "From a@x\nFrom: a@x.org\n\nHello\n\nFrom time to time\n";
        assert_eq!(records(mbox.as_bytes()).len(), 1);
    }

    #[test]
    fn crlf_file() {
        let mbox = TWO.replace('\n', "\r\n");
        let recs = records(mbox.as_bytes());
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].subject.as_deref(), Some("two"));
        assert_eq!(recs[1].line, 7);
    }

    #[test]
    fn no_trailing_newline() {
        let mbox = "From a@x\nFrom: a@x.org\nSubject: end";
        let recs = records(mbox.as_bytes());
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].subject.as_deref(), Some("end"));
        let mut reader = MboxReader::new(mbox.as_bytes());
        reader.by_ref().for_each(drop);
        assert_eq!(reader.bytes_read(), mbox.len() as u64);
    }

    #[test]
    fn empty_and_blank_files() {
        assert!(read_all(b"").is_empty());
        assert!(read_all(b"\n\r\n\n").is_empty());
    }

    #[test]
    fn garbage_bytes_give_errors_not_panics() {
        let garbage: Vec<u8> = (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for item in read_all(&garbage) {
            assert!(item.is_err());
        }
        let mut with_sep = b"From x\n".to_vec();
        with_sep.extend_from_slice(&garbage);
        let _ = read_all(&with_sep);
        let _ = read_eml(&garbage, 1);
        assert!(read_eml(b"", 1).is_err());
    }

    #[test]
    fn preamble_is_one_error_then_messages() {
        let mbox = format!("junk line\nmore junk\n\n{TWO}");
        let items = read_all(mbox.as_bytes());
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap_err().line, 1);
        assert!(items[1].is_ok() && items[2].is_ok());
    }

    #[test]
    fn eml_given_as_mbox_is_one_message() {
        let recs = records(b"From: a@x.org\nTo: b@y.org\n\nhi\n");
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].to[0].email, "b@y.org");
    }

    #[test]
    fn escaped_from_in_headers_is_dropped() {
        let mbox = "From a@x\n>From a@x Mon\nFrom: a@x.org\nSubject: s\n\n>From body\n";
        let recs = records(mbox.as_bytes());
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].from.len(), 1);
    }

    #[test]
    fn stray_from_lines_do_not_change_the_envelope() {
        let mbox = "From a Mon Jan  1 00:00:00 2024\nFrom: a@x.org\nFrom b Tue Feb  2 00:00:00 \
                    2021\nSubject: s\n\nbody\n\nFrom c Wed Mar  3 00:00:00 2021\nFrom d Thu Apr  \
                    4 00:00:00 2021\nFrom: c@x.org\n\n";
        let recs = records(mbox.as_bytes());
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].subject.as_deref(), Some("s"));
        let date = |r: &MailRecord| r.envelope_date.unwrap().to_string();
        assert_eq!(date(&recs[0]), "2024-01-01T00:00:00Z");
        assert_eq!(date(&recs[1]), "2021-03-03T00:00:00Z");
        assert_eq!(recs[1].line, 8);
    }

    #[test]
    fn oversized_header_block_is_an_error_and_reading_goes_on() {
        let mut mbox = String::from("From a@x\nFrom: a@x.org\n");
        let long = format!("X-Long: {}\n", "y".repeat(1000));
        while mbox.len() < MAX_HEADER_BYTES + 10_000 {
            mbox.push_str(&long);
        }
        mbox.push_str("\nbody\n\n");
        mbox.push_str(TWO);
        let items = read_all(mbox.as_bytes());
        assert_eq!(items.len(), 3);
        assert!(items[0].is_err());
        assert!(items[1].is_ok());
    }

    #[test]
    fn small_reader_buffer_gives_the_same_result() {
        let mbox = TWO.replace('\n', "\r\n");
        let expected = records(mbox.as_bytes());
        let reader = BufReader::with_capacity(3, mbox.as_bytes());
        let got: Vec<MailRecord> = MboxReader::new(reader).map(|r| r.unwrap()).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn bulk_reasons() {
        let bulk = |headers: &str| read_eml(headers.as_bytes(), 1).unwrap().bulk;
        assert_eq!(
            bulk("From: a@x.org\nList-Id: <l.x.org>\n\n"),
            Some(BulkReason::ListId)
        );
        assert_eq!(
            bulk("From: a@x.org\nPrecedence: Bulk\n\n"),
            Some(BulkReason::PrecedenceBulkOrList)
        );
        assert_eq!(bulk("From: a@x.org\nAuto-Submitted: no\n\n"), None);
        assert_eq!(
            bulk("From: a@x.org\nAuto-Submitted: auto-replied\n\n"),
            Some(BulkReason::AutoSubmitted)
        );
        assert_eq!(
            bulk("From: GitHub <No-Reply+abc@github.com>\n\n"),
            Some(BulkReason::NoReplySender)
        );
        assert_eq!(
            bulk("From: MAILER-DAEMON@x.org\n\n"),
            Some(BulkReason::NoReplySender)
        );
        assert_eq!(
            bulk("From: a@x.org\nList-Unsubscribe: <mailto:u@x.org>\n\n"),
            Some(BulkReason::ListUnsubscribe)
        );
        assert_eq!(bulk("From: Ana <ana@x.org>\n\n"), None);
    }

    #[test]
    fn thread_roots() {
        let rec = |h: &str| read_eml(h.as_bytes(), 1).unwrap();
        let r = rec(
            "From: a@x.org\nMessage-ID: <m3@x>\nIn-Reply-To: <m2@x>\nReferences: <m1@x> <m2@x>\n\n",
        );
        assert_eq!(thread_root(&r), "m1@x");
        let r = rec("From: a@x.org\nMessage-ID: <m3@x>\nIn-Reply-To: <m2@x>\n\n");
        assert_eq!(thread_root(&r), "m2@x");
        let r = rec("From: a@x.org\nMessage-ID: <m3@x>\n\n");
        assert_eq!(thread_root(&r), "m3@x");
        let a = rec("From: a@x.org\nTo: b@y.org\nSubject: Lunch\n\n");
        let b = rec("From: B <B@y.org>\nTo: a@x.org\nSubject: RE: Re[2]: Fwd:  lunch\n\n");
        let c = rec("From: a@x.org\nTo: c@y.org\nSubject: Lunch\n\n");
        assert!(thread_root(&a).starts_with("subject:"));
        assert_eq!(thread_root(&a), thread_root(&b));
        assert_ne!(thread_root(&a), thread_root(&c));
    }

    #[test]
    fn addresses_are_lowercased_and_groups_flattened() {
        let r = read_eml(
            b"From: \"Lee, Ana\" <Ana.Lee@Example.COM>\nTo: team: b@y.org, C <c@z.org>;, bad@, @bad\n\n",
            1,
        )
        .unwrap();
        assert_eq!(r.from[0].name.as_deref(), Some("Lee, Ana"));
        assert_eq!(r.from[0].email, "ana.lee@example.com");
        let to: Vec<&str> = r.to.iter().map(|a| a.email.as_str()).collect();
        assert_eq!(to, ["b@y.org", "c@z.org"]);
    }

    #[test]
    fn envelope_dates() {
        let t = |envelope: &str| {
            let eml = format!("{envelope}\nFrom: a@x.org\n\n");
            read_eml(eml.as_bytes(), 1)
                .unwrap()
                .envelope_date
                .map(|t| t.to_string())
        };
        assert_eq!(
            t("From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info").as_deref(),
            Some("2022-08-07T11:40:37Z")
        );
        assert_eq!(
            t("From - Tue Oct 02 00:26:47 2007").as_deref(),
            Some("2007-10-02T00:26:47Z")
        );
        assert_eq!(
            t("From 1234@xxx Mon May 02 16:07:05 -0600 2005").as_deref(),
            Some("2005-05-02T22:07:05Z")
        );
        assert_eq!(t("From "), None);
        assert_eq!(t("From x Feb 31 10:00:00 2020"), None);
        // A zone that is not a number (and not ASCII) is ignored, without a panic.
        assert_eq!(
            t("From x Feb 3 10:00:00 +é00 2020").as_deref(),
            Some("2020-02-03T10:00:00Z")
        );
    }
}
