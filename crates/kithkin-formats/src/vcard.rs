//! vCard files (`.vcf`): [`read_vcards`] reads the contacts of vCard 2.1, 3.0 and 4.0 files as
//! phones, mail programs and address books write them; [`write_vcards`] writes contacts as
//! vCard 4.0 (RFC 6350). Both speak [`ContactRecord`], the neutral contact of every importer.
//!
//! Parsing is calcard's; around it the reader adds what real files need:
//!
//! * **Cards and lines.** Each card is read on its own, so one bad card never costs the
//!   others, and each record and error carries the line of its `BEGIN:VCARD`. A card nested in
//!   another (2.1 `AGENT`) is read as a card of its own.
//! * **Charsets.** Lines that are not UTF-8 are decoded with their `CHARSET` (Shift_JIS,
//!   ISO-8859-1, Windows-1252, …), else with the first non-UTF-8 charset the file declares,
//!   else as Windows-1252; quoted-printable values likewise (UTF-8 when undeclared and valid).
//!   UTF-16 files and byte-order marks are recognised.
//! * **Dates.** `BDAY` and `ANNIVERSARY` in every form clients write (`1990-04-15`,
//!   `19900415`, `--0415`, `--04-15`, with or without a time; Apple's omitted year) become a
//!   [`YearlyDay`](kithkin_core::dates::YearlyDay); a `BDAY` that tries to be a date and is
//!   not (`1990-13-01`) skips the card with an error naming it. Without an `ANNIVERSARY`, the
//!   first of `X-ANNIVERSARY`, `X-MS-ANNIVERSARY`, `X-EVOLUTION-ANNIVERSARY` or an
//!   `X-ABDATE` labelled anniversary (`X-ABLabel`) is used.
//!
//! How properties map: `FN` (else `N` as "Prefix Given Middle Family Suffix", family first
//! for CJK names) → `name`; `NICKNAME` (several joined by ", "); `EMAIL` and `TEL`, preferred
//! (`PREF`, `TYPE=pref`) first, duplicates dropped (emails ignoring case, phones ignoring
//! spacing and punctuation), `mailto:`/`tel:` and `"Name" <…>` stripped; `ORG` (first
//! component); `TITLE`; `ADR` (non-empty components and their lines joined by ", "); `URL`
//! (a `linkedin.com/in/` address, or `X-SOCIALPROFILE`/`SOCIALPROFILE` of type `linkedin`, to
//! `linkedin`; other social profiles that are web addresses to `urls`); `NOTE` → `notes`;
//! `CATEGORIES` (split on commas, duplicates dropped); `UID`; `X-KITHKIN-CONNECTED-ON` (our
//! own, for `connected_on`). Photos, keys and sounds are skipped, never decoded. A card with
//! no name, email or phone is an error.
//!
//! ```
//! use kithkin_formats::vcard::{read_vcards, write_vcards};
//! let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lima;Ana;;;\r\nEMAIL;TYPE=pref:ana@example.org\r\n\
//!             BDAY:--0415\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n";
//! let read = read_vcards(file.as_bytes());
//! assert_eq!(read.records[0].name, "Ana Lima");
//! assert_eq!(read.records[0].birthday.map(|d| d.to_string()), Some("--04-15".to_owned()));
//! assert_eq!(read.errors[0].line, 7);
//!
//! let mut out = Vec::new();
//! write_vcards(&mut out, &read.records).unwrap();
//! assert!(String::from_utf8(out).unwrap().contains("BDAY:--0415\r\n"));
//! ```

mod cards;
mod map;
#[cfg(test)]
mod tests;
mod write;

use crate::contact::ContactRecord;
use crate::edges::RecordError;
use calcard::Entry;
use serde::Serialize;
use std::io::Write;

/// What [`read_vcards`] found: the contacts, and an error for each card it skipped.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VcardsRead {
    /// Contacts, in file order.
    pub records: Vec<ContactRecord>,
    /// Cards that were skipped (and, for input with no card at all, one error at line 1), in
    /// file order.
    pub errors: Vec<RecordError>,
}

/// Reads every card of a vCard file (2.1, 3.0 or 4.0, any mix), never failing as a whole and
/// never panicking: what cannot be read is an error for its card, and the other cards are
/// still read.
pub fn read_vcards(input: &[u8]) -> VcardsRead {
    let mut read = VcardsRead::default();
    for card in stream_vcards(input) {
        match card {
            Ok(record) => read.records.push(record),
            Err(error) => read.errors.push(error),
        }
    }
    read
}

/// Cards from this many on are read on every core.
const PARALLEL_FROM: usize = 2_000;

/// Cards one thread of [`stream_vcards`] reads at a time.
const STREAM_CHUNK: usize = 1_000;

/// Chunks read ahead of the reader of a [`VcardStream`] at most: a slow reader (an import
/// waiting for the database) holds a few thousand contacts in memory, not the whole file.
const READ_AHEAD: usize = 16;

/// One card read by [`stream_vcards`]: its contact, or why it was skipped.
pub type CardRead = Result<ContactRecord, RecordError>;

/// A chunk of cards read on a thread, or the panic that stopped it.
type ChunkRead = std::thread::Result<Vec<CardRead>>;

/// Reads the cards of a vCard file like [`read_vcards`], but hands them out in file order as
/// they are read: big files are read on every core, a chunk of cards at a time, so the first
/// contacts are ready long before the last card is read (an import matches and writes them
/// meanwhile). [`VcardStream::next`] waits while the next chunk is being read. Given the
/// file's bytes by value (a `Vec<u8>`), it reads them in place; given a slice, it copies it.
pub fn stream_vcards(input: impl Into<Vec<u8>>) -> VcardStream {
    let found = cards::cards(input.into());
    let mut stream = VcardStream {
        cards: found.cards.len(),
        current: Vec::new().into_iter(),
        received: std::collections::BTreeMap::new(),
        next_chunk: 0,
        chunks: 0,
        from_threads: None,
    };
    if found.cards.is_empty() && found.has_text {
        stream.current = vec![Err(RecordError {
            line: 1,
            message: "no vCard found (no BEGIN:VCARD line)".to_owned(),
        })]
        .into_iter();
        return stream;
    }
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || found.cards.len() < PARALLEL_FROM {
        stream.current = found
            .cards
            .into_iter()
            .map(read_card)
            .collect::<Vec<_>>()
            .into_iter();
        return stream;
    }
    let mut chunks: Vec<(usize, Vec<cards::RawCard>)> = Vec::new();
    let mut rest = found.cards.into_iter();
    loop {
        let chunk: Vec<cards::RawCard> = rest.by_ref().take(STREAM_CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        chunks.push((chunks.len(), chunk));
    }
    stream.chunks = chunks.len();
    let queue = std::sync::Arc::new(std::sync::Mutex::new(chunks.into_iter()));
    let (send, receive) = std::sync::mpsc::sync_channel::<(usize, ChunkRead)>(READ_AHEAD);
    for _ in 0..threads {
        let queue = std::sync::Arc::clone(&queue);
        let send = send.clone();
        std::thread::spawn(move || {
            loop {
                let next = match queue.lock() {
                    Ok(mut chunks) => chunks.next(),
                    Err(_) => None,
                };
                let Some((index, chunk)) = next else { break };
                let read = std::panic::catch_unwind(move || {
                    chunk.into_iter().map(read_card).collect::<Vec<_>>()
                });
                // the reader is gone (the import stopped): stop reading
                if send.send((index, read)).is_err() {
                    break;
                }
            }
        });
    }
    stream.from_threads = Some(receive);
    stream
}

/// One card: its contact, or why not.
fn read_card(card: cards::RawCard) -> CardRead {
    let line = card.line;
    card.text()
        .and_then(|text| parse(&text, line))
        .and_then(|vcard| map::to_record(&vcard, line))
        .map_err(|message| RecordError { line, message })
}

/// The cards of a file in file order, as [`stream_vcards`] reads them.
#[derive(Debug)]
pub struct VcardStream {
    cards: usize,
    current: std::vec::IntoIter<CardRead>,
    /// Chunks read ahead of the one awaited.
    received: std::collections::BTreeMap<usize, Vec<CardRead>>,
    next_chunk: usize,
    chunks: usize,
    from_threads: Option<std::sync::mpsc::Receiver<(usize, ChunkRead)>>,
}

impl VcardStream {
    /// How many cards the file has (each yields a contact or an error).
    pub fn cards(&self) -> usize {
        self.cards
    }
}

impl Iterator for VcardStream {
    type Item = CardRead;

    fn next(&mut self) -> Option<CardRead> {
        loop {
            if let Some(card) = self.current.next() {
                return Some(card);
            }
            if self.next_chunk >= self.chunks {
                return None;
            }
            let chunk = loop {
                if let Some(chunk) = self.received.remove(&self.next_chunk) {
                    break chunk;
                }
                let Some((index, read)) = self.from_threads.as_ref().and_then(|r| r.recv().ok())
                else {
                    // every reading thread stopped with chunks unread (none does but by a
                    // panic, which arrives as a message): say so rather than lose them quietly
                    let unread = self.next_chunk;
                    self.next_chunk = self.chunks;
                    return Some(Err(RecordError {
                        line: 0,
                        message: format!(
                            "the cards from card {} on were not read (a reading thread stopped)",
                            unread * STREAM_CHUNK + 1
                        ),
                    }));
                };
                match read {
                    Ok(chunk) => {
                        self.received.insert(index, chunk);
                    }
                    // `parse` catches calcard's panics; anything else is a bug of ours
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            };
            self.next_chunk += 1;
            self.current = chunk.into_iter();
        }
    }
}

/// One card's text through calcard, lenient about stray lines. calcard is asked never to
/// panic, but a panic in it would cost one card, not the import.
fn parse(text: &str, line: u64) -> Result<calcard::vcard::VCard, String> {
    let entry = std::panic::catch_unwind(|| calcard::Parser::new(text).entry());
    match entry {
        Ok(Entry::VCard(vcard)) => Ok(vcard),
        Ok(other) => Err(format!("card at line {line} cannot be read: {other:?}")),
        Err(_) => Err(format!(
            "card at line {line} cannot be read: the vCard parser failed"
        )),
    }
}

/// Writes `records` as vCard 4.0: CRLF line ends, lines folded at 75 octets without splitting
/// a character, text escaped, `PRODID:-//Kithkin//EN` and `UID` (when the record has one) in
/// every card, the LinkedIn profile as `X-SOCIALPROFILE;TYPE=linkedin`, birthdays without a
/// year as `--MMDD`. [`read_vcards`] reads the output back to the same records (but `line`).
pub fn write_vcards(mut out: impl Write, records: &[ContactRecord]) -> std::io::Result<()> {
    for record in records {
        let card =
            write::card(record).map_err(|_| std::io::Error::other("cannot format a vCard"))?;
        out.write_all(card.as_bytes())?;
    }
    out.flush()
}
