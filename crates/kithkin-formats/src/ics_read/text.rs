//! Cuts an iCalendar file into the blocks the reader parses one by one: each `VEVENT` and each
//! `VTIMEZONE`, with the line it starts on, as clean UTF-8 text for calcard.
//!
//! calcard parses `&str` and reports no line numbers, and one broken component can cost a
//! whole calendar. So before calcard sees anything, this module:
//!
//! * strips a UTF-8 byte-order mark and decodes UTF-16 (with a BOM, or recognisable by its
//!   zero bytes);
//! * unfolds lines (a line starting with a space or a tab continues the one before) before
//!   decoding them, so a UTF-8 character split by folding survives; a logical line that is
//!   not UTF-8 is decoded as Windows-1252 (a superset of Latin-1's printable characters);
//! * finds `BEGIN:VEVENT` … `END:VEVENT` and `BEGIN:VTIMEZONE` … `END:VTIMEZONE` (any case,
//!   in any number of `VCALENDAR`s, or with none at all), closes components a block leaves
//!   open inside it (a `VALARM` without `END`), and reports a block with no end instead of
//!   guessing where it ends.
//!
//! Each block is handed to calcard wrapped in a `VCALENDAR` of its own.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

/// One component cut out of the file.
#[derive(Debug)]
pub(super) struct Block {
    /// The 1-based line of its `BEGIN`.
    pub line: u64,
    /// The component wrapped in a `VCALENDAR`, one unfolded line per line, or why it cannot be
    /// read.
    pub text: Result<String, String>,
}

/// What the file holds.
#[derive(Debug, Default)]
pub(super) struct Blocks {
    /// `VEVENT`s in the order their `BEGIN` lines appear.
    pub events: Vec<Block>,
    /// `VTIMEZONE`s in file order.
    pub timezones: Vec<Block>,
    /// Whether a `BEGIN:VCALENDAR` line was seen.
    pub has_calendar: bool,
    /// Whether the input has anything but white space.
    pub has_text: bool,
}

/// The kind of block being cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Event,
    Timezone,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Event => "VEVENT",
            Kind::Timezone => "VTIMEZONE",
        }
    }
}

/// A block being cut: its kind, first line, the components open inside it and its lines.
struct Open {
    kind: Kind,
    line: u64,
    nested: Vec<String>,
    lines: Vec<String>,
}

impl Open {
    fn new(kind: Kind, line: u64) -> Self {
        Open {
            kind,
            line,
            nested: Vec::new(),
            lines: vec![format!("BEGIN:{}", kind.name())],
        }
    }

    fn finish(mut self) -> Block {
        while let Some(inner) = self.nested.pop() {
            self.lines.push(format!("END:{inner}"));
        }
        self.lines.push(format!("END:{}", self.kind.name()));
        let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        for line in &self.lines {
            text.push_str(line);
            text.push_str("\r\n");
        }
        text.push_str("END:VCALENDAR\r\n");
        Block {
            line: self.line,
            text: Ok(text),
        }
    }

    fn unterminated(self) -> Block {
        let name = self.kind.name();
        Block {
            line: self.line,
            text: Err(format!("{name} at line {} has no END:{name}", self.line)),
        }
    }
}

/// Cuts `input` into blocks.
pub(super) fn blocks(input: &[u8]) -> Blocks {
    let bytes = to_ascii_compatible(input);
    let mut found = Blocks {
        has_text: bytes.iter().any(|b| !b.is_ascii_whitespace()),
        ..Blocks::default()
    };
    let mut open: Option<Open> = None;
    for (number, line) in logical_lines(&bytes) {
        let (name, value) = split_property(&line);
        let begin = name.eq_ignore_ascii_case("BEGIN");
        let end = name.eq_ignore_ascii_case("END");
        let value = value.trim().to_ascii_uppercase();
        if begin && value == "VCALENDAR" {
            found.has_calendar = true;
        }
        let starts = match value.as_str() {
            "VEVENT" if begin => Some(Kind::Event),
            "VTIMEZONE" if begin => Some(Kind::Timezone),
            _ => None,
        };
        if let Some(kind) = starts {
            // A block that starts while another is open: the other never ended.
            if let Some(previous) = open.take() {
                push(&mut found, previous.kind, previous.unterminated());
            }
            open = Some(Open::new(kind, number));
            continue;
        }
        let Some(current) = open.as_mut() else {
            continue;
        };
        if end && value == current.kind.name() {
            if let Some(done) = open.take() {
                let kind = done.kind;
                push(&mut found, kind, done.finish());
            }
        } else if end && value == "VCALENDAR" {
            if let Some(done) = open.take() {
                push(&mut found, done.kind, done.unterminated());
            }
        } else if begin {
            current.nested.push(value);
            current.lines.push(line.into_owned());
        } else if end {
            // Close what the END names, and whatever was left open inside it; an END that
            // matches nothing open is dropped.
            if let Some(at) = current.nested.iter().rposition(|n| *n == value) {
                while current.nested.len() > at + 1 {
                    if let Some(inner) = current.nested.pop() {
                        current.lines.push(format!("END:{inner}"));
                    }
                }
                current.nested.pop();
                current.lines.push(format!("END:{value}"));
            }
        } else {
            current.lines.push(line.into_owned());
        }
    }
    if let Some(left) = open {
        push(&mut found, left.kind, left.unterminated());
    }
    found
}

fn push(found: &mut Blocks, kind: Kind, block: Block) {
    match kind {
        Kind::Event => found.events.push(block),
        Kind::Timezone => found.timezones.push(block),
    }
}

/// A property line's name (parameters cut off) and value.
fn split_property(line: &str) -> (&str, &str) {
    let Some((head, value)) = line.split_once(':') else {
        return (line, "");
    };
    let name = head.split(';').next().unwrap_or(head).trim();
    (name, value)
}

/// Strips a UTF-8 byte-order mark and decodes UTF-16, so that the rest works on an
/// ASCII-compatible byte string.
fn to_ascii_compatible(input: &[u8]) -> Cow<'_, [u8]> {
    if let Some(rest) = input.strip_prefix(b"\xEF\xBB\xBF") {
        return Cow::Borrowed(rest);
    }
    let utf16 = if input.starts_with(b"\xFF\xFE") || input.starts_with(b"B\0E\0") {
        Some(UTF_16LE)
    } else if input.starts_with(b"\xFE\xFF") || input.starts_with(b"\0B\0E") {
        Some(UTF_16BE)
    } else {
        None
    };
    match utf16 {
        // `decode` strips the BOM itself.
        Some(encoding) => Cow::Owned(encoding.decode(input).0.into_owned().into_bytes()),
        None => Cow::Borrowed(input),
    }
}

/// The unfolded lines of the file, each with the 1-based number of its first physical line,
/// decoded as UTF-8 or, when that fails, as Windows-1252. Empty lines are skipped.
fn logical_lines(bytes: &[u8]) -> Vec<(u64, Cow<'_, str>)> {
    let end = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    let mut out = Vec::new();
    let mut current: Option<(u64, Vec<u8>)> = None;
    for (i, raw) in bytes.split(|&b| b == end).enumerate() {
        let keep = raw.iter().rposition(|&b| b != b'\r').map_or(0, |p| p + 1);
        let raw = &raw[..keep];
        let number = i as u64 + 1;
        if let (Some(first), Some((_, joined))) = (raw.first(), current.as_mut())
            && (*first == b' ' || *first == b'\t')
        {
            joined.extend_from_slice(&raw[1..]);
            continue;
        }
        if let Some((line, joined)) = current.take() {
            out.push((line, decode(joined)));
        }
        if !raw.trim_ascii().is_empty() {
            current = Some((number, raw.to_vec()));
        }
    }
    if let Some((line, joined)) = current {
        out.push((line, decode(joined)));
    }
    out
}

fn decode(bytes: Vec<u8>) -> Cow<'static, str> {
    match String::from_utf8(bytes) {
        Ok(text) => Cow::Owned(text),
        Err(e) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
            Cow::Owned(text.into_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn cuts_events_and_timezones_with_their_lines() {
        let file = b"BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\n\
            BEGIN:VEVENT\r\nSUMMARY:a\r\n  b\r\nBEGIN:VALARM\r\nEND:VEVENT\r\n\
            begin:vevent\r\nSUMMARY:c\r\nEND:VCALENDAR\r\n";
        let found = blocks(file);
        assert!(found.has_calendar);
        assert_eq!(found.timezones.len(), 1);
        assert_eq!(found.timezones[0].line, 2);
        assert_eq!(found.events.len(), 2);
        assert_eq!(found.events[0].line, 5);
        let text = found.events[0].text.as_ref().unwrap();
        assert!(text.contains("SUMMARY:a b\r\nBEGIN:VALARM\r\nEND:VALARM\r\nEND:VEVENT"));
        assert_eq!(found.events[1].line, 10);
        assert!(found.events[1].text.is_err());
    }

    #[test]
    fn decodes_latin1_lines_and_folded_utf8() {
        let found = blocks(b"BEGIN:VEVENT\nSUMMARY:Tv\xe5\nLOCATION:\xc3\n \xa9\nEND:VEVENT\n");
        let text = found.events[0].text.as_ref().unwrap();
        assert!(text.contains("SUMMARY:Två\r\n"));
        assert!(text.contains("LOCATION:é\r\n"));
    }

    #[test]
    fn utf16_and_bom() {
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "BEGIN:VEVENT\r\nEND:VEVENT\r\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(blocks(&utf16).events.len(), 1);
        assert_eq!(
            blocks(b"\xEF\xBB\xBFBEGIN:VEVENT\nEND:VEVENT").events.len(),
            1
        );
    }
}
