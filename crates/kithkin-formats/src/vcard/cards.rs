//! Cuts a vCard file into cards and turns each into clean UTF-8 text for calcard.
//!
//! calcard parses `&str`, decodes quoted-printable itself but only with the charsets its mail
//! decoder knows, and reports no line numbers. So before calcard sees a card, this module:
//!
//! * finds the cards (`BEGIN:VCARD` … `END:VCARD`, any case) and the line each starts on;
//!   a card nested inside another (vCard 2.1 `AGENT`, or a missing `END`) becomes a card of
//!   its own, and a card with no `END:VCARD` is reported, not guessed at;
//! * makes every line UTF-8: a line that is not UTF-8 is decoded with its `CHARSET`, else with
//!   the first non-UTF-8 charset the file declares anywhere, else as Windows-1252;
//! * decodes quoted-printable values (soft line breaks, `CHARSET`, UTF-8 when undeclared and
//!   valid, else Windows-1252) and hands them to calcard re-encoded as UTF-8 quoted-printable,
//!   so that calcard still sees the value's `;` and `,` structure as the writer wrote it;
//! * marks `BDAY` and `ANNIVERSARY` as `VALUE=text`, so that the reader parses the date itself
//!   (calcard reads vCard 4.0 dates in basic format only and drops the day of `--04-15`).
//!
//! Everything else passes through byte for byte; line ends become `\n`.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// One card cut out of the file, not yet decoded: [`RawCard::text`] decodes it, on whichever
/// thread reads the card.
#[derive(Debug)]
pub(super) struct RawCard {
    /// The 1-based line of its `BEGIN:VCARD`.
    pub line: u64,
    /// Where its own lines are in the file, or why it cannot be read.
    lines: Result<Spans, String>,
    file: FileCharset,
}

/// The byte ranges of a card's own lines in the file, each a run of whole lines: one run, or
/// more when cards nested inside it cut it into pieces.
#[derive(Debug, Default)]
struct Spans {
    first: std::ops::Range<usize>,
    more: Vec<std::ops::Range<usize>>,
}

impl RawCard {
    /// The card as UTF-8 text from `BEGIN` to `END`, or why it cannot be read.
    pub fn text(self) -> Result<String, String> {
        let spans = self.lines?;
        let end = self.file.line_end;
        let mut lines: Vec<&[u8]> = Vec::new();
        for span in std::iter::once(&spans.first).chain(&spans.more) {
            let run = self.file.input.get(span.clone()).unwrap_or_default();
            // a run holds whole lines, each ended: no line follows the last end
            let run = run.strip_suffix(&[end]).unwrap_or(run);
            if span.is_empty() {
                continue;
            }
            lines.extend(run.split(|&b| b == end).map(without_trailing_cr));
        }
        Ok(card_text(&lines, &self.file))
    }
}

/// What the file holds: its cards in file order, and whether it had any text outside them.
#[derive(Debug)]
pub(super) struct Cards {
    /// Cards in the order their `BEGIN:VCARD` lines appear.
    pub cards: Vec<RawCard>,
    /// Whether the input has anything but white space.
    pub has_text: bool,
}

/// A card whose `END:VCARD` is not reached yet.
struct OpenCard {
    /// The line of its `BEGIN:VCARD`.
    line: u64,
    /// Its lines so far, but for the run still open.
    spans: Spans,
    /// Where its open run of lines starts.
    run_from: usize,
    /// Whether `spans.first` is set.
    has_run: bool,
}

impl OpenCard {
    /// Ends the open run at `at`.
    fn close_run(&mut self, at: usize) {
        let run = self.run_from..at;
        if self.has_run {
            self.spans.more.push(run);
        } else {
            self.spans.first = run;
            self.has_run = true;
        }
    }
}

/// Cuts `input` into cards. Only the `BEGIN` and `END` lines are looked at here (this runs on
/// one thread, before the cards are read in parallel): each card keeps where its lines are,
/// and [`RawCard::text`] takes them out of the file.
pub(super) fn cards(input: Vec<u8>) -> Cards {
    let (bytes, start) = ascii_compatible(input);
    let text = bytes.get(start..).unwrap_or_default();
    let has_text = text.iter().any(|b| !b.is_ascii_whitespace());
    // lines end at LF, or at CR when the file has no LF at all; trailing CRs are dropped, so
    // CRLF and the CR CR LF of some exports both end lines
    let line_end = if text.contains(&b'\n') { b'\n' } else { b'\r' };
    let mut open: Vec<OpenCard> = Vec::new();
    let mut cards = Vec::new();
    let mut closed = Vec::new();
    let mut at = start;
    let mut number: u64 = 0;
    while at <= bytes.len() {
        let rest = bytes.get(at..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|&b| b == line_end)
            .unwrap_or(rest.len());
        let next = at + len + 1;
        number += 1;
        let line = without_trailing_cr(rest.get(..len).unwrap_or_default());
        if is_marker(line, b"BEGIN:VCARD") {
            if let Some(parent) = open.last_mut() {
                parent.close_run(at);
            }
            open.push(OpenCard {
                line: number,
                spans: Spans::default(),
                run_from: next.min(bytes.len()),
                has_run: false,
            });
        } else if is_marker(line, b"END:VCARD") {
            // An END outside any card is ignored.
            if let Some(mut card) = open.pop() {
                card.close_run(at);
                closed.push((card.line, card.spans));
                if let Some(parent) = open.last_mut() {
                    parent.run_from = next.min(bytes.len());
                }
            }
        }
        at = next;
    }
    let file = FileCharset {
        input: Arc::new(bytes),
        guess: Arc::new(OnceLock::new()),
        line_end,
    };
    for (line, spans) in closed {
        cards.push(RawCard {
            line,
            lines: Ok(spans),
            file: file.clone(),
        });
    }
    for card in open {
        cards.push(RawCard {
            line: card.line,
            lines: Err(format!("card at line {} has no END:VCARD", card.line)),
            file: file.clone(),
        });
    }
    // Nested cards close before their parent: put them back in file order.
    cards.sort_by_key(|c| c.line);
    Cards { cards, has_text }
}

/// A line without the CRs at its end.
fn without_trailing_cr(line: &[u8]) -> &[u8] {
    let keep = line.iter().rposition(|&b| b != b'\r').map_or(0, |p| p + 1);
    line.get(..keep).unwrap_or_default()
}

/// The input as an ASCII-compatible byte string, and where its text starts: a UTF-8
/// byte-order mark is skipped and UTF-16 (with a BOM, or recognisable by its zero bytes)
/// decoded.
fn ascii_compatible(input: Vec<u8>) -> (Vec<u8>, usize) {
    if input.starts_with(b"\xEF\xBB\xBF") {
        return (input, 3);
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
        Some(encoding) => (encoding.decode(&input).0.into_owned().into_bytes(), 0),
        None => (input, 0),
    }
}

/// Whether `line` is `marker` (any case), not indented, trailing white space and a byte-order
/// mark (left by concatenating files) ignored.
fn is_marker(line: &[u8], marker: &[u8]) -> bool {
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let end = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |p| p + 1);
    line[..end].eq_ignore_ascii_case(marker)
}

/// The charset to use for undeclared non-UTF-8 text: the first non-UTF-8 `CHARSET` the file
/// declares, looked for only when such text turns up (once per file, whichever thread needs
/// it first).
#[derive(Debug, Clone)]
struct FileCharset {
    input: Arc<Vec<u8>>,
    guess: Arc<OnceLock<&'static Encoding>>,
    /// The byte lines end with (LF, or CR in a file without LF).
    line_end: u8,
}

impl FileCharset {
    fn encoding(&self) -> &'static Encoding {
        self.guess
            .get_or_init(|| find_declared_charset(&self.input).unwrap_or(WINDOWS_1252))
    }
}

fn find_declared_charset(input: &[u8]) -> Option<&'static Encoding> {
    const KEY: &[u8] = b"CHARSET=";
    let mut rest = input;
    while let Some(at) = rest
        .windows(KEY.len())
        .position(|w| w.eq_ignore_ascii_case(KEY))
    {
        rest = &rest[at + KEY.len()..];
        let label_end = rest
            .iter()
            .position(|&b| matches!(b, b';' | b':' | b',' | b'\r' | b'\n'))
            .unwrap_or(rest.len());
        let label = trim_quotes(&rest[..label_end]);
        if let Some(encoding) = Encoding::for_label(label)
            && encoding != UTF_8
        {
            return Some(encoding);
        }
    }
    None
}

fn trim_quotes(s: &[u8]) -> &[u8] {
    let s = s.trim_ascii();
    s.strip_prefix(b"\"")
        .and_then(|s| s.strip_suffix(b"\""))
        .unwrap_or(s)
}

/// What the reader needs to know of a property's name and parameters.
struct Header<'a> {
    /// Name (with group) and parameters, as written.
    segments: Vec<&'a [u8]>,
    quoted_printable: bool,
    charset: Option<&'a [u8]>,
    is_date: bool,
}

fn parse_header(header: &[u8]) -> Header<'_> {
    let segments = split_outside_quotes(header, b';');
    let name = segments.first().copied().unwrap_or_default();
    let name = name
        .rsplit(|&b| b == b'.')
        .next()
        .unwrap_or(name)
        .trim_ascii();
    let mut parsed = Header {
        is_date: name.eq_ignore_ascii_case(b"BDAY") || name.eq_ignore_ascii_case(b"ANNIVERSARY"),
        segments,
        quoted_printable: false,
        charset: None,
    };
    for param in parsed.segments.iter().skip(1) {
        let param = param.trim_ascii();
        if param.eq_ignore_ascii_case(b"QUOTED-PRINTABLE")
            || param.eq_ignore_ascii_case(b"ENCODING=QUOTED-PRINTABLE")
        {
            parsed.quoted_printable = true;
        } else if starts_with_ignore_case(param, b"CHARSET=") {
            parsed.charset = Some(trim_quotes(&param[8..]));
        }
    }
    parsed
}

/// The header calcard gets: `VALUE=text` for dates, and for a re-encoded quoted-printable
/// value the old `ENCODING`/`CHARSET` replaced by UTF-8 quoted-printable.
fn write_header(out: &mut String, header: &Header<'_>, reencoded: bool, file: &FileCharset) {
    for (i, segment) in header.segments.iter().enumerate() {
        if reencoded && i > 0 {
            let param = segment.trim_ascii();
            if param.eq_ignore_ascii_case(b"QUOTED-PRINTABLE")
                || starts_with_ignore_case(param, b"ENCODING=")
                || starts_with_ignore_case(param, b"CHARSET=")
            {
                continue;
            }
        }
        if i > 0 {
            out.push(';');
        }
        out.push_str(&decode_text(segment, header.charset, file));
        if i == 0 && header.is_date {
            out.push_str(";VALUE=text");
        }
    }
    if reencoded {
        out.push_str(";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE");
    }
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Splits at `sep` where it is not inside double quotes.
fn split_outside_quotes(s: &[u8], sep: u8) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, &b) in s.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            parts.push(&s[start..i]);
            start = i + 1;
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Where the value starts: the first `:` not inside a quoted parameter value.
fn colon(line: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for (i, &b) in line.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn is_folded(line: &[u8]) -> bool {
    matches!(line.first(), Some(b' ' | b'\t'))
}

/// One card's lines (without BEGIN and END) as the UTF-8 text calcard reads.
fn card_text(lines: &[&[u8]], file: &FileCharset) -> String {
    let size: usize = lines.iter().map(|l| l.len() + 1).sum();
    let mut out = String::with_capacity(size + 24);
    out.push_str("BEGIN:VCARD\n");
    let mut i = 0;
    while let Some(&first) = lines.get(i) {
        i += 1;
        let Some(at) = colon(first) else {
            // Not a property (a blank line, a comment, base64 data): keep it.
            out.push_str(&decode_text(first, None, file));
            out.push('\n');
            continue;
        };
        let header = parse_header(&first[..at]);
        if header.quoted_printable {
            let mut value = first[at + 1..].to_vec();
            while let Some(&next) = lines.get(i) {
                let trimmed = value.trim_ascii_end();
                if trimmed.ends_with(b"=") {
                    let keep = trimmed.len() - 1;
                    value.truncate(keep);
                    value.extend_from_slice(next);
                } else if is_folded(next) {
                    value.extend_from_slice(&next[1..]);
                } else {
                    break;
                }
                i += 1;
            }
            let text = decode_bytes(&quoted_printable_decode(&value), header.charset, file);
            write_header(&mut out, &header, true, file);
            out.push(':');
            quoted_printable_encode(&mut out, &text);
            out.push('\n');
            continue;
        }
        let start = i - 1;
        let mut pieces: Vec<&[u8]> = vec![&first[at + 1..]];
        let mut rewrite = header.is_date || std::str::from_utf8(first).is_err();
        while let Some(&next) = lines.get(i) {
            if is_folded(next) {
                pieces.push(&next[1..]);
            } else if pieces.last().is_some_and(|p| p.ends_with(b"\\"))
                && colon(next).is_none()
                && !next.trim_ascii().is_empty()
            {
                // Some 2.1 writers continue a value on the next line after a backslash.
                pieces.push(b"n");
                pieces.push(next);
                rewrite = true;
            } else {
                break;
            }
            rewrite |= std::str::from_utf8(next).is_err();
            i += 1;
        }
        if rewrite {
            // Unfolded first, so that a character split across a fold is decoded whole.
            write_header(&mut out, &header, false, file);
            out.push(':');
            out.push_str(&decode_text(&pieces.concat(), header.charset, file));
            out.push('\n');
        } else {
            for line in lines.get(start..i).unwrap_or_default() {
                out.push_str(&String::from_utf8_lossy(line));
                out.push('\n');
            }
        }
    }
    out.push_str("END:VCARD\n");
    out
}

/// Raw (not quoted-printable) text: UTF-8 when it is, else its declared charset, else the
/// file's.
fn decode_text<'a>(bytes: &'a [u8], declared: Option<&[u8]>, file: &FileCharset) -> Cow<'a, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let encoding = declared
                .and_then(Encoding::for_label)
                .filter(|e| *e != UTF_8)
                .unwrap_or_else(|| file.encoding());
            Cow::Owned(encoding.decode_without_bom_handling(bytes).0.into_owned())
        }
    }
}

/// Decoded quoted-printable bytes: the declared charset wins (these bytes were encoded on
/// purpose); undeclared, UTF-8 when valid, else the file's charset.
fn decode_bytes(bytes: &[u8], declared: Option<&[u8]>, file: &FileCharset) -> String {
    match declared.and_then(Encoding::for_label) {
        Some(encoding) => encoding.decode_without_bom_handling(bytes).0.into_owned(),
        None => decode_text(bytes, None, file).into_owned(),
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `=XX` escapes; a stray `=` is kept, a trailing one dropped.
fn quoted_printable_decode(value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while let Some(&b) = value.get(i) {
        if b == b'=' {
            match (
                value.get(i + 1).copied().and_then(hex),
                value.get(i + 2).copied().and_then(hex),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 3;
                    continue;
                }
                _ if i + 1 == value.len() => break,
                _ => {}
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// Encodes every byte that is not printable ASCII, and `=`, as `=XX`.
fn quoted_printable_encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        if b == b'=' || b == 0x7F || b >= 0x80 || (b < 0x20 && b != b'\t') {
            out.push('=');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push(char::from(b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &[u8]) -> Vec<(u64, Result<String, String>)> {
        cards(input.to_vec())
            .cards
            .into_iter()
            .map(|c| (c.line, c.text()))
            .collect()
    }

    #[test]
    fn finds_cards_and_their_lines() {
        let input =
            b"\r\nBEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n\r\nbegin:vcard\r\nFN:B\r\nend:vcard\r\n";
        let found = texts(input);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0],
            (2, Ok("BEGIN:VCARD\nFN:A\nEND:VCARD\n".to_owned()))
        );
        assert_eq!(found[1].0, 6);
    }

    #[test]
    fn nested_cards_stand_alone_and_unterminated_ones_are_reported() {
        let input = b"BEGIN:VCARD\nN:parent\nBEGIN:VCARD\nN:child\nEND:VCARD\nTEL:1\nEND:VCARD\nBEGIN:VCARD\nFN:cut";
        let found = texts(input);
        assert_eq!(
            found[0],
            (
                1,
                Ok("BEGIN:VCARD\nN:parent\nTEL:1\nEND:VCARD\n".to_owned())
            )
        );
        assert_eq!(
            found[1],
            (3, Ok("BEGIN:VCARD\nN:child\nEND:VCARD\n".to_owned()))
        );
        assert_eq!(
            found[2],
            (8, Err("card at line 8 has no END:VCARD".to_owned()))
        );
    }

    #[test]
    fn concatenated_files_keep_their_cards() {
        let input =
            b"\xEF\xBB\xBFBEGIN:VCARD\nFN:A\nEND:VCARD\n\xEF\xBB\xBFBEGIN:VCARD\nFN:B\nEND:VCARD\n";
        assert_eq!(texts(input).len(), 2);
    }

    #[test]
    fn cr_cr_lf_and_bare_cr_end_lines() {
        assert_eq!(
            texts(b"BEGIN:VCARD\r\r\nFN:A\r\r\nEND:VCARD\r\r\n")[0].1,
            Ok("BEGIN:VCARD\nFN:A\nEND:VCARD\n".to_owned())
        );
        assert_eq!(
            texts(b"BEGIN:VCARD\rFN:A\rEND:VCARD\r")[0].1,
            Ok("BEGIN:VCARD\nFN:A\nEND:VCARD\n".to_owned())
        );
    }

    #[test]
    fn decodes_declared_and_guessed_charsets() {
        // Shift_JIS 安藤 with CHARSET, and Latin-1 é without one.
        let input =
            b"BEGIN:VCARD\nN;CHARSET=SHIFT_JIS:\x88\xc0\x93\xa1;;;;\nNOTE:caf\xe9\nEND:VCARD\n";
        let text = texts(input)[0].1.clone().unwrap_or_default();
        assert!(text.contains("N;CHARSET=SHIFT_JIS:安藤;;;;\n"), "{text}");
        // The file declares Shift_JIS, so the undeclared byte is read as Shift_JIS too.
        assert!(text.contains("NOTE:"), "{text}");
        let latin = texts(b"BEGIN:VCARD\nNOTE:caf\xe9\nEND:VCARD\n")[0]
            .1
            .clone()
            .unwrap_or_default();
        assert!(latin.contains("NOTE:café\n"), "{latin}");
    }

    #[test]
    fn reencodes_quoted_printable_as_utf8() {
        let input = b"BEGIN:VCARD\nADR;HOME;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:;=93=8C=8B=\n=9E;;\nNOTE;QUOTED-PRINTABLE:a=0D=0Ab=3D=\n c\nEND:VCARD\n";
        let text = texts(input)[0].1.clone().unwrap_or_default();
        // 東京 in UTF-8 is E6 9D B1 E4 BA AC.
        assert!(
            text.contains(
                "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;=E6=9D=B1=E4=BA=AC;;\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab=3D c\n"),
            "{text}"
        );
    }

    #[test]
    fn marks_dates_as_text() {
        let text = texts(b"BEGIN:VCARD\nitem1.BDAY;VALUE=date:--04-15\nEND:VCARD\n")[0]
            .1
            .clone()
            .unwrap_or_default();
        assert!(
            text.contains("item1.BDAY;VALUE=text;VALUE=date:--04-15\n"),
            "{text}"
        );
    }

    #[test]
    fn utf16_input_is_decoded() {
        let utf16: Vec<u8> = "\u{feff}BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            texts(&utf16)[0].1,
            Ok("BEGIN:VCARD\nFN:Zoë\nEND:VCARD\n".to_owned())
        );
    }

    #[test]
    fn quoted_printable_edges() {
        assert_eq!(quoted_printable_decode(b"a=4"), b"a=4");
        assert_eq!(quoted_printable_decode(b"a="), b"a");
        assert_eq!(quoted_printable_decode(b"=zz=41"), b"=zzA");
    }
}
