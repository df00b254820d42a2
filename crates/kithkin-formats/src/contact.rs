//! A contact as every contact source gives it (vCard, LinkedIn, Google and Outlook CSV): the
//! neutral record the importers produce and the vCard writer consumes. Field values are
//! trimmed text as the source wrote them (decoded to UTF-8); empty values are left out.

use jiff::civil::Date;
use kithkin_core::dates::YearlyDay;
use serde::Serialize;

/// One contact read from a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContactRecord {
    /// The line of the file where the record starts (1-based).
    pub line: u64,
    /// The source's stable id (vCard `UID`), when it has one.
    pub uid: Option<String>,
    /// The display name (vCard `FN`, else built from `N`; CSV first + last name).
    pub name: String,
    /// Nickname.
    pub nickname: Option<String>,
    /// Email addresses, preferred first, no duplicates.
    pub emails: Vec<String>,
    /// Phone numbers as written, preferred first, no duplicates.
    pub phones: Vec<String>,
    /// Organisation (the first component of vCard `ORG`).
    pub organisation: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Postal addresses, each on one line, components joined by ", ".
    pub addresses: Vec<String>,
    /// Web addresses (the LinkedIn profile goes to `linkedin`, not here).
    pub urls: Vec<String>,
    /// Free-text notes.
    pub notes: Vec<String>,
    /// Birthday; the year is absent for `--0415` birthdays.
    pub birthday: Option<YearlyDay>,
    /// Anniversary.
    pub anniversary: Option<YearlyDay>,
    /// Categories / groups / labels, as tags.
    pub categories: Vec<String>,
    /// The LinkedIn profile URL.
    pub linkedin: Option<String>,
    /// When the source says we connected (LinkedIn "Connected On"): the how-we-met date.
    pub connected_on: Option<Date>,
}

impl ContactRecord {
    /// Whether the record names anyone at all: a name, an email or a phone.
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.emails.is_empty() && self.phones.is_empty()
    }
}
