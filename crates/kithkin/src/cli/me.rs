//! `kithkin me [--email ADDR]...`: who I am, and my own addresses (mail import tells sent
//! from received mail by them).

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_app::people::ProfileChanges;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// One of my email addresses (repeatable).
    #[arg(long = "email", value_name = "ADDR")]
    emails: Vec<String>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    if !a.emails.is_empty() {
        let changes = ProfileChanges {
            emails: a.emails,
            ..ProfileChanges::default()
        };
        app.edit_person("me", &changes).await?;
    }
    let me = app.person(app.me().await?).await?;
    if ctx.json {
        return output::json(&serde_json::json!({
            "id": me.id, "name": me.profile.name, "emails": me.profile.emails,
        }));
    }
    let emails = if me.profile.emails.is_empty() {
        "no email addresses yet (add them with `kithkin me --email ADDR`)".to_owned()
    } else {
        me.profile.emails.join(", ")
    };
    output::lines([format!("{}: {emails}", me.profile.name)])
}
