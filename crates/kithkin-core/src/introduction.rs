//! Introductions: the user connecting two people who should know each other, with the
//! consent of both (double opt-in).

use crate::error::{ValidationError, check_text};
use crate::id::{IntroductionId, PersonId};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

named_enum! {
    /// Where an introduction stands in the double-opt-in pipeline.
    IntroStatus, "introduction status", {
        /// Worth doing; nobody asked yet.
        Suggested => "suggested",
        /// The first person was asked.
        AskedA => "asked_a",
        /// The first agreed; the second was asked.
        AskedB => "asked_b",
        /// Both agreed and the user introduced them.
        Introduced => "introduced",
        /// An outcome was recorded.
        Closed => "closed",
        /// One of them said no.
        Declined => "declined",
    }
}

named_enum! {
    /// What came of an introduction.
    IntroOutcome, "outcome", {
        /// They met.
        Met => "met",
        /// They work together.
        Collaborating => "collaborating",
        /// One hired the other.
        Hired => "hired",
        /// Nothing was heard.
        NoResponse => "no_response",
        /// One declined.
        Declined => "declined",
    }
}

/// An introduction between two people, with the date of each step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Introduction {
    /// Identity.
    pub id: IntroductionId,
    /// The person asked first.
    pub a: PersonId,
    /// The person asked second.
    pub b: PersonId,
    /// Why they should meet.
    pub reason: Option<String>,
    /// Current step.
    pub status: IntroStatus,
    /// When suggested or started.
    pub suggested_at: Timestamp,
    /// When A was asked.
    pub asked_a_at: Option<Timestamp>,
    /// When B was asked.
    pub asked_b_at: Option<Timestamp>,
    /// When they were introduced.
    pub introduced_at: Option<Timestamp>,
    /// What came of it.
    pub outcome: Option<IntroOutcome>,
    /// When the outcome was recorded.
    pub outcome_at: Option<Timestamp>,
    /// When someone declined.
    pub declined_at: Option<Timestamp>,
}

/// Days after which a waiting introduction shows up in `today`: 5.
pub const FOLLOW_UP_AFTER_DAYS: i64 = 5;

/// The longest reason accepted, in characters.
pub const MAX_REASON: usize = 2000;

const SECONDS_PER_DAY: i64 = 86_400;

/// A step a user can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntroStep {
    /// Ask the first person whether they would like the introduction (from `suggested`).
    AskA,
    /// The first person said yes; ask the second (from `asked_a`).
    AskB,
    /// Both said yes; the user introduced them (from `asked_b`).
    Made,
    /// The person asked said no (from `asked_a` or `asked_b`).
    Decline,
    /// Record what came of it (from `introduced`); closes the introduction.
    Outcome(IntroOutcome),
}

impl IntroStep {
    /// The step's name as listed by [`Introduction::next_steps`]: `ask a`, `ask b`, `made`,
    /// `decline` or `outcome`.
    pub fn name(&self) -> &'static str {
        match self {
            IntroStep::AskA => "ask a",
            IntroStep::AskB => "ask b",
            IntroStep::Made => "made",
            IntroStep::Decline => "decline",
            IntroStep::Outcome(_) => "outcome",
        }
    }

    /// What the step does, in the words of an error ("cannot …").
    fn doing(&self) -> &'static str {
        match self {
            IntroStep::AskA => "ask A",
            IntroStep::AskB => "ask B",
            IntroStep::Made => "mark as made",
            IntroStep::Decline => "record a decline",
            IntroStep::Outcome(_) => "record an outcome",
        }
    }
}

/// The command that takes the step named `step` (a name from [`Introduction::next_steps`]).
fn command(step: &str, id: IntroductionId) -> String {
    match step {
        "ask a" => format!("kithkin intro ask {id} a"),
        "ask b" => format!("kithkin intro ask {id} b"),
        "outcome" => {
            let names: Vec<&str> = IntroOutcome::ALL.iter().map(|o| o.as_str()).collect();
            format!("kithkin intro outcome {id} <{}>", names.join("|"))
        }
        other => format!("kithkin intro {other} {id}"),
    }
}

impl Introduction {
    /// Starts an introduction between `a` (asked first) and `b`, suggested at `now`.
    ///
    /// Refuses introducing someone to themselves, and a reason that is over-long or holds
    /// control characters; a blank reason counts as none.
    pub fn start(
        id: IntroductionId,
        a: PersonId,
        b: PersonId,
        reason: Option<String>,
        now: Timestamp,
    ) -> Result<Self, ValidationError> {
        if a == b {
            return Err(ValidationError::new(
                "b",
                b.to_string(),
                "is the same person as a; an introduction needs two different people",
            ));
        }
        let reason = match reason {
            Some(r) if r.trim().is_empty() => None,
            Some(r) => {
                let r = r.trim().to_string();
                check_text("reason", &r, MAX_REASON)?;
                Some(r)
            }
            None => None,
        };
        Ok(Self {
            id,
            a,
            b,
            reason,
            status: IntroStatus::Suggested,
            suggested_at: now,
            asked_a_at: None,
            asked_b_at: None,
            introduced_at: None,
            outcome: None,
            outcome_at: None,
            declined_at: None,
        })
    }

    /// Applies a step, setting its date; refuses invalid transitions with a clear error naming
    /// the current state and what is allowed next (e.g. "cannot mark as made: B has not been
    /// asked yet (status asked_a); next: kithkin intro ask ID b").
    ///
    /// The pipeline is suggested → ask A → asked_a → ask B → asked_b → made → introduced →
    /// outcome → closed; from asked_a or asked_b a decline ends it (declined, outcome
    /// `declined`). No introduction is made until both said yes. Also refuses a step dated
    /// before the current state began. On refusal the introduction is left unchanged; earlier
    /// dates are never overwritten.
    pub fn apply(&mut self, step: IntroStep, now: Timestamp) -> Result<(), ValidationError> {
        use IntroStatus as S;
        let allowed = matches!(
            (self.status, step),
            (S::Suggested, IntroStep::AskA)
                | (S::AskedA, IntroStep::AskB)
                | (S::AskedB, IntroStep::Made)
                | (S::AskedA | S::AskedB, IntroStep::Decline)
                | (S::Introduced, IntroStep::Outcome(_))
        );
        if !allowed {
            return Err(self.refusal(step));
        }
        let since = self.since();
        if now < since {
            return Err(self.error(format!(
                "cannot {}: {now} is before the introduction became {} ({since})",
                step.doing(),
                self.status
            )));
        }
        match step {
            IntroStep::AskA => {
                self.status = S::AskedA;
                self.asked_a_at = Some(now);
            }
            IntroStep::AskB => {
                self.status = S::AskedB;
                self.asked_b_at = Some(now);
            }
            IntroStep::Made => {
                self.status = S::Introduced;
                self.introduced_at = Some(now);
            }
            IntroStep::Decline => {
                self.status = S::Declined;
                self.declined_at = Some(now);
                self.outcome = Some(IntroOutcome::Declined);
                self.outcome_at = Some(now);
            }
            IntroStep::Outcome(outcome) => {
                self.status = S::Closed;
                self.outcome = Some(outcome);
                self.outcome_at = Some(now);
            }
        }
        Ok(())
    }

    /// The steps allowed now, by name (`ask a`, `ask b`, `made`, `decline`, `outcome`); empty
    /// once declined or closed.
    pub fn next_steps(&self) -> Vec<&'static str> {
        match self.status {
            IntroStatus::Suggested => vec!["ask a"],
            IntroStatus::AskedA => vec!["ask b", "decline"],
            IntroStatus::AskedB => vec!["made", "decline"],
            IntroStatus::Introduced => vec!["outcome"],
            IntroStatus::Closed | IntroStatus::Declined => Vec::new(),
        }
    }

    /// The commands that take the steps allowed now, with this introduction's id filled in
    /// (e.g. `kithkin intro ask ID b`); empty once declined or closed.
    pub fn next_commands(&self) -> Vec<String> {
        self.next_steps()
            .into_iter()
            .map(|s| command(s, self.id))
            .collect()
    }

    /// When it entered its current state. A date missing from a stored record falls back to
    /// the latest earlier one.
    pub fn since(&self) -> Timestamp {
        let asked_a = self.asked_a_at.unwrap_or(self.suggested_at);
        let asked_b = self.asked_b_at.unwrap_or(asked_a);
        let introduced = self.introduced_at.unwrap_or(asked_b);
        match self.status {
            IntroStatus::Suggested => self.suggested_at,
            IntroStatus::AskedA => asked_a,
            IntroStatus::AskedB => asked_b,
            IntroStatus::Introduced => introduced,
            IntroStatus::Closed => self.outcome_at.unwrap_or(introduced),
            IntroStatus::Declined => self.declined_at.or(self.outcome_at).unwrap_or(asked_b),
        }
    }

    /// Waiting on someone (asked_a or asked_b) for more than `days` days as of `now`; or
    /// introduced without an outcome for more than `days`. Exactly `days` days is not more.
    pub fn waiting_longer_than(&self, days: i64, now: Timestamp) -> bool {
        let waiting = match self.status {
            IntroStatus::AskedA | IntroStatus::AskedB => true,
            IntroStatus::Introduced => self.outcome.is_none(),
            IntroStatus::Suggested | IntroStatus::Closed | IntroStatus::Declined => false,
        };
        if !waiting {
            return false;
        }
        let limit = SignedDuration::from_secs(days.saturating_mul(SECONDS_PER_DAY));
        now.duration_since(self.since()) > limit
    }

    fn error(&self, reason: String) -> ValidationError {
        ValidationError::new("introduction", self.id.to_string(), reason)
    }

    /// Why `step` cannot be taken from the current state, and what can.
    fn refusal(&self, step: IntroStep) -> ValidationError {
        use IntroStatus as S;
        let why = match (self.status, step) {
            (S::Declined, _) => "the introduction was declined".to_string(),
            (S::Closed, IntroStep::Outcome(_)) => match self.outcome {
                Some(o) => format!("an outcome was already recorded ({o})"),
                None => "the introduction is closed".to_string(),
            },
            (S::Closed, _) => "the introduction is closed".to_string(),
            (S::AskedA, IntroStep::AskA) => "A was already asked".to_string(),
            (S::AskedB | S::Introduced, IntroStep::AskA) => "A already said yes".to_string(),
            (S::Suggested, IntroStep::AskB) => "A has not been asked yet".to_string(),
            (S::AskedB, IntroStep::AskB) => "B was already asked".to_string(),
            (S::Introduced, IntroStep::AskB) => "B already said yes".to_string(),
            (S::Suggested, IntroStep::Made) => "neither has been asked yet".to_string(),
            (S::AskedA, IntroStep::Made) => "B has not been asked yet".to_string(),
            (S::Introduced, IntroStep::Made) => "they were already introduced".to_string(),
            (S::Suggested, IntroStep::Decline) => "nobody has been asked yet".to_string(),
            (S::Introduced, IntroStep::Decline) => {
                "both already said yes and were introduced".to_string()
            }
            (S::Suggested | S::AskedA | S::AskedB, IntroStep::Outcome(_)) => {
                "they have not been introduced yet".to_string()
            }
            _ => "that step does not follow".to_string(),
        };
        let commands = self.next_commands();
        let next = if commands.is_empty() {
            "nothing can follow".to_string()
        } else {
            format!("next: {}", commands.join(" or "))
        };
        self.error(format!(
            "cannot {}: {why} (status {}); {next}",
            step.doing(),
            self.status
        ))
    }
}

/// Trims `text`; `None` when blank.
fn present(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// `name (blurb)`, or just `name` without a blurb.
fn with_blurb(name: &str, blurb: Option<&str>) -> String {
    match present(blurb) {
        Some(b) => format!("{} ({b})", name.trim()),
        None => name.trim().to_string(),
    }
}

/// The reason as a sentence: trimmed, ending in `.`, `!` or `?`.
fn sentence(reason: &str) -> String {
    let r = reason.trim();
    if r.ends_with(['.', '!', '?']) {
        r.to_string()
    } else {
        format!("{r}.")
    }
}

/// `Hi name,` or `Hi,` without a name.
fn greeting(names: &str) -> String {
    if names.trim().is_empty() {
        "Hi,".to_string()
    } else {
        format!("Hi {},", names.trim())
    }
}

/// The message asking one person whether they would like an introduction: who the other is,
/// why, and an easy way to say no. Deterministic: the same words for the same inputs.
///
/// `asking` is the first name of the person asked, `other` the full name of the other,
/// `other_blurb` their title and organisation, `me` the user's name.
pub fn opt_in_message(
    asking: &str,
    other: &str,
    other_blurb: Option<&str>,
    reason: Option<&str>,
    me: &str,
) -> String {
    let mut m = greeting(asking);
    m.push_str("\n\n");
    m.push_str(&format!(
        "Would you like me to introduce you to {}?",
        with_blurb(other, other_blurb)
    ));
    if let Some(r) = present(reason) {
        m.push_str(&format!(" I thought of you two because: {}", sentence(r)));
    }
    m.push_str("\n\n");
    m.push_str(&format!(
        "If you'd like that, just reply and I'll connect you both by email. If not, no problem \
         at all: a simple \"no thanks\" is enough, and I won't mention it to {}.",
        other.trim()
    ));
    m.push_str(&format!("\n\nBest,\n{}\n", me.trim()));
    m
}

/// The double-opt-in introduction email body, addressed to both: each introduced to the
/// other, why they should talk, and the user stepping back. Deterministic.
///
/// `a` and `b` are their names, the blurbs their titles and organisations, `me` the user's
/// name.
pub fn introduction_message(
    a: &str,
    a_blurb: Option<&str>,
    b: &str,
    b_blurb: Option<&str>,
    reason: Option<&str>,
    me: &str,
) -> String {
    let (a, b) = (a.trim(), b.trim());
    let mut m = greeting(&format!("{a} and {b}"));
    m.push_str("\n\n");
    m.push_str(
        "As promised, I'm introducing you to each other; you both said you'd be glad to connect.",
    );
    m.push_str("\n\n");
    m.push_str(&format!("{a}, meet {}.\n", with_blurb(b, b_blurb)));
    m.push_str(&format!("{b}, meet {}.", with_blurb(a, a_blurb)));
    if let Some(r) = present(reason) {
        m.push_str(&format!("\n\nWhy I think you should talk: {}", sentence(r)));
    }
    m.push_str("\n\nI'll leave it to you two to take it from here.");
    m.push_str(&format!("\n\nBest,\n{}\n", me.trim()));
    m
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use uuid::Uuid;

    const DAY: i64 = 86_400;

    fn t(secs: i64) -> Timestamp {
        Timestamp::from_second(1_750_000_000 + secs).unwrap()
    }

    fn pid(n: u128) -> PersonId {
        PersonId(Uuid::from_u128(n))
    }

    fn intro() -> Introduction {
        Introduction::start(
            IntroductionId(Uuid::from_u128(42)),
            pid(1),
            pid(2),
            Some("Ada needs what Ben offers".to_string()),
            t(0),
        )
        .unwrap()
    }

    /// An introduction taken through `steps`, one day apart.
    fn after(steps: &[IntroStep]) -> Introduction {
        let mut i = intro();
        for (n, s) in steps.iter().enumerate() {
            i.apply(*s, t((n as i64 + 1) * DAY)).unwrap();
        }
        i
    }

    use IntroStep::{AskA, AskB, Decline, Made, Outcome};

    #[test]
    fn start_sets_suggested_and_refuses_same_person() {
        let i = intro();
        assert_eq!(i.status, IntroStatus::Suggested);
        assert_eq!(i.suggested_at, t(0));
        assert_eq!(i.since(), t(0));
        assert_eq!(i.reason.as_deref(), Some("Ada needs what Ben offers"));
        assert_eq!(i.next_steps(), vec!["ask a"]);
        let e = Introduction::start(
            IntroductionId(Uuid::from_u128(1)),
            pid(1),
            pid(1),
            None,
            t(0),
        )
        .unwrap_err();
        assert_eq!(e.field, "b");
        assert!(e.reason.contains("same person"), "{e}");
    }

    #[test]
    fn start_trims_reason_and_refuses_bad_reason() {
        let id = IntroductionId(Uuid::from_u128(1));
        let i = Introduction::start(id, pid(1), pid(2), Some("  ".into()), t(0)).unwrap();
        assert_eq!(i.reason, None);
        let i = Introduction::start(id, pid(1), pid(2), Some(" x ".into()), t(0)).unwrap();
        assert_eq!(i.reason.as_deref(), Some("x"));
        let long = "x".repeat(MAX_REASON + 1);
        assert!(Introduction::start(id, pid(1), pid(2), Some(long), t(0)).is_err());
        assert!(Introduction::start(id, pid(1), pid(2), Some("a\u{7}".into()), t(0)).is_err());
    }

    #[test]
    fn full_path_sets_each_date_and_keeps_earlier_ones() {
        let mut i = intro();
        i.apply(AskA, t(DAY)).unwrap();
        assert_eq!(i.status, IntroStatus::AskedA);
        assert_eq!(i.asked_a_at, Some(t(DAY)));
        assert_eq!(i.since(), t(DAY));
        assert_eq!(i.next_steps(), vec!["ask b", "decline"]);

        i.apply(AskB, t(2 * DAY)).unwrap();
        assert_eq!(i.status, IntroStatus::AskedB);
        assert_eq!(i.asked_b_at, Some(t(2 * DAY)));
        assert_eq!(i.asked_a_at, Some(t(DAY)));
        assert_eq!(i.since(), t(2 * DAY));
        assert_eq!(i.next_steps(), vec!["made", "decline"]);

        i.apply(Made, t(3 * DAY)).unwrap();
        assert_eq!(i.status, IntroStatus::Introduced);
        assert_eq!(i.introduced_at, Some(t(3 * DAY)));
        assert_eq!(i.since(), t(3 * DAY));
        assert_eq!(i.next_steps(), vec!["outcome"]);

        i.apply(Outcome(IntroOutcome::Collaborating), t(4 * DAY))
            .unwrap();
        assert_eq!(i.status, IntroStatus::Closed);
        assert_eq!(i.outcome, Some(IntroOutcome::Collaborating));
        assert_eq!(i.outcome_at, Some(t(4 * DAY)));
        assert_eq!(i.since(), t(4 * DAY));
        assert!(i.next_steps().is_empty());

        assert_eq!(i.suggested_at, t(0));
        assert_eq!(i.asked_a_at, Some(t(DAY)));
        assert_eq!(i.asked_b_at, Some(t(2 * DAY)));
        assert_eq!(i.introduced_at, Some(t(3 * DAY)));
        assert_eq!(i.declined_at, None);
    }

    #[test]
    fn every_outcome_can_be_recorded_after_introduced() {
        for o in IntroOutcome::ALL {
            let i = after(&[AskA, AskB, Made, Outcome(*o)]);
            assert_eq!(i.status, IntroStatus::Closed);
            assert_eq!(i.outcome, Some(*o));
        }
    }

    #[test]
    fn decline_from_asked_a() {
        let i = after(&[AskA, Decline]);
        assert_eq!(i.status, IntroStatus::Declined);
        assert_eq!(i.declined_at, Some(t(2 * DAY)));
        assert_eq!(i.outcome, Some(IntroOutcome::Declined));
        assert_eq!(i.outcome_at, Some(t(2 * DAY)));
        assert_eq!(i.asked_a_at, Some(t(DAY)));
        assert_eq!(i.asked_b_at, None);
        assert_eq!(i.introduced_at, None);
        assert_eq!(i.since(), t(2 * DAY));
        assert!(i.next_steps().is_empty());
    }

    #[test]
    fn decline_from_asked_b() {
        let i = after(&[AskA, AskB, Decline]);
        assert_eq!(i.status, IntroStatus::Declined);
        assert_eq!(i.declined_at, Some(t(3 * DAY)));
        assert_eq!(i.outcome, Some(IntroOutcome::Declined));
        assert_eq!(i.asked_b_at, Some(t(2 * DAY)));
        assert_eq!(i.introduced_at, None);
    }

    /// Applies `step` after `steps`, expecting a refusal that names the current status; returns
    /// the reason. The introduction must be unchanged.
    fn refused(steps: &[IntroStep], step: IntroStep) -> String {
        let mut i = after(steps);
        let before = i.clone();
        let e = i.apply(step, t(100 * DAY)).unwrap_err();
        assert_eq!(i, before, "a refused step changed the introduction");
        assert_eq!(e.field, "introduction");
        assert_eq!(e.value, i.id.to_string());
        let status = format!("(status {})", i.status);
        assert!(e.reason.contains(&status), "{}", e.reason);
        e.reason
    }

    #[test]
    fn made_refused_before_both_said_yes() {
        let id = intro().id;
        assert_eq!(
            refused(&[AskA], Made),
            format!(
                "cannot mark as made: B has not been asked yet (status asked_a); \
                 next: kithkin intro ask {id} b or kithkin intro decline {id}"
            )
        );
        assert_eq!(
            refused(&[], Made),
            format!(
                "cannot mark as made: neither has been asked yet (status suggested); \
                 next: kithkin intro ask {id} a"
            )
        );
    }

    #[test]
    fn ask_b_refused_before_a() {
        let r = refused(&[], AskB);
        assert!(r.starts_with("cannot ask B: A has not been asked yet (status suggested)"));
        assert!(r.ends_with("next: kithkin intro ask 00000000-0000-0000-0000-00000000002a a"));
    }

    #[test]
    fn asking_twice_refused() {
        assert!(refused(&[AskA], AskA).starts_with("cannot ask A: A was already asked"));
        assert!(refused(&[AskA, AskB], AskA).starts_with("cannot ask A: A already said yes"));
        assert!(refused(&[AskA, AskB], AskB).starts_with("cannot ask B: B was already asked"));
        assert!(refused(&[AskA, AskB, Made], AskB).contains("B already said yes"));
        assert!(refused(&[AskA, AskB, Made], Made).contains("already introduced"));
    }

    #[test]
    fn outcome_refused_before_introduced() {
        let o = Outcome(IntroOutcome::Met);
        for steps in [&[][..], &[AskA], &[AskA, AskB]] {
            let r = refused(steps, o);
            assert!(r.starts_with("cannot record an outcome: they have not been introduced yet"));
        }
        let r = refused(&[AskA, AskB], o);
        assert!(r.ends_with("kithkin intro made 00000000-0000-0000-0000-00000000002a or kithkin intro decline 00000000-0000-0000-0000-00000000002a"), "{r}");
    }

    #[test]
    fn decline_refused_outside_asking() {
        assert!(refused(&[], Decline).contains("nobody has been asked yet"));
        let r = refused(&[AskA, AskB, Made], Decline);
        assert!(r.contains("both already said yes"));
        assert!(r.contains("next: kithkin intro outcome 00000000-0000-0000-0000-00000000002a <met|collaborating|hired|no_response|declined>"), "{r}");
    }

    #[test]
    fn nothing_after_declined_or_closed() {
        let all = [AskA, AskB, Made, Decline, Outcome(IntroOutcome::Met)];
        for ends in [
            &[AskA, Decline][..],
            &[AskA, AskB, Decline],
            &[AskA, AskB, Made, Outcome(IntroOutcome::Hired)],
        ] {
            for s in all {
                let r = refused(ends, s);
                assert!(r.ends_with("; nothing can follow"), "{r}");
            }
        }
        let r = refused(
            &[AskA, AskB, Made, Outcome(IntroOutcome::Hired)],
            Outcome(IntroOutcome::Met),
        );
        assert_eq!(
            r,
            "cannot record an outcome: an outcome was already recorded (hired) (status closed); \
             nothing can follow"
        );
        assert!(refused(&[AskA, Decline], AskB).contains("was declined (status declined)"));
    }

    #[test]
    fn step_dated_before_current_state_refused() {
        let mut i = after(&[AskA]);
        let before = i.clone();
        let e = i.apply(AskB, t(DAY - 1)).unwrap_err();
        assert!(e.reason.starts_with("cannot ask B: "), "{e}");
        assert_eq!(i, before);
        // The same instant is fine.
        i.apply(AskB, t(DAY)).unwrap();
    }

    #[test]
    fn waiting_longer_than_edges() {
        let n = FOLLOW_UP_AFTER_DAYS;
        // Asked A at t(DAY).
        let i = after(&[AskA]);
        assert!(!i.waiting_longer_than(n, t(DAY + n * DAY)));
        assert!(i.waiting_longer_than(n, t(DAY + n * DAY + 1)));
        assert!(!i.waiting_longer_than(n, t(0)));
        // Asked B at t(2 DAY).
        let i = after(&[AskA, AskB]);
        assert!(!i.waiting_longer_than(n, t(2 * DAY + n * DAY)));
        assert!(i.waiting_longer_than(n, t(2 * DAY + n * DAY + 1)));
        // Introduced at t(3 DAY), no outcome yet.
        let i = after(&[AskA, AskB, Made]);
        assert!(!i.waiting_longer_than(n, t(3 * DAY + n * DAY)));
        assert!(i.waiting_longer_than(n, t(3 * DAY + n * DAY + 1)));
        // Not waiting on anyone.
        for steps in [
            &[][..],
            &[AskA, Decline],
            &[AskA, AskB, Made, Outcome(IntroOutcome::Met)],
        ] {
            assert!(!after(steps).waiting_longer_than(n, t(1000 * DAY)));
        }
        // Huge spans do not overflow.
        assert!(!after(&[AskA]).waiting_longer_than(i64::MAX, t(1000 * DAY)));
        assert!(after(&[AskA]).waiting_longer_than(i64::MIN, t(DAY)));
    }

    #[test]
    fn since_falls_back_when_a_stored_date_is_missing() {
        let mut i = after(&[AskA, AskB]);
        i.asked_b_at = None;
        assert_eq!(i.since(), t(DAY));
    }

    #[test]
    fn opt_in_message_exact() {
        let m = opt_in_message(
            "Ada",
            "Ben Okafor",
            Some("CTO, Loomwork"),
            Some("you are both hiring Rust engineers"),
            "Sam",
        );
        assert_eq!(
            m,
            "Hi Ada,\n\n\
             Would you like me to introduce you to Ben Okafor (CTO, Loomwork)? I thought of you \
             two because: you are both hiring Rust engineers.\n\n\
             If you'd like that, just reply and I'll connect you both by email. If not, no \
             problem at all: a simple \"no thanks\" is enough, and I won't mention it to Ben \
             Okafor.\n\n\
             Best,\nSam\n"
        );
        assert_eq!(
            m,
            opt_in_message(
                "Ada",
                "Ben Okafor",
                Some("CTO, Loomwork"),
                Some("you are both hiring Rust engineers"),
                "Sam",
            )
        );
    }

    #[test]
    fn opt_in_message_without_blurb_or_reason() {
        let m = opt_in_message("Ada", "Ben Okafor", Some(" "), None, "Sam");
        assert!(m.contains("introduce you to Ben Okafor?\n"), "{m}");
        assert!(!m.contains("because"));
        assert!(m.contains("no thanks"));
        let m = opt_in_message("Ada", "Ben", None, Some("Shared love of maps!"), "Sam");
        assert!(m.contains("because: Shared love of maps!\n"), "{m}");
    }

    #[test]
    fn introduction_message_exact() {
        let m = introduction_message(
            "Ada Lovelace",
            Some("founder, Engines Ltd"),
            "Ben Okafor",
            Some("CTO, Loomwork"),
            Some("you are both hiring Rust engineers"),
            "Sam",
        );
        assert_eq!(
            m,
            "Hi Ada Lovelace and Ben Okafor,\n\n\
             As promised, I'm introducing you to each other; you both said you'd be glad to \
             connect.\n\n\
             Ada Lovelace, meet Ben Okafor (CTO, Loomwork).\n\
             Ben Okafor, meet Ada Lovelace (founder, Engines Ltd).\n\n\
             Why I think you should talk: you are both hiring Rust engineers.\n\n\
             I'll leave it to you two to take it from here.\n\n\
             Best,\nSam\n"
        );
        let again = introduction_message(
            "Ada Lovelace",
            Some("founder, Engines Ltd"),
            "Ben Okafor",
            Some("CTO, Loomwork"),
            Some("you are both hiring Rust engineers"),
            "Sam",
        );
        assert_eq!(m, again);
    }

    #[test]
    fn introduction_message_without_blurbs_or_reason() {
        let m = introduction_message("Ada", None, "Ben", None, None, "Sam");
        assert!(m.contains("Ada, meet Ben.\nBen, meet Ada.\n\n"), "{m}");
        assert!(!m.contains("Why"));
        assert!(m.ends_with("Best,\nSam\n"));
    }
}
