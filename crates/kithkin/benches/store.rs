//! Store benchmark: bulk insert of a generated network (100k people and about 2M interactions
//! by default), then `list` and `search` on that database.
//!
//! Run with `cargo bench -p kithkin --bench store`. `KITHKIN_BENCH_PEOPLE` changes the size;
//! `KITHKIN_BENCH_DB` points at a database location (a file path, or a `postgres://` URL of an
//! empty database) instead of a temporary SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kithkin_app::{App, FixedClock};
use kithkin_store::PeopleFilter;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn time<T, F: std::future::Future<Output = T>>(
    runs: usize,
    mut f: impl FnMut() -> F,
) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f().await);
        times.push(t.elapsed());
    }
    (median(times), last.expect("runs > 0"))
}

fn main() {
    let people: usize = std::env::var("KITHKIN_BENCH_PEOPLE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let location = std::env::var("KITHKIN_BENCH_DB")
        .unwrap_or_else(|_| dir.path().join("bench.db").display().to_string());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let now: jiff::Zoned = "2026-11-26T12:00:00[UTC]".parse().expect("fixed now");
        let app = App::open(&location, Box::new(FixedClock(now))).await.expect("open");
        println!("store benchmark on {} ({people} people)", app.store().backend_name());

        let t = Instant::now();
        let generated = app.generate(people, 42, |_| {}).await.expect("generate");
        let insert = t.elapsed();
        println!(
            "insert  {:>8} people {:>9} interactions {:>8} knows  {:>7.2} s  ({:.0} interactions/s)",
            generated.people,
            generated.interactions,
            generated.knows,
            insert.as_secs_f64(),
            generated.interactions as f64 / insert.as_secs_f64()
        );
        let store = app.store();

        let all = PeopleFilter::default();
        let (d, n) = time(5, || async { store.list_people(&all).await.expect("list").len() }).await;
        println!("list    all people                      {n:>7} rows  {:>9.1} ms", d.as_secs_f64() * 1e3);

        let limited = PeopleFilter { limit: Some(50), ..PeopleFilter::default() };
        let (d, n) = time(20, || async { store.list_people(&limited).await.expect("list").len() }).await;
        println!("list    --limit 50                      {n:>7} rows  {:>9.1} ms", d.as_secs_f64() * 1e3);

        let by_facet = PeopleFilter { facets: vec![("region".into(), "europe".into())], ..PeopleFilter::default() };
        let (d, n) = time(5, || async { store.list_people(&by_facet).await.expect("list").len() }).await;
        println!("list    --facet region=europe           {n:>7} rows  {:>9.1} ms", d.as_secs_f64() * 1e3);

        let by_role = PeopleFilter { roles: vec![kithkin_core::person::Role::Mentor], ..PeopleFilter::default() };
        let (d, n) = time(5, || async { store.list_people(&by_role).await.expect("list").len() }).await;
        println!("list    --role mentor                   {n:>7} rows  {:>9.1} ms", d.as_secs_f64() * 1e3);

        let some_name = store.list_people(&limited).await.expect("list")[7].name.clone();
        let last_word = some_name.split(' ').next_back().unwrap_or("x").to_owned();
        let vocabulary_word = "climate".to_owned();
        for q in [some_name.as_str(), last_word.as_str(), vocabulary_word.as_str(), "appl", "zzzz-nothing"] {
            let (d, n) = time(20, || async { store.search(q, 20).await.expect("search").len() }).await;
            println!("search  {:<32}{n:>7} hits  {:>9.2} ms", format!("{q:?}"), d.as_secs_f64() * 1e3);
        }
        let (d, _) = time(20, || async { app.resolve(&some_name).await.expect("resolve") }).await;
        println!("resolve {:<32}{:>12}  {:>9.2} ms", format!("{some_name:?}"), "", d.as_secs_f64() * 1e3);
        app.close().await;
    });
}
