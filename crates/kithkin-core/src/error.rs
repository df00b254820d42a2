//! Validation errors: which field, which value, and why it was refused.

use serde::Serialize;
use std::fmt;

/// One refused value: the field it was given for, the value as given, and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct ValidationError {
    /// The field, in the user's words (`email`, `facet`, `cadence`).
    pub field: String,
    /// The value as the user gave it.
    pub value: String,
    /// Why it was refused.
    pub reason: String,
}

impl ValidationError {
    /// A refusal of `value` for `field`, because `reason`.
    pub fn new(
        field: impl Into<String>,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            value: value.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:?}: {}", self.field, self.value, self.reason)
    }
}

/// Result of a validation: `Ok(())` or every problem found (not just the first).
pub type Validation = Result<(), Vec<ValidationError>>;

/// Collects validation problems so a user sees all of them at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<ValidationError>);

impl Problems {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, field: &str, value: &str, reason: impl Into<String>) {
        self.0.push(ValidationError::new(field, value, reason));
    }

    /// Records the problem in `result`, if any.
    pub fn check(&mut self, result: Result<(), ValidationError>) {
        if let Err(e) = result {
            self.0.push(e);
        }
    }

    /// `Ok(())` when nothing was recorded.
    pub fn finish(self) -> Validation {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Refuses empty (after trimming) or over-long text.
pub fn check_text(field: &str, value: &str, max_chars: usize) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::new(field, value, "must not be empty"));
    }
    if value.chars().count() > max_chars {
        return Err(ValidationError::new(
            field,
            value,
            format!("is longer than {max_chars} characters"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(ValidationError::new(
            field,
            value,
            "contains control characters",
        ));
    }
    Ok(())
}
