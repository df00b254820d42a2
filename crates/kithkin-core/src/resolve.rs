//! Finding the person a user means by what they typed: an exact name, or a unique fuzzy match
//! that ignores case and accents (`zoe` finds "Zoë Ångström"), with "did you mean" suggestions
//! when nothing or too much matches.

use crate::id::PersonId;
use crate::text;
use serde::Serialize;

/// A person as far as name matching cares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameEntry {
    /// Identity.
    pub id: PersonId,
    /// Display name.
    pub name: String,
    /// Folded name ([`text::name_key`]).
    pub key: String,
}

/// The outcome of matching a typed name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// Exactly one person.
    One(PersonId),
    /// Several people; the user must be more specific.
    Many(Vec<NameEntry>),
    /// Nobody.
    None,
}

/// Matches `query` against `entries`: first exact (folded) names, then people whose name
/// words start with every typed word (`ana l` finds "Ana Lee", `lee` finds "Ana Lee").
pub fn match_name(query: &str, entries: &[NameEntry]) -> NameMatch {
    let key = text::name_key(query);
    if key.is_empty() {
        return NameMatch::None;
    }
    let exact: Vec<&NameEntry> = entries.iter().filter(|e| e.key == key).collect();
    match exact.as_slice() {
        [one] => return NameMatch::One(one.id),
        [] => {}
        many => return NameMatch::Many(many.iter().map(|e| (*e).clone()).collect()),
    }
    let words: Vec<&str> = key.split(' ').collect();
    let fuzzy: Vec<&NameEntry> = entries
        .iter()
        .filter(|e| words_prefix_match(&words, &e.key))
        .collect();
    match fuzzy.as_slice() {
        [one] => NameMatch::One(one.id),
        [] => NameMatch::None,
        many => {
            let mut v: Vec<NameEntry> = many.iter().map(|e| (*e).clone()).collect();
            v.sort_by(|a, b| a.name.cmp(&b.name));
            NameMatch::Many(v)
        }
    }
}

/// True when every word typed (folded) starts a different word of `name` (folded): how
/// events and organisations are matched too (`rust conf` finds "Rust Conference 2026").
pub fn words_match(query: &str, name: &str) -> bool {
    let q = text::name_key(query);
    if q.is_empty() {
        return false;
    }
    let words: Vec<&str> = q.split(' ').collect();
    words_prefix_match(&words, &text::name_key(name))
}

/// True when every typed word is the start of a different word of the name.
fn words_prefix_match(words: &[&str], name_key: &str) -> bool {
    let mut name_words: Vec<&str> = name_key.split(' ').collect();
    for w in words {
        match name_words.iter().position(|n| n.starts_with(w)) {
            Some(i) => {
                name_words.swap_remove(i);
            }
            None => return false,
        }
    }
    true
}

/// Up to `limit` names close to `query` (Jaro–Winkler on whole names and on single words),
/// best first, for "did you mean …".
pub fn suggest(query: &str, entries: &[NameEntry], limit: usize) -> Vec<NameEntry> {
    let key = text::name_key(query);
    if key.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &NameEntry)> = entries
        .iter()
        .map(|e| {
            let whole = strsim::jaro_winkler(&key, &e.key);
            let best_word = e
                .key
                .split(' ')
                .map(|w| strsim::jaro_winkler(&key, w))
                .fold(0.0, f64::max);
            (whole.max(best_word), e)
        })
        .filter(|(s, _)| *s >= 0.78)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, e)| e.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn entries(names: &[&str]) -> Vec<NameEntry> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| NameEntry {
                id: PersonId(Uuid::from_u128(i as u128 + 1)),
                name: (*n).to_owned(),
                key: text::name_key(n),
            })
            .collect()
    }

    #[test]
    fn exact_and_accent_insensitive() {
        let e = entries(&["Zoë Ångström", "Anna Lee", "Ana Lima"]);
        assert_eq!(match_name("zoe", &e), NameMatch::One(e[0].id));
        assert_eq!(match_name("ZOË ångström", &e), NameMatch::One(e[0].id));
        assert_eq!(match_name("anna", &e), NameMatch::One(e[1].id));
        assert_eq!(match_name("lee", &e), NameMatch::One(e[1].id));
    }

    #[test]
    fn ambiguous_lists_candidates() {
        let e = entries(&["Anna Lee", "Ana Lima", "Bob"]);
        match match_name("an", &e) {
            NameMatch::Many(v) => {
                let names: Vec<&str> = v.iter().map(|x| x.name.as_str()).collect();
                assert_eq!(names, vec!["Ana Lima", "Anna Lee"]);
            }
            other => panic!("expected ambiguity, got {other:?}"),
        }
    }

    #[test]
    fn exact_name_wins_over_prefix() {
        let e = entries(&["Ana", "Anabel Ruiz"]);
        assert_eq!(match_name("ana", &e), NameMatch::One(e[0].id));
    }

    #[test]
    fn unknown_gets_suggestions() {
        let e = entries(&["Anna Lee", "Bob Stone"]);
        assert_eq!(match_name("Ana", &e), NameMatch::None);
        let s = suggest("Ana", &e, 3);
        assert_eq!(s.first().map(|x| x.name.as_str()), Some("Anna Lee"));
        assert!(suggest("zzzz", &e, 3).is_empty());
    }

    #[test]
    fn words_match_names_of_anything() {
        assert!(words_match("rust conf", "Rust Conference 2026"));
        assert!(words_match("2026 RUST", "Rust Conference 2026"));
        assert!(words_match("zoe", "Zoë's dinner"));
        assert!(!words_match("rustconf", "Rust Conference 2026"));
        assert!(!words_match("", "Rust"));
    }

    #[test]
    fn each_word_used_once() {
        let e = entries(&["Lee Lee", "Lee Park"]);
        assert_eq!(match_name("lee lee", &e), NameMatch::One(e[0].id));
    }
}
