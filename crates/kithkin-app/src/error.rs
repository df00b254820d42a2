//! Errors of the use cases, in the user's terms.

use kithkin_core::ValidationError;
use kithkin_store::StoreError;

/// A person candidate shown when a name is ambiguous or unknown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    /// Their name.
    pub name: String,
    /// Their id.
    pub id: String,
}

/// Why a use case did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nobody matches what was typed.
    #[error("no person matches {query:?}{}", did_you_mean(.suggestions))]
    UnknownPerson {
        /// What the user typed.
        query: String,
        /// Close names.
        suggestions: Vec<Candidate>,
    },
    /// Several people match what was typed.
    #[error("{query:?} matches {} people: {}; be more specific (full name, email or id)", .candidates.len(), list(.candidates))]
    AmbiguousPerson {
        /// What the user typed.
        query: String,
        /// Who matched.
        candidates: Vec<Candidate>,
    },
    /// A value was refused.
    #[error("{}", invalid(.0))]
    Invalid(Vec<ValidationError>),
    /// The request contradicts what is stored.
    #[error("{0}")]
    Conflict(String),
    /// Something is missing that the user must name or create first.
    #[error("{0}")]
    NotFound(String),
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AppError {
    /// A record the store was asked about and does not have (a person forgotten meanwhile,
    /// an id no one has) is the user's [`AppError::NotFound`], and a broken uniqueness rule
    /// their [`AppError::Conflict`]; everything else is the store failing.
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Missing { .. } => AppError::NotFound(e.to_string()),
            StoreError::Conflict(message) => AppError::Conflict(message),
            e => AppError::Store(e),
        }
    }
}

impl AppError {
    /// True when the user's input was the problem (exit code 1), false when the system was
    /// (exit code 2).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, AppError::Store(_))
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::Invalid(vec![e])
    }
}

impl From<Vec<ValidationError>> for AppError {
    fn from(e: Vec<ValidationError>) -> Self {
        AppError::Invalid(e)
    }
}

fn did_you_mean(s: &[Candidate]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", list(s))
    }
}

/// Names, quoted; a name shared by several candidates (ignoring case and accents) is followed
/// by each one's id, so the user can tell them apart and type the id.
fn list(c: &[Candidate]) -> String {
    let twins = |x: &Candidate| {
        let key = kithkin_core::text::name_key(&x.name);
        c.iter()
            .filter(|y| kithkin_core::text::name_key(&y.name) == key)
            .count()
            > 1
    };
    let shown: Vec<String> = c
        .iter()
        .take(8)
        .map(|x| {
            if twins(x) {
                format!("\"{}\" ({})", x.name, x.id)
            } else {
                format!("\"{}\"", x.name)
            }
        })
        .collect();
    let more = if c.len() > 8 {
        format!(" and {} more", c.len() - 8)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

fn invalid(errors: &[ValidationError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Results of the use cases.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// A record gone between the lookup and the write (someone forgotten by a concurrent
    /// request) is "not found", not a failure of the system (schemathesis found the 500).
    #[test]
    fn missing_records_are_not_found_and_conflicts_are_conflicts() {
        let missing = StoreError::Missing {
            what: "person",
            id: "01a21712-6728-7702-b0ca-0688a3fde12a".into(),
        };
        let e = AppError::from(missing);
        assert!(
            matches!(e, AppError::NotFound(ref m) if m.contains("no person with id")),
            "{e:?}"
        );
        assert!(e.is_user_error());
        let e = AppError::from(StoreError::Conflict("two circles named Work".into()));
        assert!(
            matches!(e, AppError::Conflict(ref m) if m == "two circles named Work"),
            "{e:?}"
        );
        let e = AppError::from(StoreError::NewerSchema {
            found: 9,
            supported: 3,
        });
        assert!(
            matches!(e, AppError::Store(_)) && !e.is_user_error(),
            "{e:?}"
        );
    }
}
