//! `kithkin report reciprocity [--at DATE]`: give and take per person.

use super::Ctx;
use super::output;
use kithkin_app::App;

pub async fn run(at: Option<String>, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    {
        {
            let report = app.reciprocity_report(at.as_deref()).await?;
            if ctx.json {
                return output::json(&report);
            }
            let t = &report.totals;
            let mut out = vec![
                format!(
                    "Across {} people: given {:.1}, received {:.1}, balance {:+.1}; {} one-sided",
                    t.people, t.given, t.received, t.balance, t.one_sided
                ),
                format!(
                    "(favours weigh 1-3 and halve every {:.0} days; one-sided = one side has {:.0}% of at least {:.1})",
                    report.half_life_days,
                    report.one_sided_share * 100.0,
                    report.min_total
                ),
                String::new(),
                format!(
                    "{:<28} {:>6} {:>9} {:>8}  flag",
                    "person", "given", "received", "balance"
                ),
            ];
            for p in &report.people {
                let b = &p.balance;
                let flag = b.reason.clone().unwrap_or_default();
                out.push(format!(
                    "{:<28} {:>6.1} {:>9.1} {:>+8.1}  {flag}",
                    p.name, b.given, b.received, b.balance
                ));
            }
            output::lines(out)
        }
    }
}
