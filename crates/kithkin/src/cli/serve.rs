//! `kithkin serve [--port 7777] [--bind 127.0.0.1] [--auth]`: the web UI and the JSON API.

use super::Ctx;
use crate::web;
use anyhow::Context;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 7777)]
    port: u16,

    /// The address to listen on. Anything but a loopback address needs --auth.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,

    /// Require an access token, generated and printed at start, on every request.
    #[arg(long)]
    auth: bool,
}

pub async fn run(a: Args, ctx: &Ctx) -> anyhow::Result<()> {
    if !a.bind.is_loopback() && !a.auth {
        anyhow::bail!(
            "refusing to serve on {} without --auth: anyone on the network could read and change your data",
            a.bind
        );
    }
    let app = ctx.app().await?;
    let (calendar_token, token_file) = web::calendar_token(&ctx.location()?)?;
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(a.bind, a.port))
        .await
        .with_context(|| format!("cannot listen on {}", SocketAddr::new(a.bind, a.port)))?;
    let port = listener.local_addr()?.port();
    let config = web::Config {
        bind: a.bind,
        port,
        auth_token: if a.auth {
            Some(web::random_token()?)
        } else {
            None
        },
        calendar_token,
    };
    let base = config.base_url();
    match &config.auth_token {
        Some(token) => {
            println!("Kithkin at {base}?token={token}");
            println!("  access token (Authorization: Bearer …): {token}");
        }
        None => println!("Kithkin at {base}"),
    }
    let lasts = match &token_file {
        Some(file) => format!("its secret is kept in {}", file.display()),
        None => "valid while this server runs".to_owned(),
    };
    println!(
        "  calendar feed ({lasts}): {base}calendar.ics?token={}",
        config.calendar_token
    );
    println!("  JSON API: {base}api/v1  (OpenAPI: {base}api/openapi.json)");
    println!("  Ctrl-C to stop.");
    let state = web::Shared::new(app, config);
    let router = web::router(std::sync::Arc::clone(&state));
    let served = axum::serve(listener, router)
        .with_graceful_shutdown(async {
            if let Err(e) = tokio::signal::ctrl_c().await {
                eprintln!(
                    "kithkin serve: cannot listen for Ctrl-C ({e}); stop the process instead"
                );
                std::future::pending::<()>().await;
            }
            eprintln!("kithkin serve: stopping");
        })
        .await;
    if let Ok(shared) = std::sync::Arc::try_unwrap(state) {
        shared.app.close().await;
    }
    served.context("the server failed")
}
