//! Text normalisation shared by matching, search and de-duplication: one place decides that
//! "Zoë Ångström", "ZOE  angstrom" and "zoe angstrom" are the same name.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds a string for comparison: decomposes accents and drops them, lowercases, maps letters
/// that do not decompose (ø, ß, æ, œ, ł, đ, þ, ı) to their usual ASCII spelling, turns
/// punctuation into spaces and collapses whitespace.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        fold_ascii(s)
    } else {
        fold_unicode(s)
    }
}

/// [`fold`] of any text.
fn fold_unicode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'ø' | 'Ø' => "o",
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' => "d",
            'þ' | 'Þ' => "th",
            'ı' => "i",
            _ => "",
        };
        if !mapped.is_empty() {
            out.push_str(mapped);
            last_space = false;
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            last_space = false;
        } else if c == '@' || c == '+' || c == '#' {
            // kept: meaningful in emails, "c++", "c#"
            out.push(c);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`fold`] of ASCII text, where decomposition changes nothing: the same answer, byte by byte
/// (a property test compares the two).
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
            last_space = false;
        } else if b == b'@' || b == b'+' || b == b'#' {
            out.push(char::from(b));
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The key a person's name is matched by: [`fold`] of the name.
pub fn name_key(name: &str) -> String {
    fold(name)
}

/// Words of a folded text, for search and matching.
pub fn tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A tag, interest or facet value as stored: trimmed, inner whitespace collapsed, lowercased.
/// Accents are kept (they are part of how the user spells the label).
pub fn label(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// An email address as matched: trimmed and lowercased (the local part is case-insensitive in
/// practice at every provider a user will meet).
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A phone number as matched: its digits, with a leading `+` kept; `00` as an international
/// prefix becomes `+`.
pub fn phone_key(phone: &str) -> String {
    let trimmed = phone.trim();
    let mut out = String::new();
    if trimmed.starts_with('+') {
        out.push('+');
    }
    out.extend(trimmed.chars().filter(char::is_ascii_digit));
    if let Some(rest) = out.strip_prefix("00") {
        out = format!("+{rest}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_folds_like_the_general_one() {
        // every pair of ASCII characters (each character after each state), then random text
        for a in 0u8..128 {
            for b in 0u8..128 {
                let s: String = [char::from(a), char::from(b)].iter().collect();
                assert_eq!(fold_ascii(&s), fold_unicode(&s), "{s:?}");
            }
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let len = (x >> 59) as usize;
            let s: String = (0..len)
                .map(|i| {
                    let byte = (x >> (i % 8 * 7)) as u8 & 0x7F;
                    char::from(byte)
                })
                .collect();
            assert_eq!(fold_ascii(&s), fold_unicode(&s), "{s:?}");
        }
    }

    #[test]
    fn fold_strips_accents_case_and_punctuation() {
        assert_eq!(fold("Zoë  Ångström"), "zoe angstrom");
        assert_eq!(
            fold("  Søren Kierkegaard-Ølsen "),
            "soren kierkegaard olsen"
        );
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Łukasz Żółć"), "lukasz zolc");
        assert_eq!(fold("C++ / C#"), "c++ c#");
    }

    #[test]
    fn tokens_split_folded_words() {
        assert_eq!(tokens("Dr. José García"), vec!["dr", "jose", "garcia"]);
        assert!(tokens("  --  ").is_empty());
    }

    #[test]
    fn phone_keys_compare_digits() {
        assert_eq!(phone_key("+44 (20) 7946-0958"), "+442079460958");
        assert_eq!(phone_key("0044 20 7946 0958"), "+442079460958");
        assert_eq!(phone_key("(555) 010-1234"), "5550101234");
    }

    #[test]
    fn labels_collapse_whitespace_and_case() {
        assert_eq!(label("  Machine   Learning "), "machine learning");
    }
}
