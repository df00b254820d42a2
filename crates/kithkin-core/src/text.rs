//! Text normalisation shared by matching, search and de-duplication: one place decides that
//! "Zoë Ångström", "ZOE  angstrom" and "zoe angstrom" are the same name.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds a string for comparison: decomposes accents and drops them, lowercases, maps letters
/// that do not decompose (ø, ß, æ, œ, ł, đ, þ, ı) to their usual ASCII spelling, turns
/// punctuation into spaces and collapses whitespace.
pub fn fold(s: &str) -> String {
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
