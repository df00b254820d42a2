//! `kithkin gen`: a deterministic synthetic network written into an empty database, for
//! benchmarks and scale tests. The network itself comes from `kithkin_core::synth`.

use crate::App;
use crate::error::Result;
use kithkin_core::batch::Batch;
use kithkin_core::synth::{GenConfig, Generator, Planted};

/// What `gen` wrote.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Generated {
    /// People, me included.
    pub people: usize,
    /// Interactions.
    pub interactions: usize,
    /// Knows links.
    pub knows: usize,
    /// Notes.
    pub notes: usize,
    /// Needs and offers.
    pub help_items: usize,
    /// Favours.
    pub favours: usize,
    /// Important dates.
    pub dates: usize,
    /// What was planted for each person (closeness to me, community).
    #[serde(skip)]
    pub planted: Vec<Planted>,
}

/// People written per transaction: large enough to amortise commits, small enough to keep
/// memory flat at any size.
pub const PEOPLE_PER_BATCH: usize = 25_000;

impl App {
    /// Generates `people` contacts from `seed` into this (empty) database. `progress` is
    /// called after each batch with the number of people written so far.
    pub async fn generate(
        &self,
        people: usize,
        seed: u64,
        mut progress: impl FnMut(usize),
    ) -> Result<Generated> {
        let existing_me = self
            .require_empty("`gen` writes only into an empty database (use --db NEW_FILE)")
            .await?;
        let now = self.timestamp();
        let mut generator = Generator::new(GenConfig::new(people, seed, now));
        let generated_me = generator.me();
        let generated_me_id = generated_me.id;
        if existing_me.is_none() {
            self.store
                .write(
                    &Batch {
                        people: vec![generated_me],
                        ..Batch::new()
                    },
                    now,
                )
                .await?;
            self.store.set_me(generated_me_id).await?;
        }
        let mut out = Generated {
            people: 1,
            ..Generated::default()
        };
        while let Some((mut batch, planted)) = generator.next_batch(PEOPLE_PER_BATCH) {
            if let Some(me) = existing_me {
                batch.replace_person(generated_me_id, me);
            }
            self.store.write(&batch, now).await?;
            out.people += batch.people.len();
            out.interactions += batch.interactions.len();
            out.knows += batch.knows.len();
            out.notes += batch.notes.len();
            out.help_items += batch.help_items.len();
            out.favours += batch.favours.len();
            out.dates += batch.dates.len();
            out.planted.extend(planted);
            progress(out.people - 1);
        }
        Ok(out)
    }
}
