//! Kithkin's domain: the people you know and everything you remember about them, as plain
//! data with validation, plus the pure computations over them.
//!
//! This crate does no I/O: no database, no files, no network and no clock. Time is always a
//! parameter (`now`), so every rule here is testable with fixed dates.
//!
//! ```
//! use kithkin_core::person::PersonProfile;
//! let profile = PersonProfile::named("Zoë Ångström");
//! assert!(profile.validate().is_ok());
//! assert_eq!(kithkin_core::text::name_key("Zoë Ångström"), "zoe angstrom");
//! ```
#![deny(missing_docs)]

#[macro_use]
mod named_enum;
pub mod agenda;
pub mod backup;
pub mod batch;
pub mod cadence;
pub mod circle;
pub mod collaboration;
pub mod community;
pub mod dates;
pub mod diversity;
pub mod dupes;
pub mod error;
pub mod event;
pub mod exchange;
pub mod facet;
#[cfg(test)]
mod fixtures;
pub mod follow_up;
pub mod goal;
pub mod gratitude;
pub mod id;
pub mod interaction;
pub mod introduction;
pub mod knows;
pub mod life_event;
pub mod matcher;
pub mod note;
pub mod organisation;
pub mod paths;
pub mod period;
pub mod person;
pub mod reciprocity;
pub mod resolve;
pub mod strength;
pub mod structure;
pub mod suggest;
pub mod synth;
pub mod text;
pub mod time_invested;
pub mod when;

pub use error::{Validation, ValidationError};
pub use id::*;
