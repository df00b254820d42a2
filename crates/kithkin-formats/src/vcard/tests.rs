use super::*;
use jiff::civil::date;
use kithkin_core::dates::YearlyDay;

fn day(month: i32, day: i32, year: Option<i32>) -> Option<YearlyDay> {
    YearlyDay::new(month, day, year).ok()
}

fn read(text: &str) -> VcardsRead {
    read_vcards(text.as_bytes())
}

fn written(records: &[ContactRecord]) -> String {
    let mut out = Vec::new();
    assert!(write_vcards(&mut out, records).is_ok());
    String::from_utf8(out).unwrap_or_default()
}

/// Writes and reads back; `line` is the only field allowed to differ.
fn assert_round_trip(records: &[ContactRecord]) {
    let text = written(records);
    let back = read_vcards(text.as_bytes());
    assert_eq!(back.errors, vec![], "{text}");
    let strip = |r: &ContactRecord| ContactRecord {
        line: 0,
        ..r.clone()
    };
    let expected: Vec<_> = records.iter().map(strip).collect();
    let got: Vec<_> = back.records.iter().map(strip).collect();
    for (e, g) in expected.iter().zip(&got) {
        assert_eq!(e, g, "{text}");
    }
    assert_eq!(expected.len(), got.len());
}

#[test]
fn reads_the_fields_of_a_3_0_card() {
    let r = read(concat!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n",
        "N:Lima;Ana;Maria;Dr.;PhD\r\n",
        "NICKNAME:Aninha\r\n",
        "EMAIL;TYPE=INTERNET:ana@work.example\r\n",
        "EMAIL;TYPE=INTERNET,pref:Ana@Home.example\r\n",
        "EMAIL:ana@home.EXAMPLE\r\n",
        "TEL;TYPE=CELL:+55 11 5555-0100\r\n",
        "TEL:+55 (11) 5555 0100\r\n",
        "ORG:Acme\\, Inc;Research\r\n",
        "TITLE:Chemist\r\n",
        "item1.ADR;TYPE=HOME:;Apt 5;Rua A\\, 10\\nFundos;São Paulo;SP;01000-000;Brasil\r\n",
        "URL:https://ana.example\r\n",
        "URL:https://www.linkedin.com/in/ana-lima\r\n",
        "NOTE:first line\\nsecond\\, with comma\\; and semicolon\r\n",
        "BDAY:19900415T000000\r\n",
        "item2.X-ABDATE:2015-06-20\r\n",
        "item2.X-ABLabel:_$!<Anniversary>!$_\r\n",
        "CATEGORIES:Friends,Work\\, old,friends\r\n",
        "UID:urn:uuid:1234\r\n",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n",
        " /4QBYRXhpZgAATU0AKgAA\r\n",
        "END:VCARD\r\n"
    ));
    assert_eq!(r.errors, vec![]);
    let c = &r.records[0];
    assert_eq!(c.line, 1);
    assert_eq!(c.name, "Dr. Ana Maria Lima PhD");
    assert_eq!(c.nickname.as_deref(), Some("Aninha"));
    assert_eq!(c.emails, ["Ana@Home.example", "ana@work.example"]);
    assert_eq!(c.phones, ["+55 11 5555-0100"]);
    assert_eq!(c.organisation.as_deref(), Some("Acme, Inc"));
    assert_eq!(c.title.as_deref(), Some("Chemist"));
    assert_eq!(
        c.addresses,
        ["Apt 5, Rua A, 10, Fundos, São Paulo, SP, 01000-000, Brasil"]
    );
    assert_eq!(c.urls, ["https://ana.example"]);
    assert_eq!(
        c.linkedin.as_deref(),
        Some("https://www.linkedin.com/in/ana-lima")
    );
    assert_eq!(c.notes, ["first line\nsecond, with comma; and semicolon"]);
    assert_eq!(c.birthday, day(4, 15, Some(1990)));
    assert_eq!(c.anniversary, day(6, 20, Some(2015)));
    assert_eq!(c.categories, ["Friends", "Work, old"]);
    assert_eq!(c.uid.as_deref(), Some("urn:uuid:1234"));
}

#[test]
fn reads_2_1_quoted_printable_charsets_and_grouped_properties() {
    let mut file = Vec::new();
    file.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\n");
    // Latin-1 raw bytes, QP in Windows-1252 with a soft line break, QP UTF-8 without CHARSET.
    file.extend_from_slice(b"N;CHARSET=ISO-8859-1:M\xfcller;J\xfcrgen\r\n");
    file.extend_from_slice(
        b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=windows-1252:Reid=92s =\r\nplace=0D=0Anext\r\n",
    );
    file.extend_from_slice(b"TITLE;QUOTED-PRINTABLE:Gesch=C3=A4ftsf=C3=BChrer\r\n");
    file.extend_from_slice(b"TEL;WORK;PREF:1\r\nTEL;HOME:2\r\n");
    file.extend_from_slice(b"PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n");
    file.extend_from_slice(b"    /4QBYRXhpZgAATU0AKgAA\r\n\r\n");
    file.extend_from_slice(b"BDAY:--0229\r\nEND:VCARD\r\n");
    let r = read_vcards(&file);
    assert_eq!(r.errors, vec![]);
    let c = &r.records[0];
    assert_eq!(c.name, "Jürgen Müller");
    assert_eq!(c.notes, ["Reid\u{2019}s place\nnext"]);
    assert_eq!(c.title.as_deref(), Some("Geschäftsführer"));
    assert_eq!(c.phones, ["1", "2"]);
    assert_eq!(c.birthday, day(2, 29, None));
}

#[test]
fn reads_shift_jis() {
    // 安藤ロイド in Shift_JIS, raw and quoted-printable.
    let file = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:\x88\xc0\x93\xa1\x83\x8d\x83\x43\x83\x68;;;;\r\nNOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=83=81=83=82\r\nEND:VCARD\r\n";
    let r = read_vcards(file);
    assert_eq!(r.records[0].name, "安藤ロイド");
    assert_eq!(r.records[0].notes, ["メモ"]);
}

#[test]
fn reads_4_0_dates_and_social_profiles() {
    let r = read(concat!(
        "BEGIN:VCARD\nVERSION:4.0\nFN:A\nBDAY:--04-15\nANNIVERSARY:1990-04-15T10:00:00\n",
        "X-SOCIALPROFILE;TYPE=linkedin:x-apple:ana\n",
        "SOCIALPROFILE;SERVICE-TYPE=Mastodon:https://social.example/@ana\n",
        "END:VCARD\n",
        "BEGIN:VCARD\nVERSION:4.0\nFN:B\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-12-24\n",
        "X-ANNIVERSARY:2001-02-03\nEND:VCARD\n",
    ));
    assert_eq!(r.errors, vec![]);
    assert_eq!(r.records[0].birthday, day(4, 15, None));
    assert_eq!(r.records[0].anniversary, day(4, 15, Some(1990)));
    assert_eq!(
        r.records[0].linkedin.as_deref(),
        Some("https://www.linkedin.com/in/ana")
    );
    assert_eq!(r.records[0].urls, ["https://social.example/@ana"]);
    assert_eq!(r.records[1].birthday, day(12, 24, None));
    assert_eq!(r.records[1].anniversary, day(2, 3, Some(2001)));
}

#[test]
fn bad_cards_are_errors_and_the_others_are_still_read() {
    let r = read(concat!(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:3.0\nNOTE:nobody\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bad Day\nBDAY:1990-13-01\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Free Text Day\nBDAY;VALUE=text:circa 1800\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\n",
    ));
    let names: Vec<_> = r
        .records
        .iter()
        .map(|c| (c.line, c.name.as_str()))
        .collect();
    assert_eq!(names, [(1, "Good One"), (14, "Free Text Day")]);
    assert_eq!(
        r.errors,
        [
            RecordError {
                line: 5,
                message: "card at line 5 has no name, email or phone".into()
            },
            RecordError {
                line: 9,
                message: "card at line 9: BDAY \"1990-13-01\" is not a date (month 13 is not 1-12)"
                    .into()
            },
            RecordError {
                line: 19,
                message: "card at line 19 has no END:VCARD".into()
            },
        ]
    );
}

#[test]
fn no_card_at_all() {
    assert_eq!(read(""), VcardsRead::default());
    assert_eq!(read(" \r\n\n"), VcardsRead::default());
    let r = read("hello\nworld\n");
    assert_eq!(r.records, vec![]);
    assert_eq!(r.errors[0].line, 1);
}

/// A tiny deterministic generator, so the "property" test needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// Text of 1 to `max` pieces mixing the characters vCard writers get wrong.
    fn text(&mut self, max: usize) -> String {
        const PIECES: &[&str] = &[
            "Ana",
            "Lima",
            " ",
            ", ",
            ";",
            "\\",
            ":",
            "=",
            "\"",
            "é",
            "ß",
            "Ñ",
            "日本語",
            "😀",
            "e\u{301}",
            "שלום",
            "x",
            "Zoë",
            "tab\there",
            "^",
            "0",
        ];
        let n = 1 + self.below(max);
        let mut s: String = (0..n).map(|_| PIECES[self.below(PIECES.len())]).collect();
        s = s.trim().to_owned();
        if s.is_empty() { "x".to_owned() } else { s }
    }
}

fn generated(rng: &mut Rng, i: usize) -> ContactRecord {
    let mut r = ContactRecord {
        name: rng.text(8),
        ..ContactRecord::default()
    };
    if rng.chance(50) {
        r.uid = Some(format!("uid-{i}-{}", rng.text(3)));
    }
    if rng.chance(30) {
        r.nickname = Some(rng.text(4));
    }
    for k in 0..rng.below(4) {
        r.emails.push(format!("p{i}.{k}@example.org"));
    }
    for k in 0..rng.below(3) {
        r.phones.push(format!("+1 555 01{i:04}{k}"));
    }
    if rng.chance(50) {
        r.organisation = Some(rng.text(5));
    }
    if rng.chance(50) {
        r.title = Some(rng.text(5));
    }
    if rng.chance(40) {
        r.addresses
            .push(format!("{} Main St, Springfield", rng.below(999)));
    }
    if rng.chance(30) {
        r.urls.push(format!("https://example.org/{i}?a=1&b=2"));
    }
    if rng.chance(30) {
        r.linkedin = Some(format!("https://www.linkedin.com/in/person-{i}"));
    }
    if rng.chance(50) {
        let lines: Vec<String> = (0..1 + rng.below(4)).map(|_| rng.text(30)).collect();
        r.notes.push(lines.join("\n"));
    }
    if rng.chance(60) {
        let year = rng.chance(50).then(|| 1900 + rng.below(120) as i32);
        let (m, d) = (1 + rng.below(12) as i32, 1 + rng.below(28) as i32);
        r.birthday = day(m, d, year);
    }
    if rng.chance(20) {
        r.anniversary = day(2, 29, rng.chance(50).then_some(2000));
    }
    if rng.chance(40) {
        r.categories = vec!["friends".into(), rng.text(3)];
        r.categories
            .dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
    }
    if rng.chance(20) {
        r.connected_on = Some(date(2020, 1 + rng.below(12) as i8, 1 + rng.below(28) as i8));
    }
    r
}

#[test]
fn round_trips_a_table_of_awkward_records() {
    let long = "Ünïcödé ".repeat(40);
    let records = vec![
        ContactRecord {
            uid: Some("urn:uuid:0192f1d2-7c3a-7b4e-9a1b-000000000001".into()),
            name: "Ana, Lima; \"Jr.\" \\ 日本".into(),
            nickname: Some("Bob, Bobby".into()),
            emails: vec!["ana@example.org".into(), "ANA.LIMA@work.example".into()],
            phones: vec!["+55 11 5555-0100".into(), "p1234w5;ext=9".into()],
            organisation: Some("Acme; Inc, Ltd".into()),
            title: Some(long.trim().to_owned()),
            addresses: vec!["Rua A, 10; Fundos, São Paulo".into()],
            urls: vec!["https://example.org/a,b;c\\d".into()],
            notes: vec![
                "line one\nline two, with comma; semicolon \\ backslash".into(),
                format!("{}end", "😀".repeat(50)),
            ],
            birthday: day(2, 29, None),
            anniversary: day(2, 29, Some(2000)),
            categories: vec!["Friends".into(), "Work, old".into(), "a;b".into()],
            linkedin: Some("linkedin.com/in/not-a-full-url".into()),
            connected_on: Some(date(2021, 3, 4)),
            ..ContactRecord::default()
        },
        ContactRecord {
            name: String::new(),
            emails: vec!["only@example.org".into()],
            birthday: day(12, 31, Some(1)),
            ..ContactRecord::default()
        },
        ContactRecord {
            name: "x".repeat(200),
            phones: vec!["1".into()],
            birthday: day(1, 1, Some(9999)),
            ..ContactRecord::default()
        },
    ];
    assert_round_trip(&records);
}

#[test]
fn round_trips_generated_records() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let records: Vec<_> = (0..500).map(|i| generated(&mut rng, i)).collect();
    assert_round_trip(&records);
}

#[test]
fn writes_folded_crlf_vcard_4_0() {
    let record = ContactRecord {
        uid: Some("u1".into()),
        name: "Ana Lima".into(),
        notes: vec!["é".repeat(100)],
        birthday: day(4, 15, None),
        linkedin: Some("https://www.linkedin.com/in/ana".into()),
        ..ContactRecord::default()
    };
    let text = written(std::slice::from_ref(&record));
    assert!(
        text.starts_with(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nPRODID:-//Kithkin//EN\r\nUID:u1\r\nFN:Ana Lima\r\n"
        ),
        "{text}"
    );
    assert!(text.contains("\r\nBDAY:--0415\r\n"), "{text}");
    assert!(
        text.contains("\r\nX-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/ana\r\n"),
        "{text}"
    );
    assert!(text.ends_with("END:VCARD\r\n"));
    assert!(
        !text.replace("\r\n", "").contains(['\r', '\n']),
        "bare line ends: {text:?}"
    );
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines.iter().all(|l| l.len() <= 75), "{text}");
    assert!(
        lines.iter().filter(|l| l.starts_with(' ')).count() >= 2,
        "{text}"
    );
}

#[test]
fn never_panics_on_garbage_or_truncated_input() {
    let card = written(&[ContactRecord {
        name: "Ana Lima".into(),
        notes: vec!["é😀".repeat(30)],
        ..ContactRecord::default()
    }]);
    let samples: &[&[u8]] = &[
        card.as_bytes(),
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE;CHARSET=SHIFT_JIS:=83=\r\n=\r\nEND:VCARD\r\n",
        b"BEGIN:VCARD\nPHOTO;ENCODING=BASE64:///\n\n\nEND:VCARD\nBEGIN:VCARD\nBEGIN:VCARD\nEND:VCARD",
        b"BEGIN:VCARD\nFN;\"a:b\nBDAY:99999999999999999999\nTEL;PREF=99999999999:1\nEND:VCARD\n",
        b"\xff\xfe\x00",
        b"\xfe\xff",
        b"B\0E\0G\0I\0N\0:\0V\0C\0A\0R\0D\0\n\0",
    ];
    for sample in samples {
        for end in 0..=sample.len() {
            let _ = read_vcards(&sample[..end]);
        }
    }
    let mut rng = Rng(42);
    const ALPHABET: &[u8] =
        b"BEGINENDVCARD:;=,.\\\r\n \t\"QUOTED-PRINTABLE0123456789\xc3\xa9\xff\x80";
    for _ in 0..2000 {
        let len = rng.below(200);
        let mut bytes: Vec<u8> = (0..len)
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        if rng.chance(50) {
            bytes.splice(0..0, b"BEGIN:VCARD\n".iter().copied());
        }
        let _ = read_vcards(&bytes);
    }
}

/// A big file is read on several threads, a chunk at a time: every card comes out once, its
/// contact or its error, in file order and with its line — while the threads finish their
/// chunks in whatever order. `read_vcards` (the stream collected) keeps that order too.
#[test]
fn big_files_read_in_parallel_keep_file_order_and_lines() {
    let mut file = String::new();
    let mut expected: Vec<(Option<String>, u64)> = Vec::new();
    let mut line = 1u64;
    let total = 2 * super::PARALLEL_FROM + super::STREAM_CHUNK / 2 + 3;
    for i in 0..total {
        if i % 11 == 5 {
            // no name, email or phone: an error at its BEGIN line
            file.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n");
            expected.push((None, line));
            line += 4;
        } else {
            file.push_str(&format!(
                "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Person {i}\r\nTEL:+1 555 {i:07}\r\nEND:VCARD\r\n"
            ));
            expected.push((Some(format!("Person {i}")), line));
            line += 5;
        }
    }
    let stream = super::stream_vcards(file.as_bytes());
    assert_eq!(stream.cards(), total);
    let got: Vec<(Option<String>, u64)> = stream
        .map(|card| match card {
            Ok(record) => (Some(record.name), record.line),
            Err(error) => (None, error.line),
        })
        .collect();
    assert_eq!(got, expected);

    let read = read_vcards(file.as_bytes());
    let names: Vec<(Option<String>, u64)> = read
        .records
        .into_iter()
        .map(|r| (Some(r.name), r.line))
        .collect();
    let want: Vec<(Option<String>, u64)> =
        expected.iter().filter(|e| e.0.is_some()).cloned().collect();
    assert_eq!(names, want);
    let error_lines: Vec<u64> = read.errors.iter().map(|e| e.line).collect();
    let want: Vec<u64> = expected
        .iter()
        .filter(|e| e.0.is_none())
        .map(|e| e.1)
        .collect();
    assert_eq!(error_lines, want);
}
