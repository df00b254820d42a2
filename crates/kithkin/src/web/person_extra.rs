//! The person page's additions: the brief (needs and offers, favours, ways to help, things
//! to ask about, mutual connections), the introductions involving them, and the edit form,
//! which posts to the same `App::edit_person` as `kithkin edit`.
//!
//! The edit form shows the profile's current values; on submit the lists (emails, tags,
//! circles, roles, facets) are compared with what the person has, and what was added or
//! removed becomes the `add`/`remove` changes `kithkin edit` would make. An emptied
//! organisation, title or cadence is cleared.

use super::State;
use super::pages::{PersonPage, error_page, load_person, not_found, page, see_other};
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use kithkin_app::AppError;
use kithkin_app::people::ProfileChanges;
use kithkin_core::PersonId;
use kithkin_core::person::PersonProfile;
use serde::Deserialize;

/// The edit route.
pub fn router() -> Router<State> {
    Router::new().route("/people/{id}/edit", post(edit))
}

/// A line of the brief: a text and a detail.
#[derive(Debug, Default)]
pub struct Item {
    /// The text.
    pub text: String,
    /// Beside it, muted.
    pub detail: String,
    /// A person's page it links to, if any.
    pub link: String,
}

/// What the page shows beyond the profile.
#[derive(Debug, Default)]
pub struct Extras {
    /// Their open needs.
    pub needs: Vec<Item>,
    /// Their open offers.
    pub offers: Vec<Item>,
    /// Their open goals.
    pub goals: Vec<String>,
    /// Favours between us, newest first.
    pub favours: Vec<Item>,
    /// Favours they did that I have not thanked.
    pub thanks_owed: Vec<Item>,
    /// Ways I could help them, and they me.
    pub ways: Vec<Item>,
    /// Life events since we last spoke.
    pub life_events: Vec<Item>,
    /// Open follow-ups with them.
    pub follow_ups: Vec<Item>,
    /// People we both know.
    pub mutual: Vec<Item>,
    /// The strength trend, "up 12 over 90 days".
    pub trend: String,
    /// Introductions involving them.
    pub intros: Vec<Item>,
}

/// The edit form's fields, as shown and as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub emails: String,
    #[serde(default)]
    pub phones: String,
    #[serde(default)]
    pub urls: String,
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub interests: String,
    #[serde(default)]
    pub expertise: String,
    #[serde(default)]
    pub circles: String,
    #[serde(default)]
    pub roles: String,
    /// One `key=value` per line.
    #[serde(default)]
    pub facets: String,
    #[serde(default)]
    pub cadence: String,
    #[serde(default)]
    pub summary: String,
}

impl EditForm {
    /// The form filled with the profile's current values.
    pub fn of(p: &PersonProfile, circles: &[String]) -> Self {
        EditForm {
            name: p.name.clone(),
            nickname: p.nickname.clone().unwrap_or_default(),
            organisation: p.organisation.clone().unwrap_or_default(),
            title: p.title.clone().unwrap_or_default(),
            emails: p.emails.join(", "),
            phones: p.phones.join(", "),
            urls: p.urls.join(", "),
            tags: p.tags.join(", "),
            interests: p.interests.join(", "),
            expertise: p.expertise.join(", "),
            circles: circles.join(", "),
            roles: p
                .roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            facets: p
                .facets
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("\n"),
            cadence: p.cadence.map(|c| c.to_string()).unwrap_or_default(),
            summary: p.summary.clone().unwrap_or_default(),
        }
    }
}

/// Splits a comma-separated list, blanks dropped.
fn split(s: &str) -> Vec<String> {
    s.split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn key(s: &str) -> String {
    kithkin_core::text::fold(s.trim())
}

/// What is in `new` and not in `old`, and what is in `old` and not in `new` (compared
/// without case and accents).
fn diff(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let added = new
        .iter()
        .filter(|n| !old.iter().any(|o| key(o) == key(n)))
        .cloned()
        .collect();
    let removed = old
        .iter()
        .filter(|o| !new.iter().any(|n| key(n) == key(o)))
        .cloned()
        .collect();
    (added, removed)
}

/// A scalar field: `Some` with the new value when it changed and is not empty; `true` in
/// the second place when it was emptied.
fn scalar(old: &str, new: &str) -> (Option<String>, bool) {
    let new = new.trim();
    if new == old.trim() {
        (None, false)
    } else if new.is_empty() {
        (None, true)
    } else {
        (Some(new.to_owned()), false)
    }
}

/// The changes `kithkin edit` would make to turn `current` into what the form holds.
pub fn changes(current: &EditForm, typed: &EditForm) -> ProfileChanges {
    let mut c = ProfileChanges::default();
    // the name cannot be cleared (an empty one is refused as any invalid name is)
    let name = typed.name.trim();
    if name != current.name.trim() {
        c.name = Some(name.to_owned());
    }
    (c.nickname, c.clear_nickname) = scalar(&current.nickname, &typed.nickname);
    (c.organisation, c.clear_organisation) = scalar(&current.organisation, &typed.organisation);
    (c.title, c.clear_title) = scalar(&current.title, &typed.title);
    (c.cadence, c.clear_cadence) = scalar(&current.cadence, &typed.cadence);
    (c.summary, c.clear_summary) = scalar(&current.summary, &typed.summary);
    (c.emails, c.remove_emails) = diff(&split(&current.emails), &split(&typed.emails));
    (c.phones, c.remove_phones) = diff(&split(&current.phones), &split(&typed.phones));
    (c.urls, c.remove_urls) = diff(&split(&current.urls), &split(&typed.urls));
    (c.tags, c.remove_tags) = diff(&split(&current.tags), &split(&typed.tags));
    (c.interests, c.remove_interests) = diff(&split(&current.interests), &split(&typed.interests));
    (c.expertise, c.remove_expertise) = diff(&split(&current.expertise), &split(&typed.expertise));
    (c.circles, c.remove_circles) = diff(&split(&current.circles), &split(&typed.circles));
    (c.roles, c.remove_roles) = diff(&split(&current.roles), &split(&typed.roles));
    // facets by key: set the lines that are new or changed, remove the keys no longer there
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (old, new) = (lines(&current.facets), lines(&typed.facets));
    let key_of = |l: &str| key(l.split_once('=').map_or(l, |(k, _)| k)).replace(' ', "_");
    c.facets = new
        .iter()
        .filter(|n| !old.iter().any(|o| key(o) == key(n)))
        .cloned()
        .collect();
    c.remove_facets = old
        .iter()
        .map(|o| key_of(o))
        .filter(|k| !new.iter().any(|n| key_of(n) == *k))
        .collect();
    c
}

fn when(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%d").to_string()
}

/// Loads the brief and the introductions of the person `id`.
pub async fn extras(state: &State, id: PersonId) -> Result<Extras, AppError> {
    let app = &state.app;
    let b = app.brief(&id.to_string()).await?;
    let help = |items: Vec<kithkin_core::exchange::HelpItem>| {
        items
            .into_iter()
            .map(|h| Item {
                detail: if h.tags.is_empty() {
                    String::new()
                } else {
                    h.tags.join(", ")
                },
                text: h.text,
                link: String::new(),
            })
            .collect()
    };
    let favour = |f: kithkin_app::exchange::FavourView| Item {
        text: format!("{} → {}: {}", f.giver_name, f.receiver_name, f.favour.text),
        detail: format!(
            "{}, {}, weight {}{}",
            f.favour.kind,
            when(f.favour.occurred_at),
            f.favour.weight,
            if f.favour.thanked_at.is_some() {
                ", thanked"
            } else {
                ""
            }
        ),
        link: String::new(),
    };
    let ways = b
        .ways_to_help
        .into_iter()
        .chain(b.ways_they_help)
        .map(|w| Item {
            text: w.reason,
            detail: format!("{:.0}% match", w.score * 100.0),
            link: String::new(),
        })
        .collect();
    let trend = match (&b.strength, b.strength_before) {
        (Some(now), Some(before)) => {
            let d = now.score - before;
            if d.abs() < 0.5 {
                format!("Steady over {} days.", kithkin_app::brief::TREND_DAYS)
            } else {
                format!(
                    "{} {:.0} over {} days.",
                    if d > 0.0 { "Up" } else { "Down" },
                    d.abs(),
                    kithkin_app::brief::TREND_DAYS
                )
            }
        }
        _ => String::new(),
    };
    let intros = app
        .intro_list(None)
        .await?
        .into_iter()
        .filter(|v| v.introduction.a == id || v.introduction.b == id)
        .map(|v| {
            let (other, other_name) = if v.introduction.a == id {
                (v.introduction.b, v.b_name)
            } else {
                (v.introduction.a, v.a_name)
            };
            Item {
                text: other_name,
                detail: format!(
                    "{}{}{}",
                    super::board::column_name(v.introduction.status),
                    v.introduction
                        .outcome
                        .map(|o| format!(" ({})", o.as_str().replace('_', " ")))
                        .unwrap_or_default(),
                    v.introduction
                        .reason
                        .map(|r| format!(": {r}"))
                        .unwrap_or_default()
                ),
                link: other.to_string(),
            }
        })
        .collect();
    Ok(Extras {
        needs: help(b.open_needs),
        offers: help(b.open_offers),
        goals: b.goals,
        favours: b.favours.into_iter().map(favour).collect(),
        thanks_owed: b.thanks_owed.into_iter().map(favour).collect(),
        ways,
        life_events: b
            .life_events
            .into_iter()
            .map(|e| Item {
                text: e.kind.as_str().replace('_', " "),
                detail: format!(
                    "{}{}",
                    e.on,
                    e.note.map(|n| format!(": {n}")).unwrap_or_default()
                ),
                link: String::new(),
            })
            .collect(),
        follow_ups: b
            .open_follow_ups
            .into_iter()
            .map(|f| Item {
                text: f.text,
                detail: format!("due {}", f.due_on),
                link: String::new(),
            })
            .collect(),
        mutual: b
            .mutual_connections
            .into_iter()
            .map(|k| Item {
                text: k.name,
                detail: String::new(),
                link: k.id.to_string(),
            })
            .collect(),
        trend,
        intros,
    })
}

/// Saves the edit form (303 back to the page), or the page again with the message (422;
/// 409 for an email that is someone else's).
async fn edit(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
    form: Result<Form<EditForm>, FormRejection>,
) -> Response {
    let Ok(pid) = id.parse::<PersonId>() else {
        return not_found().await;
    };
    let mut p: PersonPage = match load_person(&state, &id).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let typed = match form {
        Ok(Form(f)) => f,
        Err(e) => {
            p.error = e.body_text();
            p.error_form = "edit".to_owned();
            return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
        }
    };
    let changes = changes(&p.edit, &typed);
    match state.app.edit_person(&pid.to_string(), &changes).await {
        Ok(_) => see_other(&format!("/people/{pid}")),
        Err(AppError::UnknownPerson { .. }) => not_found().await,
        Err(e) if e.is_user_error() => {
            let status = match e {
                AppError::Conflict(_) => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            p.error = e.to_string();
            p.error_form = "edit".to_owned();
            p.edit = typed;
            page(status, &p)
        }
        Err(e) => error_page(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(tags: &str, facets: &str, org: &str) -> EditForm {
        EditForm {
            name: "Ada".into(),
            tags: tags.into(),
            facets: facets.into(),
            organisation: org.into(),
            ..EditForm::default()
        }
    }

    #[test]
    fn the_form_becomes_the_changes_kithkin_edit_makes() {
        let old = form(
            "math, Poetry",
            "industry=computing\nregion=UK",
            "Analytical",
        );
        let new = form("poetry, engines", "industry=finance\nregion=UK", "");
        let c = changes(&old, &new);
        assert_eq!(c.name, None);
        assert_eq!(c.tags, ["engines"]);
        assert_eq!(c.remove_tags, ["math"]);
        assert_eq!(c.facets, ["industry=finance"]);
        assert!(c.remove_facets.is_empty());
        assert!(c.clear_organisation);
        assert_eq!(c.organisation, None);
        let c = changes(&old, &form("math, Poetry", "region=UK", "Analytical"));
        assert_eq!(c.remove_facets, ["industry"]);
        assert!(c.tags.is_empty() && c.remove_tags.is_empty() && !c.clear_organisation);
        let same = changes(&old, &old);
        assert!(same.facets.is_empty() && same.remove_facets.is_empty() && same.name.is_none());
    }

    #[test]
    fn emptying_the_nickname_or_the_summary_clears_it() {
        let old = EditForm {
            name: "Ada".into(),
            nickname: "Countess".into(),
            summary: "Wrote the first program.".into(),
            ..EditForm::default()
        };
        let cleared = changes(
            &old,
            &EditForm {
                name: "Ada".into(),
                nickname: "  ".into(),
                ..EditForm::default()
            },
        );
        assert!(cleared.clear_nickname && cleared.clear_summary);
        assert_eq!((cleared.nickname, cleared.summary), (None, None));
        let changed = changes(
            &old,
            &EditForm {
                name: "Ada".into(),
                nickname: "Ada L.".into(),
                summary: old.summary.clone(),
                ..EditForm::default()
            },
        );
        assert!(!changed.clear_nickname && !changed.clear_summary);
        assert_eq!(
            (changed.nickname.as_deref(), changed.summary),
            (Some("Ada L."), None)
        );
    }
}
