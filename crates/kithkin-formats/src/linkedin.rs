//! The other files of a LinkedIn data export ("Get a copy of your data"): messages,
//! invitations, recommendations, endorsements and events, and [`read_export_folder`], which
//! reads a whole unpacked export.
//!
//! Columns are matched by header name as in [`crate::contacts_csv`] (case and spaces ignored,
//! BOM stripped, ragged rows tolerated); optional columns may be missing. LinkedIn writes its
//! dates in a different form in each file (`2023-05-04 10:12:33 UTC` in messages,
//! `1/29/26, 2:37 PM` in invitations, `01/19/13, 12:10 AM` in recommendations,
//! `2021/09/01 12:41:31 UTC` in endorsements, `Apr 08, 2024 07:00 AM - …` in events); all are
//! read, and those without a zone are taken as UTC. Profile addresses without a scheme
//! (`www.linkedin.com/in/x`, as the endorsement file writes them) get `https://`.
//!
//! ```
//! use kithkin_formats::linkedin::read_invitations;
//! let csv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
//!            Ana Lima,Me Myself,\"1/29/26, 2:37 PM\",Hello!,INCOMING,https://www.linkedin.com/in/ana,https://www.linkedin.com/in/me\n";
//! let (invitations, errors) = read_invitations(csv.as_bytes()).unwrap();
//! assert!(errors.is_empty());
//! assert!(invitations[0].direction_incoming);
//! assert_eq!(invitations[0].other_url.as_deref(), Some("https://www.linkedin.com/in/ana"));
//! assert_eq!(invitations[0].at.unwrap().to_string(), "2026-01-29T14:37:00Z");
//! ```

use crate::contact::ContactRecord;
use crate::contacts_csv::{
    Century, CsvError, Row, Sheet, classify, parse_timestamp, profile_url,
    read_linkedin_connections,
};
use crate::edges::RecordError;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

/// One message of `messages.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedInMessage {
    /// The file line where the record starts.
    pub line: u64,
    /// LinkedIn's conversation id (may be empty in old exports).
    pub conversation_id: String,
    /// The conversation title (group chats, sponsored messages).
    pub conversation_title: Option<String>,
    /// The sender's name as shown (may be empty for deleted accounts).
    pub from_name: String,
    /// The sender's profile address.
    pub from_url: Option<String>,
    /// The recipients' names. Split on commas only when there are as many names as profile
    /// addresses (names can hold commas); else the whole `TO` text is one name.
    pub to_names: Vec<String>,
    /// The recipients' profile addresses.
    pub to_urls: Vec<String>,
    /// When it was sent.
    pub at: Timestamp,
    /// Subject (InMail), when there is one.
    pub subject: Option<String>,
    /// The message text, when the export has it.
    pub content: Option<String>,
    /// `INBOX`, `SENT`, `ARCHIVE`, `SPAM`… as written.
    pub folder: Option<String>,
    /// Whether LinkedIn marks it as a draft (`IS MESSAGE DRAFT`): never sent.
    pub draft: bool,
}

/// One connection request of `Invitations.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedInInvitation {
    /// The file line where the record starts.
    pub line: u64,
    /// Who sent it (a name).
    pub from: String,
    /// Who received it (a name).
    pub to: String,
    /// When it was sent (LinkedIn writes no zone; read as UTC).
    pub at: Option<Timestamp>,
    /// `INCOMING` (they invited me) or `OUTGOING` (I invited them).
    pub direction_incoming: bool,
    /// The note sent with it.
    pub message: Option<String>,
    /// The other person's profile: the inviter's when incoming, the invitee's when outgoing.
    pub other_url: Option<String>,
    /// My own profile (the other end).
    pub my_url: Option<String>,
}

/// One recommendation of `Recommendations_Received.csv` or `Recommendations_Given.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedInRecommendation {
    /// The file line where the record starts.
    pub line: u64,
    /// The other person: the recommender (received) or the one recommended (given).
    pub name: String,
    /// Their company.
    pub company: Option<String>,
    /// Their job title.
    pub title: Option<String>,
    /// The recommendation text.
    pub text: Option<String>,
    /// When it was written (no zone in the file; read as UTC).
    pub at: Option<Timestamp>,
    /// `VISIBLE`, `HIDDEN`, `PENDING`… as written.
    pub status: Option<String>,
    /// Whether I wrote it (from `Recommendations_Given.csv`).
    pub given: bool,
}

/// One skill endorsement of `Endorsement_Received_Info.csv` or `Endorsement_Given_Info.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedInEndorsement {
    /// The file line where the record starts.
    pub line: u64,
    /// The other person: the endorser (received) or the one endorsed (given).
    pub name: String,
    /// Their profile address.
    pub url: Option<String>,
    /// The skill.
    pub skill: String,
    /// When.
    pub at: Option<Timestamp>,
    /// `ACCEPTED`, `REJECTED`, `HIDDEN`, `PENDING`… as written.
    pub status: Option<String>,
    /// Whether I gave it (the file names an `Endorsee`).
    pub given: bool,
}

/// One event of `Events.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedInEvent {
    /// The file line where the record starts.
    pub line: u64,
    /// The event's name.
    pub name: String,
    /// When it starts (no zone in the file; read as UTC).
    pub at: Option<Timestamp>,
    /// When it ends, when the file says.
    pub ends_at: Option<Timestamp>,
    /// My status (`ATTENDING`, `RELINQUISHED`…), as written.
    pub status: Option<String>,
    /// The event's external address.
    pub url: Option<String>,
}

/// What one reader of this module returns: the records read and the records skipped.
pub type Rows<T> = (Vec<T>, Vec<RecordError>);

fn open<R: Read>(
    input: R,
    wanted: &'static str,
    expected: &'static str,
    required: &[&str],
) -> Result<Sheet<R>, CsvError> {
    let has_all = |cols: &[String]| required.iter().all(|r| cols.iter().any(|c| c == r));
    let sheet = Sheet::open(input, has_all)?;
    if !has_all(&sheet.names) {
        return Err(CsvError::WrongLayout {
            wanted,
            expected,
            found: sheet.header.clone(),
            detected: classify(&sheet.names),
        });
    }
    Ok(sheet)
}

/// Reads every row of a sheet with `map`, which says why a row is skipped.
fn read_rows<R: Read, T>(
    mut sheet: Sheet<R>,
    mut map: impl FnMut(&Row) -> Result<T, String>,
) -> Rows<T> {
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    while let Some(row) = sheet.next_row() {
        match row {
            Err(e) => errors.push(e),
            Ok(row) => match map(&row) {
                Ok(t) => out.push(t),
                Err(message) => errors.push(RecordError {
                    line: row.line,
                    message,
                }),
            },
        }
    }
    (out, errors)
}

fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_owned)
}

fn full_name(row: &Row, first: Option<usize>, last: Option<usize>) -> String {
    [row.get(first), row.get(last)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

fn when(
    row: &Row,
    col: Option<usize>,
    column: &str,
    what: &str,
) -> Result<Option<Timestamp>, String> {
    match row.get(col) {
        None => Ok(None),
        Some(v) => parse_timestamp(v, Century::Recent)
            .map(Some)
            .ok_or_else(|| format!("{column} {v:?} is not a date and time; {what} skipped")),
    }
}

/// Reads `messages.csv` (also `guide_messages.csv` and the other message files, which share
/// its header). A message without a readable `DATE` is skipped and reported.
pub fn read_messages(input: impl Read) -> Result<Rows<LinkedInMessage>, CsvError> {
    let sheet = open(
        input,
        "a LinkedIn messages.csv",
        "`CONVERSATION ID`, `FROM`, `DATE` (with `SENDER PROFILE URL`, `TO`, `RECIPIENT PROFILE URLS`, `SUBJECT`, `CONTENT`, `FOLDER` when present)",
        &["conversation id", "from", "date"],
    )?;
    let c = |n: &str| sheet.col(n);
    let (id, title, from, from_url) = (
        c("conversation id"),
        c("conversation title"),
        c("from"),
        c("sender profile url"),
    );
    let (to, to_urls, date, subject) = (
        c("to"),
        c("recipient profile urls"),
        c("date"),
        c("subject"),
    );
    let (content, folder, draft) = (c("content"), c("folder"), c("is message draft"));
    Ok(read_rows(sheet, |row| {
        let at = match row.get(date) {
            None => return Err("no DATE; message skipped".to_owned()),
            Some(v) => parse_timestamp(v, Century::Recent)
                .ok_or_else(|| format!("DATE {v:?} is not a date and time; message skipped"))?,
        };
        let urls: Vec<String> = row
            .get(to_urls)
            .map(|v| {
                v.split([',', ';'])
                    .map(str::trim)
                    .filter(|u| !u.is_empty())
                    .map(profile_url)
                    .collect()
            })
            .unwrap_or_default();
        let to_names = match row.get(to) {
            None => Vec::new(),
            Some(names) => {
                let split: Vec<String> = names
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned)
                    .collect();
                if urls.len() > 1 && split.len() == urls.len() {
                    split
                } else {
                    vec![names.to_owned()]
                }
            }
        };
        Ok(LinkedInMessage {
            line: row.line,
            conversation_id: row.get(id).unwrap_or("").to_owned(),
            conversation_title: owned(row.get(title)),
            from_name: row.get(from).unwrap_or("").to_owned(),
            from_url: row.get(from_url).map(profile_url),
            to_names,
            to_urls: urls,
            at,
            subject: owned(row.get(subject)),
            content: owned(row.get(content)),
            folder: owned(row.get(folder)),
            draft: row
                .get(draft)
                .is_some_and(|d| matches!(d.to_ascii_lowercase().as_str(), "yes" | "true" | "1")),
        })
    }))
}

/// Reads `Invitations.csv`. A row whose `Direction` is neither `INCOMING` nor `OUTGOING`, or
/// whose `Sent At` cannot be read, is skipped and reported.
pub fn read_invitations(input: impl Read) -> Result<Rows<LinkedInInvitation>, CsvError> {
    let sheet = open(
        input,
        "a LinkedIn Invitations.csv",
        "`From`, `To`, `Direction` (with `Sent At`, `Message`, `inviterProfileUrl`, `inviteeProfileUrl` when present)",
        &["from", "to", "direction"],
    )?;
    let c = |n: &str| sheet.col(n);
    let (from, to, sent, message) = (c("from"), c("to"), c("sent at"), c("message"));
    let (direction, inviter, invitee) = (
        c("direction"),
        c("inviterprofileurl"),
        c("inviteeprofileurl"),
    );
    Ok(read_rows(sheet, |row| {
        let incoming = match row.get(direction).map(str::to_ascii_uppercase).as_deref() {
            Some("INCOMING") => true,
            Some("OUTGOING") => false,
            other => {
                return Err(format!(
                    "Direction {:?} is neither INCOMING nor OUTGOING; invitation skipped",
                    other.unwrap_or("")
                ));
            }
        };
        let (inviter, invitee) = (
            row.get(inviter).map(profile_url),
            row.get(invitee).map(profile_url),
        );
        let (other_url, my_url) = if incoming {
            (inviter, invitee)
        } else {
            (invitee, inviter)
        };
        Ok(LinkedInInvitation {
            line: row.line,
            from: row.get(from).unwrap_or("").to_owned(),
            to: row.get(to).unwrap_or("").to_owned(),
            at: when(row, sent, "Sent At", "invitation")?,
            direction_incoming: incoming,
            message: owned(row.get(message)),
            other_url,
            my_url,
        })
    }))
}

/// Reads `Recommendations_Received.csv` (`given` false) or `Recommendations_Given.csv`
/// (`given` true); both have the same columns.
pub fn read_recommendations(
    input: impl Read,
    given: bool,
) -> Result<Rows<LinkedInRecommendation>, CsvError> {
    let sheet = open(
        input,
        "a LinkedIn Recommendations_Received.csv or Recommendations_Given.csv",
        "`First Name`, `Last Name` (with `Company`, `Job Title`, `Text`, `Creation Date`, `Status` when present)",
        &["first name", "last name"],
    )?;
    let c = |n: &str| sheet.col(n);
    let (first, last, company, title) = (
        c("first name"),
        c("last name"),
        c("company"),
        sheet.col_of(&["job title", "title"]),
    );
    let (text, created, status) = (
        sheet.col_of(&["text", "body"]),
        sheet.col_of(&["creation date", "created date"]),
        c("status"),
    );
    Ok(read_rows(sheet, |row| {
        let name = full_name(row, first, last);
        if name.is_empty() {
            return Err("no First Name or Last Name; recommendation skipped".to_owned());
        }
        Ok(LinkedInRecommendation {
            line: row.line,
            name,
            company: owned(row.get(company)),
            title: owned(row.get(title)),
            text: owned(row.get(text)),
            at: when(row, created, "Creation Date", "recommendation")?,
            status: owned(row.get(status)),
            given,
        })
    }))
}

/// Reads `Endorsement_Received_Info.csv` or `Endorsement_Given_Info.csv`; which one it is
/// comes from the header (`Endorser …` or `Endorsee …` columns).
pub fn read_endorsements(input: impl Read) -> Result<Rows<LinkedInEndorsement>, CsvError> {
    let is_header = |cols: &[String]| {
        cols.iter().any(|c| c == "skill name")
            && cols
                .iter()
                .any(|c| c == "endorser first name" || c == "endorsee first name")
    };
    let sheet = Sheet::open(input, is_header)?;
    if !is_header(&sheet.names) {
        return Err(CsvError::WrongLayout {
            wanted: "a LinkedIn Endorsement_Received_Info.csv or Endorsement_Given_Info.csv",
            expected: "`Skill Name` and `Endorser First Name` or `Endorsee First Name` (with the last name, `… Public Url`, `Endorsement Date`, `Endorsement Status` when present)",
            found: sheet.header.clone(),
            detected: None,
        });
    }
    let given = sheet.col("endorser first name").is_none();
    let who = if given { "endorsee" } else { "endorser" };
    let c = |n: &str| sheet.col(n);
    let (first, last, url) = (
        c(&format!("{who} first name")),
        c(&format!("{who} last name")),
        sheet.col_of(&[&format!("{who} public url"), &format!("{who} profile url")]),
    );
    let (skill, date, status) = (
        c("skill name"),
        c("endorsement date"),
        c("endorsement status"),
    );
    Ok(read_rows(sheet, |row| {
        let name = full_name(row, first, last);
        let url = row.get(url).map(profile_url);
        if name.is_empty() && url.is_none() {
            return Err("no name and no profile address; endorsement skipped".to_owned());
        }
        let Some(skill) = row.get(skill) else {
            return Err("no Skill Name; endorsement skipped".to_owned());
        };
        Ok(LinkedInEndorsement {
            line: row.line,
            name,
            url,
            skill: skill.to_owned(),
            at: when(row, date, "Endorsement Date", "endorsement")?,
            status: owned(row.get(status)),
            given,
        })
    }))
}

/// Reads `Events.csv`. `Event Time` is a start, or `start - end`.
pub fn read_events(input: impl Read) -> Result<Rows<LinkedInEvent>, CsvError> {
    let sheet = open(
        input,
        "a LinkedIn Events.csv",
        "`Event Name` (with `Event Time`, `Status`, `External Url` when present)",
        &["event name"],
    )?;
    let c = |n: &str| sheet.col(n);
    let (name, time, status, url) = (
        c("event name"),
        c("event time"),
        c("status"),
        c("external url"),
    );
    Ok(read_rows(sheet, |row| {
        let Some(name) = row.get(name) else {
            return Err("no Event Name; event skipped".to_owned());
        };
        let (at, ends_at) = match row.get(time) {
            None => (None, None),
            Some(v) => {
                let bad = || format!("Event Time {v:?} is not a date and time; event skipped");
                match parse_timestamp(v, Century::Recent) {
                    Some(t) => (Some(t), None),
                    None => {
                        let (start, end) = v.split_once(" - ").ok_or_else(bad)?;
                        let start = parse_timestamp(start, Century::Recent).ok_or_else(bad)?;
                        let end = parse_timestamp(end, Century::Recent).ok_or_else(bad)?;
                        (Some(start), Some(end))
                    }
                }
            }
        };
        Ok(LinkedInEvent {
            line: row.line,
            name: name.to_owned(),
            at,
            ends_at,
            status: owned(row.get(status)),
            url: owned(row.get(url)),
        })
    }))
}

/// Everything [`read_export_folder`] read from an unpacked LinkedIn export.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LinkedInExport {
    /// `Connections.csv`.
    pub connections: Vec<ContactRecord>,
    /// `messages.csv`.
    pub messages: Vec<LinkedInMessage>,
    /// `Invitations.csv`.
    pub invitations: Vec<LinkedInInvitation>,
    /// `Recommendations_Received.csv` then `Recommendations_Given.csv`.
    pub recommendations: Vec<LinkedInRecommendation>,
    /// `Endorsement_Received_Info.csv` then `Endorsement_Given_Info.csv`.
    pub endorsements: Vec<LinkedInEndorsement>,
    /// `Events.csv`.
    pub events: Vec<LinkedInEvent>,
    /// My name, from `Profile.csv`.
    pub owner_name: Option<String>,
    /// My profile address: from the invitations, else from the messages (see
    /// [`read_export_folder`]).
    pub owner_url: Option<String>,
    /// Problems, by file name: a record skipped (its line), or a whole file that could not be
    /// read (line 0).
    pub errors: Vec<(String, RecordError)>,
    /// The files looked for and not found (a partial export is normal).
    pub missing: Vec<String>,
}

/// The files [`read_export_folder`] looks for.
pub const EXPORT_FILES: [&str; 9] = [
    "Connections.csv",
    "messages.csv",
    "Invitations.csv",
    "Recommendations_Received.csv",
    "Recommendations_Given.csv",
    "Endorsement_Received_Info.csv",
    "Endorsement_Given_Info.csv",
    "Events.csv",
    "Profile.csv",
];

/// A file name as matched: lower case, without spaces and underscores.
fn file_key(name: &str) -> String {
    name.chars()
        .filter(|c| *c != ' ' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Reads the files of an unpacked LinkedIn export folder (names matched ignoring case, spaces
/// and underscores). A missing file is listed in `missing`; a file that cannot be opened or is
/// not in its layout is an entry of `errors` at line 0; bad records are entries with their
/// line. Nothing here fails as a whole.
///
/// My own profile address (`owner_url`) is the other end of the invitations when there are
/// any; else the sender address of messages sent under my `Profile.csv` name; else the
/// address that takes part in every conversation, when there are at least two.
pub fn read_export_folder(dir: &Path) -> LinkedInExport {
    let mut out = LinkedInExport::default();
    let mut files: HashMap<String, std::path::PathBuf> = HashMap::new();
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_file()
                    && let Some(name) = path.file_name().and_then(|n| n.to_str())
                {
                    files.entry(file_key(name)).or_insert(path);
                }
            }
        }
        Err(e) => {
            out.errors.push((
                dir.display().to_string(),
                RecordError {
                    line: 0,
                    message: format!("cannot read the export folder: {e}"),
                },
            ));
        }
    }
    for name in EXPORT_FILES {
        let Some(path) = files.get(&file_key(name)) else {
            out.missing.push(name.to_owned());
            continue;
        };
        let shown = path
            .file_name()
            .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned());
        let file = match std::fs::File::open(path) {
            Ok(f) => std::io::BufReader::new(f),
            Err(e) => {
                out.errors.push((
                    shown,
                    RecordError {
                        line: 0,
                        message: format!("cannot open the file: {e}"),
                    },
                ));
                continue;
            }
        };
        let errors = match name {
            "Connections.csv" => read_linkedin_connections(file).map(|r| {
                out.connections = r.records;
                r.errors
            }),
            "messages.csv" => read_messages(file).map(|(m, e)| {
                out.messages = m;
                e
            }),
            "Invitations.csv" => read_invitations(file).map(|(i, e)| {
                out.invitations = i;
                e
            }),
            "Recommendations_Received.csv" | "Recommendations_Given.csv" => {
                read_recommendations(file, name == "Recommendations_Given.csv").map(|(r, e)| {
                    out.recommendations.extend(r);
                    e
                })
            }
            "Endorsement_Received_Info.csv" | "Endorsement_Given_Info.csv" => {
                read_endorsements(file).map(|(r, e)| {
                    out.endorsements.extend(r);
                    e
                })
            }
            "Events.csv" => read_events(file).map(|(r, e)| {
                out.events = r;
                e
            }),
            _ => read_profile_name(file).map(|n| {
                out.owner_name = n;
                Vec::new()
            }),
        };
        match errors {
            Ok(errors) => out
                .errors
                .extend(errors.into_iter().map(|e| (shown.clone(), e))),
            Err(e) => out.errors.push((
                shown,
                RecordError {
                    line: 0,
                    message: e.to_string(),
                },
            )),
        }
    }
    out.owner_url = owner_url(&out);
    out
}

/// The name in `Profile.csv` (its one row).
fn read_profile_name(input: impl Read) -> Result<Option<String>, CsvError> {
    let sheet = open(
        input,
        "a LinkedIn Profile.csv",
        "`First Name`, `Last Name`",
        &["first name", "last name"],
    )?;
    let (first, last) = (sheet.col("first name"), sheet.col("last name"));
    let (names, _) = read_rows(sheet, |row| Ok(full_name(row, first, last)));
    Ok(names.into_iter().find(|n| !n.is_empty()))
}

fn owner_url(export: &LinkedInExport) -> Option<String> {
    let mut votes: HashMap<&str, usize> = HashMap::new();
    for i in &export.invitations {
        if let Some(u) = &i.my_url {
            *votes.entry(u.as_str()).or_default() += 1;
        }
    }
    if let Some((u, _)) = votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
    {
        return Some(u.to_owned());
    }
    if let Some(me) = &export.owner_name
        && let Some(u) = export
            .messages
            .iter()
            .find(|m| &m.from_name == me && m.from_url.is_some())
            .and_then(|m| m.from_url.clone())
    {
        return Some(u);
    }
    let mut conversations: HashMap<&str, HashSet<&str>> = HashMap::new();
    for m in &export.messages {
        for u in m.from_url.iter().chain(m.to_urls.iter()) {
            conversations
                .entry(u.as_str())
                .or_default()
                .insert(m.conversation_id.as_str());
        }
    }
    let total = export
        .messages
        .iter()
        .map(|m| m.conversation_id.as_str())
        .collect::<HashSet<_>>()
        .len();
    let everywhere: Vec<&str> = conversations
        .iter()
        .filter(|(_, c)| c.len() == total)
        .map(|(u, _)| *u)
        .collect();
    match everywhere.as_slice() {
        [only] if total >= 2 => Some((*only).to_owned()),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn lines(errors: &[RecordError]) -> Vec<u64> {
        errors.iter().map(|e| e.line).collect()
    }

    const ME: &str = "https://www.linkedin.com/in/me";

    #[test]
    fn messages_with_groups_drafts_and_multi_line_content() {
        let csv = format!(
            "\u{feff}\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"ATTACHMENTS\",\"IS MESSAGE DRAFT\"\r\n\
             c1,,Ana Lima,https://www.linkedin.com/in/ana,Me Myself,{ME},2023-05-04 10:12:33 UTC,,\"Hi,\r\nfree on Thursday?\",INBOX,,No\r\n\
             c1,,Me Myself,{ME},Ana Lima,https://www.linkedin.com/in/ana,2023-05-04 11:00:00 UTC,,Yes!,INBOX,,No\r\n\
             c2,Team,Me Myself,{ME},\"Ben Ode, Cy Diaz\",\"https://www.linkedin.com/in/ben,https://www.linkedin.com/in/cy\",2023-06-01 09:00:00 UTC,Plans,Hello both,INBOX,,No\r\n\
             c3,,Me Myself,{ME},\"Smith, PhD\",https://www.linkedin.com/in/smith,2023-06-02 09:00:00 UTC,,draft,INBOX,,Yes\r\n\
             c4,,Nobody,,Me Myself,{ME},,,no date,INBOX,,No\r\n\
             c4,,Nobody,,Me Myself,{ME},last Tuesday,,bad date,INBOX,,No\r\n"
        );
        let (messages, errors) = read_messages(csv.as_bytes()).unwrap();
        assert_eq!(messages.len(), 4);
        let first = &messages[0];
        assert_eq!(first.line, 2);
        assert_eq!(first.conversation_id, "c1");
        assert_eq!(first.from_name, "Ana Lima");
        assert_eq!(
            first.from_url.as_deref(),
            Some("https://www.linkedin.com/in/ana")
        );
        assert_eq!(first.to_names, ["Me Myself"]);
        assert_eq!(first.to_urls, [ME]);
        assert_eq!(first.at, ts("2023-05-04T10:12:33Z"));
        assert_eq!(first.content.as_deref(), Some("Hi,\nfree on Thursday?"));
        assert_eq!(first.folder.as_deref(), Some("INBOX"));
        assert!(!first.draft);
        assert_eq!(messages[1].line, 4);
        let group = &messages[2];
        assert_eq!(group.conversation_title.as_deref(), Some("Team"));
        assert_eq!(group.subject.as_deref(), Some("Plans"));
        assert_eq!(group.to_names, ["Ben Ode", "Cy Diaz"]);
        assert_eq!(group.to_urls.len(), 2);
        assert_eq!(messages[3].to_names, ["Smith, PhD"]);
        assert!(messages[3].draft);
        assert_eq!(lines(&errors), [7, 8]);
        assert!(errors[0].message.contains("no DATE"));
        assert!(errors[1].message.contains("\"last Tuesday\""));
    }

    #[test]
    fn old_message_files_without_the_optional_columns_still_read() {
        let csv = "CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ana,Me,2019-01-01 08:00:00,hi\n";
        let (messages, errors) = read_messages(csv.as_bytes()).unwrap();
        assert!(errors.is_empty());
        assert_eq!(messages[0].at, ts("2019-01-01T08:00:00Z"));
        assert_eq!(messages[0].from_url, None);
        assert!(messages[0].to_urls.is_empty());
        let err = read_messages("From,To,Sent At,Direction\n".as_bytes()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("not a LinkedIn messages.csv"), "{text}");
        assert!(text.contains("`CONVERSATION ID`"), "{text}");
        assert!(
            text.contains("found `From`, `To`, `Sent At`, `Direction`"),
            "{text}"
        );
    }

    #[test]
    fn invitations_both_ways() {
        let csv = format!(
            "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
             Me Myself,Ana Lima,\"1/29/26, 2:37 PM\",,OUTGOING,{ME},https://www.linkedin.com/in/ana\n\
             Ben Ode,Me Myself,\"9/20/25, 4:10 PM\",\"Hi, we met at RustConf\",incoming,https://www.linkedin.com/in/ben,{ME}\n\
             Cy Diaz,Me Myself,,,INCOMING,https://www.linkedin.com/in/cy,{ME}\n\
             Dee,Me Myself,\"1/1/25, 1:00 PM\",,SIDEWAYS,,\n\
             Eve,Me Myself,soon,,INCOMING,,\n"
        );
        let (invitations, errors) = read_invitations(csv.as_bytes()).unwrap();
        assert_eq!(invitations.len(), 3);
        let out = &invitations[0];
        assert!(!out.direction_incoming);
        assert_eq!(
            out.other_url.as_deref(),
            Some("https://www.linkedin.com/in/ana")
        );
        assert_eq!(out.my_url.as_deref(), Some(ME));
        assert_eq!(out.at, Some(ts("2026-01-29T14:37:00Z")));
        let inc = &invitations[1];
        assert!(inc.direction_incoming);
        assert_eq!(inc.from, "Ben Ode");
        assert_eq!(inc.message.as_deref(), Some("Hi, we met at RustConf"));
        assert_eq!(
            inc.other_url.as_deref(),
            Some("https://www.linkedin.com/in/ben")
        );
        assert_eq!(invitations[2].at, None);
        assert_eq!(lines(&errors), [5, 6]);
        assert!(errors[0].message.contains("\"SIDEWAYS\""));
        assert!(errors[1].message.contains("Sent At \"soon\""));
    }

    #[test]
    fn recommendations_received_and_given() {
        let csv = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n\
                   Ana,Lima,Acme,CTO,\"Great, reliable\nengineer\",\"01/19/13, 12:10 AM\",VISIBLE\n\
                   Ben,,,,Thanks,10 Apr 2023,HIDDEN\n\
                   ,,Acme,,Nameless,,\n\
                   Cy,Diaz,,,x,someday,VISIBLE\n";
        let (received, errors) = read_recommendations(csv.as_bytes(), false).unwrap();
        assert_eq!(received.len(), 2);
        let ana = &received[0];
        assert_eq!(ana.name, "Ana Lima");
        assert_eq!(ana.company.as_deref(), Some("Acme"));
        assert_eq!(ana.title.as_deref(), Some("CTO"));
        assert_eq!(ana.text.as_deref(), Some("Great, reliable\nengineer"));
        assert_eq!(ana.at, Some(ts("2013-01-19T00:10:00Z")));
        assert_eq!(ana.status.as_deref(), Some("VISIBLE"));
        assert!(!ana.given);
        assert_eq!(received[1].line, 4);
        assert_eq!(received[1].at, Some(ts("2023-04-10T00:00:00Z")));
        assert_eq!(lines(&errors), [5, 6]);
        let (given, _) = read_recommendations(csv.as_bytes(), true).unwrap();
        assert!(given.iter().all(|r| r.given));
        assert!(read_recommendations("Text\nhi\n".as_bytes(), false).is_err());
    }

    #[test]
    fn endorsements_received_and_given_by_their_header() {
        let received = "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n\
                        2021/09/01 12:41:31 UTC,Rust,Ana,Lima,www.linkedin.com/in/ana,ACCEPTED\n\
                        2021/09/01 12:41:32 UTC,,Ana,Lima,www.linkedin.com/in/ana,ACCEPTED\n\
                        2021/13/01 12:41:32 UTC,Go,Ana,Lima,www.linkedin.com/in/ana,ACCEPTED\n";
        let (list, errors) = read_endorsements(received.as_bytes()).unwrap();
        assert_eq!(list.len(), 1);
        let e = &list[0];
        assert!(!e.given);
        assert_eq!(e.name, "Ana Lima");
        assert_eq!(e.url.as_deref(), Some("https://www.linkedin.com/in/ana"));
        assert_eq!(e.skill, "Rust");
        assert_eq!(e.at, Some(ts("2021-09-01T12:41:31Z")));
        assert_eq!(e.status.as_deref(), Some("ACCEPTED"));
        assert_eq!(lines(&errors), [3, 4]);
        let given = "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status\n\
                     2020/01/02 03:04:05 UTC,SQL,Ben,Ode,https://www.linkedin.com/in/ben,ACCEPTED\n";
        let (list, errors) = read_endorsements(given.as_bytes()).unwrap();
        assert!(errors.is_empty());
        assert!(list[0].given);
        assert_eq!(list[0].name, "Ben Ode");
        let err = read_endorsements("Skill Name\nRust\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("`Endorser First Name`"));
    }

    #[test]
    fn events_with_a_start_and_an_end() {
        let csv = "Event Name,Event Time,Status,External Url\n\
                   RustConf,\"Apr 08, 2024 07:00 AM - Apr 08, 2024 05:00 PM\",ATTENDING,https://rustconf.example\n\
                   Meetup,2024-05-01 18:00:00,,\n\
                   ,2024-05-01,,\n\
                   Later,\"sometime - never\",,\n";
        let (events, errors) = read_events(csv.as_bytes()).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].name, "RustConf");
        assert_eq!(events[0].at, Some(ts("2024-04-08T07:00:00Z")));
        assert_eq!(events[0].ends_at, Some(ts("2024-04-08T17:00:00Z")));
        assert_eq!(events[0].status.as_deref(), Some("ATTENDING"));
        assert_eq!(events[0].url.as_deref(), Some("https://rustconf.example"));
        assert_eq!(events[1].at, Some(ts("2024-05-01T18:00:00Z")));
        assert_eq!(events[1].ends_at, None);
        assert_eq!(lines(&errors), [4, 5]);
    }

    #[test]
    fn an_export_folder_is_read_whole_and_gaps_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write(
            "Connections.csv",
            "Notes:\n\"Some notes\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
             Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CTO,12 Apr 2019\n\
             Bad,Date,https://www.linkedin.com/in/bad,,,,32 Apr 2019\n",
        );
        write(
            "MESSAGES.CSV",
            &format!(
                "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
                 c1,,Ana Lima,https://www.linkedin.com/in/ana,Me Myself,{ME},2023-05-04 10:12:33 UTC,,hi,INBOX\n"
            ),
        );
        write(
            "Invitations.csv",
            &format!(
                "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
                 Me Myself,Ana Lima,\"1/29/26, 2:37 PM\",,OUTGOING,{ME},https://www.linkedin.com/in/ana\n"
            ),
        );
        write(
            "Recommendations Received.csv",
            "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\nAna,Lima,,,Great,,VISIBLE\n",
        );
        write("Recommendations_Given.csv", "Not,A,Recommendation\n1,2,3\n");
        write(
            "endorsement_received_info.csv",
            "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n\
             2021/09/01 12:41:31 UTC,Rust,Ana,Lima,www.linkedin.com/in/ana,ACCEPTED\n",
        );
        write(
            "Profile.csv",
            "First Name,Last Name,Headline\nMe,Myself,Builder\n",
        );
        std::fs::create_dir(dir.path().join("Events.csv")).unwrap();

        let export = read_export_folder(dir.path());
        assert_eq!(export.connections.len(), 1);
        assert_eq!(export.connections[0].line, 5);
        assert_eq!(export.messages.len(), 1);
        assert_eq!(export.invitations.len(), 1);
        assert_eq!(export.recommendations.len(), 1);
        assert_eq!(export.endorsements.len(), 1);
        assert!(export.events.is_empty());
        assert_eq!(export.owner_name.as_deref(), Some("Me Myself"));
        assert_eq!(export.owner_url.as_deref(), Some(ME));
        assert_eq!(
            export.missing,
            ["Endorsement_Given_Info.csv", "Events.csv"],
            "a folder named like a file is not the file"
        );
        let errors: Vec<(&str, u64)> = export
            .errors
            .iter()
            .map(|(f, e)| (f.as_str(), e.line))
            .collect();
        assert_eq!(
            errors,
            [("Connections.csv", 6), ("Recommendations_Given.csv", 0)]
        );
        assert!(export.errors[1].1.message.contains("`First Name`"));

        let none = read_export_folder(&dir.path().join("no such folder"));
        assert_eq!(none.errors.len(), 1);
        assert_eq!(none.errors[0].1.line, 0);
        assert_eq!(none.missing.len(), EXPORT_FILES.len());
    }

    #[test]
    fn without_invitations_my_address_comes_from_the_messages() {
        let msg = |conv: &str, from: &str, to: &str| LinkedInMessage {
            line: 1,
            conversation_id: conv.to_owned(),
            conversation_title: None,
            from_name: String::new(),
            from_url: Some(from.to_owned()),
            to_names: Vec::new(),
            to_urls: vec![to.to_owned()],
            at: Timestamp::UNIX_EPOCH,
            subject: None,
            content: None,
            folder: None,
            draft: false,
        };
        let mut export = LinkedInExport {
            messages: vec![msg("c1", "a", ME), msg("c1", ME, "a"), msg("c2", "b", ME)],
            ..LinkedInExport::default()
        };
        assert_eq!(owner_url(&export).as_deref(), Some(ME));
        export.messages.truncate(2);
        assert_eq!(owner_url(&export), None, "one conversation cannot tell");
        export.owner_name = Some("Me Myself".into());
        export.messages[1].from_name = "Me Myself".into();
        assert_eq!(owner_url(&export).as_deref(), Some(ME));
    }

    #[test]
    fn no_input_makes_a_reader_panic() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for len in [0usize, 3, 40, 400] {
            for _ in 0..40 {
                let mut bytes =
                    b"CONVERSATION ID,FROM,DATE,TO,RECIPIENT PROFILE URLS,Direction,Sent At,First Name,Last Name,Creation Date,Skill Name,Endorser First Name,Endorsement Date,Event Name,Event Time\n"
                        .to_vec();
                for _ in 0..len {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let pick = b",\"\n\r:;/- 0123456789APMUTCaz\xff";
                    bytes.push(pick[(seed % pick.len() as u64) as usize]);
                }
                let _ = read_messages(bytes.as_slice());
                let _ = read_invitations(bytes.as_slice());
                let _ = read_recommendations(bytes.as_slice(), true);
                let _ = read_endorsements(bytes.as_slice());
                let _ = read_events(bytes.as_slice());
            }
        }
    }
}
