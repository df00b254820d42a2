//! Gratitude: the favours the user has received and not yet thanked for, and personal
//! thank-you drafts that cite what the person actually did.
//!
//! A thank-you is most welcome when it is prompt and specific: it names the help, says what
//! it meant, and offers something back. [`thanks_owed`] lists what is waiting (the `today`
//! view shows those older than [`THANKS_GRACE_DAYS`]); [`draft_thank_you`] writes a short note
//! from a fixed template, with no randomness and no clock, so the same input always gives the
//! same words and the user can edit them before sending.
//!
//! ```
//! use kithkin_core::exchange::FavourKind;
//! use kithkin_core::gratitude::favour_phrase;
//! assert_eq!(
//!     favour_phrase(FavourKind::Introduction, "Introduced me to two angel investors"),
//!     "introducing me to two angel investors"
//! );
//! assert_eq!(favour_phrase(FavourKind::Feedback, "my pitch deck"), "your feedback on my pitch deck");
//! ```

use crate::exchange::{Favour, FavourKind};
use crate::id::{FavourId, PersonId};
use crate::life_event::{LifeEvent, LifeEventKind, Valence};
use jiff::Timestamp;
use serde::Serialize;

/// How many days an unthanked favour waits before it appears in `today`: 2. A thank-you the
/// same day or the next is the norm and needs no reminder; after two days it starts to be
/// late, while still timely enough to feel personal.
pub const THANKS_GRACE_DAYS: i64 = 2;

const SECONDS_PER_DAY: i64 = 86_400;

/// A favour the user received and has not thanked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThanksOwed {
    /// The favour.
    pub favour: FavourId,
    /// Who helped (the giver), the person to thank.
    pub person: PersonId,
    /// What kind of help it was.
    pub kind: FavourKind,
    /// What it was, as recorded.
    pub text: String,
    /// When it happened.
    pub received_at: Timestamp,
    /// Whole days since it happened, as of `now` (0 on the day itself).
    pub days_waiting: i64,
}

/// Favours received by `me` (receiver is `me`, giver is someone else) and not thanked for
/// (`thanked_at` is `None`), that happened at or before `now`, waiting at least `min_days`
/// whole days (pass 0 for all of them, [`THANKS_GRACE_DAYS`] for the `today` view). Oldest
/// first, so the longest overdue thank-you leads; ties by favour id.
pub fn thanks_owed(
    me: PersonId,
    favours: &[Favour],
    now: Timestamp,
    min_days: i64,
) -> Vec<ThanksOwed> {
    let mut out: Vec<ThanksOwed> = favours
        .iter()
        .filter(|f| f.receiver == me && f.giver != me)
        .filter(|f| f.thanked_at.is_none() && f.occurred_at <= now)
        .map(|f| ThanksOwed {
            favour: f.id,
            person: f.giver,
            kind: f.kind,
            text: f.text.clone(),
            received_at: f.occurred_at,
            days_waiting: now.duration_since(f.occurred_at).as_secs() / SECONDS_PER_DAY,
        })
        .filter(|t| t.days_waiting >= min_days)
        .collect();
    out.sort_by(|a, b| {
        a.received_at
            .cmp(&b.received_at)
            .then(a.favour.cmp(&b.favour))
    });
    out
}

/// What a thank-you draft may cite.
#[derive(Debug, Clone, Copy)]
pub struct DraftInput<'a> {
    /// The person's full name; the draft greets them by the first name in it (titles such as
    /// "Dr" skipped) unless `nickname` is given.
    pub their_name: &'a str,
    /// The user's name, for the sign-off.
    pub my_name: &'a str,
    /// What they did for the user, most recent first; may be empty. The draft cites the most
    /// recent one (by `occurred_at`, the first of equals) and thanks for "everything else"
    /// when there are more.
    pub favours: &'a [Favour],
    /// Something that recently happened to them: congratulations for a celebration, support
    /// for a loss, an illness or a layoff (never congratulations).
    pub recent_news: Option<&'a LifeEvent>,
    /// An interest the two share, for a line about talking again ("climate tech").
    pub shared_interest: Option<&'a str>,
    /// What the user calls them; used in the greeting instead of the first name.
    pub nickname: Option<&'a str>,
}

/// A personal, templated thank-you note, deterministic (no randomness, no clock), as plain
/// text: paragraphs separated by a blank line, no trailing newline.
///
/// 1. "Hi {nickname or first name}," ("Hi there," with neither);
/// 2. "Thank you for {the most recent favour, see [`favour_phrase`]}." with ", and for
///    everything else you have done for me" when there are several, then "It made a real
///    difference to me." for a large favour (weight 3) or "I really appreciated it."; with no
///    favour, a general thank-you for their support;
/// 3. with recent news, congratulations or support, by [`LifeEventKind::valence`];
/// 4. with a shared interest, "I'd love to talk about {interest} again soon.", then the offer
///    to return the favour;
/// 5. "All the best," and the user's name.
pub fn draft_thank_you(input: &DraftInput) -> String {
    let name = greeting_name(input.their_name, input.nickname);
    let mut paragraphs = vec![format!("Hi {},", name.as_deref().unwrap_or("there"))];

    let latest = input
        .favours
        .iter()
        .fold(None::<&Favour>, |best, f| match best {
            Some(b) if b.occurred_at >= f.occurred_at => Some(b),
            _ => Some(f),
        });
    match latest {
        Some(f) => {
            let more = if input.favours.len() > 1 {
                ", and for everything else you have done for me"
            } else {
                ""
            };
            let impact = if f.weight >= 3 {
                "It made a real difference to me."
            } else {
                "I really appreciated it."
            };
            paragraphs.push(format!(
                "Thank you for {}{more}. {impact}",
                favour_phrase(f.kind, &f.text)
            ));
        }
        None => paragraphs.push(
            "I wanted to say thank you for all your support. It means a great deal to me."
                .to_string(),
        ),
    }

    if let Some(event) = input.recent_news {
        paragraphs.push(news_sentence(event.kind).to_string());
    }

    let offer = if latest.is_some() {
        "If there is ever anything I can do for you in return, please just ask."
    } else {
        "If there is ever anything I can do for you, please just ask."
    };
    match input
        .shared_interest
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(interest) => paragraphs.push(format!(
            "I'd love to talk about {interest} again soon. {offer}"
        )),
        None => paragraphs.push(offer.to_string()),
    }

    let me = input.my_name.trim();
    if me.is_empty() {
        paragraphs.push("All the best,".to_string());
    } else {
        paragraphs.push(format!("All the best,\n{me}"));
    }
    paragraphs.join("\n\n")
}

/// One sentence on their news. Support-valence events (loss, illness, layoff) get support,
/// never congratulations; the valence is checked first, so a kind added later cannot slip
/// through to a congratulation by mistake.
fn news_sentence(kind: LifeEventKind) -> &'static str {
    match kind.valence() {
        Valence::Support => match kind {
            LifeEventKind::Loss => {
                "I was so sorry to hear about your loss, and I'm thinking of you."
            }
            LifeEventKind::Illness => {
                "I was sorry to hear you have been unwell, and I hope you are on the mend."
            }
            LifeEventKind::Layoff => {
                "I was so sorry to hear about the layoff. If an introduction would help with \
                 what comes next, I'd be glad to make one."
            }
            _ => "I was sorry to hear your news, and I'm thinking of you.",
        },
        Valence::Celebrate => match kind {
            LifeEventKind::NewJob => "Congratulations on the new job!",
            LifeEventKind::Promotion => "Congratulations on your promotion!",
            LifeEventKind::Launch => "Congratulations on the launch!",
            LifeEventKind::Award => "Congratulations on the award!",
            LifeEventKind::Move => "Congratulations on the move; I hope you are settling in well.",
            LifeEventKind::Wedding => "Congratulations on your wedding!",
            LifeEventKind::Baby => "Congratulations on the new baby!",
            _ => "Congratulations on your news!",
        },
    }
}

/// Titles skipped before the first name.
const TITLES: &[&str] = &["dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame"];

/// The nickname if given, else the first name in `their_name` (titles skipped); `None` when
/// both are blank.
fn greeting_name(their_name: &str, nickname: Option<&str>) -> Option<String> {
    if let Some(n) = nickname.map(str::trim).filter(|n| !n.is_empty()) {
        return Some(n.to_string());
    }
    let words: Vec<&str> = their_name.split_whitespace().collect();
    let skip = words
        .iter()
        .take_while(|w| TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
        .count();
    let first = words
        .get(skip)
        .or_else(|| words.first())?
        .trim_end_matches(',');
    (!first.is_empty()).then(|| first.to_string())
}

/// The favour as the object of "Thank you for …": a natural phrase built from its kind and
/// the text the user recorded, which may be written as a past-tense act ("Introduced me to two
/// angel investors" → "introducing me to two angel investors"), as a gerund ("helping me move
/// house"), as a noun phrase ("an introduction to someone in fintech" → "the introduction to
/// someone in fintech", "advice on pricing" → "your advice on pricing") or as just the object
/// ("Amara at GreenGrid" with kind introduction → "introducing me to Amara at GreenGrid").
///
/// The kind frames a bare object: advice → "your advice on …", introduction → "introducing me
/// to …", referral → "referring me for …", feedback → "your feedback on …", resource →
/// "sharing …", endorsement → "endorsing …", time → "giving your time to …", other → "your
/// help with …". An empty text gives the kind alone ("your advice", "the introduction", …).
/// The text is written from the user's side, so "her", "his" and "their" before a noun
/// become "your" ("lent me her templates" → "lending me your templates"). Deterministic;
/// trailing full stops are dropped.
pub fn favour_phrase(kind: FavourKind, text: &str) -> String {
    let cleaned = text
        .trim()
        .trim_end_matches(|c: char| matches!(c, '.' | '!' | ';' | ',' | ':') || c.is_whitespace());
    let mut words: Vec<String> = cleaned.split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        return bare_kind(kind).to_string();
    }

    // "She introduced me …", "Mohammed introduced me …": drop the subject.
    if words.len() >= 3 {
        let first = core(&words[0]);
        // A name: a capitalised word that is not a common one, or one that only looks like
        // a past tense ("Ahmed") when a clear "-ed" verb with its object follows.
        let name = is_titlecase(&words[0])
            && (!is_common(&first)
                || (first.ends_with("ed")
                    && !ED_ADJECTIVES.contains(&first.as_str())
                    && core(&words[1]).ends_with("ed")
                    && words.get(2).is_some_and(|w| is_function(&core(w)))));
        let subject = SUBJECTS.contains(&first.as_str()) || name;
        if subject && is_lower(&words[1]) && past_to_gerund(&words[1], words.get(2)).is_some() {
            words.remove(0);
        }
    }

    let mut verb_phrase = false;
    if let Some(g) = past_to_gerund(&words[0], words.get(1)) {
        words[0] = g;
        verb_phrase = true;
    } else if is_gerund(&words[0], words.get(1)) {
        words[0] = words[0].to_lowercase();
        verb_phrase = true;
    } else if let Some(np) = noun_phrase(&words) {
        words = np;
    } else {
        words = framed(kind, words);
    }

    if verb_phrase {
        // "… and sent me the deck" → "… and sending me the deck".
        for i in 1..words.len() {
            let joined = matches!(core(&words[i - 1]).as_str(), "and" | "then" | "also")
                || words[i - 1].ends_with(',');
            if joined
                && is_lower(&words[i])
                && let Some(g) = past_to_gerund(&words[i], words.get(i + 1))
            {
                words[i] = g;
            }
        }
    }

    // Written from the user's side: "her templates" is "your templates" in a note to her.
    for i in 0..words.len() {
        let w = &words[i];
        let c = core(w);
        let lower = w.starts_with(|ch: char| ch.is_lowercase());
        let swapped = match c.as_str() {
            "her" | "his" | "their"
                if lower && words.get(i + 1).is_some_and(|n| !is_function(&core(n))) =>
            {
                Some("your")
            }
            "hers" | "theirs" if lower => Some("yours"),
            "herself" | "himself" | "themselves" | "themself" if lower => Some("yourself"),
            _ => None,
        };
        if let Some(to) = swapped {
            let rest = w.get(c.len()..).unwrap_or("");
            words[i] = format!("{to}{rest}");
        }
    }
    words.join(" ")
}

/// The phrase for a favour with no text.
fn bare_kind(kind: FavourKind) -> &'static str {
    match kind {
        FavourKind::Advice => "your advice",
        FavourKind::Introduction => "the introduction",
        FavourKind::Referral => "the referral",
        FavourKind::Feedback => "your feedback",
        FavourKind::Resource => "the resources you shared",
        FavourKind::Endorsement => "the endorsement",
        FavourKind::Time => "your time",
        FavourKind::Other => "your help",
    }
}

/// The kind as a frame around a bare object: "your advice on" + "pricing".
fn framed(kind: FavourKind, mut words: Vec<String>) -> Vec<String> {
    let frame: &[&str] = match kind {
        FavourKind::Advice => &["your", "advice", "on"],
        FavourKind::Introduction => &["introducing", "me", "to"],
        FavourKind::Referral => &["referring", "me", "for"],
        FavourKind::Feedback => &["your", "feedback", "on"],
        FavourKind::Resource => &["sharing"],
        FavourKind::Endorsement => &["endorsing"],
        FavourKind::Time => &["giving", "your", "time", "to"],
        FavourKind::Other => &["your", "help", "with"],
    };
    if is_titlecase(&words[0]) && is_function(&core(&words[0])) {
        words[0] = lower_first(&words[0]);
    }
    let first = core(&words[0]);
    let frame = if first == "me" && frame.get(1) == Some(&"me") {
        // "me to Sam" → "introducing me to Sam".
        &frame[..1]
    } else if PREPOSITIONS.contains(&first.as_str())
        && frame.last().is_some_and(|last| PREPOSITIONS.contains(last))
    {
        // "on my deck" → "your feedback on my deck".
        &frame[..frame.len() - 1]
    } else {
        frame
    };
    frame.iter().map(|w| w.to_string()).chain(words).collect()
}

/// "an introduction to …" → "the introduction to …", "advice on …" → "your advice on …":
/// an optional determiner, up to two modifiers, then a word naming help.
fn noun_phrase(words: &[String]) -> Option<Vec<String>> {
    let first = core(&words[0]);
    let (det, start) = if DETERMINERS.contains(&first.as_str()) && words.len() > 1 {
        (Some(first), 1)
    } else {
        (None, 0)
    };
    let mut preferred = None;
    for w in words.iter().skip(start).take(3) {
        let c = core(w);
        if c.ends_with("'s") || c.ends_with("’s") || is_function(&c) {
            break;
        }
        if let Some(p) = help_noun(&c) {
            preferred = Some(p);
            break;
        }
    }
    let preferred = preferred?;
    let article = match det.as_deref() {
        None | Some("a" | "an" | "some" | "my") => preferred,
        Some("her" | "his" | "their" | "your") => "your",
        Some("our") => "our",
        Some(_) => "the",
    };
    let mut out = vec![article.to_string()];
    for (k, w) in words.iter().skip(start).enumerate() {
        if k == 0 && is_titlecase(w) && is_common(&core(w)) {
            out.push(lower_first(w));
        } else {
            out.push(w.clone());
        }
    }
    Some(out)
}

/// The article a word naming help takes ("your advice", "the introduction"), or `None` if
/// the word does not name help.
fn help_noun(word: &str) -> Option<&'static str> {
    const YOUR: &[&str] = &[
        "advice",
        "feedback",
        "help",
        "support",
        "time",
        "guidance",
        "insight",
        "insights",
        "expertise",
        "wisdom",
        "encouragement",
        "hospitality",
        "generosity",
        "kindness",
        "patience",
    ];
    const THE: &[&str] = &[
        "introduction",
        "introductions",
        "intro",
        "intros",
        "referral",
        "referrals",
        "reference",
        "endorsement",
        "endorsements",
        "recommendation",
        "recommendations",
        "review",
        "reviews",
        "resource",
        "resources",
        "notes",
        "tips",
        "pointers",
        "loan",
        "gift",
        "copy",
        "session",
        "chat",
        "call",
        "coffee",
        "lunch",
        "dinner",
        "drinks",
        "afternoon",
        "morning",
        "evening",
        "hour",
        "hours",
        "day",
        "weekend",
        "lift",
        "ride",
        "shoutout",
        "mention",
        "vouch",
    ];
    if YOUR.contains(&word) {
        Some("your")
    } else if THE.contains(&word) {
        Some("the")
    } else {
        None
    }
}

/// Irregular past tenses and their gerunds.
const IRREGULAR: &[(&str, &str)] = &[
    ("gave", "giving"),
    ("lent", "lending"),
    ("wrote", "writing"),
    ("sent", "sending"),
    ("made", "making"),
    ("took", "taking"),
    ("spent", "spending"),
    ("met", "meeting"),
    ("told", "telling"),
    ("got", "getting"),
    ("brought", "bringing"),
    ("found", "finding"),
    ("led", "leading"),
    ("fed", "feeding"),
    ("paid", "paying"),
    ("bought", "buying"),
    ("taught", "teaching"),
    ("drove", "driving"),
    ("did", "doing"),
    ("came", "coming"),
    ("went", "going"),
    ("held", "holding"),
    ("kept", "keeping"),
    ("let", "letting"),
    ("put", "putting"),
    ("set", "setting"),
    ("saw", "seeing"),
    ("built", "building"),
    ("sat", "sitting"),
    ("stood", "standing"),
    ("spoke", "speaking"),
    ("ran", "running"),
    ("read", "reading"),
];

/// Past-tense "-eed" verbs ("agreed" → "agreeing"); other "-eed" words are not verbs.
const EED_VERBS: &[&str] = &["agreed", "freed", "guaranteed", "refereed"];

/// Words ending in "-ed" that are adjectives when a noun follows ("detailed notes").
const ED_ADJECTIVES: &[&str] = &[
    "detailed",
    "needed",
    "unexpected",
    "signed",
    "printed",
    "annotated",
    "tailored",
    "curated",
    "personalised",
    "personalized",
    "customised",
    "customized",
    "extended",
    "updated",
    "belated",
    "recorded",
    "advanced",
    "informed",
    "balanced",
    "focused",
    "considered",
    "handpicked",
    "hand-picked",
    "hundred",
    "naked",
    "wicked",
    "sacred",
    "beloved",
    "kindred",
];

/// Words that end in "-ing" and are not gerunds.
const NOT_GERUNDS: &[&str] = &[
    "something",
    "anything",
    "everything",
    "nothing",
    "thing",
    "morning",
    "evening",
    "wedding",
    "ceiling",
    "sibling",
    "spring",
    "string",
    "during",
];

/// Subject pronouns dropped at the start ("She introduced me …").
const SUBJECTS: &[&str] = &["she", "he", "they"];

/// Determiners before a noun phrase.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "some", "her", "his", "their", "your", "my", "our",
];

/// Prepositions: a text starting with one drops the frame's own.
const PREPOSITIONS: &[&str] = &[
    "to", "for", "on", "with", "in", "at", "of", "about", "over", "through", "into", "from", "by",
    "around",
];

/// Words that start or continue a phrase rather than name a thing: pronouns, determiners,
/// prepositions, counts. After an "-ed" or "-ing" word they mark it as a verb.
const FUNCTION_WORDS: &[&str] = &[
    "me", "my", "us", "our", "you", "your", "him", "his", "her", "their", "them", "it", "its",
    "the", "a", "an", "some", "this", "that", "these", "those", "to", "for", "on", "with", "in",
    "at", "of", "about", "over", "through", "into", "from", "by", "up", "out", "off", "around",
    "back", "down", "and", "all", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "several", "both", "i",
];

/// Common modifiers that may start a noun phrase in sentence case ("Quick call …").
const COMMON_MODIFIERS: &[&str] = &[
    "quick",
    "great",
    "honest",
    "long",
    "short",
    "big",
    "small",
    "useful",
    "helpful",
    "thoughtful",
    "kind",
    "generous",
    "warm",
    "free",
    "frank",
    "candid",
    "careful",
    "expert",
    "practical",
    "good",
    "brilliant",
    "excellent",
    "wonderful",
    "invaluable",
    "valuable",
    "timely",
    "extra",
    "whole",
    "first",
    "new",
    "last-minute",
];

/// A word lowercased, without surrounding punctuation (apostrophes kept).
fn core(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
        .to_lowercase()
}

/// "Introduced": a capital then lowercase.
fn is_titlecase(word: &str) -> bool {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// No capital letter at all.
fn is_lower(word: &str) -> bool {
    !word.chars().any(char::is_uppercase)
}

/// The word with its first letter lowercased.
fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A pronoun, determiner, preposition or count (a leading digit counts too).
fn is_function(core: &str) -> bool {
    FUNCTION_WORDS.contains(&core) || core.starts_with(|c: char| c.is_ascii_digit())
}

/// A common word (safe to lowercase at the start of a phrase), not a name.
fn is_common(core: &str) -> bool {
    is_function(core)
        || help_noun(core).is_some()
        || COMMON_MODIFIERS.contains(&core)
        || IRREGULAR.iter().any(|(p, _)| *p == core)
        || ["ed", "ing", "ful", "ly"].iter().any(|s| core.ends_with(s))
}

/// The gerund of a past-tense verb ("introduced" → "introducing", "lent" → "lending"), or
/// `None` when the word is not one. `next` tells an adjective ("detailed notes") from a verb
/// ("detailed the plan").
fn past_to_gerund(word: &str, next: Option<&String>) -> Option<String> {
    if !word.chars().all(|c| c.is_alphabetic() || c == '-') {
        return None;
    }
    let w = word.to_lowercase();
    if let Some((_, g)) = IRREGULAR.iter().find(|(p, _)| *p == w) {
        return Some((*g).to_string());
    }
    let next_is_function = next.is_some_and(|n| is_function(&core(n)));
    if ED_ADJECTIVES.contains(&w.as_str()) && !next_is_function {
        return None;
    }
    let n = w.len();
    if n >= 5 && w.ends_with("ied") {
        return Some(format!("{}ying", &w[..n - 3]));
    }
    if w.ends_with("eed") {
        return EED_VERBS
            .contains(&w.as_str())
            .then(|| format!("{}ing", &w[..n - 1]));
    }
    if n >= 5 && w.ends_with("ed") {
        return Some(format!("{}ing", &w[..n - 2]));
    }
    None
}

/// Whether a word is a gerund starting a verb phrase ("Helping me move"), not a noun
/// ("Mentoring session"): it ends in "-ing" and is followed by nothing, a function word or a
/// name.
fn is_gerund(word: &str, next: Option<&String>) -> bool {
    let w = core(word);
    if w.len() < 5 || !w.ends_with("ing") || NOT_GERUNDS.contains(&w.as_str()) {
        return false;
    }
    match next {
        None => true,
        Some(n) => is_function(&core(n)) || n.starts_with(char::is_uppercase),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::id::LifeEventId;
    use jiff::SignedDuration;
    use uuid::Uuid;

    fn now() -> Timestamp {
        "2025-06-01T12:00:00Z".parse().unwrap()
    }

    fn ago(days: f64) -> Timestamp {
        now()
            .checked_sub(SignedDuration::from_secs_f64(days * 86_400.0))
            .unwrap()
    }

    fn pid(n: u128) -> PersonId {
        PersonId(Uuid::from_u128(n))
    }

    const ME: u128 = 1;

    fn favour(
        n: u128,
        giver: u128,
        receiver: u128,
        kind: FavourKind,
        text: &str,
        weight: u8,
        days_ago: f64,
    ) -> Favour {
        Favour {
            id: FavourId(Uuid::from_u128(n)),
            giver: pid(giver),
            receiver: pid(receiver),
            kind,
            text: text.into(),
            weight,
            occurred_at: ago(days_ago),
            for_need: None,
            thanked_at: None,
            thanked_in: None,
        }
    }

    fn received(n: u128, days_ago: f64) -> Favour {
        favour(
            n,
            2,
            ME,
            FavourKind::Advice,
            "advice on pricing",
            2,
            days_ago,
        )
    }

    fn event(kind: LifeEventKind) -> LifeEvent {
        LifeEvent {
            id: LifeEventId(Uuid::from_u128(77)),
            person: pid(2),
            kind,
            on: jiff::civil::date(2025, 5, 20),
            note: None,
            acknowledged_at: None,
        }
    }

    fn owed_ids(favours: &[Favour], min_days: i64) -> Vec<u128> {
        thanks_owed(pid(ME), favours, now(), min_days)
            .iter()
            .map(|t| t.favour.0.as_u128())
            .collect()
    }

    #[test]
    fn thanks_owed_respects_min_days() {
        let f = [received(10, 1.0), received(11, 2.0), received(12, 1.99)];
        assert_eq!(owed_ids(&f, THANKS_GRACE_DAYS), vec![11]);
        assert_eq!(owed_ids(&f, 1), vec![11, 12, 10]);
        assert_eq!(owed_ids(&f, 0), vec![11, 12, 10]);
        let t = thanks_owed(pid(ME), &f, now(), 0);
        assert_eq!(
            t.iter().map(|t| t.days_waiting).collect::<Vec<_>>(),
            vec![2, 1, 1]
        );
        assert_eq!(t[0].person, pid(2));
        assert_eq!(t[0].kind, FavourKind::Advice);
        assert_eq!(t[0].text, "advice on pricing");
        assert_eq!(t[0].received_at, ago(2.0));
    }

    #[test]
    fn thanks_owed_excludes_thanked_given_by_me_others_and_future() {
        let mut thanked = received(10, 5.0);
        thanked.thanked_at = Some(ago(4.0));
        let f = [
            thanked,
            favour(11, ME, 2, FavourKind::Time, "an afternoon", 2, 5.0), // given by me
            favour(12, 2, 3, FavourKind::Time, "an afternoon", 2, 5.0),  // between others
            received(13, -1.0),                                          // tomorrow
            received(14, 30.0),
            received(15, 0.0),
        ];
        assert_eq!(owed_ids(&f, 0), vec![14, 15]);
        assert_eq!(owed_ids(&f, 31), Vec::<u128>::new());
        // Same day, oldest first, ties by id.
        let f = [received(21, 3.0), received(20, 3.0)];
        assert_eq!(owed_ids(&f, 0), vec![20, 21]);
    }

    fn margaret_favours() -> Vec<Favour> {
        vec![
            favour(
                30,
                2,
                ME,
                FavourKind::Introduction,
                "Introduced me to two angel investors",
                3,
                12.0,
            ),
            favour(
                31,
                2,
                ME,
                FavourKind::Feedback,
                "feedback on my pitch deck",
                2,
                90.0,
            ),
        ]
    }

    #[test]
    fn draft_snapshot() {
        let favours = margaret_favours();
        let news = event(LifeEventKind::NewJob);
        let input = DraftInput {
            their_name: "Margaret O'Neill",
            my_name: "Alex Morgan",
            favours: &favours,
            recent_news: Some(&news),
            shared_interest: Some("climate tech"),
            nickname: None,
        };
        assert_eq!(
            draft_thank_you(&input),
            "Hi Margaret,\n\
             \n\
             Thank you for introducing me to two angel investors, and for everything else you \
             have done for me. It made a real difference to me.\n\
             \n\
             Congratulations on the new job!\n\
             \n\
             I'd love to talk about climate tech again soon. If there is ever anything I can do \
             for you in return, please just ask.\n\
             \n\
             All the best,\n\
             Alex Morgan"
        );
        // Deterministic: the same input gives the same text.
        assert_eq!(draft_thank_you(&input), draft_thank_you(&input));
        // The most recent favour is cited whatever the order.
        let mut reversed = favours.clone();
        reversed.reverse();
        let input2 = DraftInput {
            favours: &reversed,
            ..input
        };
        assert_eq!(draft_thank_you(&input2), draft_thank_you(&input));
    }

    #[test]
    fn draft_with_one_small_favour_and_nothing_else() {
        let favours = [favour(
            40,
            2,
            ME,
            FavourKind::Resource,
            "Lent me her design system templates.",
            1,
            3.0,
        )];
        let input = DraftInput {
            their_name: "Dr. Sofia Rossi",
            my_name: "Alex",
            favours: &favours,
            recent_news: None,
            shared_interest: Some("  "),
            nickname: None,
        };
        assert_eq!(
            draft_thank_you(&input),
            "Hi Sofia,\n\nThank you for lending me your design system templates. I really \
             appreciated it.\n\nIf there is ever anything I can do for you in return, please \
             just ask.\n\nAll the best,\nAlex"
        );
    }

    #[test]
    fn loss_is_never_congratulated() {
        let favours = margaret_favours();
        for &kind in LifeEventKind::ALL {
            let news = event(kind);
            let text = draft_thank_you(&DraftInput {
                their_name: "Margaret O'Neill",
                my_name: "Alex",
                favours: &favours,
                recent_news: Some(&news),
                shared_interest: None,
                nickname: None,
            });
            match kind.valence() {
                Valence::Support => {
                    assert!(!text.to_lowercase().contains("congratulat"), "{text}");
                    assert!(text.contains("sorry"), "{text}");
                }
                Valence::Celebrate => assert!(text.contains("Congratulations"), "{text}"),
            }
        }
        let news = event(LifeEventKind::Loss);
        let text = draft_thank_you(&DraftInput {
            their_name: "Margaret",
            my_name: "Alex",
            favours: &[],
            recent_news: Some(&news),
            shared_interest: None,
            nickname: None,
        });
        assert!(text.contains("I was so sorry to hear about your loss, and I'm thinking of you."));
        assert!(!text.contains("ongratulat"));
    }

    #[test]
    fn draft_without_favours_is_a_general_thank_you() {
        let input = DraftInput {
            their_name: "Ben Okoro",
            my_name: "Alex Morgan",
            favours: &[],
            recent_news: None,
            shared_interest: Some("Rust"),
            nickname: None,
        };
        assert_eq!(
            draft_thank_you(&input),
            "Hi Ben,\n\nI wanted to say thank you for all your support. It means a great deal to \
             me.\n\nI'd love to talk about Rust again soon. If there is ever anything I can do \
             for you, please just ask.\n\nAll the best,\nAlex Morgan"
        );
    }

    #[test]
    fn draft_uses_the_nickname_when_given() {
        let favours = margaret_favours();
        let input = DraftInput {
            their_name: "Margaret O'Neill",
            my_name: "Alex",
            favours: &favours[..1],
            recent_news: None,
            shared_interest: None,
            nickname: Some(" Maggie "),
        };
        let text = draft_thank_you(&input);
        assert!(
            text.starts_with(
                "Hi Maggie,\n\nThank you for introducing me to two angel investors. It made"
            ),
            "{text}"
        );
        assert!(!text.contains("everything else"));
        // Blank nickname falls back to the first name; blank names to "there".
        let blank = DraftInput {
            nickname: Some(""),
            ..input
        };
        assert!(draft_thank_you(&blank).starts_with("Hi Margaret,"));
        let nobody = DraftInput {
            their_name: " ",
            my_name: "",
            nickname: None,
            ..input
        };
        let text = draft_thank_you(&nobody);
        assert!(text.starts_with("Hi there,"));
        assert!(
            text.ends_with("please just ask.\n\nAll the best,"),
            "{text}"
        );
    }

    #[test]
    fn greeting_names() {
        assert_eq!(greeting_name("Zoë Ångström", None).unwrap(), "Zoë");
        assert_eq!(
            greeting_name("Prof. Dr. Ada Lovelace", None).unwrap(),
            "Ada"
        );
        assert_eq!(greeting_name("Dr", None).unwrap(), "Dr");
        assert_eq!(greeting_name("", None), None);
    }

    #[test]
    fn favour_phrases_read_naturally_for_every_kind() {
        use FavourKind::*;
        let cases = [
            // Past-tense acts, as the demo records them.
            (
                Introduction,
                "Introduced me to two angel investors",
                "introducing me to two angel investors",
            ),
            (
                Feedback,
                "Reviewed our hiring plan",
                "reviewing our hiring plan",
            ),
            (
                Resource,
                "Lent me her design system templates",
                "lending me your design system templates",
            ),
            (
                Endorsement,
                "Wrote a recommendation on my profile",
                "writing a recommendation on my profile",
            ),
            (
                Referral,
                "Referred me for an operations role",
                "referring me for an operations role",
            ),
            (
                Advice,
                "She explained how term sheets work.",
                "explaining how term sheets work",
            ),
            (
                Introduction,
                "Mohammed introduced me to Sam",
                "introducing me to Sam",
            ),
            (
                Resource,
                "Copied me the slides and sent me the deck",
                "copying me the slides and sending me the deck",
            ),
            (
                Other,
                "Signed the lease as my guarantor",
                "signing the lease as my guarantor",
            ),
            (
                Other,
                "Agreed to be my referee",
                "agreeing to be my referee",
            ),
            (Advice, "Ahmed reviewed my CV", "reviewing my CV"),
            (
                Time,
                "Helped set up my website",
                "helping set up my website",
            ),
            (
                Resource,
                "Shared notes on the market",
                "sharing notes on the market",
            ),
            // Gerunds.
            (Time, "Helping me move house", "helping me move house"),
            (Time, "Babysitting", "babysitting"),
            // Noun phrases, as the generator records them.
            (Advice, "advice on pricing", "your advice on pricing"),
            (
                Introduction,
                "an introduction to someone in fintech",
                "the introduction to someone in fintech",
            ),
            (
                Referral,
                "a referral for a design role",
                "the referral for a design role",
            ),
            (
                Feedback,
                "feedback on a pitch draft",
                "your feedback on a pitch draft",
            ),
            (
                Resource,
                "resources on fundraising",
                "the resources on fundraising",
            ),
            (
                Endorsement,
                "an endorsement for design work",
                "the endorsement for design work",
            ),
            (
                Time,
                "an afternoon helping with fundraising",
                "the afternoon helping with fundraising",
            ),
            (
                Other,
                "help with something about fundraising",
                "your help with something about fundraising",
            ),
            (
                Time,
                "Mentoring session on her thesis",
                "the mentoring session on your thesis",
            ),
            (
                Feedback,
                "Detailed notes on my deck",
                "the detailed notes on my deck",
            ),
            (
                Resource,
                "Signed copy of her book",
                "the signed copy of your book",
            ),
            (
                Other,
                "Quick call about my offer",
                "the quick call about my offer",
            ),
            (
                Endorsement,
                "LinkedIn recommendation",
                "the LinkedIn recommendation",
            ),
            (
                Advice,
                "Her advice on my career",
                "your advice on my career",
            ),
            // Bare objects, framed by the kind.
            (
                Introduction,
                "Amara at GreenGrid",
                "introducing me to Amara at GreenGrid",
            ),
            (Introduction, "to Sam", "introducing me to Sam"),
            (
                Referral,
                "a product role at Acme",
                "referring me for a product role at Acme",
            ),
            (
                Advice,
                "how to price my product",
                "your advice on how to price my product",
            ),
            (Feedback, "my pitch deck", "your feedback on my pitch deck"),
            (
                Resource,
                "her negotiation book",
                "sharing your negotiation book",
            ),
            (
                Endorsement,
                "my work on LinkedIn",
                "endorsing my work on LinkedIn",
            ),
            (
                Time,
                "pair programming on my parser",
                "giving your time to pair programming on my parser",
            ),
            (Other, "my move", "your help with my move"),
            (Other, "on my move", "your help on my move"),
            // Nothing recorded: the kind alone.
            (Advice, "", "your advice"),
            (Introduction, " . ", "the introduction"),
            (Referral, "", "the referral"),
            (Feedback, "", "your feedback"),
            (Resource, "", "the resources you shared"),
            (Endorsement, "", "the endorsement"),
            (Time, "", "your time"),
            (Other, "", "your help"),
        ];
        for (kind, text, expected) in cases {
            assert_eq!(favour_phrase(kind, text), expected, "{kind} {text:?}");
        }
    }

    #[test]
    fn thanks_owed_serialises() {
        let t = thanks_owed(pid(ME), &[received(10, 3.0)], now(), 0);
        let v = serde_json::to_value(&t[0]).unwrap();
        assert_eq!(v["kind"], "advice");
        assert_eq!(v["days_waiting"], 3);
    }
}
