//! The favour ledger: what the user and each person have done for each other, weighted and
//! decayed, and the relationships that have become one-sided, in either direction.
//!
//! Reciprocity is one of Granovetter's (1973) four ingredients of a strong tie, and the seed's
//! advice is to keep give-and-take honest: notice the people who keep helping you (and return
//! the favour) and the people you keep helping who never help back. The ledger is built from
//! the recorded [`Favour`]s between the user ("me") and each person:
//!
//! - A favour counts its weight (1 to 3, clamped) times `exp(−λ·age_days)` with
//!   `λ = ln 2 / half_life_days`, so it counts half after one half-life. The default half-life
//!   is a year: people remember a big favour for a long time, far longer than they remember a
//!   chat (strength uses 90 days for contact).
//! - Only favours at or before `now` count, so an earlier `now` gives the ledger "as of" then.
//! - Favours between two other people (neither side is `me`) are not part of the user's
//!   ledger and are ignored.
//!
//! [`balances`] gives one [`Balance`] per person, with a [`Flag`] and a plain-words reason when
//! the relationship is one-sided; [`totals`] sums them over the network.
//!
//! ```
//! use kithkin_core::reciprocity::{balances, Flag, LedgerRules};
//! # use kithkin_core::exchange::{Favour, FavourKind};
//! # use kithkin_core::id::{FavourId, PersonId};
//! # let me = PersonId(uuid::Uuid::from_u128(1));
//! # let ana = PersonId(uuid::Uuid::from_u128(2));
//! let now: jiff::Timestamp = "2025-06-01T12:00:00Z".parse().unwrap();
//! # let favour = |n: u128| Favour {
//! #     id: FavourId(uuid::Uuid::from_u128(n)), giver: ana, receiver: me,
//! #     kind: FavourKind::Advice, text: "advice on pricing".into(), weight: 2,
//! #     occurred_at: now, for_need: None, thanked_at: None, thanked_in: None,
//! # };
//! // Ana helped me twice (weight 2 each, today); I never helped her.
//! let favours = [favour(10), favour(11)];
//! let b = balances(me, &favours, now, &LedgerRules::default());
//! assert_eq!(b[0].received, 4.0);
//! assert_eq!(b[0].balance, -4.0);
//! assert_eq!(b[0].flag, Some(Flag::YouNeverReciprocate));
//! assert_eq!(
//!     b[0].reason.as_deref(),
//!     Some("you never reciprocate: you received 4.0 (2 favours) and gave nothing today")
//! );
//! ```

use crate::exchange::Favour;
use crate::id::PersonId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const SECONDS_PER_DAY: f64 = 86_400.0;
const DAYS_PER_YEAR: f64 = 365.25;
/// Values within this of a threshold count as at it, so floating-point rounding never hides a
/// flag the user can check by hand.
const EPS: f64 = 1e-9;

/// The rules of the ledger, in one documented place. [`Default`] gives the values Kithkin uses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LedgerRules {
    /// Half-life of a favour's weight, in days (365 by default): a big favour still counts half
    /// after a year and a quarter after two, because people remember real help for a long
    /// time. A value that is not positive (or not a number) means no decay at all.
    pub half_life_days: f64,
    /// The decayed total (given + received) below which no flag fires, 3.0 by default: one
    /// large favour (or three small ones) is too little history to call a relationship
    /// one-sided.
    pub min_total: f64,
    /// The share of the decayed total one side must give for the relationship to be flagged
    /// one-sided, 0.75 by default (three quarters or more from one side). Meant to be in
    /// `(0.5, 1]`; with a smaller value a side is still flagged only when it gives strictly
    /// more than the other.
    pub one_sided_share: f64,
}

impl Default for LedgerRules {
    /// Half-life 365 days, minimum total 3.0, one-sided share 0.75.
    fn default() -> Self {
        Self {
            half_life_days: 365.0,
            min_total: 3.0,
            one_sided_share: 0.75,
        }
    }
}

impl LedgerRules {
    /// The decay rate λ = ln 2 / half-life, per day; 0 (no decay) for a half-life that is not
    /// positive.
    pub fn lambda(&self) -> f64 {
        if self.half_life_days > 0.0 {
            std::f64::consts::LN_2 / self.half_life_days
        } else {
            0.0
        }
    }

    /// What a favour of `weight` (clamped to `1..=3`) is worth `age_days` later:
    /// `weight · exp(−λ · age_days)`.
    pub fn decayed(&self, weight: u8, age_days: f64) -> f64 {
        f64::from(weight.clamp(1, 3)) * (-self.lambda() * age_days.max(0.0)).exp()
    }
}

/// Why a relationship is one-sided. The `Never*` flags take precedence over the `Mostly*`
/// ones; see [`Balance::flag`] for exactly when each fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// They give ≥ `one_sided_share` of the decayed total: time to return the favour.
    YouMostlyReceive,
    /// The user gives ≥ `one_sided_share` of the decayed total.
    YouMostlyGive,
    /// The user gave ≥ `min_total` (decayed) and they never did anything in return.
    TheyNeverReciprocate,
    /// They gave ≥ `min_total` (decayed) and the user never did anything in return.
    YouNeverReciprocate,
}

impl Flag {
    /// The stable name, as shown and serialised ("you_mostly_receive", …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Flag::YouMostlyReceive => "you_mostly_receive",
            Flag::YouMostlyGive => "you_mostly_give",
            Flag::TheyNeverReciprocate => "they_never_reciprocate",
            Flag::YouNeverReciprocate => "you_never_reciprocate",
        }
    }
}

/// The give-and-take between the user and one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Balance {
    /// The other person.
    pub person: PersonId,
    /// The decayed weight of the favours the user gave them.
    pub given: f64,
    /// The decayed weight of the favours they gave the user.
    pub received: f64,
    /// How many favours the user gave them (plain count).
    pub given_count: u32,
    /// How many favours they gave the user (plain count).
    pub received_count: u32,
    /// `given − received`: positive when the user has given more, negative when they have.
    pub balance: f64,
    /// Set when the relationship is one-sided. With `total = given + received` and the
    /// comparisons made with a 1e-9 tolerance, the first that holds wins:
    ///
    /// 1. [`Flag::TheyNeverReciprocate`]: `received_count == 0` and `given ≥ min_total`;
    /// 2. [`Flag::YouNeverReciprocate`]: `given_count == 0` and `received ≥ min_total`;
    /// 3. [`Flag::YouMostlyReceive`]: `total ≥ min_total`, `received ≥ one_sided_share · total`
    ///    and `received > given`;
    /// 4. [`Flag::YouMostlyGive`]: `total ≥ min_total`, `given ≥ one_sided_share · total` and
    ///    `given > received`.
    ///
    /// Otherwise `None`: balanced enough, or too little history (`total < min_total`).
    pub flag: Option<Flag>,
    /// The flag in plain words, without the person's name (the caller adds it): "you mostly
    /// receive: 7.2 received vs 1.1 given over the last 14 months". The span runs from the
    /// first favour between the two to `now`.
    pub reason: Option<String>,
    /// When the user last helped them.
    pub last_given: Option<Timestamp>,
    /// When they last helped the user.
    pub last_received: Option<Timestamp>,
}

/// Running sums for one person while the ledger is built.
#[derive(Default)]
struct Acc {
    given: f64,
    received: f64,
    given_count: u32,
    received_count: u32,
    first: Option<Timestamp>,
    last_given: Option<Timestamp>,
    last_received: Option<Timestamp>,
}

/// The age in days of `at` as seen from `now`, never negative.
fn age_days(at: Timestamp, now: Timestamp) -> f64 {
    let secs = now.as_second().saturating_sub(at.as_second());
    (secs as f64 / SECONDS_PER_DAY).max(0.0)
}

/// Per-person balances between `me` and everyone, from every favour in `favours` (in any
/// order) at or before `now`. Favours between two other people, and favours whose giver is
/// their receiver, are ignored. Sorted by |balance|, largest first, then by person, so the
/// most lopsided relationships lead.
pub fn balances(
    me: PersonId,
    favours: &[Favour],
    now: Timestamp,
    rules: &LedgerRules,
) -> Vec<Balance> {
    let mut people: BTreeMap<PersonId, Acc> = BTreeMap::new();
    for f in favours.iter().filter(|f| f.occurred_at <= now) {
        let (other, from_me) = if f.giver == me && f.receiver != me {
            (f.receiver, true)
        } else if f.receiver == me && f.giver != me {
            (f.giver, false)
        } else {
            continue;
        };
        let w = rules.decayed(f.weight, age_days(f.occurred_at, now));
        let acc = people.entry(other).or_default();
        acc.first = Some(acc.first.map_or(f.occurred_at, |t| t.min(f.occurred_at)));
        if from_me {
            acc.given += w;
            acc.given_count = acc.given_count.saturating_add(1);
            acc.last_given = Some(
                acc.last_given
                    .map_or(f.occurred_at, |t| t.max(f.occurred_at)),
            );
        } else {
            acc.received += w;
            acc.received_count = acc.received_count.saturating_add(1);
            acc.last_received = Some(
                acc.last_received
                    .map_or(f.occurred_at, |t| t.max(f.occurred_at)),
            );
        }
    }

    let mut out: Vec<Balance> = people
        .into_iter()
        .map(|(person, a)| {
            let flag = flag_for(&a, rules);
            let reason = flag.map(|flag| {
                let span = a.first.map_or(0.0, |t| age_days(t, now));
                reason_for(flag, &a, span)
            });
            Balance {
                person,
                given: a.given,
                received: a.received,
                given_count: a.given_count,
                received_count: a.received_count,
                balance: a.given - a.received,
                flag,
                reason,
                last_given: a.last_given,
                last_received: a.last_received,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.balance
            .abs()
            .total_cmp(&x.balance.abs())
            .then(x.person.cmp(&y.person))
    });
    out
}

/// The flag for one person, by the rules documented on [`Balance::flag`].
fn flag_for(a: &Acc, rules: &LedgerRules) -> Option<Flag> {
    let total = a.given + a.received;
    let at_least = |x: f64, threshold: f64| x >= threshold - EPS;
    if a.received_count == 0 && a.given_count > 0 && at_least(a.given, rules.min_total) {
        return Some(Flag::TheyNeverReciprocate);
    }
    if a.given_count == 0 && a.received_count > 0 && at_least(a.received, rules.min_total) {
        return Some(Flag::YouNeverReciprocate);
    }
    if total <= 0.0 || !at_least(total, rules.min_total) {
        return None;
    }
    if a.received > a.given && at_least(a.received / total, rules.one_sided_share) {
        return Some(Flag::YouMostlyReceive);
    }
    if a.given > a.received && at_least(a.given / total, rules.one_sided_share) {
        return Some(Flag::YouMostlyGive);
    }
    None
}

/// The flag in words: "you mostly give: 7.2 given vs 1.1 received over the last 14 months".
fn reason_for(flag: Flag, a: &Acc, span_days: f64) -> String {
    let over = over_the_last(span_days);
    match flag {
        Flag::YouMostlyReceive => format!(
            "you mostly receive: {:.1} received vs {:.1} given {over}",
            a.received, a.given
        ),
        Flag::YouMostlyGive => format!(
            "you mostly give: {:.1} given vs {:.1} received {over}",
            a.given, a.received
        ),
        Flag::TheyNeverReciprocate => format!(
            "they never reciprocate: you gave {:.1} ({}) and received nothing {over}",
            a.given,
            plural(u64::from(a.given_count), "favour")
        ),
        Flag::YouNeverReciprocate => format!(
            "you never reciprocate: you received {:.1} ({}) and gave nothing {over}",
            a.received,
            plural(u64::from(a.received_count), "favour")
        ),
    }
}

/// "today", "over the last day", "over the last 12 days", "over the last 14 months",
/// "over the last 2.5 years".
fn over_the_last(days: f64) -> String {
    let d = days.max(0.0);
    let span = if d < 1.0 {
        return "today".to_string();
    } else if d < 60.0 {
        unit(d.floor() as u64, "day")
    } else if d < 2.0 * DAYS_PER_YEAR {
        unit((d / (DAYS_PER_YEAR / 12.0)).round() as u64, "month")
    } else {
        let half_years = (d / DAYS_PER_YEAR * 2.0).round() as u64;
        if half_years.is_multiple_of(2) {
            unit(half_years / 2, "year")
        } else {
            format!("{}.5 years", half_years / 2)
        }
    };
    format!("over the last {span}")
}

/// "day" for one, "3 days" for more (as in "the last day", "the last 3 days").
fn unit(n: u64, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{n} {word}s")
    }
}

/// "1 favour", "3 favours".
fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The ledger summed over the whole network.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NetworkTotals {
    /// The decayed weight of everything the user gave.
    pub given: f64,
    /// The decayed weight of everything the user received.
    pub received: f64,
    /// How many people the user has exchanged favours with.
    pub people: usize,
    /// How many of those relationships carry a [`Flag`].
    pub one_sided: usize,
    /// `given − received` over the network.
    pub balance: f64,
}

/// Sums [`balances`] over the network: how much the user gives and receives overall, and how
/// many relationships are one-sided.
pub fn totals(balances: &[Balance]) -> NetworkTotals {
    let given: f64 = balances.iter().map(|b| b.given).sum();
    let received: f64 = balances.iter().map(|b| b.received).sum();
    NetworkTotals {
        given,
        received,
        people: balances.len(),
        one_sided: balances.iter().filter(|b| b.flag.is_some()).count(),
        balance: given - received,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::exchange::FavourKind;
    use crate::id::FavourId;
    use jiff::SignedDuration;
    use uuid::Uuid;

    const TOL: f64 = 1e-12;

    fn now() -> Timestamp {
        "2025-06-01T12:00:00Z".parse().unwrap()
    }

    fn ago(days: f64) -> Timestamp {
        now()
            .checked_sub(SignedDuration::from_secs_f64(days * SECONDS_PER_DAY))
            .unwrap()
    }

    fn pid(n: u128) -> PersonId {
        PersonId(Uuid::from_u128(n))
    }

    const ME: u128 = 1;

    fn fav(giver: u128, receiver: u128, weight: u8, days_ago: f64) -> Favour {
        Favour {
            id: FavourId(Uuid::from_u128(
                1000 + giver * 100 + receiver * 10 + u128::from(weight),
            )),
            giver: pid(giver),
            receiver: pid(receiver),
            kind: FavourKind::Advice,
            text: "advice on pricing".into(),
            weight,
            occurred_at: ago(days_ago),
            for_need: None,
            thanked_at: None,
            thanked_in: None,
        }
    }

    fn gave(to: u128, weight: u8, days_ago: f64) -> Favour {
        fav(ME, to, weight, days_ago)
    }

    fn got(from: u128, weight: u8, days_ago: f64) -> Favour {
        fav(from, ME, weight, days_ago)
    }

    fn ledger(favours: &[Favour]) -> Vec<Balance> {
        balances(pid(ME), favours, now(), &LedgerRules::default())
    }

    fn one(favours: &[Favour]) -> Balance {
        let b = ledger(favours);
        assert_eq!(b.len(), 1, "{b:?}");
        b.into_iter().next().unwrap()
    }

    #[test]
    fn one_half_life_halves_the_weight() {
        let r = LedgerRules::default();
        assert_eq!(r.decayed(2, 0.0), 2.0);
        assert!((r.decayed(2, 365.0) - 1.0).abs() < TOL);
        assert!((r.decayed(3, 730.0) - 0.75).abs() < TOL);
        // Weights are clamped to 1..=3; no decay without a positive half-life.
        assert_eq!(r.decayed(9, 0.0), 3.0);
        assert_eq!(r.decayed(0, 0.0), 1.0);
        let flat = LedgerRules {
            half_life_days: 0.0,
            ..r
        };
        assert_eq!(flat.decayed(2, 1000.0), 2.0);
        // Through the ledger: a weight-2 favour a year ago counts 1.
        let b = one(&[got(2, 2, 365.0)]);
        assert!((b.received - 1.0).abs() < TOL);
    }

    #[test]
    fn balances_mix_given_and_received() {
        // Person 2: I gave 3 today and 2 a year ago (→ 1); they gave 1 today.
        // Person 3: they gave 3 today and 3 two years ago (→ 0.75); I gave nothing.
        let f = [
            gave(2, 3, 0.0),
            gave(2, 2, 365.0),
            got(2, 1, 0.0),
            got(3, 3, 0.0),
            got(3, 3, 730.0),
        ];
        let b = ledger(&f);
        assert_eq!(b.len(), 2);
        // |−3.75| > |3.0|: person 3 first.
        assert_eq!(b[0].person, pid(3));
        assert!((b[0].received - 3.75).abs() < TOL);
        assert_eq!(b[0].given, 0.0);
        assert_eq!((b[0].given_count, b[0].received_count), (0, 2));
        assert!((b[0].balance + 3.75).abs() < TOL);
        assert_eq!(b[0].last_received, Some(now()));
        assert_eq!(b[0].last_given, None);

        assert_eq!(b[1].person, pid(2));
        assert!((b[1].given - 4.0).abs() < TOL);
        assert_eq!(b[1].received, 1.0);
        assert_eq!((b[1].given_count, b[1].received_count), (2, 1));
        assert!((b[1].balance - 3.0).abs() < TOL);
        assert_eq!(b[1].last_given, Some(now()));
        assert_eq!(b[1].last_received, Some(now()));
        // 4 / 5 = 0.8 ≥ 0.75.
        assert_eq!(b[1].flag, Some(Flag::YouMostlyGive));
        assert_eq!(
            b[1].reason.as_deref(),
            Some("you mostly give: 4.0 given vs 1.0 received over the last 12 months")
        );
    }

    #[test]
    fn sorted_by_absolute_balance_then_person() {
        let f = [got(5, 2, 0.0), gave(4, 2, 0.0), gave(3, 3, 0.0)];
        let order: Vec<PersonId> = ledger(&f).iter().map(|b| b.person).collect();
        assert_eq!(order, vec![pid(3), pid(4), pid(5)]);
    }

    #[test]
    fn mostly_receive_fires_at_the_share_not_below() {
        // Today: received 3, given 1 → 3/4 = 0.75 exactly: flagged.
        let b = one(&[got(2, 3, 0.0), gave(2, 1, 0.0)]);
        assert_eq!(b.flag, Some(Flag::YouMostlyReceive));
        assert_eq!(
            b.reason.as_deref(),
            Some("you mostly receive: 3.0 received vs 1.0 given today")
        );
        // Received 2, given 1 → 2/3 < 0.75: not flagged.
        let b = one(&[got(2, 2, 0.0), gave(2, 1, 0.0)]);
        assert_eq!(b.flag, None);
        assert_eq!(b.reason, None);
        // Just below with a custom share: 0.75 against a share of 0.75 + 1e-6.
        let rules = LedgerRules {
            one_sided_share: 0.75 + 1e-6,
            ..LedgerRules::default()
        };
        let b = balances(pid(ME), &[got(2, 3, 0.0), gave(2, 1, 0.0)], now(), &rules);
        assert_eq!(b[0].flag, None);
    }

    #[test]
    fn mostly_give_fires_at_the_share_not_below() {
        let b = one(&[gave(2, 3, 0.0), got(2, 1, 0.0)]);
        assert_eq!(b.flag, Some(Flag::YouMostlyGive));
        let b = one(&[gave(2, 2, 0.0), got(2, 1, 0.0)]);
        assert_eq!(b.flag, None);
    }

    #[test]
    fn they_never_reciprocate_at_min_total_not_below() {
        // I gave 3.0 today, they nothing ever: at min_total.
        let b = one(&[gave(2, 3, 0.0)]);
        assert_eq!(b.flag, Some(Flag::TheyNeverReciprocate));
        assert_eq!(
            b.reason.as_deref(),
            Some("they never reciprocate: you gave 3.0 (1 favour) and received nothing today")
        );
        // 2 + 1 over two favours, the older 20 days back: decayed just below 3, not flagged.
        let b = one(&[gave(2, 2, 0.0), gave(2, 1, 20.0)]);
        assert!(b.given < 3.0 && b.given > 2.9);
        assert_eq!(b.flag, None);
        // Two weight-2 favours a year ago: 1 + 1 = 2 < 3: not flagged.
        let b = one(&[gave(2, 2, 365.0), gave(2, 2, 365.0)]);
        assert_eq!(b.flag, None);
        // Four weight-3 favours, oldest 400 days ago.
        let b = one(&[
            gave(2, 3, 0.0),
            gave(2, 3, 10.0),
            gave(2, 3, 100.0),
            gave(2, 3, 400.0),
        ]);
        assert_eq!(b.flag, Some(Flag::TheyNeverReciprocate));
        assert!(
            b.reason
                .as_deref()
                .unwrap()
                .ends_with("(4 favours) and received nothing over the last 13 months"),
            "{:?}",
            b.reason
        );
    }

    #[test]
    fn you_never_reciprocate_at_min_total_not_below() {
        let b = one(&[got(2, 3, 0.0)]);
        assert_eq!(b.flag, Some(Flag::YouNeverReciprocate));
        let b = one(&[got(2, 2, 0.0)]);
        assert_eq!(b.flag, None);
        // A single favour given, however old and small, means "never" no longer applies;
        // the Mostly flag takes over.
        let b = one(&[got(2, 3, 0.0), got(2, 3, 0.0), gave(2, 1, 3000.0)]);
        assert_eq!(b.flag, Some(Flag::YouMostlyReceive));
    }

    #[test]
    fn never_takes_precedence_over_mostly() {
        // Received 6, given 0: both YouNeverReciprocate and YouMostlyReceive hold.
        let b = one(&[got(2, 3, 0.0), got(2, 3, 0.0)]);
        assert_eq!(b.flag, Some(Flag::YouNeverReciprocate));
        let b = one(&[gave(2, 3, 0.0), gave(2, 3, 0.0)]);
        assert_eq!(b.flag, Some(Flag::TheyNeverReciprocate));
    }

    #[test]
    fn min_total_suppresses_flags() {
        // Received 2, given 0: entirely one-sided, but 2 < 3.
        let b = one(&[got(2, 1, 0.0), got(2, 1, 0.0)]);
        assert_eq!(b.flag, None);
        // Received 9, given 1: 90% one-sided, total 10.
        let f = [
            got(2, 3, 0.0),
            got(2, 3, 0.0),
            got(2, 3, 0.0),
            gave(2, 1, 0.0),
        ];
        let with_min = |min_total: f64| {
            let rules = LedgerRules {
                min_total,
                ..LedgerRules::default()
            };
            balances(pid(ME), &f, now(), &rules)[0].flag
        };
        assert_eq!(with_min(10.0), Some(Flag::YouMostlyReceive));
        assert_eq!(with_min(10.0 + 1e-6), None);
        assert_eq!(with_min(11.0), None);
    }

    #[test]
    fn favours_between_others_and_after_now_are_ignored() {
        let base = [gave(2, 2, 10.0), got(2, 1, 5.0)];
        let mut more = base.to_vec();
        more.push(fav(2, 3, 3, 1.0)); // between two others
        more.push(fav(3, 4, 3, 1.0));
        more.push(fav(ME, ME, 3, 1.0)); // malformed: to myself
        more.push(gave(2, 3, -1.0)); // tomorrow
        more.push(got(5, 3, -30.0)); // next month, a new person
        assert_eq!(ledger(&more), ledger(&base));
        // "As of" an earlier date: only what happened by then.
        let then = ago(7.0);
        let b = balances(pid(ME), &base, then, &LedgerRules::default());
        assert_eq!(b[0].received_count, 0);
        assert_eq!(b[0].given_count, 1);
        assert!((b[0].given - LedgerRules::default().decayed(2, 3.0)).abs() < TOL);
        assert!(ledger(&[]).is_empty());
    }

    #[test]
    fn totals_sum_the_network() {
        let f = [
            gave(2, 3, 0.0), // person 2: they never reciprocate
            got(3, 2, 0.0),  // person 3: received 2 + given 2 → balanced
            gave(3, 2, 0.0),
            got(4, 1, 0.0), // person 4: too little
        ];
        let b = ledger(&f);
        let t = totals(&b);
        assert_eq!(t.given, 5.0);
        assert_eq!(t.received, 3.0);
        assert_eq!(t.balance, 2.0);
        assert_eq!(t.people, 3);
        assert_eq!(t.one_sided, 1);
        assert_eq!(
            totals(&[]),
            NetworkTotals {
                given: 0.0,
                received: 0.0,
                people: 0,
                one_sided: 0,
                balance: 0.0
            }
        );
    }

    #[test]
    fn spans_and_serialisation() {
        assert_eq!(over_the_last(0.5), "today");
        assert_eq!(over_the_last(1.2), "over the last day");
        assert_eq!(over_the_last(12.0), "over the last 12 days");
        assert_eq!(over_the_last(400.0), "over the last 13 months");
        assert_eq!(over_the_last(1000.0), "over the last 2.5 years");
        let b = one(&[got(2, 3, 0.0)]);
        let v = serde_json::to_value(&b).unwrap();
        assert_eq!(v["flag"], "you_never_reciprocate");
        assert_eq!(v["received_count"], 1);
        assert_eq!(Flag::YouMostlyGive.as_str(), "you_mostly_give");
        let v = serde_json::to_value(Flag::TheyNeverReciprocate).unwrap();
        assert_eq!(v, Flag::TheyNeverReciprocate.as_str());
    }
}
