//! The shared corpus of real-world files (`shared/corpus` beside the clone, or
//! `KITHKIN_CORPUS_DIR`), for the corpus tests of every reader.
#![allow(clippy::expect_used, dead_code)]

use std::path::{Path, PathBuf};

/// The corpus folder `sub` (`vcard`, `ics`, `mail`, `csv`), or `None` after printing
/// "skipped: corpus not found" when it is absent — a failure when `KITHKIN_REQUIRE_CORPUS=1`.
pub fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("KITHKIN_CORPUS_DIR")
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
            PathBuf::from,
        )
        .join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("KITHKIN_REQUIRE_CORPUS").as_deref() != Ok("1"),
        "KITHKIN_REQUIRE_CORPUS=1 but the corpus is not at {}",
        dir.display()
    );
    println!("skipped: corpus not found");
    None
}

/// The files of `dir` with the extension `ext` (any case), sorted.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)))
        .collect();
    files.sort();
    files
}
