//! Mail headers: who wrote to whom, when, and in which thread. [`MboxReader`] streams an mbox
//! file of any size in constant memory; [`read_eml`] reads one `.eml` message. Only the header
//! block of each message is read (by `mail-parser`); bodies are skipped without being kept.
//!
//! A message that cannot be used becomes a [`RecordError`] with the line where it starts, and
//! reading goes on with the next one.
//!
//! ```
//! use kithkin_formats::mail::MboxReader;
//!
//! let mbox = b"From a@example.com Mon Jan  1 00:00:00 2024\n\
//! From: Ana Lee <Ana@Example.com>\nTo: bo@example.org\nSubject: lunch?\n\nHi Bo\n";
//! let mut reader = MboxReader::new(&mbox[..]);
//! let record = reader.next().unwrap().unwrap();
//! assert_eq!(record.from[0].email, "ana@example.com");
//! assert_eq!(record.subject.as_deref(), Some("lunch?"));
//! assert!(reader.next().is_none());
//! ```

use std::borrow::Cow;
use std::io::{self, BufRead};
use std::sync::OnceLock;

use jiff::Timestamp;
use mail_parser::{HeaderName, HeaderValue, Message, MessageParser};
use serde::Serialize;

pub use crate::edges::RecordError;

/// The longest header block read for one message. Longer blocks (a runaway header, or a file
/// that is not mail at all) make that message a [`RecordError`]; this bound keeps memory
/// constant whatever the input.
pub const MAX_HEADER_BYTES: usize = 1 << 20;

/// One message read from an mbox: its headers, or why it was skipped.
pub type MailItem = Result<MailRecord, RecordError>;

/// A mailbox named in a From, To, Cc or Bcc header.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Address {
    /// The display name, decoded (`=?UTF-8?…?=` words included); `None` when absent or empty.
    pub name: Option<String>,
    /// The address, lowercased, so that the same person matches however they wrote it.
    pub email: String,
}

/// Why a message looks like bulk or automated mail rather than a person writing.
///
/// The first reason found, in this order, is reported. `ListUnsubscribe` is included
/// deliberately: personal mail never carries `List-Unsubscribe`; newsletters, marketing and
/// CRM-sent "personal" campaigns do, and those are not relationships to track. An importer that
/// wants to keep such mail can accept that one reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BulkReason {
    /// A `List-Id` header: sent through a mailing list.
    ListId,
    /// `Precedence: bulk`, `list` or `junk`.
    PrecedenceBulkOrList,
    /// `Auto-Submitted` with any value but `no` (auto-replies, notifications).
    AutoSubmitted,
    /// The sender's local part says nobody reads replies: `noreply`, `no-reply`,
    /// `do-not-reply`, `donotreply`, `mailer-daemon` (any `…-daemon`), `postmaster`,
    /// `notification(s)`, `bounce(s)`.
    NoReplySender,
    /// A `List-Unsubscribe` header: a newsletter or campaign.
    ListUnsubscribe,
}

/// The headers of one message that matter to Kithkin.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MailRecord {
    /// The 1-based line where the message starts (its `From ` separator line in an mbox).
    pub line: u64,
    /// The byte offset where the message starts.
    pub offset: u64,
    /// `Message-ID`, without the angle brackets.
    pub message_id: Option<String>,
    /// `In-Reply-To` ids, without angle brackets; malformed ids are left out.
    pub in_reply_to: Vec<String>,
    /// `References` ids from every References header, in order, without duplicates or
    /// malformed ids.
    pub references: Vec<String>,
    /// The authors (`From`; more than one is allowed, and happens).
    pub from: Vec<Address>,
    /// `To` recipients; groups are flattened and unusable addresses left out.
    pub to: Vec<Address>,
    /// `Cc` recipients.
    pub cc: Vec<Address>,
    /// `Bcc` recipients (present in one's own sent mail).
    pub bcc: Vec<Address>,
    /// `Date`, when it is a real date (years 1900–3000); a garbage date is `None`, not an error.
    pub date: Option<Timestamp>,
    /// The date on the mbox `From ` separator line, read as UTC: a fallback for messages
    /// without a usable `Date` header. Always `None` for `.eml` files without that line.
    pub envelope_date: Option<Timestamp>,
    /// `Subject`, decoded and trimmed; `None` when absent or empty.
    pub subject: Option<String>,
    /// Why this looks like bulk or automated mail, if it does.
    pub bulk: Option<BulkReason>,
}

impl MailRecord {
    /// `date`, else `envelope_date`: when the message was sent, as well as it can be told.
    pub fn sent_at(&self) -> Option<Timestamp> {
        self.date.or(self.envelope_date)
    }
}

/// Reads an mbox file (mboxo, mboxrd, Thunderbird's and Gmail's exports, CRLF or LF) one
/// message at a time, in constant memory: only the header block of the current message is kept
/// (at most [`MAX_HEADER_BYTES`]), in a buffer reused for every message. Give it a `BufReader`
/// with a large buffer (256 KiB or more) for speed.
///
/// A message starts at a line beginning with `From ` that comes at the start of the file or
/// after a blank line, and whose next line looks like a header field (`Name: …`). A `From `
/// line inside a body that follows text, or that is not followed by a header (Python's
/// `mailbox_01.mbox`: "From time to time"), is body text, not a separator. `>From ` lines
/// (mboxrd escapes) and stray `From ` envelope lines inside a header block are dropped: neither
/// is a header field, and bodies are never unescaped because they are never kept.
///
/// A file that does not start with a separator is read as if it did when its first line is a
/// header field (an `.eml` passed as an mbox); otherwise the text before the first separator
/// is reported as one [`RecordError`]. An I/O error ends the iteration after one error item.
#[derive(Debug)]
pub struct MboxReader<R: BufRead> {
    reader: R,
    /// The header block of the message being read (or of the candidate message).
    headers: Vec<u8>,
    /// Whether the header block outgrew [`MAX_HEADER_BYTES`].
    overflow: bool,
    /// The start of the current line when it spans reader buffers.
    prefix: Vec<u8>,
    /// The `From ` line of the current (or candidate) message, cut at `PREFIX` bytes.
    envelope: Vec<u8>,
    /// The last `From ` line read, wherever it was (moved to `envelope` when a message starts).
    last_envelope: Vec<u8>,
    /// Bytes consumed so far.
    pos: u64,
    /// Lines consumed so far.
    lines: u64,
    state: State,
    /// Whether the previous line was blank (a separator may follow).
    prev_blank: bool,
    /// Where the current message (or candidate) starts: line and byte offset.
    start_line: u64,
    start_offset: u64,
    done: bool,
}

/// Where the reader is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing but blank lines read yet.
    Start,
    /// Text before the first separator; the line where it began.
    Preamble(u64),
    /// Inside a message's header block.
    Headers,
    /// Inside a body, skipping.
    Body,
    /// A `From ` line after a blank line: a message starts there if a header field follows.
    Candidate,
}

/// What a line is, judged by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Empty (`\n` or `\r\n`). A line of blanks is not: inside a header block it continues
    /// the field above (obsolete folding, as Thunderbird's badly folded Subject has).
    Blank,
    /// `From ` (not a `From:` header field): an envelope/separator line.
    Envelope,
    /// `>From `, `>>From `…: an escaped envelope line.
    EscapedEnvelope,
    /// Anything else.
    Other,
}

/// How many bytes of a line are looked at to classify it (and kept of an envelope line).
const PREFIX: usize = 256;

impl<R: BufRead> MboxReader<R> {
    /// A reader over `reader`, which should be positioned at the start of the mbox.
    pub fn new(reader: R) -> Self {
        MboxReader {
            reader,
            headers: Vec::with_capacity(16 * 1024),
            overflow: false,
            prefix: Vec::with_capacity(PREFIX),
            envelope: Vec::with_capacity(PREFIX),
            last_envelope: Vec::with_capacity(PREFIX),
            pos: 0,
            lines: 0,
            state: State::Start,
            prev_blank: true,
            start_line: 0,
            start_offset: 0,
            done: false,
        }
    }

    /// Bytes consumed from the input so far: for a progress bar against the file's length.
    pub fn bytes_read(&self) -> u64 {
        self.pos
    }

    /// Lines consumed from the input so far.
    pub fn lines_read(&self) -> u64 {
        self.lines
    }

    /// Reads one line, returning its kind, or `None` at the end of the input. With `keep`, the
    /// line is appended to `headers` (within [`MAX_HEADER_BYTES`]).
    fn read_line(&mut self, keep: bool) -> io::Result<Option<LineKind>> {
        let mut len = 0usize;
        let mut kind = None;
        self.prefix.clear();
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                if len == 0 {
                    return Ok(None);
                }
                break;
            }
            let (n, found) = match find_newline(buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            let chunk = &buf[..n];
            if keep {
                if self.headers.len() + n <= MAX_HEADER_BYTES {
                    self.headers.extend_from_slice(chunk);
                } else {
                    self.overflow = true;
                }
            }
            if found && len == 0 {
                // The whole line is in the buffer: classify it in place (the common case).
                let k = classify(chunk, true);
                if k == LineKind::Envelope {
                    self.last_envelope.clear();
                    self.last_envelope
                        .extend_from_slice(&chunk[..chunk.len().min(PREFIX)]);
                }
                kind = Some(k);
            } else if self.prefix.len() < PREFIX {
                let room = PREFIX - self.prefix.len();
                self.prefix.extend_from_slice(&chunk[..n.min(room)]);
            }
            len += n;
            self.reader.consume(n);
            self.pos += n as u64;
            if found {
                break;
            }
        }
        self.lines += 1;
        Ok(Some(match kind {
            Some(k) => k,
            None => {
                let complete = len <= self.prefix.len();
                let k = classify(&self.prefix, complete);
                if k == LineKind::Envelope {
                    self.last_envelope.clear();
                    self.last_envelope.extend_from_slice(&self.prefix);
                }
                k
            }
        }))
    }

    /// Starts a new message at the line just read, with the envelope line just read or none.
    fn begin(&mut self, line: u64, offset: u64, with_envelope: bool) {
        self.start_line = line;
        self.start_offset = offset;
        self.take_envelope(with_envelope);
        self.state = State::Headers;
    }

    /// Makes the `From ` line just read (or none) the current message's envelope line.
    fn take_envelope(&mut self, just_read: bool) {
        if just_read {
            std::mem::swap(&mut self.envelope, &mut self.last_envelope);
        } else {
            self.envelope.clear();
        }
    }

    /// The record of the header block just read.
    fn finish(&mut self) -> MailItem {
        let line = self.start_line;
        if self.overflow {
            return Err(RecordError {
                line,
                message: format!(
                    "the header block is longer than {} KiB; message skipped",
                    MAX_HEADER_BYTES / 1024
                ),
            });
        }
        if !self.headers.ends_with(b"\n") {
            self.headers.push(b'\n');
        }
        self.headers.push(b'\n');
        let envelope_date = envelope_timestamp(&self.envelope);
        let mut record = parse_header_block(&self.headers, line)?;
        record.offset = self.start_offset;
        record.envelope_date = envelope_date;
        Ok(record)
    }

    fn clear_headers(&mut self) {
        self.headers.clear();
        self.overflow = false;
    }
}

impl<R: BufRead> Iterator for MboxReader<R> {
    type Item = MailItem;

    fn next(&mut self) -> Option<MailItem> {
        if self.done {
            return None;
        }
        loop {
            let keep = matches!(self.state, State::Start | State::Headers | State::Candidate);
            let line_start = self.headers.len();
            let offset = self.pos;
            let number = self.lines + 1;
            let kind = match self.read_line(keep) {
                Ok(Some(kind)) => kind,
                Ok(None) => {
                    self.done = true;
                    return match self.state {
                        State::Headers => Some(self.finish()),
                        State::Preamble(line) => Some(Err(preamble_error(line))),
                        State::Start | State::Body | State::Candidate => None,
                    };
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(RecordError {
                        line: number,
                        message: format!("cannot read the mbox any further: {e}"),
                    }));
                }
            };
            match self.state {
                State::Start => match kind {
                    LineKind::Blank => self.clear_headers(),
                    LineKind::Envelope => {
                        self.clear_headers();
                        self.begin(number, offset, true);
                    }
                    _ if is_header_field(&self.headers[line_start..]) => {
                        self.begin(number, offset, false);
                    }
                    _ => {
                        self.clear_headers();
                        self.state = State::Preamble(number);
                    }
                },
                State::Preamble(first) => {
                    if kind == LineKind::Envelope {
                        self.clear_headers();
                        self.begin(number, offset, true);
                        return Some(Err(preamble_error(first)));
                    }
                }
                State::Headers => match kind {
                    LineKind::Blank => {
                        self.state = State::Body;
                        self.prev_blank = true;
                        let item = self.finish();
                        self.clear_headers();
                        return Some(item);
                    }
                    LineKind::Envelope | LineKind::EscapedEnvelope => {
                        self.headers.truncate(line_start);
                    }
                    LineKind::Other => {}
                },
                State::Body => {
                    if kind == LineKind::Envelope && self.prev_blank {
                        self.clear_headers();
                        self.start_line = number;
                        self.start_offset = offset;
                        self.take_envelope(true);
                        self.state = State::Candidate;
                    }
                    self.prev_blank = kind == LineKind::Blank;
                }
                State::Candidate => match kind {
                    LineKind::Envelope => self.headers.truncate(line_start),
                    LineKind::Other if is_header_field(&self.headers[line_start..]) => {
                        // The envelope was taken when the candidate line was read.
                        self.state = State::Headers;
                    }
                    _ => {
                        self.clear_headers();
                        self.state = State::Body;
                        self.prev_blank = kind == LineKind::Blank;
                    }
                },
            }
        }
    }
}

fn preamble_error(line: u64) -> RecordError {
    RecordError {
        line,
        message: "text before the first \"From \" separator line is not a message; skipped".into(),
    }
}

/// Reads one message (an `.eml` file): its headers only. `line` is where it starts in its
/// file (1 for a whole file). A leading mbox `From ` line is allowed and gives `envelope_date`.
pub fn read_eml(bytes: &[u8], line: u64) -> Result<MailRecord, RecordError> {
    let mut rest = bytes;
    let mut envelope = None;
    while let Some(end) = find_newline(rest) {
        let first = &rest[..=end];
        match classify(first, true) {
            LineKind::Blank => rest = &rest[end + 1..],
            LineKind::Envelope | LineKind::EscapedEnvelope => {
                if envelope.is_none() {
                    envelope = envelope_timestamp(first);
                }
                rest = &rest[end + 1..];
            }
            LineKind::Other => break,
        }
    }
    let mut record = parse_header_block(rest, line)?;
    record.envelope_date = envelope;
    Ok(record)
}

/// The header parser: only the fields Kithkin reads are parsed; every other header (Received
/// chains, DKIM signatures…) is skipped over without being decoded.
fn parser() -> &'static MessageParser {
    static PARSER: OnceLock<MessageParser> = OnceLock::new();
    PARSER.get_or_init(|| {
        MessageParser::new()
            .header_address(HeaderName::From)
            .header_address(HeaderName::To)
            .header_address(HeaderName::Cc)
            .header_address(HeaderName::Bcc)
            .header_id(HeaderName::MessageId)
            .header_id(HeaderName::InReplyTo)
            .header_id(HeaderName::References)
            .header_date(HeaderName::Date)
            .header_text(HeaderName::Subject)
            .header_raw(HeaderName::ListId)
            .header_raw(HeaderName::ListUnsubscribe)
            .header_raw(HeaderName::AutoSubmitted)
            .header_raw(HeaderName::Other(Cow::Borrowed("Precedence")))
            .default_header_ignore()
    })
}

/// Parses a header block (anything after it is ignored) into a record.
fn parse_header_block(bytes: &[u8], line: u64) -> Result<MailRecord, RecordError> {
    // mail-parser promises not to panic; a bad message must not end an import if it ever does.
    let parsed = std::panic::catch_unwind(|| {
        parser()
            .parse_headers(bytes)
            .filter(is_a_message)
            .map(|m| record_of(&m))
    });
    let mut record = match parsed {
        Ok(Some(record)) => record,
        Ok(None) => {
            return Err(RecordError {
                line,
                message: "no From, To, Cc, Bcc, Date, Subject or Message-ID header: not a mail \
                          message; skipped"
                    .into(),
            });
        }
        Err(_) => {
            return Err(RecordError {
                line,
                message: "the mail parser failed on this message; message skipped".into(),
            });
        }
    };
    record.line = line;
    Ok(record)
}

/// Whether a parsed header block has at least one of the fields every mail message has. (The
/// values may still be unusable: `From: foo` gives a record with no `from`.)
fn is_a_message(message: &Message<'_>) -> bool {
    message.headers().iter().any(|h| {
        matches!(
            h.name,
            HeaderName::From
                | HeaderName::To
                | HeaderName::Cc
                | HeaderName::Bcc
                | HeaderName::Date
                | HeaderName::Subject
                | HeaderName::MessageId
        )
    })
}

fn record_of(message: &Message<'_>) -> MailRecord {
    let from = addresses(message, HeaderName::From);
    let bulk = bulk_reason(message, &from);
    let subject = message
        .header_values(HeaderName::Subject)
        .find_map(|v| match v {
            HeaderValue::Text(t) => Some(collapse_whitespace(t)),
            _ => None,
        })
        .filter(|s| !s.is_empty());
    let date = message
        .header_values(HeaderName::Date)
        .find_map(|v| match v {
            HeaderValue::DateTime(dt) if dt.is_valid() => {
                Timestamp::from_second(dt.to_timestamp()).ok()
            }
            _ => None,
        });
    MailRecord {
        line: 0,
        offset: 0,
        message_id: ids(message, HeaderName::MessageId).into_iter().next(),
        in_reply_to: ids(message, HeaderName::InReplyTo),
        references: ids(message, HeaderName::References),
        from,
        to: addresses(message, HeaderName::To),
        cc: addresses(message, HeaderName::Cc),
        bcc: addresses(message, HeaderName::Bcc),
        date,
        envelope_date: None,
        subject,
        bulk,
    }
}

/// Every well-formed id in every header of that name, in order, without duplicates.
fn ids(message: &Message<'_>, name: HeaderName<'static>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |raw: &str| {
        let id = raw.trim().trim_start_matches('<').trim_end_matches('>');
        let well_formed = !id.is_empty()
            && !id
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
        if well_formed && !out.iter().any(|seen| seen == id) {
            out.push(id.to_owned());
        }
    };
    for value in message.header_values(name) {
        match value {
            HeaderValue::Text(id) => push(id),
            HeaderValue::TextList(list) => list.iter().for_each(|id| push(id)),
            _ => {}
        }
    }
    out
}

/// Every usable address in every header of that name, groups flattened.
fn addresses(message: &Message<'_>, name: HeaderName<'static>) -> Vec<Address> {
    let mut out = Vec::new();
    for value in message.header_values(name) {
        let HeaderValue::Address(list) = value else {
            continue;
        };
        for addr in list.iter() {
            let name = addr
                .name
                .as_deref()
                .map(collapse_whitespace)
                .map(|n| n.trim_matches(|c| c == '"' || c == '\'').trim().to_owned())
                .filter(|n| !n.is_empty());
            let Some(raw) = addr.address.as_deref() else {
                continue;
            };
            // `a@x b@y` (no comma) comes through as one "address": take each part that is one.
            for part in raw.split_whitespace() {
                if let Some(email) = clean_email(part) {
                    out.push(Address {
                        name: name.clone(),
                        email,
                    });
                }
            }
        }
    }
    out
}

/// The address lowercased, or `None` when it is not `local@domain` with a dotted-or-plain
/// domain free of stray characters.
fn clean_email(raw: &str) -> Option<String> {
    let email = raw
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches(['.', ',', ';']);
    let (local, domain) = email.rsplit_once('@')?;
    let local_ok = !local.is_empty()
        && !local
            .chars()
            .any(|c| c.is_control() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';'));
    let domain_ok = !domain.is_empty()
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':'));
    (local_ok && domain_ok).then(|| email.to_lowercase())
}

fn bulk_reason(message: &Message<'_>, from: &[Address]) -> Option<BulkReason> {
    let text = |name: HeaderName<'static>| -> Vec<String> {
        message
            .header_values(name)
            .filter_map(|v| match v {
                HeaderValue::Text(t) => Some(t.trim().to_ascii_lowercase()),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .collect()
    };
    if !text(HeaderName::ListId).is_empty() {
        return Some(BulkReason::ListId);
    }
    let precedence = text(HeaderName::Other(Cow::Borrowed("Precedence")));
    if precedence
        .iter()
        .any(|p| matches!(p.as_str(), "bulk" | "list" | "junk"))
    {
        return Some(BulkReason::PrecedenceBulkOrList);
    }
    let auto = text(HeaderName::AutoSubmitted);
    if auto
        .iter()
        .any(|a| a.split(';').next().is_some_and(|v| v.trim() != "no"))
    {
        return Some(BulkReason::AutoSubmitted);
    }
    if from.iter().any(|a| is_no_reply(&a.email)) {
        return Some(BulkReason::NoReplySender);
    }
    if !text(HeaderName::ListUnsubscribe).is_empty() {
        return Some(BulkReason::ListUnsubscribe);
    }
    None
}

/// Whether a (lowercased) address belongs to a machine nobody reads replies at.
fn is_no_reply(email: &str) -> bool {
    let local = email.rsplit_once('@').map_or(email, |(l, _)| l);
    let local = local.split('+').next().unwrap_or(local);
    let squeezed: String = local
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '.'))
        .collect();
    squeezed.contains("noreply")
        || squeezed.contains("donotreply")
        || squeezed.ends_with("daemon")
        || matches!(
            squeezed.as_str(),
            "postmaster" | "notification" | "notifications" | "bounce" | "bounces"
        )
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key that groups a message with the rest of its thread: the first `References` id (the
/// thread's first message), else the first `In-Reply-To` id, else the message's own id, else
/// `subject:` and a hash of the subject (without `Re:`/`Fwd:`… prefixes, case-folded) and the
/// sorted participants. The hash (FNV-1a, 64 bits) is stable across runs and Rust versions, so
/// keys can be stored.
pub fn thread_root(record: &MailRecord) -> String {
    if let Some(id) = record
        .references
        .first()
        .or_else(|| record.in_reply_to.first())
        .or(record.message_id.as_ref())
    {
        return id.clone();
    }
    let mut people: Vec<&str> = record
        .from
        .iter()
        .chain(&record.to)
        .chain(&record.cc)
        .map(|a| a.email.as_str())
        .collect();
    people.sort_unstable();
    people.dedup();
    let subject = base_subject(record.subject.as_deref().unwrap_or(""));
    let mut hash = Fnv::new();
    hash.write(subject.as_bytes());
    for person in people {
        hash.write(b"\0");
        hash.write(person.as_bytes());
    }
    format!("subject:{:016x}", hash.0)
}

/// The subject without reply and forward prefixes (`Re:`, `RE[2]:`, `Fwd:`, `Fw:`, `AW:`,
/// `WG:`, `SV:`, `VS:`, `Antw:`, `TR:`, `RV:`, `Enc:`), whitespace collapsed, lowercased.
fn base_subject(subject: &str) -> String {
    const PREFIXES: [&str; 12] = [
        "re", "fwd", "fw", "aw", "wg", "sv", "vs", "antw", "tr", "rv", "enc", "réf",
    ];
    let mut s = subject.trim().to_lowercase();
    while let Some((head, tail)) = s.split_once(':') {
        let word = head.trim();
        // `re[2]` / `re(2)` count too.
        let word = word
            .split_once(['[', '('])
            .map_or(word, |(w, _)| w.trim_end());
        if PREFIXES.contains(&word) {
            s = tail.trim_start().to_owned();
        } else {
            break;
        }
    }
    collapse_whitespace(&s)
}

/// FNV-1a, 64 bits: tiny, and the same everywhere (unlike std's `DefaultHasher`).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// What a line is, from its first bytes. `complete` says whether `bytes` holds the whole line
/// (only then can a line be blank).
fn classify(bytes: &[u8], complete: bool) -> LineKind {
    match bytes.first() {
        None => LineKind::Blank,
        Some(b'F') => {
            if bytes.starts_with(b"From ") && !is_header_field(bytes) {
                LineKind::Envelope
            } else {
                LineKind::Other
            }
        }
        Some(b'>') => {
            let rest = bytes
                .iter()
                .position(|&b| b != b'>')
                .map_or(&[][..], |i| &bytes[i..]);
            if rest.starts_with(b"From ") {
                LineKind::EscapedEnvelope
            } else {
                LineKind::Other
            }
        }
        Some(b'\n' | b'\r') => {
            if complete && bytes.iter().all(|b| matches!(b, b'\r' | b'\n')) {
                LineKind::Blank
            } else {
                LineKind::Other
            }
        }
        Some(_) => LineKind::Other,
    }
}

/// Whether a line starts a header field: a name of printable ASCII, optional blanks, a colon.
fn is_header_field(line: &[u8]) -> bool {
    let name_len = line
        .iter()
        .position(|&b| !(33..=126).contains(&b) || b == b':')
        .unwrap_or(line.len());
    if name_len == 0 {
        return false;
    }
    line[name_len..]
        .iter()
        .find(|&&b| b != b' ' && b != b'\t')
        .is_some_and(|&b| b == b':')
}

/// The first `\n` in `hay`, eight bytes at a time.
fn find_newline(hay: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const NL: u64 = LO * b'\n' as u64;
    let mut chunks = hay.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ NL;
        let found = x.wrapping_sub(LO) & !x & HI;
        if found != 0 {
            return Some(base + (found.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| base + i)
}

/// The date on an mbox `From sender Sat Aug  7 11:40:37 2022 …` line, read as UTC (or with the
/// numeric zone when one follows the time).
fn envelope_timestamp(line: &[u8]) -> Option<Timestamp> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let text = String::from_utf8_lossy(line);
    let words: Vec<&str> = text.split_whitespace().skip(1).collect();
    for (i, word) in words.iter().enumerate() {
        let Some(month) = MONTHS.iter().position(|m| {
            word.len() >= 3 && word.is_char_boundary(3) && word[..3].eq_ignore_ascii_case(m)
        }) else {
            continue;
        };
        let Some(day) = words.get(i + 1).and_then(|d| d.parse::<i8>().ok()) else {
            continue;
        };
        let Some(time) = words.get(i + 2) else {
            continue;
        };
        let mut hms = time.split(':').map(|p| p.parse::<i8>().ok());
        let (Some(Some(hour)), Some(Some(minute))) = (hms.next(), hms.next()) else {
            continue;
        };
        let second = hms.next().flatten().unwrap_or(0);
        let mut zone_seconds = 0i32;
        let mut year_at = i + 3;
        if let Some(zone) = words
            .get(year_at)
            .filter(|z| z.starts_with(['+', '-']) && z.len() == 5)
        {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let part = |r: std::ops::Range<usize>| zone.get(r).and_then(|p| p.parse::<i32>().ok());
            if let (Some(h), Some(m)) = (part(1..3), part(3..5)) {
                zone_seconds = sign * (h * 3600 + m * 60);
            }
            year_at += 1;
        }
        let Some(year) = words.get(year_at).and_then(|y| y.parse::<i16>().ok()) else {
            continue;
        };
        let month = i8::try_from(month + 1).ok()?;
        let civil = jiff::civil::DateTime::new(year, month, day, hour, minute, second, 0).ok()?;
        let offset = jiff::tz::Offset::from_seconds(zone_seconds).ok()?;
        return offset.to_timestamp(civil).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_newline;

    #[test]
    fn newline_search_matches_naive() {
        let hay: Vec<u8> = (0..200u8)
            .map(|i| if i % 37 == 5 { b'\n' } else { i })
            .collect();
        for start in 0..hay.len() {
            let naive = hay[start..].iter().position(|&b| b == b'\n');
            assert_eq!(find_newline(&hay[start..]), naive);
        }
    }
}
