//! Relationship strength: a 0–100 score per person, built from components the user can see,
//! and the dormant strong ties worth reviving.
//!
//! The score follows the tie-strength literature (DESIGN.md §5): Granovetter (1973) names
//! time, emotional intensity, intimacy and reciprocal services as what makes a tie strong;
//! Marsden & Campbell (1984) find closeness and the duration/frequency of contact its best
//! measured indicators; Gilbert & Karahalios (2009) predict strength from recency, intensity,
//! intimacy, duration and structural (shared-context) variables in a weighted sum. Here each
//! component is a number in `0..=1`, the score is `100 · Σ weight · component`, and every
//! weight and constant lives in [`StrengthModel`].
//!
//! Time is a parameter: only touches and favours at or before `now` count, so passing an
//! earlier `now` gives the strength "as of" that date. That is how [`peak`] looks back and how
//! [`dormant`] finds strong ties gone quiet (Levin, Walter & Murnighan 2011).
//!
//! ```
//! use kithkin_core::interaction::{Direction, InteractionKind};
//! use kithkin_core::strength::{strength, StrengthInput, StrengthModel, Touch};
//! let now: jiff::Timestamp = "2025-06-01T12:00:00Z".parse().unwrap();
//! let touches = [Touch {
//!     at: now,
//!     kind: InteractionKind::Meal,
//!     direction: Direction::Mutual,
//!     minutes: Some(90),
//!     others: 0,
//! }];
//! let input = StrengthInput { touches: &touches, favours: &[], known_since: None, shared_contexts: 1 };
//! let s = strength(&input, now, &StrengthModel::default());
//! assert_eq!(s.components.recency, 1.0);
//! assert!(s.score > 50.0 && s.score < 80.0);
//! ```

use crate::interaction::{Direction, InteractionKind};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

const SECONDS_PER_DAY: f64 = 86_400.0;
const DAYS_PER_YEAR: f64 = 365.25;
/// The window, in days, behind "n in the last 90 days" in [`Strength::explain`].
const RECENT_WINDOW_DAYS: f64 = 90.0;

/// One interaction with the person, as strength needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touch {
    /// When it happened; touches after `now` are ignored.
    pub at: Timestamp,
    /// The channel, which sets its depth ([`ChannelDepth`]).
    pub kind: InteractionKind,
    /// Who reached out, for reciprocity; `Mutual` counts half to each side.
    pub direction: Direction,
    /// How long it lasted, if known; long face-to-face or voice time counts more.
    pub minutes: Option<u32>,
    /// Other participants besides this person: 0 for one-to-one. Group conversations are
    /// shallower per person, so a touch counts `c / (1 + others)^0.5`.
    pub others: u16,
}

/// One favour between the user and the person: the "reciprocal services" of Granovetter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FavourFlow {
    /// When it happened; favours after `now` are ignored.
    pub at: Timestamp,
    /// How much it mattered, 1 (small) to 3 (large); values outside are clamped to `1..=3`.
    pub weight: u8,
    /// True when the user helped the person (outbound), false when the person helped the user.
    pub from_me: bool,
}

/// Everything strength looks at for one person. The slices may be in any order.
#[derive(Debug, Clone, Copy)]
pub struct StrengthInput<'a> {
    /// The interactions with the person.
    pub touches: &'a [Touch],
    /// The favours between the user and the person.
    pub favours: &'a [FavourFlow],
    /// When the user came to know them: the met date or the first record, the earlier. When
    /// `None`, duration runs from the first touch.
    pub known_since: Option<Timestamp>,
    /// Circles, events and collaborations the user shares with them.
    pub shared_contexts: u32,
}

/// How much each component contributes to the score. They should sum to 1 so the score
/// spans 0–100; the score is clamped to `0..=100` either way.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ComponentWeights {
    /// Recency, 0.25 by default: how recently the user was in touch is the single strongest
    /// predictor of a tie in Gilbert & Karahalios (2009) ("days since last communication") and
    /// the one that changes day to day.
    pub recency: f64,
    /// Intensity, 0.25 by default: the frequency and amount of contact, Marsden & Campbell's
    /// (1984) best indicator after closeness and Granovetter's (1973) "amount of time".
    pub intensity: f64,
    /// Reciprocity, 0.15 by default: Granovetter's (1973) "reciprocal services"; a tie where
    /// only one side reaches out or helps is weaker than its volume suggests.
    pub reciprocity: f64,
    /// Depth, 0.15 by default: the intimacy of the channel (in person over email), standing in
    /// for Granovetter's "emotional intensity and intimacy", which Kithkin cannot observe.
    pub depth: f64,
    /// Duration, 0.10 by default: how long the user has known them (Granovetter's "time";
    /// Gilbert & Karahalios's "days since first communication"). Long-known but quiet ties
    /// keep some strength, which is what makes dormant ties revivable.
    pub duration: f64,
    /// Shared contexts, 0.10 by default: the structural dimension of Gilbert & Karahalios
    /// (2009) (mutual friends, shared groups); overlapping circles make a tie more robust.
    pub contexts: f64,
}

/// The depth of each channel in `0..=1`: in person > video > call > message > email, after
/// the media-richness ordering Gilbert & Karahalios (2009) use for intimacy and that Marsden &
/// Campbell (1984) imply by weighting closeness over mere contact.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChannelDepth {
    /// Meeting face to face, 1.0 by default: the richest channel.
    pub meeting: f64,
    /// A shared meal, 1.0 by default: face to face, and usually one-to-one and unhurried.
    pub meal: f64,
    /// Meeting at an event, 0.8 by default: in person, but shorter and among many.
    pub event: f64,
    /// Video call, 0.8 by default: face and voice, at a distance.
    pub video: f64,
    /// Voice call, 0.6 by default: synchronous, voice only.
    pub call: f64,
    /// Chat or text message, 0.35 by default: written, but quick and personal.
    pub message: f64,
    /// Email, 0.25 by default: written, slow and often transactional.
    pub email: f64,
}

/// The weights and constants of the strength score, in one place. [`Default`] gives the
/// values Kithkin uses; each field says what it does and why it has its value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StrengthModel {
    /// How much each component counts (they sum to 1).
    pub weights: ComponentWeights,
    /// Half-life of a touch or favour, in days (90 by default, so λ = ln 2 / 90): a contact a
    /// quarter ago counts half as much as one today. Recency, intensity, depth and reciprocity
    /// all decay with it, as in the exponential decay of Gilbert & Karahalios (2009)'s recency
    /// variables. Must be positive.
    pub half_life_days: f64,
    /// Intensity saturation, 3 by default: the decayed sum of channel depths `I` maps to
    /// `1 − exp(−I / 3)`, so three fresh in-person touches give 0.63 and a weekly friend
    /// (I ≈ 19) saturates near 1; more contact helps, with diminishing returns.
    pub intensity_saturation: f64,
    /// Duration time constant τ in years, 3 by default: `1 − exp(−years / 3)` gives 0.28
    /// after a year, 0.63 after three, 0.81 after five (Marsden & Campbell 1984 find
    /// duration a weaker indicator than closeness, so it saturates over years, not months).
    pub duration_tau_years: f64,
    /// Shared-contexts saturation, 2 by default: `1 − exp(−n / 2)` gives 0.39 for one shared
    /// circle, event or collaboration, 0.63 for two, 0.78 for three.
    pub contexts_saturation: f64,
    /// The depth of each channel.
    pub channel: ChannelDepth,
    /// Exponent of the group discount, 0.5 by default: a touch with `others` other people
    /// counts `c / (1 + others)^0.5`, so a four-person dinner is worth half a one-to-one one.
    pub group_exponent: f64,
    /// A meeting, meal, call or video of at least this many minutes (60 by default) is a
    /// long one and counts [`StrengthModel::long_bonus`] times its depth: an hour-long
    /// conversation is more time and more intimacy (Granovetter 1973) than a quick one.
    pub long_minutes: u32,
    /// The multiplier for long touches, 1.25 by default. In depth the result is capped at 1.
    pub long_bonus: f64,
}

impl Default for ComponentWeights {
    /// Recency .25, intensity .25, reciprocity .15, depth .15, duration .10, contexts .10.
    fn default() -> Self {
        Self {
            recency: 0.25,
            intensity: 0.25,
            reciprocity: 0.15,
            depth: 0.15,
            duration: 0.10,
            contexts: 0.10,
        }
    }
}

impl ComponentWeights {
    /// The sum of the weights; 1 for a well-formed set.
    pub fn total(&self) -> f64 {
        self.recency
            + self.intensity
            + self.reciprocity
            + self.depth
            + self.duration
            + self.contexts
    }
}

impl Default for ChannelDepth {
    /// Meeting 1.0, meal 1.0, event 0.8, video 0.8, call 0.6, message 0.35, email 0.25.
    fn default() -> Self {
        Self {
            meeting: 1.0,
            meal: 1.0,
            event: 0.8,
            video: 0.8,
            call: 0.6,
            message: 0.35,
            email: 0.25,
        }
    }
}

impl Default for StrengthModel {
    /// The weights and depths above; half-life 90 days, intensity saturation 3, τ = 3 years,
    /// contexts saturation 2, group exponent 0.5, long touches ≥ 60 minutes count ×1.25.
    fn default() -> Self {
        Self {
            weights: ComponentWeights::default(),
            half_life_days: 90.0,
            intensity_saturation: 3.0,
            duration_tau_years: 3.0,
            contexts_saturation: 2.0,
            channel: ChannelDepth::default(),
            group_exponent: 0.5,
            long_minutes: 60,
            long_bonus: 1.25,
        }
    }
}

impl StrengthModel {
    /// The depth of a channel, in `0..=1`.
    pub fn depth_of(&self, kind: InteractionKind) -> f64 {
        let c = &self.channel;
        match kind {
            InteractionKind::Meeting => c.meeting,
            InteractionKind::Meal => c.meal,
            InteractionKind::Event => c.event,
            InteractionKind::Video => c.video,
            InteractionKind::Call => c.call,
            InteractionKind::Message => c.message,
            InteractionKind::Email => c.email,
        }
    }

    /// The decay rate λ = ln 2 / half-life, per day.
    fn lambda(&self) -> f64 {
        std::f64::consts::LN_2 / self.half_life_days
    }

    /// What one touch is worth for intensity: channel depth, discounted for groups and
    /// boosted when long. Depth uses the same value capped at 1.
    fn touch_weight(&self, t: &Touch) -> f64 {
        let mut c = self.depth_of(t.kind);
        if t.others > 0 {
            c /= (1.0 + f64::from(t.others)).powf(self.group_exponent);
        }
        let long_channel = matches!(
            t.kind,
            InteractionKind::Meeting
                | InteractionKind::Meal
                | InteractionKind::Call
                | InteractionKind::Video
        );
        if long_channel && t.minutes.is_some_and(|m| m >= self.long_minutes) {
            c *= self.long_bonus;
        }
        c
    }
}

/// The strength of one tie: each component in `0..=1` and the weighted score in `0..=100`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Strength {
    /// `100 · Σ weight · component`, clamped to `0..=100`.
    pub score: f64,
    /// The components, shown to the user so the score is never a black box.
    pub components: Components,
}

/// The components of a strength score, each in `0..=1`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Components {
    /// `exp(−λ·Δt)`, Δt the days since the latest touch; 0 with no touch.
    pub recency: f64,
    /// `1 − exp(−I / saturation)` with `I = Σ c·exp(−λ·age)` over touches.
    pub intensity: f64,
    /// `1 − |out − in| / (out + in)` over decayed touches and favours; 0 with neither (there
    /// is nothing to be reciprocal about, and a neutral 0.5 would hand every unknown contact
    /// 7.5 points).
    pub reciprocity: f64,
    /// The decay-weighted mean depth of the touches; 0 with no touch.
    pub depth: f64,
    /// `1 − exp(−years / τ)` since they were first known; 0 if unknown.
    pub duration: f64,
    /// `1 − exp(−n / saturation)` over shared circles, events and collaborations.
    pub contexts: f64,
}

/// The age in days of `at` as seen from `now`, never negative.
fn age_days(at: Timestamp, now: Timestamp) -> f64 {
    let secs = now.as_second().saturating_sub(at.as_second());
    (secs as f64 / SECONDS_PER_DAY).max(0.0)
}

fn min_opt(a: Option<f64>, b: f64) -> Option<f64> {
    Some(a.map_or(b, |a| a.min(b)))
}

fn max_opt(a: Option<f64>, b: f64) -> Option<f64> {
    Some(a.map_or(b, |a| a.max(b)))
}

/// Computes the strength of one tie as of `now` (DESIGN.md §5). Touches and favours after
/// `now` are ignored, so an earlier `now` gives the strength as it was then.
///
/// Pure arithmetic, no allocation: two passes over the touches and favours. Weights in the
/// decayed means are taken relative to the latest item, so the ratios (depth, reciprocity)
/// stay exact however old the history is.
pub fn strength(input: &StrengthInput<'_>, now: Timestamp, model: &StrengthModel) -> Strength {
    let lambda = model.lambda();

    // Pass 1: the latest and earliest counted touch, and the latest favour (ages in days).
    let mut latest_touch: Option<f64> = None;
    let mut earliest_touch: Option<f64> = None;
    for t in input.touches.iter().filter(|t| t.at <= now) {
        let age = age_days(t.at, now);
        latest_touch = min_opt(latest_touch, age);
        earliest_touch = max_opt(earliest_touch, age);
    }
    let mut latest_favour: Option<f64> = None;
    for f in input.favours.iter().filter(|f| f.at <= now) {
        latest_favour = min_opt(latest_favour, age_days(f.at, now));
    }

    // Pass 2: decayed sums. Touch weights are relative to the latest touch (w = 1 there).
    let (mut recency, mut intensity, mut depth) = (0.0, 0.0, 0.0);
    let (mut out_t, mut in_t) = (0.0, 0.0);
    if let Some(a0) = latest_touch {
        let (mut sum_c, mut sum_d, mut sum_w) = (0.0, 0.0, 0.0);
        for t in input.touches.iter().filter(|t| t.at <= now) {
            let w = (-lambda * (age_days(t.at, now) - a0)).exp();
            let c = model.touch_weight(t);
            sum_c += c * w;
            sum_d += c.min(1.0) * w;
            sum_w += w;
            match t.direction {
                Direction::Outbound => out_t += w,
                Direction::Inbound => in_t += w,
                Direction::Mutual => {
                    out_t += w / 2.0;
                    in_t += w / 2.0;
                }
            }
        }
        let decay0 = (-lambda * a0).exp();
        recency = decay0;
        intensity = 1.0 - (-(sum_c * decay0) / model.intensity_saturation).exp();
        if sum_w > 0.0 {
            depth = sum_d / sum_w;
        }
    }

    // Reciprocity: one ledger of touches and favours, relative to the latest item of either.
    let reciprocity = match (latest_touch, latest_favour) {
        (None, None) => 0.0,
        (t0, f0) => {
            let r = t0.unwrap_or(f64::INFINITY).min(f0.unwrap_or(f64::INFINITY));
            let touch_scale = t0.map_or(0.0, |a0| (-lambda * (a0 - r)).exp());
            let (mut out, mut inn) = (out_t * touch_scale, in_t * touch_scale);
            for f in input.favours.iter().filter(|f| f.at <= now) {
                let w =
                    f64::from(f.weight.clamp(1, 3)) * (-lambda * (age_days(f.at, now) - r)).exp();
                if f.from_me {
                    out += w;
                } else {
                    inn += w;
                }
            }
            let total = out + inn;
            if total > 0.0 {
                1.0 - (out - inn).abs() / total
            } else {
                0.5
            }
        }
    };

    // Duration: from the earlier of known_since and the first touch.
    let mut known_age = earliest_touch;
    if let Some(k) = input.known_since {
        known_age = Some(if k <= now {
            known_age.map_or(age_days(k, now), |a| a.max(age_days(k, now)))
        } else {
            known_age.unwrap_or(0.0)
        });
    }
    let duration = known_age.map_or(0.0, |days| {
        1.0 - (-(days / DAYS_PER_YEAR) / model.duration_tau_years).exp()
    });

    let contexts = 1.0 - (-f64::from(input.shared_contexts) / model.contexts_saturation).exp();

    let components = Components {
        recency: clamp01(recency),
        intensity: clamp01(intensity),
        reciprocity: clamp01(reciprocity),
        depth: clamp01(depth),
        duration: clamp01(duration),
        contexts: clamp01(contexts),
    };
    let w = &model.weights;
    let raw = 100.0
        * (w.recency * components.recency
            + w.intensity * components.intensity
            + w.reciprocity * components.reciprocity
            + w.depth * components.depth
            + w.duration * components.duration
            + w.contexts * components.contexts);
    let score = if raw.is_finite() {
        raw.clamp(0.0, 100.0)
    } else {
        0.0
    };
    Strength { score, components }
}

/// Clamps to `0..=1`, mapping NaN (from a degenerate model) to 0.
fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// A span of days for people: "3 days", "14 months", "2.5 years".
fn human_span(days: f64) -> String {
    let d = days.max(0.0);
    if d < 1.0 {
        "less than a day".to_string()
    } else if d < 60.0 {
        plural(d.floor() as u64, "day")
    } else if d < 2.0 * DAYS_PER_YEAR {
        plural((d / (DAYS_PER_YEAR / 12.0)).round() as u64, "month")
    } else {
        let half_years = (d / DAYS_PER_YEAR * 2.0).round() as u64;
        if half_years.is_multiple_of(2) {
            plural(half_years / 2, "year")
        } else {
            format!("{}.5 years", half_years / 2)
        }
    }
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Strength {
    /// One line per component, for people: "recency 0.82 (last contact 12 days ago)",
    /// "intensity 0.45 (14 contacts, 3 in the last 90 days)", and so on, in the order recency,
    /// intensity, reciprocity, depth, duration, contexts. `input` and `now` should be the ones
    /// the strength was computed from; the counts shown are plain (not decayed) counts of what
    /// happened at or before `now`.
    pub fn explain(&self, input: &StrengthInput<'_>, now: Timestamp) -> Vec<String> {
        let c = &self.components;
        let touches = || input.touches.iter().filter(|t| t.at <= now);
        let favours = || input.favours.iter().filter(|f| f.at <= now);
        let n = touches().count();
        let last = touches().map(|t| t.at).max();
        let first = touches().map(|t| t.at).min();

        let recency = match last {
            Some(at) if age_days(at, now) < 1.0 => {
                format!("recency {:.2} (last contact today)", c.recency)
            }
            Some(at) => format!(
                "recency {:.2} (last contact {} ago)",
                c.recency,
                human_span(age_days(at, now))
            ),
            None => format!("recency {:.2} (no contact yet)", c.recency),
        };

        let recent = touches()
            .filter(|t| age_days(t.at, now) <= RECENT_WINDOW_DAYS)
            .count();
        let intensity = format!(
            "intensity {:.2} ({}, {recent} in the last {RECENT_WINDOW_DAYS} days)",
            c.intensity,
            plural(n as u64, "contact")
        );

        let count_dir = |d: Direction| touches().filter(|t| t.direction == d).count() as u64;
        let (outbound, inbound, mutual) = (
            count_dir(Direction::Outbound),
            count_dir(Direction::Inbound),
            count_dir(Direction::Mutual),
        );
        let given = favours().filter(|f| f.from_me).count() as u64;
        let received = favours().filter(|f| !f.from_me).count() as u64;
        let reciprocity = if n == 0 && given + received == 0 {
            format!("reciprocity {:.2} (nothing exchanged yet)", c.reciprocity)
        } else {
            format!(
                "reciprocity {:.2} (you reached out {outbound}, they {inbound}, mutual {mutual}; \
                 favours {given} given, {received} received)",
                c.reciprocity
            )
        };

        let mut best: Option<(InteractionKind, usize)> = None;
        for &kind in InteractionKind::ALL {
            let k = touches().filter(|t| t.kind == kind).count();
            if k > 0 && best.is_none_or(|(_, b)| k > b) {
                best = Some((kind, k));
            }
        }
        let depth = match best {
            Some((kind, k)) => format!("depth {:.2} (mostly {kind}: {k} of {n})", c.depth),
            None => format!("depth {:.2} (no contact yet)", c.depth),
        };

        let since = match (input.known_since.filter(|k| *k <= now), first) {
            (Some(k), Some(f)) => Some(k.min(f)),
            (k, f) => k.or(f),
        };
        let duration = match since {
            Some(s) => format!(
                "duration {:.2} (known for {})",
                c.duration,
                human_span(age_days(s, now))
            ),
            None => format!("duration {:.2} (since unknown)", c.duration),
        };

        let contexts = if input.shared_contexts == 0 {
            format!("contexts {:.2} (none shared)", c.contexts)
        } else {
            format!(
                "contexts {:.2} ({} shared: circles, events, collaborations)",
                c.contexts, input.shared_contexts
            )
        };

        vec![recency, intensity, reciprocity, depth, duration, contexts]
    }
}

/// The highest strength a tie reached over the past, for dormant-tie detection (Levin,
/// Walter & Murnighan 2011): a tie that was strong once and went quiet is still valuable.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Peak {
    /// The highest score among the samples.
    pub score: f64,
    /// The sample time at which it was reached (the latest one on ties).
    pub at: Timestamp,
}

/// The highest score at the sample times `now`, `now − step`, `now − 2·step` … back
/// `lookback_days` (inclusive), each computed as [`strength`] "as of" that time. With
/// `step_days == 0` only `now` is sampled. Since strength decays between touches, the true
/// peak can fall between samples; a step well under the half-life keeps the miss small.
///
/// Touches and favours are copied and sorted once; each sample then looks at the prefix up to
/// its time, so the cost is O(samples × touches) plus one sort. Note that `shared_contexts` is
/// today's count at every sample (the history of contexts is not known here).
pub fn peak(
    input: &StrengthInput<'_>,
    now: Timestamp,
    model: &StrengthModel,
    step_days: u32,
    lookback_days: u32,
) -> Peak {
    let mut touches: Vec<Touch> = input
        .touches
        .iter()
        .filter(|t| t.at <= now)
        .copied()
        .collect();
    touches.sort_unstable_by_key(|t| t.at);
    let mut favours: Vec<FavourFlow> = input
        .favours
        .iter()
        .filter(|f| f.at <= now)
        .copied()
        .collect();
    favours.sort_unstable_by_key(|f| f.at);

    let steps = lookback_days.checked_div(step_days).unwrap_or(0);
    let mut best: Option<Peak> = None;
    for k in 0..=i64::from(steps) {
        let back = SignedDuration::from_secs(k * i64::from(step_days) * 86_400);
        let Ok(at) = now.checked_sub(back) else {
            break;
        };
        let view = StrengthInput {
            touches: &touches[..touches.partition_point(|t| t.at <= at)],
            favours: &favours[..favours.partition_point(|f| f.at <= at)],
            ..*input
        };
        let score = strength(&view, at, model).score;
        if best.is_none_or(|b| score > b.score) {
            best = Some(Peak { score, at });
        }
    }
    best.unwrap_or(Peak {
        score: strength(input, now, model).score,
        at: now,
    })
}

/// When a tie counts as dormant, and how to rank dormant ties. Levin, Walter & Murnighan
/// (2011) found that reconnecting with ties that were once strong and then dormant for years
/// gives more novel knowledge than active ties, with the trust of the old tie still there:
/// worth a weekly handful of revival suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DormantRule {
    /// The peak score a tie must have reached, 50 by default: only once-strong ties qualify;
    /// reviving an acquaintance is ordinary outreach, not a dormant tie.
    pub min_peak: f64,
    /// Days since the last touch, 180 by default: half a year of silence (two half-lives)
    /// before a tie counts as dormant rather than just between meetings.
    pub min_silence_days: u32,
    /// How far below its peak the score must be now, 20 points by default (fires when
    /// `current ≤ peak − min_drop`): the tie has visibly faded, not just paused.
    pub min_drop: f64,
    /// Silence beyond this many days (3 years by default, Levin et al.'s dormancy horizon)
    /// no longer raises the priority.
    pub silence_cap_days: u32,
    /// Days between the samples of the peak, 60 by default (two thirds of a half-life).
    pub step_days: u32,
    /// How far back the peak is sought, 2190 days (6 years) by default: 37 samples, enough to
    /// see the strong past of a tie silent for three years and more.
    pub lookback_days: u32,
}

impl Default for DormantRule {
    /// Peak ≥ 50, silent ≥ 180 days, 20 points below peak; silence capped at 3 years for
    /// priority; peak sampled every 60 days over 6 years.
    fn default() -> Self {
        Self {
            min_peak: 50.0,
            min_silence_days: 180,
            min_drop: 20.0,
            silence_cap_days: 1095,
            step_days: 60,
            lookback_days: 2190,
        }
    }
}

/// A dormant tie: once strong, silent for long, weaker now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dormant {
    /// The highest score sampled over the lookback.
    pub peak: f64,
    /// When that peak was sampled.
    pub peak_at: Timestamp,
    /// The score now.
    pub current: f64,
    /// Whole days since the last touch.
    pub silent_days: u32,
    /// For ranking, higher first: `peak · (0.5 + 0.5 · min(silent / cap, 1))`, so a stronger
    /// past counts most and longer silence (up to the cap) raises it by up to half.
    pub priority: f64,
    /// For people, without the name (the caller adds it): "was at 78 in March 2025, silent
    /// for 14 months; last: meal".
    pub reason: String,
}

/// Whether a tie is dormant, as of `now`: `None` unless the person was strong (peak ≥
/// `min_peak`), has been silent long (≥ `min_silence_days` since the last touch) and is
/// weaker now (score ≤ peak − `min_drop`). Rank the results by `priority`.
pub fn dormant(
    input: &StrengthInput<'_>,
    now: Timestamp,
    model: &StrengthModel,
    rule: &DormantRule,
) -> Option<Dormant> {
    let last = input
        .touches
        .iter()
        .filter(|t| t.at <= now)
        .max_by_key(|t| t.at)?;
    let silent = age_days(last.at, now);
    let silent_days = silent.floor() as u32;
    if silent_days < rule.min_silence_days {
        return None;
    }
    let p = peak(input, now, model, rule.step_days, rule.lookback_days);
    if p.score < rule.min_peak {
        return None;
    }
    let current = strength(input, now, model).score;
    if current > p.score - rule.min_drop {
        return None;
    }
    let silence = if rule.silence_cap_days == 0 {
        1.0
    } else {
        (silent / f64::from(rule.silence_cap_days)).min(1.0)
    };
    let priority = p.score * (0.5 + 0.5 * silence);
    let reason = format!(
        "was at {:.0} in {}, silent for {}; last: {}",
        p.score,
        p.at.strftime("%B %Y"),
        human_span(silent),
        last.kind
    );
    Some(Dormant {
        peak: p.score,
        peak_at: p.at,
        current,
        silent_days,
        priority,
        reason,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    fn now() -> Timestamp {
        "2025-06-01T12:00:00Z".parse().unwrap()
    }

    fn ago(days: f64) -> Timestamp {
        now()
            .checked_sub(SignedDuration::from_secs_f64(days * SECONDS_PER_DAY))
            .unwrap()
    }

    fn touch(days_ago: f64, kind: InteractionKind, direction: Direction) -> Touch {
        Touch {
            at: ago(days_ago),
            kind,
            direction,
            minutes: None,
            others: 0,
        }
    }

    fn only(touches: &[Touch]) -> StrengthInput<'_> {
        StrengthInput {
            touches,
            favours: &[],
            known_since: None,
            shared_contexts: 0,
        }
    }

    fn favour(days_ago: f64, weight: u8, from_me: bool) -> FavourFlow {
        FavourFlow {
            at: ago(days_ago),
            weight,
            from_me,
        }
    }

    /// Mutual touches every `every` days from about `from` days ago to exactly `to` days ago,
    /// alternating the two kinds (the latest is `kinds[0]`).
    fn regular(from: f64, to: f64, every: f64, kinds: [InteractionKind; 2]) -> Vec<Touch> {
        let mut out = Vec::new();
        let mut d = to;
        let mut i = 0;
        while d <= from {
            out.push(touch(d, kinds[i % 2], Direction::Mutual));
            d += every;
            i += 1;
        }
        out
    }

    fn score(input: &StrengthInput<'_>) -> f64 {
        strength(input, now(), &StrengthModel::default()).score
    }

    fn components(input: &StrengthInput<'_>) -> Components {
        strength(input, now(), &StrengthModel::default()).components
    }

    use Direction::{Inbound, Mutual, Outbound};
    use InteractionKind::{Call, Email, Meal, Meeting};

    #[test]
    fn recency_is_one_half_at_one_half_life() {
        let t = [touch(90.0, Meeting, Mutual)];
        assert!((components(&only(&t)).recency - 0.5).abs() < EPS);
        let t = [touch(180.0, Email, Inbound)];
        assert!((components(&only(&t)).recency - 0.25).abs() < EPS);
        assert_eq!(components(&only(&[])).recency, 0.0);
    }

    #[test]
    fn intensity_of_one_in_person_touch_now() {
        let t = [touch(0.0, Meeting, Mutual)];
        let c = components(&only(&t));
        assert!((c.intensity - (1.0 - (-1.0f64 / 3.0).exp())).abs() < EPS);
        assert_eq!(c.recency, 1.0);
        assert_eq!(c.depth, 1.0);
        // Two, one a half-life old: I = 1 + 0.5.
        let t = [touch(0.0, Meeting, Mutual), touch(90.0, Meal, Mutual)];
        assert!((components(&only(&t)).intensity - (1.0 - (-0.5f64).exp())).abs() < EPS);
    }

    #[test]
    fn reciprocity_balanced_one_sided_and_neutral_rules() {
        let balanced = [touch(1.0, Call, Inbound), touch(1.0, Call, Outbound)];
        assert!((components(&only(&balanced)).reciprocity - 1.0).abs() < EPS);
        let inbound = [touch(1.0, Call, Inbound), touch(20.0, Email, Inbound)];
        assert_eq!(components(&only(&inbound)).reciprocity, 0.0);
        let mutual = [touch(3.0, Meal, Mutual)];
        assert!((components(&only(&mutual)).reciprocity - 1.0).abs() < EPS);
        // 3 in, 1 out, same day: 1 − 2/4.
        let skewed = [
            touch(2.0, Email, Inbound),
            touch(2.0, Email, Inbound),
            touch(2.0, Email, Inbound),
            touch(2.0, Email, Outbound),
        ];
        assert!((components(&only(&skewed)).reciprocity - 0.5).abs() < EPS);
        // Nothing at all: 0, not a neutral 0.5 (documented).
        assert_eq!(components(&only(&[])).reciprocity, 0.0);
        // Favours alone count: weighted, from_me is outbound.
        let f = [favour(5.0, 2, true), favour(5.0, 2, false)];
        let input = StrengthInput {
            favours: &f,
            ..only(&[])
        };
        assert!((components(&input).reciprocity - 1.0).abs() < EPS);
        // An inbound touch repaid by a favour is balanced.
        let t = [touch(5.0, Call, Inbound)];
        let f = [favour(5.0, 1, true)];
        let input = StrengthInput {
            favours: &f,
            ..only(&t)
        };
        assert!((components(&input).reciprocity - 1.0).abs() < EPS);
    }

    #[test]
    fn decay_makes_an_old_favour_count_less() {
        // Given 1 today, received 1 a half-life ago: out 1, in 0.5 → 1 − 0.5/1.5.
        let f = [favour(0.0, 1, true), favour(90.0, 1, false)];
        let input = StrengthInput {
            favours: &f,
            ..only(&[])
        };
        assert!((components(&input).reciprocity - 2.0 / 3.0).abs() < EPS);
        // Received 3 two half-lives ago = 0.75 against 1 given today: 1 − 0.25/1.75.
        let f = [favour(0.0, 1, true), favour(180.0, 3, false)];
        let input = StrengthInput {
            favours: &f,
            ..only(&[])
        };
        assert!((components(&input).reciprocity - 6.0 / 7.0).abs() < EPS);
        // The same favours, both today: balanced only when the weights match.
        let f = [favour(0.0, 1, true), favour(0.0, 1, false)];
        let input = StrengthInput {
            favours: &f,
            ..only(&[])
        };
        assert!((components(&input).reciprocity - 1.0).abs() < EPS);
    }

    #[test]
    fn touches_and_favours_after_now_are_ignored() {
        let t = [touch(10.0, Call, Outbound), touch(30.0, Meal, Mutual)];
        let f = [favour(40.0, 2, false)];
        let base = StrengthInput {
            touches: &t,
            favours: &f,
            known_since: Some(ago(400.0)),
            shared_contexts: 1,
        };
        let mut t2 = t.to_vec();
        t2.push(touch(-5.0, Meeting, Inbound));
        t2.push(touch(-900.0, Email, Inbound));
        let mut f2 = f.to_vec();
        f2.push(favour(-1.0, 3, true));
        let later = StrengthInput {
            touches: &t2,
            favours: &f2,
            ..base
        };
        let m = StrengthModel::default();
        assert_eq!(strength(&base, now(), &m), strength(&later, now(), &m));
        // "As of" an earlier date: only what happened by then.
        let then = ago(20.0);
        let s = strength(&base, then, &m);
        assert!(
            (s.components.recency - (-(10.0 * std::f64::consts::LN_2) / 90.0).exp()).abs() < EPS
        );
    }

    #[test]
    fn duration_three_years_with_tau_three() {
        let three_years = 3.0 * DAYS_PER_YEAR;
        let expected = 1.0 - (-1.0f64).exp();
        let input = StrengthInput {
            known_since: Some(ago(three_years)),
            ..only(&[])
        };
        assert!((components(&input).duration - expected).abs() < 1e-9);
        // Without known_since, from the first touch.
        let t = [touch(three_years, Email, Inbound), touch(3.0, Call, Mutual)];
        assert!((components(&only(&t)).duration - expected).abs() < 1e-9);
        // The earlier of the two wins; a future known_since counts nothing.
        let input = StrengthInput {
            known_since: Some(ago(10.0)),
            ..only(&t)
        };
        assert!((components(&input).duration - expected).abs() < 1e-9);
        let input = StrengthInput {
            known_since: Some(ago(-10.0)),
            ..only(&[])
        };
        assert_eq!(components(&input).duration, 0.0);
        assert_eq!(components(&only(&[])).duration, 0.0);
    }

    #[test]
    fn group_touches_count_less_and_long_ones_more() {
        let one = [touch(0.0, Meal, Mutual)];
        let mut group = one;
        group[0].others = 3; // 1/√4 = 0.5
        let c1 = components(&only(&one));
        let cg = components(&only(&group));
        assert!(cg.intensity < c1.intensity);
        assert!((cg.intensity - (1.0 - (-0.5f64 / 3.0).exp())).abs() < EPS);
        assert!((cg.depth - 0.5).abs() < EPS);
        assert!(score(&only(&group)) < score(&only(&one)));

        let mut long = one;
        long[0].minutes = Some(90);
        let cl = components(&only(&long));
        assert!((cl.intensity - (1.0 - (-1.25f64 / 3.0).exp())).abs() < EPS);
        assert_eq!(cl.depth, 1.0, "depth is capped at 1");
        // Only meetings, meals, calls and videos get the long bonus.
        let mut email = [touch(0.0, Email, Outbound)];
        email[0].minutes = Some(90);
        assert!((components(&only(&email)).intensity - (1.0 - (-0.25f64 / 3.0).exp())).abs() < EPS);
    }

    #[test]
    fn default_weights_sum_to_one_and_channels_are_ordered() {
        let m = StrengthModel::default();
        assert!((m.weights.total() - 1.0).abs() < EPS);
        let d = |k| m.depth_of(k);
        assert!(d(Meeting) >= d(InteractionKind::Video));
        assert!(d(InteractionKind::Video) > d(Call));
        assert!(d(Call) > d(InteractionKind::Message));
        assert!(d(InteractionKind::Message) > d(Email));
        for &k in InteractionKind::ALL {
            assert!((0.0..=1.0).contains(&d(k)));
        }
    }

    /// A tiny deterministic generator for varied histories.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn random_history(rng: &mut Lcg) -> (Vec<Touch>, Vec<FavourFlow>) {
        let dirs = [Inbound, Outbound, Mutual];
        let touches = (0..rng.below(25))
            .map(|_| Touch {
                at: ago(rng.below(1500) as f64 + rng.below(24) as f64 / 24.0),
                kind: InteractionKind::ALL[rng.below(7) as usize],
                direction: dirs[rng.below(3) as usize],
                minutes: [None, Some(15), Some(90)][rng.below(3) as usize],
                others: rng.below(4) as u16,
            })
            .collect();
        let favours = (0..rng.below(4))
            .map(|_| {
                favour(
                    rng.below(1500) as f64,
                    1 + rng.below(3) as u8,
                    rng.below(2) == 0,
                )
            })
            .collect();
        (touches, favours)
    }

    #[test]
    fn adding_a_recent_mutual_in_person_touch_never_lowers_the_score() {
        let m = StrengthModel::default();
        let mut rng = Lcg(7);
        for case in 0..300 {
            let (touches, favours) = random_history(&mut rng);
            let base = StrengthInput {
                touches: &touches,
                favours: &favours,
                known_since: (case % 2 == 0).then(|| ago(800.0)),
                shared_contexts: (case % 3) as u32,
            };
            let before = strength(&base, now(), &m).score;
            for days in [0.0, 0.5, 3.0, 30.0, 200.0] {
                for kind in [Meeting, Meal] {
                    let mut more = touches.clone();
                    more.push(touch(days, kind, Mutual));
                    let after = strength(
                        &StrengthInput {
                            touches: &more,
                            ..base
                        },
                        now(),
                        &m,
                    )
                    .score;
                    assert!(after >= before - 1e-9, "case {case}: {before} → {after}");
                }
            }
        }
        // From nothing, any touch at all raises the score.
        for &kind in InteractionKind::ALL {
            for dir in [Inbound, Outbound, Mutual] {
                let t = [touch(1.0, kind, dir)];
                assert!(score(&only(&t)) > score(&only(&[])));
            }
        }
    }

    #[test]
    fn a_weekly_friend_of_years_scores_above_80() {
        let t = regular(5.0 * 365.0, 3.0, 7.0, [Meal, Meeting]);
        let s = score(&only(&t));
        assert!(s > 80.0, "{s}");
    }

    #[test]
    fn a_contact_emailed_once_two_years_ago_scores_below_10() {
        let t = [touch(730.0, Email, Outbound)];
        let s = score(&only(&t));
        assert!(s < 10.0 && s > 0.0, "{s}");
    }

    #[test]
    fn nobody_ever_contacted_scores_only_from_duration_and_contexts() {
        let input = StrengthInput {
            known_since: Some(ago(DAYS_PER_YEAR)),
            shared_contexts: 1,
            ..only(&[])
        };
        let s = strength(&input, now(), &StrengthModel::default());
        let c = s.components;
        assert_eq!(
            (c.recency, c.intensity, c.reciprocity, c.depth),
            (0.0, 0.0, 0.0, 0.0)
        );
        let expected = 10.0 * (1.0 - (-1.0f64 / 3.0).exp()) + 10.0 * (1.0 - (-0.5f64).exp());
        assert!((s.score - expected).abs() < 1e-9, "{}", s.score);
        assert!((0.0..=10.0).contains(&s.score));
        assert_eq!(score(&only(&[])), 0.0);
    }

    #[test]
    fn peak_finds_the_strength_before_a_long_silence() {
        let t = regular(500.0 + 3.0 * 365.0, 500.0, 7.0, [Meal, Meeting]);
        let input = only(&t);
        let m = StrengthModel::default();
        let p = peak(&input, now(), &m, 30, 1095);
        let current = strength(&input, now(), &m).score;
        assert!(p.score > 80.0, "{}", p.score);
        assert!(current < p.score - 30.0, "{current}");
        // Sampled while the friendship was active (or just after it ended).
        assert!(
            p.at >= ago(500.0 + 3.0 * 365.0) && p.at <= ago(470.0),
            "{}",
            p.at
        );
        // The same as the naive maximum over unsorted input.
        let mut reversed = t.clone();
        reversed.reverse();
        let naive = (0..=36)
            .map(|k| strength(&only(&reversed), ago(30.0 * k as f64), &m).score)
            .fold(0.0, f64::max);
        assert!((p.score - naive).abs() < EPS);
        assert_eq!(p.score, strength(&input, p.at, &m).score);
        // Only `now` with step 0.
        let p0 = peak(&input, now(), &m, 0, 1095);
        assert_eq!((p0.score, p0.at), (current, now()));
    }

    #[test]
    fn dormant_fires_for_a_strong_tie_gone_silent_only() {
        let m = StrengthModel::default();
        let rule = DormantRule::default();
        let strong = regular(400.0 + 3.0 * 365.0, 400.0, 7.0, [Meal, Meeting]);
        let d = dormant(&only(&strong), now(), &m, &rule).unwrap();
        assert_eq!(d.silent_days, 400);
        assert!(d.peak > 80.0 && d.current <= d.peak - 20.0, "{d:?}");
        assert!(d.reason.starts_with("was at "), "{}", d.reason);
        assert!(
            d.reason.ends_with(", silent for 13 months; last: meal"),
            "{}",
            d.reason
        );

        let recent = regular(30.0 + 3.0 * 365.0, 30.0, 7.0, [Meeting, Meal]);
        assert!(dormant(&only(&recent), now(), &m, &rule).is_none());

        let weak = [touch(400.0, Email, Outbound)];
        assert!(dormant(&only(&weak), now(), &m, &rule).is_none());
        assert!(dormant(&only(&[]), now(), &m, &rule).is_none());
    }

    #[test]
    fn priority_ranks_the_stronger_dormant_tie_first() {
        let m = StrengthModel::default();
        let rule = DormantRule::default();
        let strong = regular(400.0 + 3.0 * 365.0, 400.0, 7.0, [Meeting, Meal]);
        let weaker = regular(400.0 + 3.0 * 365.0, 400.0, 30.0, [Call, Call]);
        let a = dormant(&only(&strong), now(), &m, &rule).unwrap();
        let b = dormant(&only(&weaker), now(), &m, &rule).unwrap();
        assert_eq!(a.silent_days, b.silent_days);
        assert!(a.peak > b.peak);
        assert!(a.priority > b.priority, "{a:?} {b:?}");
        // Longer silence (same past, shifted) ranks higher, up to the cap.
        let older = regular(800.0 + 3.0 * 365.0, 800.0, 7.0, [Meeting, Meal]);
        let c = dormant(&only(&older), now(), &m, &rule).unwrap();
        assert!(c.priority > a.priority, "{a:?} {c:?}");
    }

    #[test]
    fn explain_gives_one_line_per_component() {
        let t = [
            touch(12.0, Meal, Mutual),
            touch(40.0, Meal, Inbound),
            touch(200.0, Email, Outbound),
        ];
        let f = [favour(50.0, 2, true)];
        let input = StrengthInput {
            touches: &t,
            favours: &f,
            known_since: Some(ago(400.0)),
            shared_contexts: 2,
        };
        let s = strength(&input, now(), &StrengthModel::default());
        let lines = s.explain(&input, now());
        assert_eq!(lines.len(), 6);
        assert_eq!(
            lines[0],
            format!(
                "recency {:.2} (last contact 12 days ago)",
                s.components.recency
            )
        );
        assert!(
            lines[1].ends_with("(3 contacts, 2 in the last 90 days)"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2]
                .ends_with("(you reached out 1, they 1, mutual 1; favours 1 given, 0 received)"),
            "{}",
            lines[2]
        );
        assert!(lines[3].ends_with("(mostly meal: 2 of 3)"), "{}", lines[3]);
        assert!(lines[4].ends_with("(known for 13 months)"), "{}", lines[4]);
        assert!(
            lines[5].starts_with("contexts 0.63 (2 shared"),
            "{}",
            lines[5]
        );
        let none = only(&[]);
        let lines = strength(&none, now(), &StrengthModel::default()).explain(&none, now());
        assert_eq!(lines[0], "recency 0.00 (no contact yet)");
        assert_eq!(lines[2], "reciprocity 0.00 (nothing exchanged yet)");
        assert_eq!(lines[4], "duration 0.00 (since unknown)");
    }

    #[test]
    fn spans_read_like_people_talk() {
        assert_eq!(human_span(0.2), "less than a day");
        assert_eq!(human_span(1.0), "1 day");
        assert_eq!(human_span(12.5), "12 days");
        assert_eq!(human_span(400.0), "13 months");
        assert_eq!(human_span(800.0), "2 years");
        assert_eq!(human_span(1000.0), "2.5 years");
    }

    #[test]
    fn strength_serialises_with_its_components() {
        let t = [touch(0.0, Meeting, Mutual)];
        let v =
            serde_json::to_value(strength(&only(&t), now(), &StrengthModel::default())).unwrap();
        assert!(v["score"].is_f64());
        assert_eq!(v["components"]["recency"], 1.0);
    }
}
