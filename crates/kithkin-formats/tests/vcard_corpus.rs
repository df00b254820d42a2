//! The vCard reader on the shared corpus of real-world files (`shared/corpus/vcard`, see its
//! `SOURCES.md`): every file reads without panicking and yields records or per-card errors,
//! every record and error points at a `BEGIN:VCARD` line, what is read writes and reads back
//! the same, and a representative set is pinned by insta snapshots.
//!
//! Without the corpus the tests print "skipped: corpus not found" and pass, unless
//! `KITHKIN_REQUIRE_CORPUS=1`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use kithkin_formats::contact::ContactRecord;
use kithkin_formats::vcard::{VcardsRead, read_vcards, write_vcards};
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    common::corpus("vcard")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    common::files(dir, "vcf")
}

/// Whether line `n` (1-based, as the reader counts) of `bytes` is a `BEGIN:VCARD`.
fn is_begin_line(bytes: &[u8], n: u64) -> bool {
    let sep = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    let line = bytes
        .split(|&b| b == sep)
        .nth(n as usize - 1)
        .unwrap_or_default();
    let line = String::from_utf8_lossy(line).replace('\0', "");
    line.trim_start_matches('\u{feff}')
        .trim_end()
        .eq_ignore_ascii_case("BEGIN:VCARD")
}

#[test]
fn every_corpus_file_yields_records_or_errors() {
    let Some(dir) = corpus() else { return };
    let files = files(&dir);
    assert!(
        files.len() >= 60,
        "only {} files in {}",
        files.len(),
        dir.display()
    );
    let (mut records, mut errors) = (0, 0);
    for path in files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(&path).expect("corpus file is readable");
        let read = read_vcards(&bytes);
        assert!(
            !read.records.is_empty() || !read.errors.is_empty(),
            "{name}: neither a record nor an error"
        );
        for record in &read.records {
            assert!(!record.is_empty(), "{name}: empty record {record:?}");
            assert!(
                is_begin_line(&bytes, record.line),
                "{name}: record line {}",
                record.line
            );
        }
        for error in &read.errors {
            assert!(
                is_begin_line(&bytes, error.line),
                "{name}: error line {}",
                error.line
            );
            println!("{name}:{}: {}", error.line, error.message);
        }
        records += read.records.len();
        errors += read.errors.len();
    }
    println!("corpus: {records} records, {errors} errors");
}

#[test]
fn corpus_records_write_and_read_back_the_same() {
    let Some(dir) = corpus() else { return };
    let without_line = |r: &ContactRecord| ContactRecord {
        line: 0,
        ..r.clone()
    };
    for path in files(&dir) {
        let read = read_vcards(&std::fs::read(&path).expect("corpus file is readable"));
        let mut out = Vec::new();
        write_vcards(&mut out, &read.records).expect("writing to memory");
        let back = read_vcards(&out);
        assert_eq!(back.errors, vec![], "{}", path.display());
        let expected: Vec<_> = read.records.iter().map(without_line).collect();
        let got: Vec<_> = back.records.iter().map(without_line).collect();
        assert_eq!(expected, got, "{}", path.display());
    }
}

fn snapshot_of(name: &str) -> Option<VcardsRead> {
    let dir = corpus()?;
    let bytes = std::fs::read(dir.join(name)).expect("corpus file is readable");
    Some(read_vcards(&bytes))
}

/// One insta snapshot test per corpus file, named after the file.
macro_rules! snapshots {
    ($($test:ident => $file:literal,)*) => {$(
        #[test]
        fn $test() {
            if let Some(read) = snapshot_of($file) {
                insta::assert_yaml_snapshot!($file.trim_end_matches(".vcf"), read);
            }
        }
    )*};
}

snapshots! {
    iphone => "ezvcard__John_Doe_IPHONE.vcf",
    android => "ezvcard__John_Doe_ANDROID.vcf",
    ms_outlook => "ezvcard__John_Doe_MS_OUTLOOK.vcf",
    gmail_list => "ezvcard__gmail-list.vcf",
    gmail_x_abdate => "ezvcard__John_Doe_GMAIL.vcf",
    rfc6350 => "ezvcard__rfc6350-example.vcf",
    outlook_2007 => "ezvcard__outlook-2007.vcf",
    shift_jis => "aosp__v21_japanese_1.vcf",
    shift_jis_quoted_printable => "aosp__v21_japanese_2.vcf",
    complicated_2_1 => "aosp__v21_complicated.vcf",
    nested => "aosp__v21_nest.vcf",
    backslash_continued_adr => "aosp__v21_adr_multiple_line.vcf",
    no_name => "aosp__v21_android_custom_prop.vcf",
    thunderbird_export => "thunderbird__export.vcf",
    thunderbird_cr_cr_lf => "thunderbird__dos_vcard_addressbook.vcf",
    android_many => "calcard__009.vcf",
    windows_1252_quoted_printable => "calcard__010.vcf",
}
