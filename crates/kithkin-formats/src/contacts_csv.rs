//! Contact lists exported as CSV, read into [`ContactRecord`]s: Google Contacts (the current
//! layout and the legacy "Google CSV"), Outlook (the desktop export and the "Outlook CSV" that
//! Outlook.com and Google Contacts write), LinkedIn `Connections.csv` (the 2018 layout and the
//! 2024 one with its `Notes:` preamble) and Thunderbird's address-book export.
//!
//! Columns are matched by header name (case and surrounding spaces ignored), never by
//! position, so exports with more or fewer columns read the same. A UTF-8 byte-order mark is
//! stripped; UTF-16 files (with their mark) are decoded, and a field that is not UTF-8 is read
//! as Windows-1252, as older Outlook versions write it. Rows may be shorter or longer than the
//! header. Google's multi-values (`a ::: b`) are split. A record that cannot be read is reported
//! with the file line where it starts (quoted fields may span lines; the LinkedIn preamble
//! counts) and skipped; the rest is read. A file that is not the layout asked for is refused
//! with the columns expected and the columns found.
//!
//! ```
//! use kithkin_formats::contacts_csv::{Layout, detect_layout, read_google_csv};
//! let csv = "First Name,Last Name,Labels,E-mail 1 - Value,Birthday\n\
//!            Ana,Lima,* myContacts ::: Friends,ana@example.org ::: ana@work.example,--04-15\n\
//!            Ben,Ode,,ben@example.org,1990-13-01\n";
//! assert_eq!(detect_layout(csv.lines().next().unwrap()), Some(Layout::GoogleCurrent));
//! let read = read_google_csv(csv.as_bytes()).unwrap();
//! assert_eq!(read.records[0].emails, ["ana@example.org", "ana@work.example"]);
//! assert_eq!(read.records[0].categories, ["Friends"]);
//! assert_eq!(read.errors[0].line, 3); // the impossible birthday: Ben is skipped, and said so
//! ```

use crate::contact::ContactRecord;
use crate::edges::RecordError;
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use kithkin_core::dates::YearlyDay;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Read};

/// A CSV layout of contacts that Kithkin recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Google Contacts export, current web UI (`First Name`, `Labels`, `E-mail 1 - Value`, …).
    GoogleCurrent,
    /// Google's older "Google CSV" (`Name`, `Given Name`, `Family Name`, `Group Membership`, …).
    GoogleLegacy,
    /// Outlook for Windows, File > Export > Comma Separated Values (`"Title","First Name",…`).
    OutlookDesktop,
    /// The "Outlook CSV" that Outlook.com and Google Contacts export (`First Name,Middle
    /// Name,Last Name,Title,Suffix,Initials,Web Page,…`).
    OutlookCom,
    /// LinkedIn `Connections.csv` without a profile URL (about 2018).
    LinkedIn2018,
    /// LinkedIn `Connections.csv` with a `URL` column, usually after a `Notes:` preamble.
    LinkedIn2024,
    /// Thunderbird address-book export (`Display Name`, `Primary Email`, …).
    Thunderbird,
}

impl Layout {
    /// Every layout, in the order detection tries them.
    pub const ALL: [Layout; 7] = [
        Layout::LinkedIn2024,
        Layout::LinkedIn2018,
        Layout::Thunderbird,
        Layout::OutlookDesktop,
        Layout::OutlookCom,
        Layout::GoogleLegacy,
        Layout::GoogleCurrent,
    ];

    /// What the layout is, in words for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Layout::GoogleCurrent => "a Google Contacts CSV export",
            Layout::GoogleLegacy => "a Google Contacts CSV export (legacy \"Google CSV\" layout)",
            Layout::OutlookDesktop => "an Outlook desktop CSV export",
            Layout::OutlookCom => "an Outlook CSV export (Outlook.com or Google's \"Outlook CSV\")",
            Layout::LinkedIn2018 => "a LinkedIn Connections.csv (2018 layout)",
            Layout::LinkedIn2024 => "a LinkedIn Connections.csv (2024 layout)",
            Layout::Thunderbird => "a Thunderbird address-book CSV export",
        }
    }
}

impl std::fmt::Display for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

/// What a contacts reader found: the layout, the good records, and an error for each record
/// that was skipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsvRead {
    /// The layout the header showed.
    pub layout: Layout,
    /// Contacts, in file order.
    pub records: Vec<ContactRecord>,
    /// Records that were skipped, with their file line, in file order.
    pub errors: Vec<RecordError>,
}

/// Why a whole file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// The file has no header line at all.
    #[error("the file is empty: it has no header line")]
    Empty,
    /// The header is not the one of the layout asked for.
    #[error(
        "not {wanted}: expected the columns {expected}; found {found}{hint}",
        found = column_list(.found),
        hint = layout_hint(.detected)
    )]
    WrongLayout {
        /// The layout asked for, in words.
        wanted: &'static str,
        /// The key columns that layout needs, in words.
        expected: &'static str,
        /// The columns the header has, as written.
        found: Vec<String>,
        /// Another layout the header matches, when it does.
        detected: Option<Layout>,
    },
    /// The file could not be read before its header.
    #[error("cannot read the file: {0}")]
    Read(String),
}

fn column_list(found: &[String]) -> String {
    const SHOWN: usize = 12;
    if found.iter().all(|c| c.trim().is_empty()) {
        return "no column names".to_owned();
    }
    let mut out: Vec<String> = found.iter().take(SHOWN).map(|c| format!("`{c}`")).collect();
    if found.len() > SHOWN {
        out.push(format!("and {} more", found.len() - SHOWN));
    }
    out.join(", ")
}

fn layout_hint(detected: &Option<Layout>) -> String {
    detected.map_or_else(String::new, |l| format!(" (this looks like {l})"))
}

const GOOGLE_WANTED: &str = "a Google Contacts CSV export";
const GOOGLE_EXPECTED: &str = "`First Name`, `Last Name` and `Labels` or `E-mail 1 - Value` (current layout), or `Name`, `Given Name`, `Family Name` (legacy \"Google CSV\")";
const OUTLOOK_WANTED: &str = "an Outlook CSV export";
const OUTLOOK_EXPECTED: &str =
    "`First Name`, `Last Name`, `E-mail Address` (Outlook desktop or Outlook.com layout)";
const LINKEDIN_WANTED: &str = "a LinkedIn Connections.csv";
const LINKEDIN_EXPECTED: &str = "`First Name`, `Last Name`, `Connected On` (and `URL` since about 2020), after an optional `Notes:` preamble";
const THUNDERBIRD_WANTED: &str = "a Thunderbird address-book CSV export";
const THUNDERBIRD_EXPECTED: &str = "`First Name`, `Last Name`, `Display Name`, `Primary Email`";
const ANY_WANTED: &str = "a contacts CSV export";
const ANY_EXPECTED: &str = "those of a Google, Outlook, LinkedIn or Thunderbird contacts export";

/// Reads a Google Contacts CSV export, current or legacy layout (chosen from the header).
pub fn read_google_csv(input: impl Read) -> Result<CsvRead, CsvError> {
    read_layouts(
        input,
        &[Layout::GoogleCurrent, Layout::GoogleLegacy],
        GOOGLE_WANTED,
        GOOGLE_EXPECTED,
    )
}

/// Reads an Outlook CSV export: the desktop layout or the Outlook.com / Google "Outlook CSV"
/// one. Exchange-internal addresses (`/o=…`, type `EX`) are left out of the emails.
pub fn read_outlook_csv(input: impl Read) -> Result<CsvRead, CsvError> {
    read_layouts(
        input,
        &[Layout::OutlookDesktop, Layout::OutlookCom],
        OUTLOOK_WANTED,
        OUTLOOK_EXPECTED,
    )
}

/// Reads a LinkedIn `Connections.csv` (2018 or 2024 layout; the `Notes:` preamble is skipped,
/// its lines still counted). `Connected On` becomes [`ContactRecord::connected_on`] and the
/// profile URL [`ContactRecord::linkedin`].
pub fn read_linkedin_connections(input: impl Read) -> Result<CsvRead, CsvError> {
    read_layouts(
        input,
        &[Layout::LinkedIn2024, Layout::LinkedIn2018],
        LINKEDIN_WANTED,
        LINKEDIN_EXPECTED,
    )
}

/// Reads a Thunderbird address-book CSV export.
pub fn read_thunderbird_csv(input: impl Read) -> Result<CsvRead, CsvError> {
    read_layouts(
        input,
        &[Layout::Thunderbird],
        THUNDERBIRD_WANTED,
        THUNDERBIRD_EXPECTED,
    )
}

/// Reads any contacts CSV this module knows, in the layout its header shows.
pub fn read_contacts_csv(input: impl Read) -> Result<CsvRead, CsvError> {
    read_layouts(input, &Layout::ALL, ANY_WANTED, ANY_EXPECTED)
}

/// The layout of a header line (the first line of a file; a LinkedIn file whose first line is
/// its `Notes:` preamble counts as the 2024 layout). `None` when no layout matches.
pub fn detect_layout(header_line: &str) -> Option<Layout> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(Decoded::new(header_line.as_bytes()));
    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record).ok()? {
        return None;
    }
    let fields = normalised(&decode_record(&record));
    if is_notes_preamble(&fields) {
        return Some(Layout::LinkedIn2024);
    }
    classify(&fields)
}

/// The layout of a whole file, read from its start (past a LinkedIn preamble). `None` when
/// no layout matches or the file cannot be read.
pub fn detect_file_layout(input: impl Read) -> Option<Layout> {
    let sheet = Sheet::open(input, |cols| classify(cols).is_some()).ok()?;
    classify(&sheet.names)
}

fn read_layouts(
    input: impl Read,
    accept: &[Layout],
    wanted: &'static str,
    expected: &'static str,
) -> Result<CsvRead, CsvError> {
    let mut sheet = Sheet::open(input, |cols| classify(cols).is_some())?;
    let detected = classify(&sheet.names);
    let layout = match detected {
        Some(l) if accept.contains(&l) => l,
        _ => {
            return Err(CsvError::WrongLayout {
                wanted,
                expected,
                found: sheet.header.clone(),
                detected,
            });
        }
    };
    let plan = Plan::new(layout, &sheet);
    let mut out = CsvRead {
        layout,
        records: Vec::new(),
        errors: Vec::new(),
    };
    while let Some(row) = sheet.next_row() {
        match row {
            Err(e) => out.errors.push(e),
            Ok(row) => match plan.contact(&row) {
                Ok(c) => out.records.push(c),
                Err(message) => out.errors.push(RecordError {
                    line: row.line,
                    message,
                }),
            },
        }
    }
    Ok(out)
}

/// Which layout a normalised header has.
pub(crate) fn classify(cols: &[String]) -> Option<Layout> {
    let has = |name: &str| cols.iter().any(|c| c == name);
    let person = has("first name") && has("last name");
    if person && (has("connected on") || (has("position") && has("email address"))) {
        return Some(if has("url") {
            Layout::LinkedIn2024
        } else {
            Layout::LinkedIn2018
        });
    }
    if has("primary email") && (has("display name") || person) {
        return Some(Layout::Thunderbird);
    }
    if has("e-mail address") && (has("first name") || has("last name")) {
        let desktop = has("e-mail display name")
            || has("e-mail type")
            || cols.iter().any(|c| c.ends_with("country/region"));
        return Some(if desktop {
            Layout::OutlookDesktop
        } else {
            Layout::OutlookCom
        });
    }
    if has("given name") && has("family name") {
        return Some(Layout::GoogleLegacy);
    }
    let google_marks = has("labels")
        || has("organization name")
        || has("file as")
        || has("phonetic first name")
        || cols.iter().any(|c| {
            numbered(c, "e-mail ", " - value").is_some()
                || numbered(c, "phone ", " - value").is_some()
        });
    if person && google_marks {
        return Some(Layout::GoogleCurrent);
    }
    None
}

/// `N` when `col` is `prefix N suffix`.
fn numbered(col: &str, prefix: &str, suffix: &str) -> Option<u32> {
    let n = col.strip_prefix(prefix)?.strip_suffix(suffix)?;
    if n.is_empty() || n.len() > 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

// ---------------------------------------------------------------------------------------------
// The CSV sheet shared by every reader here and in `linkedin`.

/// A header name as matched: trimmed, byte-order mark removed, lower case.
fn normalise(name: &str) -> String {
    name.trim_start_matches('\u{feff}').trim().to_lowercase()
}

fn normalised(fields: &[String]) -> Vec<String> {
    fields.iter().map(|f| normalise(f)).collect()
}

fn is_notes_preamble(fields: &[String]) -> bool {
    matches!(fields, [only] if only == "notes:" || only == "notes")
}

/// An open CSV file whose header has been read: rows come one at a time with their line.
pub(crate) struct Sheet<R: Read> {
    reader: csv::Reader<Decoded<R>>,
    /// The header, normalised (see [`normalise`]).
    pub(crate) names: Vec<String>,
    /// The header as written.
    pub(crate) header: Vec<String>,
    index: HashMap<String, usize>,
    record: csv::ByteRecord,
    done: bool,
}

/// One data row of a [`Sheet`].
pub(crate) struct Row {
    /// The file line where the record starts.
    pub(crate) line: u64,
    fields: Vec<String>,
}

impl Row {
    /// The trimmed value of a column, when the column exists and the value is not empty.
    pub(crate) fn get(&self, col: Option<usize>) -> Option<&str> {
        col.and_then(|i| self.fields.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }
}

/// How many records a preamble may have before the header.
const MAX_PREAMBLE: usize = 20;

impl<R: Read> Sheet<R> {
    /// Reads the header. A first record that is just `Notes:` starts a preamble (LinkedIn):
    /// records are skipped until one that `is_header` accepts.
    pub(crate) fn open(input: R, is_header: impl Fn(&[String]) -> bool) -> Result<Self, CsvError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Decoded::new(input));
        let mut record = csv::ByteRecord::new();
        let mut header: Option<Vec<String>> = None;
        let mut fallback: Option<Vec<String>> = None;
        let mut preamble = false;
        for seen in 0..=MAX_PREAMBLE {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(CsvError::Read(e.to_string())),
            }
            let fields = decode_record(&record);
            let names = normalised(&fields);
            if seen == 0 && is_notes_preamble(&names) {
                preamble = true;
                continue;
            }
            if !preamble || is_header(&names) {
                header = Some(fields);
                break;
            }
            if fallback.is_none() && fields.len() > 1 {
                fallback = Some(fields);
            }
        }
        let header = match header.or(fallback) {
            Some(h) => h,
            None if preamble => vec!["Notes:".to_owned()],
            None => return Err(CsvError::Empty),
        };
        let header: Vec<String> = header
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
            .collect();
        let names = normalised(&header);
        let mut index = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            index.entry(n.clone()).or_insert(i);
        }
        Ok(Self {
            reader,
            names,
            header,
            index,
            record,
            done: false,
        })
    }

    /// The index of a column, by normalised name.
    pub(crate) fn col(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// The first of several column names the header has.
    pub(crate) fn col_of(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.col(n))
    }

    /// The next row that is not blank, or an error for a record that cannot be read.
    pub(crate) fn next_row(&mut self) -> Option<Result<Row, RecordError>> {
        loop {
            if self.done {
                return None;
            }
            let before = self.reader.position().line();
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {
                    let line = self.record.position().map_or(before, csv::Position::line);
                    let fields = decode_record(&self.record);
                    if fields.iter().all(|f| f.trim().is_empty()) {
                        continue;
                    }
                    return Some(Ok(Row { line, fields }));
                }
                Err(e) => {
                    let line = e.position().map_or(before, csv::Position::line);
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        self.done = true;
                    }
                    return Some(Err(RecordError {
                        line,
                        message: format!("not a readable CSV record: {e}"),
                    }));
                }
            }
        }
    }
}

fn decode_record(record: &csv::ByteRecord) -> Vec<String> {
    record.iter().map(decode_field).collect()
}

/// A field as text: UTF-8 when it is, else Windows-1252 (which older Outlook writes).
fn decode_field(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// Windows-1252: Latin-1 but for 0x80–0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// A reader that drops a UTF-8 byte-order mark, turns UTF-16 (with its mark) into UTF-8, and
/// turns CRLF line ends into LF. The last keeps record lines right: the `csv` crate counts a
/// record's line before it has skipped the LF of the CRLF ending the record before.
pub(crate) struct Decoded<R> {
    inner: R,
    started: bool,
    /// `Some(little_endian)` for UTF-16.
    utf16: Option<bool>,
    /// The bytes read at the start, not handed out yet.
    head: Vec<u8>,
    /// Bytes ready to hand out.
    out: Vec<u8>,
    pos: usize,
    /// UTF-16 bytes not decoded yet (an odd byte, or half a surrogate pair).
    raw: Vec<u8>,
    /// A CR that ended the last chunk: dropped if an LF follows.
    pending_cr: bool,
    eof: bool,
}

impl<R: Read> Decoded<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            started: false,
            utf16: None,
            head: Vec::new(),
            out: Vec::new(),
            pos: 0,
            raw: Vec::new(),
            pending_cr: false,
            eof: false,
        }
    }

    fn read_inner(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                other => return other,
            }
        }
    }

    fn start(&mut self) -> io::Result<()> {
        self.started = true;
        let mut head = [0u8; 3];
        let mut n = 0;
        while n < head.len() {
            match self.read_inner(&mut head[n..])? {
                0 => break,
                k => n += k,
            }
        }
        let head = &head[..n];
        if head.starts_with(&[0xef, 0xbb, 0xbf]) {
            self.head = head[3..].to_vec();
        } else if head.starts_with(&[0xff, 0xfe]) {
            self.utf16 = Some(true);
            self.raw = head[2..].to_vec();
        } else if head.starts_with(&[0xfe, 0xff]) {
            self.utf16 = Some(false);
            self.raw = head[2..].to_vec();
        } else {
            self.head = head.to_vec();
        }
        Ok(())
    }

    /// The next chunk of UTF-8; empty only at the end of the input.
    fn next_chunk(&mut self) -> io::Result<Vec<u8>> {
        if !self.head.is_empty() {
            return Ok(std::mem::take(&mut self.head));
        }
        let mut buf = vec![0u8; 8192];
        let Some(little_endian) = self.utf16 else {
            let n = self.read_inner(&mut buf)?;
            buf.truncate(n);
            return Ok(buf);
        };
        loop {
            if self.eof && self.raw.is_empty() {
                return Ok(Vec::new());
            }
            let n = if self.eof {
                0
            } else {
                self.read_inner(&mut buf)?
            };
            self.eof = n == 0;
            self.raw.extend_from_slice(&buf[..n]);
            let mut units: Vec<u16> = self
                .raw
                .chunks_exact(2)
                .map(|p| {
                    if little_endian {
                        u16::from_le_bytes([p[0], p[1]])
                    } else {
                        u16::from_be_bytes([p[0], p[1]])
                    }
                })
                .collect();
            if !self.eof && units.last().is_some_and(|u| (0xd800..0xdc00).contains(u)) {
                units.pop();
            }
            self.raw.drain(..units.len() * 2);
            let mut text: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{fffd}'))
                .collect();
            if self.eof && !self.raw.is_empty() {
                self.raw.clear();
                text.push('\u{fffd}');
            }
            if !text.is_empty() {
                return Ok(text.into_bytes());
            }
        }
    }

    /// Refills `out`; leaves it empty only at the end of the input.
    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.pos = 0;
        loop {
            let chunk = self.next_chunk()?;
            if chunk.is_empty() {
                if std::mem::take(&mut self.pending_cr) {
                    self.out.push(b'\r');
                }
                return Ok(());
            }
            if std::mem::take(&mut self.pending_cr) && chunk.first() != Some(&b'\n') {
                self.out.push(b'\r');
            }
            let last = chunk.len() - 1;
            for (i, &b) in chunk.iter().enumerate() {
                if b != b'\r' {
                    self.out.push(b);
                } else if i == last {
                    self.pending_cr = true;
                } else if chunk[i + 1] != b'\n' {
                    self.out.push(b);
                }
            }
            if !self.out.is_empty() {
                return Ok(());
            }
        }
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.started {
            self.start()?;
        }
        if self.pos >= self.out.len() {
            self.fill()?;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

// ---------------------------------------------------------------------------------------------
// Dates and times as the exports write them.

/// How a two-digit year is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Century {
    /// 20yy: LinkedIn's dates (the service began in 2003).
    Recent,
    /// 1930–2029, as Windows reads them: Outlook's birthdays.
    Pivot,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
    Colon,
    Dot,
}

fn tokens(s: &str) -> Option<Vec<Tok>> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            if digits.len() > 9 {
                return None;
            }
            out.push(Tok::Num(digits.parse().ok()?, digits.len()));
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(&a) = chars.peek().filter(|a| a.is_alphabetic()) {
                word.extend(a.to_lowercase());
                chars.next();
            }
            out.push(Tok::Word(word));
        } else {
            match c {
                ':' => out.push(Tok::Colon),
                '.' => out.push(Tok::Dot),
                _ => {}
            }
            chars.next();
        }
    }
    Some(out)
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| word.len() >= 3 && m.starts_with(word))
        .map(|i| i as u32 + 1)
}

const NOISE: [&str; 14] = [
    "t", "z", "utc", "gmt", "at", "on", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "the",
];

/// A date, and a time of day when one is written, from the forms the exports use:
/// `2023-05-04 10:12:33 UTC`, `2021/09/01 12:41:31 UTC`, `2023-05-04T10:12:33Z`,
/// `12 Apr 2019`, `6-Feb-26`, `Apr 08, 2024 07:00 AM`, `04/12/2019` and `1/29/26, 2:37 PM`
/// (month first, as the US exports write; day first when the first number cannot be a month).
pub(crate) fn parse_when(s: &str, century: Century) -> Option<(Date, Option<Time>)> {
    let toks = tokens(s)?;
    let mut time = None;
    let mut rest = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if time.is_none()
            && let (Some(Tok::Num(h, _)), Some(Tok::Colon), Some(Tok::Num(m, 2))) =
                (toks.get(i), toks.get(i + 1), toks.get(i + 2))
        {
            let (h, m) = (*h, *m);
            let mut j = i + 3;
            let mut sec = 0;
            if let (Some(Tok::Colon), Some(Tok::Num(s, 2))) = (toks.get(j), toks.get(j + 1)) {
                sec = (*s).min(59);
                j += 2;
                if let (Some(Tok::Dot), Some(Tok::Num(..))) = (toks.get(j), toks.get(j + 1)) {
                    j += 2;
                }
            }
            let hour = match toks.get(j) {
                Some(Tok::Word(w)) if w == "am" || w == "pm" => {
                    j += 1;
                    if !(1..=12).contains(&h) {
                        return None;
                    }
                    h % 12 + if w == "pm" { 12 } else { 0 }
                }
                _ => h,
            };
            if hour > 23 || m > 59 {
                return None;
            }
            time = Some(Time::new(hour as i8, m as i8, sec as i8, 0).ok()?);
            i = j;
            continue;
        }
        rest.push(&toks[i]);
        i += 1;
    }
    let date: Vec<&Tok> = rest
        .into_iter()
        .filter(|t| match t {
            Tok::Num(..) => true,
            Tok::Word(w) => !NOISE.contains(&w.as_str()),
            Tok::Colon | Tok::Dot => false,
        })
        .collect();
    let year = |y: u32, len: usize| -> Option<u32> {
        match len {
            4 => Some(y),
            2 => Some(match century {
                Century::Recent => 2000 + y,
                Century::Pivot if y < 30 => 2000 + y,
                Century::Pivot => 1900 + y,
            }),
            _ => None,
        }
    };
    let (y, m, d) = match date.as_slice() {
        [Tok::Num(y, 4), Tok::Num(m, lm), Tok::Num(d, ld)] if *lm <= 2 && *ld <= 2 => (*y, *m, *d),
        [Tok::Num(a, la), Tok::Num(b, lb), Tok::Num(y, ly)] if *la <= 2 && *lb <= 2 => {
            let y = year(*y, *ly)?;
            if *a <= 12 { (y, *a, *b) } else { (y, *b, *a) }
        }
        [Tok::Num(d, ld), Tok::Word(w), Tok::Num(y, ly)] if *ld <= 2 => {
            (year(*y, *ly)?, month_number(w)?, *d)
        }
        [Tok::Word(w), Tok::Num(d, ld), Tok::Num(y, ly)] if *ld <= 2 => {
            (year(*y, *ly)?, month_number(w)?, *d)
        }
        [Tok::Num(y, 4), Tok::Word(w), Tok::Num(d, ld)] if *ld <= 2 => (*y, month_number(w)?, *d),
        _ => return None,
    };
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let date = Date::new(y as i16, m as i8, d as i8).ok()?;
    Some((date, time))
}

/// A date as the exports write it (a time of day, if any, is dropped).
pub(crate) fn parse_date(s: &str, century: Century) -> Option<Date> {
    parse_when(s, century).map(|(d, _)| d)
}

/// An instant as the exports write it. LinkedIn writes UTC (`… UTC`) or no zone at all;
/// both are read as UTC. A date alone is midnight.
pub(crate) fn parse_timestamp(s: &str, century: Century) -> Option<Timestamp> {
    let (date, time) = parse_when(s, century)?;
    let dt = date.to_datetime(time.unwrap_or(Time::midnight()));
    jiff::tz::TimeZone::UTC.to_timestamp(dt).ok()
}

/// A birthday or anniversary: `1990-04-15`, `--04-15`, `--0415`, `4/15/1990`, `15 Apr 1990`.
/// `0/0/00` (Outlook's "none") and empty text are no date; year 1604 (the placeholder Apple
/// and Google write for "no year") is dropped.
fn parse_yearly_day(s: &str, century: Century) -> Result<Option<YearlyDay>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let toks = tokens(s).ok_or(())?;
    let zeros = toks.iter().all(|t| match t {
        Tok::Num(n, _) => *n == 0,
        Tok::Word(_) => false,
        Tok::Colon | Tok::Dot => true,
    });
    if zeros && toks.iter().any(|t| matches!(t, Tok::Num(..))) {
        return Ok(None);
    }
    if s.starts_with("--") {
        return YearlyDay::parse(s).map(Some).map_err(|_| ());
    }
    let date = parse_date(s, century).ok_or(())?;
    let year = Some(i32::from(date.year())).filter(|&y| y != 1604);
    YearlyDay::new(i32::from(date.month()), i32::from(date.day()), year)
        .map(Some)
        .map_err(|_| ())
}

// ---------------------------------------------------------------------------------------------
// From a row to a contact.

/// A postal address: a formatted column, or the parts to join.
struct AddressCols {
    formatted: Option<usize>,
    parts: Vec<usize>,
}

enum BirthdayCols {
    Absent,
    Text(usize),
    Parts {
        year: Option<usize>,
        month: Option<usize>,
        day: Option<usize>,
    },
}

/// Where each field of a [`ContactRecord`] is in a given header.
struct Plan {
    full_name: Option<usize>,
    name_parts: Vec<usize>,
    file_as: Option<usize>,
    nickname: Option<usize>,
    /// Value column and its label/type column (`* Home` = preferred, `EX` = Exchange).
    emails: Vec<(usize, Option<usize>)>,
    phones: Vec<(usize, Option<usize>)>,
    organisation: Vec<usize>,
    title: Vec<usize>,
    addresses: Vec<AddressCols>,
    urls: Vec<usize>,
    linkedin: Option<usize>,
    notes: Vec<usize>,
    birthday: BirthdayCols,
    anniversary: Option<usize>,
    /// Google's events: label column and value column.
    events: Vec<(Option<usize>, usize)>,
    categories: Vec<usize>,
    categories_by_semicolon: bool,
    connected_on: Option<usize>,
    century: Century,
}

impl Plan {
    fn empty(century: Century) -> Self {
        Self {
            full_name: None,
            name_parts: Vec::new(),
            file_as: None,
            nickname: None,
            emails: Vec::new(),
            phones: Vec::new(),
            organisation: Vec::new(),
            title: Vec::new(),
            addresses: Vec::new(),
            urls: Vec::new(),
            linkedin: None,
            notes: Vec::new(),
            birthday: BirthdayCols::Absent,
            anniversary: None,
            events: Vec::new(),
            categories: Vec::new(),
            categories_by_semicolon: false,
            connected_on: None,
            century,
        }
    }

    fn new<R: Read>(layout: Layout, sheet: &Sheet<R>) -> Self {
        let c = |n: &str| sheet.col(n);
        let cols = |names: &[&str]| {
            names
                .iter()
                .filter_map(|n| sheet.col(n))
                .collect::<Vec<_>>()
        };
        match layout {
            Layout::GoogleCurrent | Layout::GoogleLegacy => {
                let mut p = Self::empty(Century::Pivot);
                p.full_name = c("name");
                p.name_parts = cols(&[
                    "first name",
                    "given name",
                    "middle name",
                    "additional name",
                    "last name",
                    "family name",
                ]);
                p.file_as = c("file as");
                p.nickname = c("nickname");
                p.emails = google_group(sheet, "e-mail ");
                p.phones = google_group(sheet, "phone ");
                p.organisation = cols(&["organization name", "organization 1 - name"]);
                p.title = cols(&["organization title", "organization 1 - title"]);
                p.addresses = google_addresses(sheet);
                p.urls = google_group(sheet, "website ")
                    .into_iter()
                    .map(|(v, _)| v)
                    .collect();
                p.notes = cols(&["notes"]);
                p.birthday = c("birthday").map_or(BirthdayCols::Absent, BirthdayCols::Text);
                p.events = numbered_cols(sheet, "event ", " - value")
                    .into_iter()
                    .map(|(n, v)| {
                        let label = sheet
                            .col_of(&[&format!("event {n} - label"), &format!("event {n} - type")]);
                        (label, v)
                    })
                    .collect();
                p.categories = cols(&["labels", "group membership"]);
                p
            }
            Layout::OutlookDesktop | Layout::OutlookCom => {
                let mut p = Self::empty(Century::Pivot);
                p.name_parts = cols(&["first name", "middle name", "last name"]);
                p.nickname = c("nickname");
                p.emails = [
                    ("e-mail address", "e-mail type"),
                    ("e-mail 2 address", "e-mail 2 type"),
                    ("e-mail 3 address", "e-mail 3 type"),
                ]
                .iter()
                .filter_map(|(v, t)| Some((c(v)?, c(t))))
                .collect();
                p.phones = cols(&[
                    "primary phone",
                    "mobile phone",
                    "business phone",
                    "business phone 2",
                    "home phone",
                    "home phone 2",
                    "company main phone",
                    "other phone",
                    "car phone",
                ])
                .into_iter()
                .map(|i| (i, None))
                .collect();
                p.organisation = cols(&["company"]);
                p.title = cols(&["job title"]);
                p.addresses = ["business", "home", "other"]
                    .iter()
                    .map(|kind| AddressCols {
                        formatted: c(&format!("{kind} address")),
                        parts: [
                            "street",
                            "street 2",
                            "street 3",
                            "address po box",
                            "city",
                            "state",
                            "postal code",
                            "country/region",
                            "country",
                        ]
                        .iter()
                        .filter_map(|part| c(&format!("{kind} {part}")))
                        .collect(),
                    })
                    .collect();
                p.urls = cols(&["web page"]);
                p.notes = cols(&["notes"]);
                p.birthday = c("birthday").map_or(BirthdayCols::Absent, BirthdayCols::Text);
                p.anniversary = c("anniversary");
                p.categories = cols(&["categories"]);
                p.categories_by_semicolon = true;
                p
            }
            Layout::LinkedIn2018 | Layout::LinkedIn2024 => {
                let mut p = Self::empty(Century::Recent);
                p.name_parts = cols(&["first name", "last name"]);
                p.emails = cols(&["email address"])
                    .into_iter()
                    .map(|i| (i, None))
                    .collect();
                p.organisation = cols(&["company"]);
                p.title = cols(&["position"]);
                p.linkedin = c("url");
                p.connected_on = c("connected on");
                p
            }
            Layout::Thunderbird => {
                let mut p = Self::empty(Century::Pivot);
                p.full_name = c("display name");
                p.name_parts = cols(&["first name", "last name"]);
                p.nickname = c("nickname");
                p.emails = cols(&["primary email", "secondary email"])
                    .into_iter()
                    .map(|i| (i, None))
                    .collect();
                p.phones = cols(&["mobile number", "work phone", "home phone"])
                    .into_iter()
                    .map(|i| (i, None))
                    .collect();
                p.organisation = cols(&["organization"]);
                p.title = cols(&["job title"]);
                p.addresses = ["work", "home"]
                    .iter()
                    .map(|kind| AddressCols {
                        formatted: None,
                        parts: [
                            "address",
                            "address 2",
                            "city",
                            "state",
                            "zipcode",
                            "country",
                        ]
                        .iter()
                        .filter_map(|part| c(&format!("{kind} {part}")))
                        .collect(),
                    })
                    .collect();
                p.urls = cols(&["web page 1", "web page 2"]);
                p.notes = cols(&["notes"]);
                p.birthday = BirthdayCols::Parts {
                    year: c("birth year"),
                    month: c("birth month"),
                    day: c("birth day"),
                };
                p
            }
        }
    }

    /// The contact in a row, or why it was skipped.
    fn contact(&self, row: &Row) -> Result<ContactRecord, String> {
        let mut r = ContactRecord {
            line: row.line,
            ..ContactRecord::default()
        };
        let first = |col: Option<usize>| row.get(col).and_then(|v| split_multi(v).next());
        r.organisation = self
            .organisation
            .iter()
            .find_map(|&i| first(Some(i)))
            .map(str::to_owned);
        r.title = self
            .title
            .iter()
            .find_map(|&i| first(Some(i)))
            .map(str::to_owned);
        let parts: Vec<&str> = self
            .name_parts
            .iter()
            .filter_map(|&i| row.get(Some(i)))
            .collect();
        r.name = row
            .get(self.full_name)
            .map(str::to_owned)
            .or_else(|| (!parts.is_empty()).then(|| parts.join(" ")))
            .or_else(|| row.get(self.file_as).map(str::to_owned))
            .or_else(|| r.organisation.clone())
            .unwrap_or_default();
        r.nickname = row.get(self.nickname).map(str::to_owned);

        let mut emails: Vec<(bool, &str)> = Vec::new();
        for &(value, label) in &self.emails {
            let label = row.get(label).unwrap_or("");
            if label.eq_ignore_ascii_case("ex") {
                continue;
            }
            for v in row.get(Some(value)).into_iter().flat_map(split_multi) {
                if !v.starts_with("/o=") && !v.starts_with("/O=") {
                    emails.push((label.starts_with('*'), v));
                }
            }
        }
        emails.sort_by_key(|(preferred, _)| !preferred);
        for (_, e) in emails {
            if !r.emails.iter().any(|x| x.eq_ignore_ascii_case(e)) {
                r.emails.push(e.to_owned());
            }
        }
        let mut phones: Vec<(bool, &str)> = Vec::new();
        for &(value, label) in &self.phones {
            let preferred = row.get(label).is_some_and(|l| l.starts_with('*'));
            for v in row.get(Some(value)).into_iter().flat_map(split_multi) {
                phones.push((preferred, v));
            }
        }
        phones.sort_by_key(|(preferred, _)| !preferred);
        for (_, p) in phones {
            push_unique(&mut r.phones, p);
        }

        for a in &self.addresses {
            if let Some(formatted) = row.get(a.formatted) {
                for one in split_multi(formatted) {
                    push_unique(&mut r.addresses, &one_line(one));
                }
            } else {
                let parts: Vec<String> = a
                    .parts
                    .iter()
                    .filter_map(|&i| row.get(Some(i)))
                    .map(one_line)
                    .collect();
                if !parts.is_empty() {
                    push_unique(&mut r.addresses, &parts.join(", "));
                }
            }
        }

        r.linkedin = row.get(self.linkedin).map(profile_url);
        for &i in &self.urls {
            for u in row.get(Some(i)).into_iter().flat_map(split_multi) {
                if r.linkedin.is_none() && is_linkedin_profile(u) {
                    r.linkedin = Some(profile_url(u));
                } else if r.linkedin.as_deref() != Some(u) {
                    push_unique(&mut r.urls, u);
                }
            }
        }

        for &i in &self.notes {
            if let Some(n) = row.get(Some(i)) {
                r.notes.push(n.replace("\r\n", "\n"));
            }
        }

        let bad_date = |column: &str, value: &str| {
            format!("{column} {value:?} is not a date; contact skipped")
        };
        match &self.birthday {
            BirthdayCols::Absent => {}
            BirthdayCols::Text(i) => {
                if let Some(v) = row.get(Some(*i)) {
                    r.birthday =
                        parse_yearly_day(v, self.century).map_err(|()| bad_date("Birthday", v))?;
                }
            }
            BirthdayCols::Parts { year, month, day } => {
                r.birthday = birthday_from_parts(row, *year, *month, *day)?;
            }
        }
        if let Some(v) = row.get(self.anniversary) {
            r.anniversary =
                parse_yearly_day(v, self.century).map_err(|()| bad_date("Anniversary", v))?;
        }
        for &(label, value) in &self.events {
            let is_anniversary = row.get(label).is_some_and(|l| {
                l.trim_start_matches('*')
                    .trim()
                    .eq_ignore_ascii_case("anniversary")
            });
            if let (true, None, Some(v)) = (is_anniversary, &r.anniversary, row.get(Some(value))) {
                r.anniversary = parse_yearly_day(v, self.century)
                    .map_err(|()| bad_date("Anniversary (event)", v))?;
            }
        }

        for &i in &self.categories {
            let Some(v) = row.get(Some(i)) else { continue };
            let pieces: Vec<&str> = if self.categories_by_semicolon {
                split_multi(v).flat_map(|p| p.split(';')).collect()
            } else {
                split_multi(v).collect()
            };
            for piece in pieces {
                let system = piece.trim_start().starts_with('*');
                let name = piece.trim().trim_start_matches('*').trim();
                let key = name.to_lowercase();
                if name.is_empty()
                    || (system
                        && matches!(
                            key.as_str(),
                            "mycontacts" | "my contacts" | "starred" | "other contacts"
                        ))
                {
                    continue;
                }
                if !r.categories.iter().any(|c| c.to_lowercase() == key) {
                    r.categories.push(name.to_owned());
                }
            }
        }

        if let Some(v) = row.get(self.connected_on) {
            r.connected_on =
                Some(parse_date(v, self.century).ok_or_else(|| bad_date("Connected On", v))?);
        }

        if r.is_empty() {
            return Err("the record names no one (no name, email or phone); skipped".to_owned());
        }
        Ok(r)
    }
}

fn birthday_from_parts(
    row: &Row,
    year: Option<usize>,
    month: Option<usize>,
    day: Option<usize>,
) -> Result<Option<YearlyDay>, String> {
    let (y, m, d) = (row.get(year), row.get(month), row.get(day));
    let (Some(m), Some(d)) = (m, d) else {
        return Ok(None);
    };
    let shown = format!("{}-{m}-{d}", y.unwrap_or("?"));
    let bad = || format!("Birth Year/Month/Day {shown:?} is not a date; contact skipped");
    let num = |s: &str| s.parse::<i32>().ok().filter(|n| (0..=9999).contains(n));
    let (m, d) = (num(m).ok_or_else(bad)?, num(d).ok_or_else(bad)?);
    if m == 0 && d == 0 {
        return Ok(None);
    }
    if m > 12 || d > 31 {
        return Err(bad());
    }
    let y = match y {
        Some(y) => Some(num(y).ok_or_else(bad)?).filter(|&y| y != 0 && y != 1604),
        None => None,
    };
    YearlyDay::new(m, d, y).map(Some).map_err(|_| bad())
}

/// Google's `<prefix>N - Value` columns with their `- Label` / `- Type`, in N order.
fn google_group<R: Read>(sheet: &Sheet<R>, prefix: &str) -> Vec<(usize, Option<usize>)> {
    numbered_cols(sheet, prefix, " - value")
        .into_iter()
        .map(|(n, v)| {
            let label = sheet.col_of(&[
                &format!("{prefix}{n} - label"),
                &format!("{prefix}{n} - type"),
            ]);
            (v, label)
        })
        .collect()
}

fn google_addresses<R: Read>(sheet: &Sheet<R>) -> Vec<AddressCols> {
    let mut ns: Vec<u32> = sheet
        .names
        .iter()
        .filter_map(|c| {
            let rest = c.strip_prefix("address ")?;
            let (n, _) = rest.split_once(" - ")?;
            numbered(&format!("address {n} - x"), "address ", " - x")
        })
        .collect();
    ns.sort_unstable();
    ns.dedup();
    ns.into_iter()
        .map(|n| AddressCols {
            formatted: sheet.col(&format!("address {n} - formatted")),
            parts: [
                "street",
                "extended address",
                "po box",
                "city",
                "region",
                "postal code",
                "country",
            ]
            .iter()
            .filter_map(|part| sheet.col(&format!("address {n} - {part}")))
            .collect(),
        })
        .collect()
}

/// Columns named `prefix N suffix`, in N order.
fn numbered_cols<R: Read>(sheet: &Sheet<R>, prefix: &str, suffix: &str) -> Vec<(u32, usize)> {
    let mut out: Vec<(u32, usize)> = sheet
        .names
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((numbered(c, prefix, suffix)?, i)))
        .collect();
    out.sort_unstable();
    out.dedup_by_key(|(n, _)| *n);
    out
}

/// Google's multi-values: `a ::: b`.
fn split_multi(s: &str) -> impl Iterator<Item = &str> {
    s.split(":::").map(str::trim).filter(|p| !p.is_empty())
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(|l| l.trim().trim_end_matches(','))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}

/// Whether a web address is a LinkedIn profile.
fn is_linkedin_profile(url: &str) -> bool {
    let u = url.to_ascii_lowercase();
    u.contains("linkedin.com/in/") || u.contains("linkedin.com/pub/")
}

/// A LinkedIn profile address with its scheme (`www.linkedin.com/in/x` becomes
/// `https://www.linkedin.com/in/x`); anything else is returned trimmed.
pub(crate) fn profile_url(url: &str) -> String {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    if !lower.contains("://") && (lower.starts_with("www.") || lower.starts_with("linkedin.com")) {
        format!("https://{u}")
    } else {
        u.to_owned()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lines(read: &CsvRead) -> Vec<u64> {
        read.errors.iter().map(|e| e.line).collect()
    }

    fn ymd(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn google_current_layout_reads_every_field() {
        let csv = "\u{feff}First Name,Middle Name,Last Name,Nickname,File As,Organization Name,Organization Title,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - City,Website 1 - Label,Website 1 - Value,Event 1 - Label,Event 1 - Value\n\
            Ana,Maria,Lima,Nana,,Acme ::: Old Co,CTO,--04-15,\"Met at RustConf.\nLikes tea.\",* myContacts ::: Friends ::: * starred ::: friends,Home,ana@home.example ::: ANA@HOME.EXAMPLE,* Work,ana@acme.example,Mobile,+44 1 ::: +44 2,Home,\"1 High St\nLeeds\nUK\",Leeds,,https://example.org ::: https://www.linkedin.com/in/ana-lima,Anniversary,2010-06-01\n\
            ,,,,,Umbrella Ltd,,1990-04-15,,,,,,,,,,,,,,,\n\
            ,,,,,,,,,,,,,,,,,,,,,,\n\
            Bad,Day,,,,,,1990-02-30,,,,,,,,,,,,,,,\n";
        let read = read_google_csv(csv.as_bytes()).unwrap();
        assert_eq!(read.layout, Layout::GoogleCurrent);
        assert_eq!(read.records.len(), 2, "{:?}", read.errors);
        let ana = &read.records[0];
        assert_eq!(ana.line, 2);
        assert_eq!(ana.name, "Ana Maria Lima");
        assert_eq!(ana.nickname.as_deref(), Some("Nana"));
        assert_eq!(ana.emails, ["ana@acme.example", "ana@home.example"]);
        assert_eq!(ana.phones, ["+44 1", "+44 2"]);
        assert_eq!(ana.organisation.as_deref(), Some("Acme"));
        assert_eq!(ana.title.as_deref(), Some("CTO"));
        assert_eq!(ana.addresses, ["1 High St, Leeds, UK"]);
        assert_eq!(ana.urls, ["https://example.org"]);
        assert_eq!(
            ana.linkedin.as_deref(),
            Some("https://www.linkedin.com/in/ana-lima")
        );
        assert_eq!(ana.notes, ["Met at RustConf.\nLikes tea."]);
        assert_eq!(ana.birthday.unwrap().to_string(), "--04-15");
        assert_eq!(ana.anniversary.unwrap().to_string(), "2010-06-01");
        assert_eq!(ana.categories, ["Friends"]);
        // A company-only contact is named after the company; the multi-line fields above
        // moved it to line 6.
        let umbrella = &read.records[1];
        assert_eq!((umbrella.line, umbrella.name.as_str()), (6, "Umbrella Ltd"));
        assert_eq!(umbrella.birthday.unwrap().to_string(), "1990-04-15");
        // The blank row is passed over; the impossible birthday is reported at its line.
        assert_eq!(lines(&read), [8]);
        assert!(read.errors[0].message.contains("\"1990-02-30\""));
        assert!(read.errors[0].message.contains("skipped"));
    }

    #[test]
    fn google_legacy_layout_reads_from_its_own_header() {
        let csv = "Name,Given Name,Additional Name,Family Name,Nickname,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\n\
            Ben Ode,Ben,,Ode,,1985-12-01,,* myContacts ::: Coworkers,Home,ben@home.example,* Work,ben@work.example,Mobile,07700 900000,Work,,2 Low Rd,York,YO1 1AA,,Globex,Engineer\n\
            ,Cy,,Diaz,,,,Family,,,,,,,,,,,,,,\n";
        let read = read_google_csv(csv.as_bytes()).unwrap();
        assert_eq!(read.layout, Layout::GoogleLegacy);
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        let ben = &read.records[0];
        assert_eq!(ben.name, "Ben Ode");
        assert_eq!(ben.emails, ["ben@work.example", "ben@home.example"]);
        assert_eq!(ben.phones, ["07700 900000"]);
        assert_eq!(ben.addresses, ["2 Low Rd, York, YO1 1AA"]);
        assert_eq!(ben.organisation.as_deref(), Some("Globex"));
        assert_eq!(ben.title.as_deref(), Some("Engineer"));
        assert_eq!(ben.categories, ["Coworkers"]);
        assert_eq!(read.records[1].name, "Cy Diaz");
        assert_eq!(read.records[1].categories, ["Family"]);
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut out = if little_endian {
            vec![0xff, 0xfe]
        } else {
            vec![0xfe, 0xff]
        };
        for u in text.encode_utf16() {
            out.extend(if little_endian {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        out
    }

    /// Hands out one byte per read, to split UTF-16 units and surrogate pairs.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.is_empty()) {
                (Some((b, rest)), false) => {
                    buf[0] = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn utf16_exports_are_decoded_with_their_lines() {
        let csv = "Name,Given Name,Family Name,Notes,E-mail 1 - Value\r\n\
                   Zoë 😀,Zoë,Q,\"two\r\nlines\",z@example.org\r\n\
                   Yan,Yan,,,not-a-date-here\r\n";
        for le in [true, false] {
            let bytes = utf16(csv, le);
            let read = read_google_csv(Trickle(&bytes)).unwrap();
            assert_eq!(read.records.len(), 2);
            assert_eq!(read.records[0].name, "Zoë 😀");
            assert_eq!(read.records[0].notes, ["two\nlines"]);
            assert_eq!(read.records[1].line, 4);
        }
        // A truncated file (odd byte, half a surrogate pair) still reads, with U+FFFD.
        let mut bytes = utf16("Name,Given Name,Family Name\nA😀", true);
        bytes.truncate(bytes.len() - 1);
        let read = read_google_csv(bytes.as_slice()).unwrap();
        assert_eq!(read.records[0].name, "A\u{fffd}\u{fffd}");
    }

    const OUTLOOK_DESKTOP: &str = "\"Title\",\"First Name\",\"Middle Name\",\"Last Name\",\"Suffix\",\"Company\",\"Department\",\"Job Title\",\"Business Street\",\"Business City\",\"Business Postal Code\",\"Business Country/Region\",\"Home Street\",\"Home City\",\"Business Phone\",\"Home Phone\",\"Mobile Phone\",\"Anniversary\",\"Birthday\",\"Categories\",\"E-mail Address\",\"E-mail Type\",\"E-mail Display Name\",\"E-mail 2 Address\",\"E-mail 2 Type\",\"Notes\",\"Web Page\"\r\n";

    #[test]
    fn outlook_desktop_layout() {
        let mut csv = OUTLOOK_DESKTOP.as_bytes().to_vec();
        csv.extend_from_slice(
            b"\"\",\"Jos\xe9\",\"\",\"Pe\xf1a\",\"\",\"Acme\",\"\",\"Buyer\",\"1 Main St\",\"Springfield\",\"12345\",\"United States\",\"\",\"\",\"+1 555 0100\",\"\",\"+1 555 0199\",\"0/0/00\",\"4/15/1990\",\"Clients;VIP\",\"/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=jose\",\"EX\",\"Jos\xe9 Pe\xf1a\",\"jose@acme.example\",\"SMTP\",\"Bought \x93widgets\x94\",\"https://acme.example/\"\r\n\
              \"\",\"Kim\",\"\",\"Lee\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"13/45/1990\",\"\",\"kim@example.org\",\"SMTP\"\r\n\
              \"\",\"Short\",\"\",\"Row\"\r\n",
        );
        let read = read_outlook_csv(csv.as_slice()).unwrap();
        assert_eq!(read.layout, Layout::OutlookDesktop);
        let jose = &read.records[0];
        assert_eq!(jose.name, "José Peña");
        assert_eq!(jose.emails, ["jose@acme.example"]);
        assert_eq!(jose.phones, ["+1 555 0199", "+1 555 0100"]);
        assert_eq!(jose.organisation.as_deref(), Some("Acme"));
        assert_eq!(jose.title.as_deref(), Some("Buyer"));
        assert_eq!(
            jose.addresses,
            ["1 Main St, Springfield, 12345, United States"]
        );
        assert_eq!(jose.birthday.unwrap().to_string(), "1990-04-15");
        assert_eq!(jose.anniversary, None);
        assert_eq!(jose.categories, ["Clients", "VIP"]);
        assert_eq!(jose.notes, ["Bought “widgets”"]);
        assert_eq!(jose.urls, ["https://acme.example/"]);
        // Kim's impossible birthday skips Kim (line 3); a ragged short row still reads.
        assert_eq!(lines(&read), [3]);
        assert!(read.errors[0].message.contains("Birthday \"13/45/1990\""));
        assert_eq!(read.records[1].name, "Short Row");
        assert_eq!(read.records[1].line, 4);
    }

    #[test]
    fn outlook_com_layout() {
        let csv = "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Notes,E-mail Address,E-mail 2 Address,Mobile Phone,Home Address,Home Street,Home City,Business Street,Business City,Company,Job Title,Categories\n\
            Lia,,Park,,,,https://www.linkedin.com/in/liapark/,,1/2/85,2015-06-20,,lia@example.org,lia@work.example,+82 10,\"5 Oak Ave\nSeoul\",5 Oak Ave,Seoul,,Busan,Initech,Analyst,Friends ::: * myContacts\n\
            Max,,,,,,,,12/31/29,,,,,,,,,,,,,\n";
        let read = read_outlook_csv(csv.as_bytes()).unwrap();
        assert_eq!(read.layout, Layout::OutlookCom);
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        let lia = &read.records[0];
        assert_eq!(
            lia.linkedin.as_deref(),
            Some("https://www.linkedin.com/in/liapark/")
        );
        assert!(lia.urls.is_empty());
        assert_eq!(lia.birthday.unwrap().to_string(), "1985-01-02");
        assert_eq!(lia.anniversary.unwrap().to_string(), "2015-06-20");
        assert_eq!(lia.emails, ["lia@example.org", "lia@work.example"]);
        assert_eq!(lia.addresses, ["Busan", "5 Oak Ave, Seoul"]);
        assert_eq!(lia.categories, ["Friends"]);
        assert_eq!(read.records[1].birthday.unwrap().to_string(), "2029-12-31");
    }

    #[test]
    fn linkedin_2018_layout() {
        let csv = "\u{feff}First Name,Last Name,Email Address,Company,Position,Connected On\n\
                   Ada,Lovelace,ada@example.org,\"Engines, Ltd\",Analyst,\"1/8/18, 6:14 PM\"\n\
                   Alan,Turing,,NPL,,12 Apr 2019\n";
        let read = read_linkedin_connections(csv.as_bytes()).unwrap();
        assert_eq!(read.layout, Layout::LinkedIn2018);
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        let ada = &read.records[0];
        assert_eq!(ada.name, "Ada Lovelace");
        assert_eq!(ada.emails, ["ada@example.org"]);
        assert_eq!(ada.organisation.as_deref(), Some("Engines, Ltd"));
        assert_eq!(ada.title.as_deref(), Some("Analyst"));
        assert_eq!(ada.connected_on, Some(ymd(2018, 1, 8)));
        assert_eq!(read.records[1].connected_on, Some(ymd(2019, 4, 12)));
        assert_eq!(read.records[1].linkedin, None);
    }

    #[test]
    fn linkedin_2024_layout_skips_its_preamble_and_counts_its_lines() {
        let csv = "Notes:\r\n\
            \"When exporting your connection data, you may notice that some of the email addresses are missing.\"\r\n\
            \r\n\
            First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n\
            Grace,Hopper,https://www.linkedin.com/in/grace,,\"US Navy\r\n(retired)\",Rear Admiral,09 Oct 2024\r\n\
            Tim,Berners-Lee,https://www.linkedin.com/in/tim,,W3C,Director,04/12/2019\r\n\
            Bad,Date,https://www.linkedin.com/in/bad,,X,Y,31 Foo 2019\r\n\
            Excel,Resaved,https://www.linkedin.com/in/excel,,X,Y,6-Feb-26\r\n\
            ,,https://www.linkedin.com/in/nobody,,,,01 Jan 2020\r\n";
        let read = read_linkedin_connections(csv.as_bytes()).unwrap();
        assert_eq!(read.layout, Layout::LinkedIn2024);
        let grace = &read.records[0];
        assert_eq!(grace.line, 5);
        assert_eq!(
            grace.linkedin.as_deref(),
            Some("https://www.linkedin.com/in/grace")
        );
        assert_eq!(grace.organisation.as_deref(), Some("US Navy\n(retired)"));
        assert_eq!(grace.connected_on, Some(ymd(2024, 10, 9)));
        let tim = &read.records[1];
        assert_eq!((tim.line, tim.connected_on), (7, Some(ymd(2019, 4, 12))));
        assert_eq!(read.records[2].connected_on, Some(ymd(2026, 2, 6)));
        assert_eq!(lines(&read), [8, 10]);
        assert!(
            read.errors[0]
                .message
                .contains("Connected On \"31 Foo 2019\"")
        );
        assert!(read.errors[1].message.contains("names no one"));
    }

    #[test]
    fn thunderbird_layout() {
        let csv = "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Work Phone,Mobile Number,Work Address,Work City,Job Title,Organization,Web Page 1,Birth Year,Birth Month,Birth Day,Notes\n\
                   Eve,Adams,Evie A.,Evie,eve@example.org,eve@example.org,+1 1,+1 2,9 Elm St,Boston,Chef,Diner,https://eve.example,,7,4,hello\n\
                   Old,Year,,,old@example.org,,,,,,,,,1970,2,30,\n";
        let read = read_thunderbird_csv(csv.as_bytes()).unwrap();
        let eve = &read.records[0];
        assert_eq!(eve.name, "Evie A.");
        assert_eq!(eve.emails, ["eve@example.org"]);
        assert_eq!(eve.phones, ["+1 2", "+1 1"]);
        assert_eq!(eve.addresses, ["9 Elm St, Boston"]);
        assert_eq!(eve.birthday.unwrap().to_string(), "--07-04");
        assert_eq!(lines(&read), [3]);
        assert!(read.errors[0].message.contains("1970-2-30"));
    }

    #[test]
    fn a_file_of_another_layout_is_refused_with_what_was_expected_and_found() {
        let outlook = format!("{OUTLOOK_DESKTOP}\"\",\"A\"\r\n");
        let err = read_google_csv(outlook.as_bytes()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("not a Google Contacts CSV export"), "{text}");
        assert!(text.contains("`Given Name`"), "{text}");
        assert!(text.contains("found `Title`, `First Name`"), "{text}");
        assert!(text.contains("and 15 more"), "{text}");
        assert!(
            text.contains("this looks like an Outlook desktop CSV export"),
            "{text}"
        );

        let err = read_linkedin_connections("Name,Email\nAda,ada@example.org\n".as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("`Connected On`"), "{err}");
        assert!(err.contains("found `Name`, `Email`"), "{err}");
        assert!(!err.contains("looks like"), "{err}");

        assert!(matches!(
            read_outlook_csv("".as_bytes()),
            Err(CsvError::Empty)
        ));
        assert!(matches!(
            read_outlook_csv("\n\n\u{feff}".as_bytes()),
            Err(CsvError::WrongLayout { .. })
        ));
        let err = read_linkedin_connections("Notes:\n\"just notes\"\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("found `Notes:`"), "{err}");
        let err = read_contacts_csv("a,b\n1,2\n".as_bytes()).unwrap_err();
        assert!(
            err.to_string()
                .contains("Google, Outlook, LinkedIn or Thunderbird")
        );
    }

    #[test]
    fn detect_layout_reads_header_lines() {
        let cases = [
            ("Notes:", Some(Layout::LinkedIn2024)),
            (
                "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
                Some(Layout::LinkedIn2024),
            ),
            (
                "first name , LAST NAME,Email Address,Company,Position,Connected On",
                Some(Layout::LinkedIn2018),
            ),
            (OUTLOOK_DESKTOP.trim_end(), Some(Layout::OutlookDesktop)),
            (
                "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,E-mail Address",
                Some(Layout::OutlookCom),
            ),
            (
                "\u{feff}First Name,Last Name,Labels,E-mail 1 - Value",
                Some(Layout::GoogleCurrent),
            ),
            (
                "First Name,Last Name,E-mail 12 - Value",
                Some(Layout::GoogleCurrent),
            ),
            (
                "Name,Given Name,Family Name,E-mail 1 - Value",
                Some(Layout::GoogleLegacy),
            ),
            (
                "First Name,Last Name,Display Name,Nickname,Primary Email",
                Some(Layout::Thunderbird),
            ),
            ("First Name,Last Name", None),
            ("source,target", None),
            ("", None),
            ("\"unterminated", None),
        ];
        for (line, want) in cases {
            assert_eq!(detect_layout(line), want, "{line}");
        }
        let file =
            "Notes:\n\"x\"\n\nFirst Name,Last Name,Email Address,Company,Position,Connected On\n";
        assert_eq!(
            detect_file_layout(file.as_bytes()),
            Some(Layout::LinkedIn2018)
        );
        assert_eq!(detect_file_layout("".as_bytes()), None);
    }

    #[test]
    fn read_contacts_csv_takes_any_known_layout() {
        let csv = "First Name,Last Name,Display Name,Primary Email\nA,B,,a@example.org\n";
        let read = read_contacts_csv(csv.as_bytes()).unwrap();
        assert_eq!(read.layout, Layout::Thunderbird);
        assert_eq!(read.records[0].name, "A B");
    }

    #[test]
    fn dates_in_the_forms_the_exports_write() {
        let utc = |s: &str| parse_timestamp(s, Century::Recent).map(|t| t.to_string());
        assert_eq!(
            utc("2023-05-04 10:12:33 UTC").unwrap(),
            "2023-05-04T10:12:33Z"
        );
        assert_eq!(
            utc("2023-05-04T10:12:33.250Z").unwrap(),
            "2023-05-04T10:12:33Z"
        );
        assert_eq!(
            utc("2021/09/01 12:41:31 UTC").unwrap(),
            "2021-09-01T12:41:31Z"
        );
        assert_eq!(utc("1/29/26, 2:37 PM").unwrap(), "2026-01-29T14:37:00Z");
        assert_eq!(utc("01/19/13, 12:10 AM").unwrap(), "2013-01-19T00:10:00Z");
        assert_eq!(utc("12/01/13, 12:10 PM").unwrap(), "2013-12-01T12:10:00Z");
        assert_eq!(
            utc("Apr 08, 2024 07:00 AM").unwrap(),
            "2024-04-08T07:00:00Z"
        );
        assert_eq!(utc("Sat, 12 April 2019").unwrap(), "2019-04-12T00:00:00Z");
        assert_eq!(utc("25/12/2019").unwrap(), "2019-12-25T00:00:00Z");
        for bad in [
            "",
            "yesterday",
            "13:00",
            "2019-13-01",
            "31 Foo 2019",
            "2/30/2020",
            "1/1/123",
            "13:61 1/1/20",
            "0:10 AM 1/1/20",
            "99999999999/1/1",
            "1/1/20 25:00",
            "2019",
        ] {
            assert_eq!(utc(bad), None, "{bad}");
        }
        let day = |s: &str| parse_yearly_day(s, Century::Pivot).map(|d| d.map(|d| d.to_string()));
        assert_eq!(day("0/0/00"), Ok(None));
        assert_eq!(day("0000-00-00"), Ok(None));
        assert_eq!(day(""), Ok(None));
        assert_eq!(day("--0415"), Ok(Some("--04-15".into())));
        assert_eq!(day("1604-04-15"), Ok(Some("--04-15".into())));
        assert_eq!(day("4/15/1990"), Ok(Some("1990-04-15".into())));
        assert_eq!(day("2/29/2000"), Ok(Some("2000-02-29".into())));
        assert_eq!(day("2/29/2001"), Err(()));
        assert_eq!(day(":"), Err(()));
    }

    #[test]
    fn no_input_makes_a_reader_panic() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut inputs: Vec<Vec<u8>> = vec![
            b"\xff\xfe".to_vec(),
            b"\xfe\xff\x00".to_vec(),
            b"\xef\xbb".to_vec(),
            b"\"".to_vec(),
            b"Notes:\n".to_vec(),
            b"First Name,Last Name,Labels\n\"".to_vec(),
            b"First Name,Last Name,Connected On\n,,--\n,,99/99/99\n".to_vec(),
            b"First Name,Last Name,Display Name,Primary Email,Birth Year,Birth Month,Birth Day\nA,,,,-1,99999999999,0\n"
                .to_vec(),
        ];
        for len in [1usize, 7, 64, 500] {
            for _ in 0..50 {
                let mut bytes = b"First Name,Last Name,E-mail Address,Birthday,Labels\n".to_vec();
                for _ in 0..len {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let pick = b",\"\n\r:;/-* 0123456789aAZ\xff\xc3\x80\xe2";
                    bytes.push(pick[(seed % pick.len() as u64) as usize]);
                }
                inputs.push(bytes);
            }
        }
        for input in &inputs {
            let _ = read_google_csv(input.as_slice());
            let _ = read_outlook_csv(input.as_slice());
            let _ = read_linkedin_connections(input.as_slice());
            let _ = read_thunderbird_csv(input.as_slice());
            let _ = read_contacts_csv(input.as_slice());
            let _ = detect_file_layout(input.as_slice());
            let _ = detect_layout(&String::from_utf8_lossy(input));
        }
    }
}
