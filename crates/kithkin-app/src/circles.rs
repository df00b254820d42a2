//! Circles: creating them, adding and removing members, listing them.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use kithkin_core::CircleId;
use kithkin_core::batch::Batch;
use kithkin_core::cadence::Cadence;
use kithkin_core::circle::Circle;
use kithkin_store::CircleSummary;

impl App {
    /// Creates a circle; refuses a name already taken (compared without case or accents).
    pub async fn create_circle(&self, name: &str, cadence: Option<&str>) -> Result<Circle> {
        if self.store.circle_by_name(name).await?.is_some() {
            return Err(AppError::Conflict(format!(
                "a circle named {:?} already exists",
                name.trim()
            )));
        }
        let cadence = cadence.map(str::parse::<Cadence>).transpose()?;
        let circle = Circle {
            id: CircleId(new_uuid()),
            name: name.trim().to_owned(),
            cadence,
        };
        circle.validate()?;
        self.store
            .write(
                &Batch {
                    circles: vec![circle.clone()],
                    ..Batch::new()
                },
                self.timestamp(),
            )
            .await?;
        Ok(circle)
    }

    async fn existing_circle(&self, name: &str) -> Result<Circle> {
        self.store.circle_by_name(name).await?.ok_or_else(|| {
            AppError::NotFound(format!(
                "no circle named {name:?}; create it with `kithkin circle create`"
            ))
        })
    }

    /// Adds people to a circle; returns the circle, how many joined and how many distinct
    /// people were named.
    pub async fn circle_add(&self, name: &str, people: &[String]) -> Result<(Circle, u64, u64)> {
        let circle = self.existing_circle(name).await?;
        let ids = self.resolve_all(people).await?;
        let added = self.store.add_members(circle.id, &ids).await?;
        Ok((circle, added, ids.len() as u64))
    }

    /// Removes people from a circle; returns the circle and how many left.
    pub async fn circle_remove(&self, name: &str, people: &[String]) -> Result<(Circle, u64)> {
        let circle = self.existing_circle(name).await?;
        let ids = self.resolve_all(people).await?;
        let removed = self.store.remove_members(circle.id, &ids).await?;
        Ok((circle, removed))
    }

    /// Every circle with its member count.
    pub async fn circles(&self) -> Result<Vec<CircleSummary>> {
        Ok(self.store.circles().await?)
    }
}
