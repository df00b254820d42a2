//! Keeping-in-touch benchmark: `today` and `strength` on generated databases of 10k and 100k
//! people (about 20 interactions each), and how the time grows with size.
//!
//! Run with `cargo bench -p kithkin --bench keeping_in_touch`. `KITHKIN_BENCH_SIZES` changes
//! the sizes (comma-separated, default `10000,100000`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kithkin_app::{App, FixedClock};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::var("KITHKIN_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut rows: Vec<(usize, usize, f64, f64, usize, usize)> = Vec::new();
    for &people in &sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let location = dir.path().join("bench.db").display().to_string();
        rt.block_on(async {
            let now: jiff::Zoned = "2026-11-26T12:00:00[UTC]".parse().expect("fixed now");
            let app = App::open(&location, Box::new(FixedClock(now))).await.expect("open");
            let generated = app.generate(people, 42, |_| {}).await.expect("generate");
            let mut today_times = Vec::new();
            let mut items = 0;
            for _ in 0..5 {
                let t = Instant::now();
                items = app.today(None).await.expect("today").items.len();
                today_times.push(t.elapsed());
            }
            let mut strength_times = Vec::new();
            let mut scored = 0;
            for _ in 0..3 {
                let t = Instant::now();
                scored = app.strength_list(None).await.expect("strength").len();
                strength_times.push(t.elapsed());
            }
            let today = median(today_times).as_secs_f64() * 1e3;
            let strength = median(strength_times).as_secs_f64() * 1e3;
            println!(
                "{people:>7} people {:>8} interactions: today {today:>8.1} ms ({items} items), strength {strength:>8.1} ms ({scored} people)",
                generated.interactions
            );
            rows.push((people, generated.interactions, today, strength, items, scored));
            app.close().await;
        });
    }
    if let (Some(first), Some(last)) = (rows.first(), rows.last())
        && last.0 > first.0
    {
        let size = last.0 as f64 / first.0 as f64;
        println!(
            "growth for {size:.0}x people: today {:.1}x, strength {:.1}x (linear would be {size:.0}x)",
            last.2 / first.2,
            last.3 / first.3
        );
    }
}
