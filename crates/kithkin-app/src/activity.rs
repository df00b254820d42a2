//! What happens between the user and people: notes, logged interactions, "knows" links and
//! important dates.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use kithkin_core::batch::Batch;
use kithkin_core::dates::{DateKind, ImportantDate, YearlyDay};
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
use kithkin_core::knows::{KnowsLink, KnowsSource};
use kithkin_core::note::Note;
use kithkin_core::when::parse_when;
use kithkin_core::{DateId, InteractionId, NoteId, PersonId, ValidationError};

/// An interaction as the user describes it.
#[derive(Debug, Clone)]
pub struct LogRequest {
    /// meeting, call, video, email, message, meal or event.
    pub kind: String,
    /// The people in it (names, emails or ids).
    pub with: Vec<String>,
    /// When (default: now).
    pub at: Option<String>,
    /// How long, in minutes.
    pub minutes: Option<u32>,
    /// Who reached out (default: mutual).
    pub direction: Option<Direction>,
    /// What was said.
    pub note: Option<String>,
}

impl App {
    /// Writes a note about a person.
    pub async fn note(&self, query: &str, body: &str) -> Result<(Note, String)> {
        let person = self.resolve(query).await?;
        let now = self.timestamp();
        let note = Note {
            id: NoteId(new_uuid()),
            person,
            body: body.trim().to_owned(),
            created_at: now,
        };
        note.validate()?;
        self.store
            .write(
                &Batch {
                    notes: vec![note.clone()],
                    ..Batch::new()
                },
                now,
            )
            .await?;
        let name = self.person(person).await?.profile.name;
        Ok((note, name))
    }

    /// A person's notes, newest first, at most `limit` (`show` has the ten latest).
    pub async fn notes(&self, query: &str, limit: usize) -> Result<Vec<Note>> {
        let person = self.resolve(query).await?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        Ok(self.store.notes_of(person, limit).await?)
    }

    /// Logs an interaction.
    pub async fn log(&self, req: &LogRequest) -> Result<(Interaction, Vec<String>)> {
        let kind: InteractionKind = req.kind.parse()?;
        let occurred_at = match &req.at {
            Some(w) => parse_when(w, &self.now())?,
            None => self.timestamp(),
        };
        if req.with.is_empty() {
            return Err(
                ValidationError::new("with", "", "name at least one person with --with").into(),
            );
        }
        let mut participants = Vec::with_capacity(req.with.len());
        let me = self.store.me().await?;
        for typed in &req.with {
            let id = self.resolve(typed).await?;
            if Some(id) == me {
                return Err(ValidationError::new(
                    "with",
                    typed,
                    "is you; interactions are yours already, so name only the other people",
                )
                .into());
            }
            if !participants.contains(&id) {
                participants.push(id);
            }
        }
        let interaction = Interaction {
            id: InteractionId(new_uuid()),
            kind,
            occurred_at,
            minutes: req.minutes,
            direction: req.direction.unwrap_or(Direction::Mutual),
            participants,
            note: req
                .note
                .as_ref()
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
            event: None,
            source_key: None,
        };
        interaction.validate()?;
        self.store
            .write(
                &Batch {
                    interactions: vec![interaction.clone()],
                    ..Batch::new()
                },
                self.timestamp(),
            )
            .await?;
        let names = self.store.names_of(&interaction.participants).await?;
        let with = interaction
            .participants
            .iter()
            .map(|p| names.get(p).cloned().unwrap_or_default())
            .collect();
        Ok((interaction, with))
    }

    /// Records that two people know each other, with a strength in 0..1 (default 0.5).
    /// Returns the link and, in the order given, each person's id and name.
    pub async fn knows(
        &self,
        a: &str,
        b: &str,
        strength: Option<f64>,
    ) -> Result<(KnowsLink, [(PersonId, String); 2])> {
        let pa = self.resolve(a).await?;
        let pb = self.resolve(b).await?;
        if pa == pb {
            return Err(ValidationError::new("knows", b, "names the same person twice").into());
        }
        let link = KnowsLink::new(pa, pb, strength.unwrap_or(0.5), KnowsSource::Explicit)?;
        self.store.set_knows(&link, self.timestamp()).await?;
        let names = self.store.names_of(&[pa, pb]).await?;
        let name = |p: PersonId| names.get(&p).cloned().unwrap_or_default();
        Ok((link, [(pa, name(pa)), (pb, name(pb))]))
    }

    /// Records an important date: `birthday`, `anniversary` or any label, on `MM-DD` or
    /// `YYYY-MM-DD`. A second birthday for the same person is refused.
    pub async fn add_date(
        &self,
        query: &str,
        kind: &str,
        on: &str,
    ) -> Result<(ImportantDate, String)> {
        let person = self.resolve(query).await?;
        let kind = DateKind::parse(kind)?;
        let day = YearlyDay::parse(on)?;
        let existing = self.store.dates_of(person).await?;
        if kind == DateKind::Birthday && existing.iter().any(|d| d.kind == DateKind::Birthday) {
            return Err(AppError::Conflict(
                "this person already has a birthday recorded".into(),
            ));
        }
        let date = ImportantDate {
            id: DateId(new_uuid()),
            person,
            kind,
            day,
        };
        self.store
            .write(
                &Batch {
                    dates: vec![date.clone()],
                    ..Batch::new()
                },
                self.timestamp(),
            )
            .await?;
        let name = self.person(person).await?.profile.name;
        Ok((date, name))
    }
}
