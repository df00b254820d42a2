//! The web server: the web UI and the JSON API over one [`App`], built as an axum [`Router`]
//! so tests drive it with `oneshot` and no socket.
//!
//! Every request goes through [`security::guard`]: Host allow-list (DNS rebinding), the access
//! token when `--auth` is on, a CSRF check on state-changing methods, and security headers on
//! every response.

mod api;
mod pages;
mod security;
// the pages beyond Today, People and a person's (see pages.rs for the router)
mod board;
mod charts;
mod import_page;
mod network_svg;
mod people_page;
mod person_extra;
mod reports;
mod review_page;
#[cfg(test)]
mod page_tests;
#[cfg(test)]
mod tests;

use axum::Router;
use kithkin_app::App;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// How the server was started: what it accepts and which secrets it checks.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address the server is bound to.
    pub bind: IpAddr,
    /// The port it listens on.
    pub port: u16,
    /// The access token required on every request (`--auth`), if any.
    pub auth_token: Option<String>,
    /// The secret in the calendar feed's URL.
    pub calendar_token: String,
}

impl Config {
    /// The Host header values accepted: the bound address and the loopback names, with the port.
    pub fn allowed_hosts(&self) -> Vec<String> {
        let port = self.port;
        let mut hosts = vec![
            SocketAddr::new(self.bind, port).to_string(),
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ];
        hosts.sort();
        hosts.dedup();
        hosts
    }

    /// The URL to open in a browser.
    pub fn base_url(&self) -> String {
        format!("http://{}/", SocketAddr::new(self.bind, self.port))
    }
}

/// What every handler shares: the app and the configuration.
#[derive(Debug)]
pub struct Shared {
    /// The application.
    pub app: App,
    /// How the server was started.
    pub config: Config,
    /// The Host values accepted, lower case.
    hosts: Vec<String>,
    /// Any Host is accepted: bound to every interface (0.0.0.0 or ::) with an access token,
    /// where the names the machine is reached by are not known in advance and the token, not
    /// the Host, keeps a rebinding page out.
    any_host: bool,
}

/// The state handed to handlers.
pub type State = Arc<Shared>;

impl Shared {
    /// Shares `app` under `config`.
    pub fn new(app: App, config: Config) -> State {
        let hosts = config.allowed_hosts();
        let any_host = config.bind.is_unspecified() && config.auth_token.is_some();
        Arc::new(Shared {
            app,
            config,
            hosts,
            any_host,
        })
    }
}

/// A random secret: 32 bytes from the operating system, in hex.
pub fn random_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot get random bytes for a token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The calendar feed's secret for the database at `location`: kept in a file beside an
/// SQLite database (`kithkin.db.calendar-token`, readable by the owner only) so subscriptions
/// survive restarts; a new one per start for a PostgreSQL server, which has no such place.
/// Delete the file to revoke every subscription.
pub fn calendar_token(location: &str) -> anyhow::Result<(String, Option<std::path::PathBuf>)> {
    let t = location.trim();
    if t.starts_with("postgres://") || t.starts_with("postgresql://") {
        return Ok((random_token()?, None));
    }
    let db = t
        .strip_prefix("sqlite://")
        .or_else(|| t.strip_prefix("sqlite:"))
        .unwrap_or(t);
    let path = std::path::PathBuf::from(format!("{db}.calendar-token"));
    match std::fs::read_to_string(&path) {
        Ok(s) if is_token(s.trim()) => return Ok((s.trim().to_owned(), Some(path))),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(anyhow::anyhow!(
                "cannot read the calendar token {}: {e}",
                path.display()
            ));
        }
    }
    let token = random_token()?;
    write_private(&path, &token)
        .map_err(|e| anyhow::anyhow!("cannot save the calendar token {}: {e}", path.display()))?;
    Ok((token, Some(path)))
}

fn is_token(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn write_private(path: &std::path::Path, token: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(format!("{token}\n").as_bytes())
}

/// The whole server: pages, the calendar feed, the JSON API and its OpenAPI document, behind
/// the security layer.
pub fn router(state: State) -> Router {
    let (api, openapi) = api::router();
    let openapi = Arc::new(openapi);
    Router::new()
        .merge(pages::router())
        .merge(api)
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let doc = Arc::clone(&openapi);
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            security::guard,
        ))
        .with_state(state)
}
