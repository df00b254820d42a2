// Merging two people: everything recorded about `drop` moves onto `keep`, in one transaction,
// and `drop` is deleted. Included by `backend.rs` once per backend, with `Db` and `DIALECT`
// in scope.

use crate::key::{Key, key};
use super::{DIALECT, Db};
use crate::error::{Result, StoreError};
use kithkin_core::PersonId;
use sqlx::Pool;

/// Moves everything about `drop` onto `keep` and deletes `drop`; returns (what, how many)
/// for everything that moved. Rows that would duplicate one `keep` already has (the same
/// circle, event, collaboration or interaction) are folded into it; a knows link to someone
/// both knew keeps the stronger strength; links and introductions between the two vanish.
/// Contact details, labels and facets are not moved: the caller saves `keep`'s merged
/// profile.
pub(crate) async fn merge_people(pool: &Pool<Db>, keep: PersonId, drop: PersonId) -> Result<Vec<(&'static str, u64)>> {
    let (k, d) = (key(keep), key(drop));
    let mut tx = pool.begin_with(DIALECT.begin_write).await?;
    for id in [&k, &d] {
        let found: Option<(Key,)> =
            sqlx::query_as("SELECT id FROM people WHERE id = $1").bind(id.clone()).fetch_optional(&mut *tx).await?;
        if found.is_none() {
            return Err(StoreError::Missing { what: "person", id: id.to_string() });
        }
    }
    let mut moved: Vec<(&'static str, u64)> = Vec::new();
    macro_rules! run {
        ($sql:expr) => {
            sqlx::query($sql).bind(k.clone()).bind(d.clone()).execute(&mut *tx).await?.rows_affected()
        };
    }
    // memberships: drop duplicates, move the rest
    for (table, column, label) in [
        ("circle_members", "circle_id", "circle memberships"),
        ("event_attendees", "event_id", "event attendances"),
        ("collaboration_members", "collaboration_id", "collaborations"),
        ("org_memberships", "organisation_id", "organisation memberships"),
    ] {
        let dup = format!(
            "DELETE FROM {table} WHERE person_id = $2 AND {column} IN (SELECT {column} FROM {table} WHERE person_id = $1)"
        );
        let dropped = sqlx::query(sqlx::AssertSqlSafe(dup)).bind(k.clone()).bind(d.clone()).execute(&mut *tx).await?.rows_affected();
        let update = format!("UPDATE {table} SET person_id = $1 WHERE person_id = $2");
        let n = sqlx::query(sqlx::AssertSqlSafe(update)).bind(k.clone()).bind(d.clone()).execute(&mut *tx).await?.rows_affected();
        moved.push((label, n + dropped));
    }
    // interactions both were in: one participant fewer
    run!(
        "DELETE FROM interaction_participants WHERE person_id = $2 AND interaction_id IN \
         (SELECT interaction_id FROM interaction_participants WHERE person_id = $1)"
    );
    moved.push(("interactions", run!("UPDATE interaction_participants SET person_id = $1 WHERE person_id = $2")));
    run!(
        "UPDATE interactions SET participants = (SELECT COUNT(*) FROM interaction_participants p \
         WHERE p.interaction_id = interactions.id) \
         WHERE id IN (SELECT interaction_id FROM interaction_participants WHERE person_id = $1) AND $2 <> ''"
    );
    run!(
        "UPDATE interaction_participants SET participants = (SELECT i.participants FROM interactions i \
         WHERE i.id = interaction_participants.interaction_id) \
         WHERE interaction_id IN (SELECT interaction_id FROM interaction_participants WHERE person_id = $1) AND $2 <> ''"
    );
    moved.push(("notes", run!("UPDATE notes SET person_id = $1 WHERE person_id = $2")));
    run!("UPDATE search_docs SET person_id = $1 WHERE person_id = $2 AND note_id IS NOT NULL");
    moved.push(("dates", run!("UPDATE important_dates SET person_id = $1 WHERE person_id = $2")));
    moved.push(("life events", run!("UPDATE life_events SET person_id = $1 WHERE person_id = $2")));
    moved.push(("needs and offers", run!("UPDATE help_items SET person_id = $1 WHERE person_id = $2")));
    moved.push(("follow-ups", run!("UPDATE follow_ups SET person_id = $1 WHERE person_id = $2")));
    moved.push(("goals", run!("UPDATE goals SET owner_id = $1 WHERE owner_id = $2")));
    moved.push((
        "favours",
        run!("UPDATE favours SET giver_id = $1 WHERE giver_id = $2") + run!("UPDATE favours SET receiver_id = $1 WHERE receiver_id = $2"),
    ));
    // introductions between the two make no sense any more
    run!("DELETE FROM introductions WHERE (person_a = $1 AND person_b = $2) OR (person_a = $2 AND person_b = $1)");
    moved.push((
        "introductions",
        run!("UPDATE introductions SET person_a = $1 WHERE person_a = $2") + run!("UPDATE introductions SET person_b = $1 WHERE person_b = $2"),
    ));
    // knows: re-key onto keep (ordered pair), keeping the stronger link
    let rekey = format!(
        "INSERT INTO knows (person_a, person_b, strength, source, updated_at) \
         SELECT CASE WHEN o < $1 THEN o ELSE $1 END, CASE WHEN o < $1 THEN $1 ELSE o END, strength, source, updated_at FROM \
         (SELECT CASE WHEN person_a = $2 THEN person_b ELSE person_a END AS o, strength, source, updated_at \
          FROM knows WHERE person_a = $2 OR person_b = $2) moved WHERE o <> $1{}",
        DIALECT.knows_keep_stronger
    );
    let n = sqlx::query(sqlx::AssertSqlSafe(rekey)).bind(k.clone()).bind(d.clone()).execute(&mut *tx).await?.rows_affected();
    run!("DELETE FROM knows WHERE person_a = $2 OR person_b = $2 OR ($1 = '' AND 1 = 0)");
    moved.push(("knows links", n));
    run!("UPDATE person_sources SET person_id = $1 WHERE person_id = $2");
    run!("UPDATE people SET introduced_by = $1 WHERE introduced_by = $2");
    run!("UPDATE people SET introduced_by = NULL WHERE id = $1 AND introduced_by = $1 AND $2 <> ''");
    run!("UPDATE settings SET value = $1 WHERE key = 'me' AND value = $2");
    run!("DELETE FROM people WHERE id = $2 AND $1 <> ''");
    tx.commit().await?;
    Ok(moved)
}
