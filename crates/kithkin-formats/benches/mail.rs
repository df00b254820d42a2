//! Mail header reading over a large generated mbox: mail-parser alone (its own mbox splitter +
//! `parse_headers`, nothing else) against [`MboxReader`] (streaming split, header parse and
//! the records Kithkin keeps).
//!
//! `cargo bench -p kithkin-formats --bench mail`. The mbox is generated once, deterministically
//! (fixed seed), to `KITHKIN_BENCH_MBOX` (default `/tmp/kithkin-bench.mbox`) at
//! `KITHKIN_BENCH_MBOX_MB` MiB (default 500), and reused while it has that size and version.
//! Run without `--bench` (as `cargo test --benches` does), it checks itself on 2 MiB instead.
// A benchmark of a file it generates itself: an I/O failure there is a broken bench run,
// reported by the panic, not user input to recover from.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kithkin_formats::mail::MboxReader;
use mail_parser::MessageParser;
use mail_parser::mailbox::mbox::MessageIterator;

/// Bumped whenever the generator changes, so that an old file is not reused.
const VERSION: &str = "kithkin-bench-mbox-v2";
const BUFFER: usize = 1 << 20;

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let (path, mib) = if benching {
        let path = std::env::var("KITHKIN_BENCH_MBOX")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from("/tmp/kithkin-bench.mbox"));
        let mib = std::env::var("KITHKIN_BENCH_MBOX_MB")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(500);
        (path, mib)
    } else {
        let path =
            std::env::temp_dir().join(format!("kithkin-mail-smoke-{}.mbox", std::process::id()));
        (path, 2)
    };
    let target = mib << 20;
    ensure_mbox(&path, target);
    let size = std::fs::metadata(&path).unwrap().len();
    let mb = size as f64 / (1u64 << 20) as f64;
    println!("mbox: {} ({mb:.1} MiB)", path.display());

    // Warm the page cache, so both readers see the same (cached) file.
    let mut sink = vec![0u8; BUFFER];
    let mut f = File::open(&path).unwrap();
    while f.read(&mut sink).unwrap() > 0 {}

    let runs = if benching { 2 } else { 1 };
    let mut ours = Vec::new();
    let mut counts = (0, 0, 0, 0);
    for _ in 0..runs {
        let (time, records, errors, addresses, dated) = time_mbox_reader(&path, size);
        ours.push(time);
        counts = (records, errors, addresses, dated);
    }
    let rss = peak_rss_kib();
    let mut theirs = Vec::new();
    let mut split = Vec::new();
    let mut their_count = 0;
    for _ in 0..runs {
        let (time, n) = time_mail_parser(&path, true);
        theirs.push(time);
        their_count = n;
        split.push(time_mail_parser(&path, false).0);
    }
    let best = |v: &[Duration]| v.iter().min().copied().unwrap_or_default();
    let (ours, theirs, split) = (best(&ours), best(&theirs), best(&split));
    let rate = |d: Duration| mb / d.as_secs_f64();
    println!(
        "mail-parser alone (MessageIterator + parse_headers): {:>8.3} s  {:>7.1} MiB/s  ({their_count} messages)",
        theirs.as_secs_f64(),
        rate(theirs)
    );
    println!(
        "  of which mail-parser's split alone:                 {:>8.3} s  {:>7.1} MiB/s",
        split.as_secs_f64(),
        rate(split)
    );
    println!(
        "MboxReader (split + headers + records):              {:>8.3} s  {:>7.1} MiB/s  ({} records, {} errors, {} addresses, {} dated)",
        ours.as_secs_f64(),
        rate(ours),
        counts.0,
        counts.1,
        counts.2,
        counts.3
    );
    println!(
        "MboxReader / mail-parser speed: {:.2}x; MboxReader peak RSS {} KiB",
        rate(ours) / rate(theirs),
        rss.map_or_else(|| "?".into(), |k| k.to_string())
    );
    assert_eq!(
        counts.0 + counts.1,
        their_count,
        "both split the same messages"
    );
    assert_eq!(counts.1, 0, "generated mail has no bad messages");
    if !benching {
        std::fs::remove_file(&path).ok();
    }
}

/// Times [`MboxReader`]; returns the time, records, errors, and From/To/Cc addresses and
/// dated messages (the figures the Python script prints, to compare).
fn time_mbox_reader(path: &Path, size: u64) -> (Duration, usize, usize, usize, usize) {
    let start = Instant::now();
    let file = BufReader::with_capacity(BUFFER, File::open(path).unwrap());
    let mut reader = MboxReader::new(file);
    let (mut records, mut errors, mut addresses, mut dated) = (0, 0, 0, 0);
    for item in reader.by_ref() {
        match item {
            Ok(r) => {
                records += 1;
                addresses += r.from.len() + r.to.len() + r.cc.len();
                dated += usize::from(r.date.is_some());
            }
            Err(_) => errors += 1,
        }
    }
    let time = start.elapsed();
    assert_eq!(reader.bytes_read(), size);
    (time, records, errors, addresses, dated)
}

/// mail-parser's own mbox iterator, and with `parse` its `parse_headers` on every message
/// (the default parser: every header decoded by its type).
fn time_mail_parser(path: &Path, parse: bool) -> (Duration, usize) {
    let start = Instant::now();
    let file = BufReader::with_capacity(BUFFER, File::open(path).unwrap());
    let parser = MessageParser::new();
    let mut n = 0;
    let mut headers = 0usize;
    for message in MessageIterator::new(file) {
        let message = message.unwrap();
        if !parse {
            headers += message.contents().len();
        } else if let Some(parsed) = parser.parse_headers(message.contents()) {
            headers += parsed.headers().len();
        }
        n += 1;
    }
    std::hint::black_box(headers);
    (start.elapsed(), n)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

// ---------------------------------------------------------------------------------------------
// The generator.

fn ensure_mbox(path: &Path, target: u64) {
    let header = format!("From {VERSION}-{target}@kithkin.invalid");
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() >= target
        && meta.len() < target + (4 << 20)
    {
        let mut first = String::new();
        BufReader::new(File::open(path).unwrap())
            .read_line(&mut first)
            .unwrap();
        if first.starts_with(&header) {
            println!("reusing {}", path.display());
            return;
        }
    }
    println!("generating {} ({} MiB)…", path.display(), target >> 20);
    let start = Instant::now();
    let tmp = path.with_extension("partial");
    let mut out = BufWriter::with_capacity(BUFFER, File::create(&tmp).unwrap());
    let mut g = Generator::new(0x5eed_cafe_f00d_d00d);
    let mut written = 0u64;
    let mut message = String::with_capacity(1 << 20);
    let mut first = true;
    while written < target {
        message.clear();
        g.message(&mut message, if first { Some(&header) } else { None });
        first = false;
        out.write_all(message.as_bytes()).unwrap();
        written += message.len() as u64;
    }
    out.flush().unwrap();
    drop(out);
    std::fs::rename(&tmp, path).unwrap();
    println!(
        "generated {} messages in {:.1} s",
        g.count,
        start.elapsed().as_secs_f64()
    );
}

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ana",
    "Bo",
    "Chen",
    "Dana",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemal",
    "Lena",
    "Mateo",
    "Nadia",
    "Oskar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tomasz",
    "Uma",
    "Viktor",
    "Wen",
    "Yara",
    "Zoe",
    "José",
    "Zoë",
    "Søren",
    "Łukasz",
    "Ágnes",
    "Françoise",
    "Jürgen",
    "Müge",
    "Björn",
    "Renée",
    "Ольга",
    "Дмитрий",
    "美咲",
    "健太",
    "민준",
];
const LAST: &[&str] = &[
    "Lee",
    "Okafor",
    "Schmidt",
    "García",
    "Nguyen",
    "Kowalski",
    "Rossi",
    "Yamamoto",
    "Haddad",
    "Johansson",
    "Smith",
    "Dubois",
    "Novak",
    "Silva",
    "Kaya",
    "Müller",
    "Østergaard",
    "Иванова",
    "山田",
    "김",
    "O'Brien",
    "van der Berg",
    "Fernández-López",
];
const DOMAINS: &[&str] = &[
    "gmail.com",
    "example.com",
    "acme-corp.example",
    "uni-example.edu",
    "mail.example.org",
    "outlook.example",
    "startup.io",
    "consulting.example.net",
    "yahoo.example",
    "posteo.example",
];
const WORDS: &[&str] = &[
    "the",
    "meeting",
    "project",
    "quarterly",
    "review",
    "thanks",
    "lunch",
    "next",
    "week",
    "proposal",
    "draft",
    "budget",
    "please",
    "find",
    "attached",
    "call",
    "tomorrow",
    "update",
    "introduction",
    "coffee",
    "conference",
    "deadline",
    "contract",
    "feedback",
    "team",
    "hiring",
    "launch",
    "roadmap",
    "notes",
    "slides",
    "travel",
    "invoice",
    "schedule",
    "catch",
    "up",
    "great",
    "to",
    "see",
    "you",
    "and",
    "a",
    "of",
    "for",
    "on",
    "in",
    "with",
    "about",
    "our",
];
const SUBJECTS: &[&str] = &[
    "Quarterly review",
    "Lunch next week?",
    "Draft proposal",
    "Introduction: two people you should meet",
    "Conference travel",
    "Contract renewal",
    "Feedback on the slides",
    "Hiring update",
    "Coffee?",
    "Roadmap notes",
    "Invoice 2231",
    "Catching up",
    "Board meeting agenda",
    "Ihr Angebot",
    "Réunion de lundi",
    "お疲れ様です",
    "Встреча в четверг",
];
const LISTS: &[(&str, &str)] = &[
    ("rust-users.lists.example.org", "Rust users"),
    ("announce.startup.io", "Startup announcements"),
    ("newsletter.shop.example", "Weekly deals"),
    ("dev.apache.example", "Developers"),
];
const ZONES: &[&str] = &[
    "+0000", "-0700", "+0100", "+0200", "-0500", "+0530", "+0900",
];
const DOW: &[&str] = &["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MON: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

struct Person {
    name: String,
    email: String,
}

struct Thread {
    subject: String,
    ids: Vec<String>,
    people: Vec<usize>,
}

struct Generator {
    rng: Rng,
    people: Vec<Person>,
    threads: Vec<Thread>,
    /// Seconds since the Unix epoch of the last message.
    now: i64,
    count: u64,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed | 1);
        let people = (0..3000)
            .map(|i| {
                let first = rng.pick(FIRST);
                let last = rng.pick(LAST);
                let domain = rng.pick(DOMAINS);
                let local: String =
                    format!("{}.{}{}", ascii(first), ascii(last), i % 97).to_lowercase();
                Person {
                    name: format!("{first} {last}"),
                    email: format!("{local}@{domain}"),
                }
            })
            .collect();
        Generator {
            rng,
            people,
            threads: Vec::new(),
            now: 1_420_070_400, // 2015-01-01
            count: 0,
        }
    }

    fn message(&mut self, out: &mut String, envelope: Option<&str>) {
        self.count += 1;
        self.now += 60 + self.rng.below(3 * 3600) as i64;
        let id = format!(
            "{:x}.{:x}@{}",
            self.rng.next(),
            self.count,
            self.rng.pick(DOMAINS)
        );
        let bulk = self.rng.chance(15);
        let reply = !bulk && !self.threads.is_empty() && self.rng.chance(45);
        let (subject, in_reply_to, references, from, mut to) = if reply {
            let t = self.rng.below(self.threads.len());
            let thread = &self.threads[t];
            let from = self.rng.pick(&thread.people);
            let to: Vec<usize> = thread
                .people
                .iter()
                .copied()
                .filter(|&p| p != from)
                .collect();
            let last = thread.ids.last().cloned();
            let refs = thread.ids.join(" ");
            let subject = format!("Re: {}", thread.subject);
            let thread = &mut self.threads[t];
            thread.ids.push(id.clone());
            if thread.ids.len() > 12 {
                thread.ids.remove(1);
            }
            (subject, last, Some(refs), from, to)
        } else {
            let from = self.rng.below(self.people.len());
            let n = 1 + self.rng.below(3);
            let to: Vec<usize> = (0..n).map(|_| self.rng.below(self.people.len())).collect();
            let subject = (self.rng.pick(SUBJECTS)).to_owned();
            if !bulk {
                let mut people = to.clone();
                people.push(from);
                self.threads.push(Thread {
                    subject: subject.clone(),
                    ids: vec![id.clone()],
                    people,
                });
                if self.threads.len() > 400 {
                    let drop = self.rng.below(self.threads.len());
                    self.threads.swap_remove(drop);
                }
            }
            (subject, None, None, from, to)
        };
        if to.is_empty() {
            to.push(self.rng.below(self.people.len()));
        }
        let cc: Vec<usize> = if self.rng.chance(30) {
            (0..1 + self.rng.below(4))
                .map(|_| self.rng.below(self.people.len()))
                .collect()
        } else {
            Vec::new()
        };

        // The envelope line, in the Gmail Takeout or the classic form.
        let date = self.date();
        match envelope {
            Some(line) => out.push_str(line),
            None if self.rng.chance(50) => {
                out.push_str(&format!(
                    "From {}@xxx",
                    self.rng.next() % 10_000_000_000_000_000_000
                ));
            }
            None => out.push_str(&format!("From {}", self.people[from].email)),
        }
        out.push(' ');
        out.push_str(&self.asctime());
        out.push('\n');

        // Headers, roughly as a real provider delivers them.
        if self.rng.chance(60) {
            out.push_str("X-GM-THRID: ");
            out.push_str(&(self.rng.next() >> 4).to_string());
            out.push_str("\nX-Gmail-Labels: Inbox,Important,Opened\n");
        }
        out.push_str(&format!("Delivered-To: {}\n", self.people[to[0]].email));
        for hop in 0..2 + self.rng.below(3) {
            out.push_str(&format!(
                "Received: from mail{hop}.{} (mail{hop}.{} [10.{}.{}.{}])\n        by mx.google.com with ESMTPS id {:x}\n        for <{}>; {date}\n",
                self.rng.pick(DOMAINS),
                self.rng.pick(DOMAINS),
                self.rng.below(255),
                self.rng.below(255),
                self.rng.below(255),
                self.rng.next(),
                self.people[to[0]].email,
            ));
        }
        if self.rng.chance(50) {
            out.push_str("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=20230601;\n        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject;\n        bh=");
            out.push_str(&b64(&self.rng.next().to_le_bytes().repeat(4)));
            out.push_str(";\n        b=");
            for _ in 0..4 {
                out.push_str(&b64(&self.rng.next().to_le_bytes().repeat(6)));
                out.push_str("\n         ");
            }
            out.push_str("x\n");
        }
        out.push_str(&format!("Message-ID: <{id}>\n"));
        if let Some(irt) = &in_reply_to {
            out.push_str(&format!("In-Reply-To: <{irt}>\n"));
        }
        if let Some(refs) = &references {
            out.push_str("References:");
            for r in refs.split(' ') {
                out.push_str(&format!(" <{r}>\n"));
            }
        }
        out.push_str(&format!("Date: {date}\n"));
        let sender = if bulk && self.rng.chance(40) {
            "Notifications <no-reply@service.example>".to_owned()
        } else {
            self.mailbox(from)
        };
        out.push_str(&format!("From: {sender}\n"));
        out.push_str("To: ");
        let list: Vec<String> = to.iter().map(|&p| self.mailbox(p)).collect();
        out.push_str(&list.join(",\n    "));
        out.push('\n');
        if !cc.is_empty() {
            let list: Vec<String> = cc.iter().map(|&p| self.mailbox(p)).collect();
            out.push_str(&format!("Cc: {}\n", list.join(", ")));
        }
        out.push_str(&format!("Subject: {}\n", encode_word_if_needed(&subject)));
        if bulk {
            let (list, name) = self.rng.pick(LISTS);
            out.push_str(&format!(
                "List-Id: {name} <{list}>\nList-Unsubscribe: <mailto:leave@{list}>, <https://{list}/unsubscribe>\nPrecedence: list\n"
            ));
        }
        out.push_str("MIME-Version: 1.0\nX-Mailer: Kithkin bench generator\n");

        // The body: 1–20 KiB of text; some messages carry a base64 attachment.
        let attach = self.rng.chance(4);
        let boundary = format!("b{:x}", self.rng.next());
        if attach {
            out.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=\"{boundary}\"\n\n--{boundary}\nContent-Type: text/plain; charset=UTF-8\n\n"
            ));
        } else {
            out.push_str(
                "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n",
            );
        }
        let body_len = 1024 + self.rng.below(19 * 1024);
        let start = out.len();
        while out.len() - start < body_len {
            let line_start = out.len();
            if self.rng.chance(2) {
                // An mboxrd-escaped "From " body line.
                out.push_str(">From the notes of our last call:");
            } else if self.rng.chance(10) {
                out.push('>');
            }
            for i in 0..4 + self.rng.below(10) {
                if i > 0 || out.len() > line_start {
                    out.push(' ');
                }
                out.push_str(self.rng.pick(WORDS));
            }
            if out.len() - line_start > 0 && self.rng.chance(12) {
                out.push('\n');
            }
            out.push('\n');
        }
        if attach {
            let kib = 20 + self.rng.below(180);
            out.push_str(&format!(
                "\n--{boundary}\nContent-Type: application/pdf; name=\"report.pdf\"\nContent-Disposition: attachment; filename=\"report.pdf\"\nContent-Transfer-Encoding: base64\n\n"
            ));
            let mut raw = Vec::with_capacity(57);
            for _ in 0..kib * 1024 / 57 {
                raw.clear();
                for _ in 0..8 {
                    raw.extend_from_slice(&self.rng.next().to_le_bytes());
                }
                raw.truncate(57);
                out.push_str(&b64(&raw));
                out.push('\n');
            }
            out.push_str(&format!("--{boundary}--\n"));
        }
        out.push('\n');
    }

    fn mailbox(&mut self, p: usize) -> String {
        let person = &self.people[p];
        match self.rng.below(10) {
            0 => person.email.clone(),
            1 => format!("<{}>", person.email),
            2 => {
                let (first, last) = person.name.split_once(' ').unwrap_or((&person.name, ""));
                format!("\"{last}, {first}\" <{}>", person.email)
            }
            _ => format!("{} <{}>", encode_word_if_needed(&person.name), person.email),
        }
    }

    fn civil(&self) -> (i64, usize, i64, i64, i64, i64, usize) {
        let days = self.now.div_euclid(86_400);
        let secs = self.now.rem_euclid(86_400);
        // Howard Hinnant's days-to-civil.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let dow = days.rem_euclid(7) as usize;
        (
            year,
            month as usize,
            day,
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            dow,
        )
    }

    fn date(&mut self) -> String {
        let (y, m, d, hh, mm, ss, dow) = self.civil();
        format!(
            "{}, {d} {} {y} {hh:02}:{mm:02}:{ss:02} {}",
            DOW[dow],
            MON[m - 1],
            self.rng.pick(ZONES)
        )
    }

    fn asctime(&mut self) -> String {
        let (y, m, d, hh, mm, ss, dow) = self.civil();
        if self.rng.chance(50) {
            format!(
                "{} {} {d:02} {hh:02}:{mm:02}:{ss:02} +0000 {y}",
                DOW[dow],
                MON[m - 1]
            )
        } else {
            format!(
                "{} {} {d:>2} {hh:02}:{mm:02}:{ss:02} {y}",
                DOW[dow],
                MON[m - 1]
            )
        }
    }
}

fn ascii(s: &str) -> String {
    let out: String = s.chars().filter(char::is_ascii_alphabetic).collect();
    if out.is_empty() { "x".into() } else { out }
}

fn encode_word_if_needed(s: &str) -> String {
    if s.is_ascii() {
        s.to_owned()
    } else {
        format!("=?UTF-8?B?{}?=", b64(s.as_bytes()))
    }
}

fn b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
