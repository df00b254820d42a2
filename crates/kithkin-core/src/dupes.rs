//! Likely duplicate people: pairs sharing an email, a phone, a LinkedIn profile or a name, or
//! with very similar names, scored with their reasons.
//!
//! Each piece of evidence has a strength in (0, 1) — same email 0.9, same LinkedIn profile
//! 0.9, same phone 0.8, same name 0.6, similar names `0.6 · (jw − 0.85) / 0.15` for a
//! Jaro–Winkler similarity `jw` ≥ 0.85 of the folded names ("Jon Smith" and "John Smith":
//! 0.49) — and a pair's score combines them
//! as independent signals: `1 − Π (1 − s)`. Pairs scoring at least [`MIN_SCORE`] are listed,
//! best first.
//!
//! Work stays near-linear: pairs come from keys shared (each key's group is compared within
//! itself) and similar names are only compared within blocks of people sharing a name word,
//! skipping words held by more than [`MAX_BLOCK`] people (common first names).

use crate::id::PersonId;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The lowest score listed.
pub const MIN_SCORE: f64 = 0.4;

/// Name words held by more people than this are not used to find similar names.
pub const MAX_BLOCK: usize = 200;

/// What the duplicate finder knows of a person.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Who.
    pub person: PersonId,
    /// The folded name (`text::name_key`).
    pub name_key: String,
    /// Normalised emails.
    pub emails: Vec<String>,
    /// Normalised phones.
    pub phones: Vec<String>,
    /// LinkedIn profile keys.
    pub linkedin: Vec<String>,
}

/// Two people who are probably one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    /// One (the smaller index in the input).
    pub a: usize,
    /// The other.
    pub b: usize,
    /// 0–1.
    pub score: f64,
    /// Why, strongest first.
    pub reasons: Vec<String>,
}

/// Likely duplicates among `people`, best first (score, then indices).
pub fn find_duplicates(people: &[Candidate]) -> Vec<Duplicate> {
    let mut evidence: HashMap<(usize, usize), Vec<(f64, String)>> = HashMap::new();
    let mut add = |x: usize, y: usize, s: f64, why: String| {
        if x != y {
            let key = (x.min(y), x.max(y));
            let list = evidence.entry(key).or_default();
            if !list.iter().any(|(_, w)| *w == why) {
                list.push((s, why));
            }
        }
    };
    type Keys = fn(&Candidate) -> &[String];
    let kinds: [(Keys, f64, &str); 3] = [
        (|c| &c.emails, 0.9, "same email"),
        (|c| &c.linkedin, 0.9, "same LinkedIn profile"),
        (|c| &c.phones, 0.8, "same phone"),
    ];
    for (keys, strength, label) in kinds {
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, c) in people.iter().enumerate() {
            for k in keys(c) {
                if !k.is_empty() {
                    groups.entry(k.as_str()).or_default().push(i);
                }
            }
        }
        for (k, members) in groups {
            for (n, &x) in members.iter().enumerate() {
                for &y in &members[n + 1..] {
                    add(x, y, strength, format!("{label} {k}"));
                }
            }
        }
    }
    // names: exact, then similar within blocks sharing a word
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in people.iter().enumerate() {
        if c.name_key.is_empty() {
            continue;
        }
        by_name.entry(c.name_key.as_str()).or_default().push(i);
        let mut words: Vec<&str> = c.name_key.split(' ').filter(|w| w.len() > 1).collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            by_word.entry(w).or_default().push(i);
        }
    }
    for members in by_name.values() {
        for (n, &x) in members.iter().enumerate() {
            for &y in &members[n + 1..] {
                add(x, y, 0.6, "same name".into());
            }
        }
    }
    for members in by_word.values().filter(|m| m.len() <= MAX_BLOCK) {
        for (n, &x) in members.iter().enumerate() {
            for &y in &members[n + 1..] {
                let (p, q) = (&people[x].name_key, &people[y].name_key);
                if p == q {
                    continue;
                }
                let jw = strsim::jaro_winkler(p, q);
                if jw >= 0.85 {
                    add(
                        x,
                        y,
                        0.6 * (jw - 0.85) / 0.15,
                        format!("similar names ({:.0}%)", jw * 100.0),
                    );
                }
            }
        }
    }
    let mut out: Vec<Duplicate> = evidence
        .into_iter()
        .filter_map(|((a, b), mut list)| {
            list.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
            let score = 1.0 - list.iter().map(|(s, _)| 1.0 - s).product::<f64>();
            (score >= MIN_SCORE).then(|| Duplicate {
                a,
                b,
                score,
                reasons: list.into_iter().map(|(_, w)| w).collect(),
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn c(name: &str, emails: &[&str], phones: &[&str]) -> Candidate {
        Candidate {
            person: PersonId::from_uuid(uuid::Uuid::nil()),
            name_key: crate::text::name_key(name),
            emails: emails.iter().map(|s| (*s).to_owned()).collect(),
            phones: phones.iter().map(|s| (*s).to_owned()).collect(),
            linkedin: Vec::new(),
        }
    }

    #[test]
    fn shared_keys_and_names_are_scored_with_reasons() {
        let people = [
            c("Ana Lima", &["ana@x.org"], &[]),
            c("Ana Lima", &[], &["+351911"]),
            c("A. Lima", &["ana@x.org"], &["+351911"]),
            c("Jon Smith", &[], &[]),
            c("John Smith", &[], &[]),
            c("Carl Diaz", &[], &[]),
        ];
        let d = find_duplicates(&people);
        let pair = |a, b| d.iter().find(|x| x.a == a && x.b == b);
        // same email + same phone: 1 − 0.1·0.2 = 0.98
        let p02 = pair(0, 2);
        let p12 = pair(1, 2).unwrap();
        assert!((p12.score - 0.8).abs() < 1e-12, "{p12:?}");
        assert_eq!(p12.reasons, vec!["same phone +351911"]);
        let p02 = p02.unwrap();
        assert_eq!(p02.reasons[0], "same email ana@x.org");
        assert!(p02.score >= 0.9);
        // same name only: 0.6
        let p01 = pair(0, 1).unwrap();
        assert!((p01.score - 0.6).abs() < 1e-12);
        assert_eq!(p01.reasons, vec!["same name"]);
        // similar names within the "smith" block: jw 0.973 gives 0.6·0.123/0.15
        let p34 = pair(3, 4).unwrap();
        assert!(p34.reasons[0].starts_with("similar names"));
        assert!(
            (p34.score - 0.6 * (0.973_333_333_333_333_4 - 0.85) / 0.15).abs() < 1e-9,
            "{p34:?}"
        );
        // Bruno and Bruna Costa (jw 0.934) stay below the threshold: probably two people
        let siblings = [c("Bruno Costa", &[], &[]), c("Bruna Costa", &[], &[])];
        assert!(find_duplicates(&siblings).is_empty());
        // nothing for Carl; best first
        assert!(d.iter().all(|x| x.a != 5 && x.b != 5));
        assert!(d.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn combined_evidence_and_threshold() {
        let people = [
            c("Ana Lima", &["ana@x.org"], &["+351911"]),
            c("Ana Lima", &["ana@x.org"], &["+351911"]),
            c("Zed Young", &[], &[]),
            c("Zeb Young", &[], &[]),
        ];
        let d = find_duplicates(&people);
        let top = &d[0];
        assert_eq!((top.a, top.b), (0, 1));
        let expected = 1.0 - 0.1 * 0.2 * 0.4;
        assert!((top.score - expected).abs() < 1e-12);
        assert_eq!(top.reasons.len(), 3);
        // weak similarity alone stays under the threshold
        for x in &d {
            assert!(x.score >= MIN_SCORE);
        }
    }

    #[test]
    fn empty_and_huge_blocks() {
        assert!(find_duplicates(&[]).is_empty());
        let many: Vec<Candidate> = (0..MAX_BLOCK + 5)
            .map(|i| c(&format!("Maria X{i}"), &[], &[]))
            .collect();
        // "maria" is too common to compare on; the numbered words differ
        assert!(find_duplicates(&many).is_empty());
    }
}
