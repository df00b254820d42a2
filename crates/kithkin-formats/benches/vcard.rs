//! How fast [`read_vcards`] reads a large address book: 100,000 small cards (name, two
//! emails, a phone, organisation, birthday, note; vCard 3.0, every tenth a 2.1 card with a
//! quoted-printable note), read five times, the best run reported in cards per second. The
//! writer is timed too.
//!
//! ```text
//! cargo bench -p kithkin-formats --bench vcard
//! ```
//!
//! The bench also leaves the generated file at `/tmp/kithkin-vcard-bench-100k.vcf` (or at the
//! path in `KITHKIN_VCARD_BENCH_FILE`) for a comparison with Python's vobject, the parser
//! most Python contact tools use:
//!
//! ```text
//! python3 -m pip install vobject
//! python3 - <<'EOF'
//! import time, vobject
//! text = open("/tmp/kithkin-vcard-bench-100k.vcf", encoding="utf-8").read()
//! start = time.perf_counter()
//! cards = sum(1 for _ in vobject.readComponents(text, allowQP=True))
//! seconds = time.perf_counter() - start
//! print(f"vobject.readComponents: {cards} cards in {seconds:.2f} s = {cards / seconds:,.0f} cards/s")
//! EOF
//! ```
//!
//! vobject only splits the cards into properties there; `read_vcards` also decodes charsets
//! and quoted-printable, parses dates and maps every card to a `ContactRecord`.

use kithkin_formats::vcard::{read_vcards, write_vcards};
use std::fmt::Write as _;
use std::time::Instant;

const CARDS: usize = 100_000;

fn generate() -> String {
    let mut file = String::with_capacity(CARDS * 330);
    for i in 0..CARDS {
        let (month, day) = (1 + i % 12, 1 + i % 28);
        let _ = write!(
            file,
            "BEGIN:VCARD\r\nVERSION:{}\r\nN:Person{i};Ana;;;\r\nFN:Ana Person{i}\r\n\
             EMAIL;TYPE=INTERNET;TYPE=pref:ana.{i}@example.org\r\nEMAIL;TYPE=INTERNET:ana{i}@work.example\r\n\
             TEL;TYPE=CELL:+1 555 {i:07}\r\nORG:Company {};Sales\r\nBDAY:19{:02}-{month:02}-{day:02}\r\n",
            if i % 10 == 0 { "2.1" } else { "3.0" },
            i % 977,
            i % 100
        );
        if i % 10 == 0 {
            file.push_str("NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 met at =\r\nthe conference\r\n");
        } else {
            let _ = write!(file, "NOTE:Met at meetup {i}\\, talked about work\r\n");
        }
        file.push_str("END:VCARD\r\n");
    }
    file
}

fn main() {
    let file = generate();
    let path = std::env::var("KITHKIN_VCARD_BENCH_FILE")
        .unwrap_or_else(|_| "/tmp/kithkin-vcard-bench-100k.vcf".to_owned());
    match std::fs::write(&path, &file) {
        Ok(()) => println!("wrote {path} ({:.1} MB)", file.len() as f64 / 1e6),
        Err(e) => println!("cannot write {path}: {e}"),
    }

    let mut best = f64::INFINITY;
    let mut records = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let read = read_vcards(file.as_bytes());
        best = best.min(start.elapsed().as_secs_f64());
        assert_eq!(
            read.records.len(),
            CARDS,
            "errors: {:?}",
            read.errors.first()
        );
        records = read.records;
    }
    println!(
        "read_vcards: {CARDS} cards in {best:.3} s = {:.0} cards/s",
        CARDS as f64 / best
    );

    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let mut out = Vec::with_capacity(file.len());
        let start = Instant::now();
        if let Err(e) = write_vcards(&mut out, &records) {
            panic!("writing to memory failed: {e}");
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "write_vcards: {CARDS} cards in {best:.3} s = {:.0} cards/s",
        CARDS as f64 / best
    );
}
