//! A macro for closed sets of named values (kinds, statuses), each parsed from and shown as
//! its lowercase name, with an error that lists the accepted names.

/// Defines an enum whose variants have stable lowercase names used in the CLI, the JSON
/// shapes and the database.
#[macro_export]
macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name, as typed, shown and stored.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_lowercase().replace(['-', ' '], "_");
                $name::ALL.iter().copied().find(|v| v.as_str() == wanted).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::error::ValidationError::new(
                        $what,
                        s,
                        format!("is not a known {}; use one of {}", $what, names.join(", ")),
                    )
                })
            }
        }
    };
}
