//! The security layer of the local server.
//!
//! - **Host allow-list**: a page on another site that rebinds its DNS name to 127.0.0.1 still
//!   sends its own name as Host, so anything but the bound address and the loopback names
//!   (with the port) is refused with 403. Bound to every interface (`--bind 0.0.0.0`, which
//!   needs `--auth`), any Host is accepted: the access token keeps a rebinding page out.
//! - **Access token** (`--auth`): `Authorization: Bearer TOKEN`, or the `kithkin_token` cookie
//!   that visiting `/?token=TOKEN` sets. The calendar feed has its own secret instead, since
//!   calendar apps send neither.
//! - **CSRF**: POST, PUT, PATCH and DELETE need `Sec-Fetch-Site: same-origin` (or `none`, a
//!   request the user typed), or an `Origin` equal to the served origin. A request carrying the
//!   valid bearer token is exempt: browsers never add that header on their own.
//! - **Headers** on every response: a CSP without inline scripts or styles,
//!   `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`.

use super::State;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The cookie holding the access token.
pub const TOKEN_COOKIE: &str = "kithkin_token";

/// Checks a request, runs it, and adds the security headers to whatever comes back.
pub async fn guard(
    axum::extract::State(state): axum::extract::State<State>,
    req: Request,
    next: Next,
) -> Response {
    let mut response = match check(&state, &req) {
        Ok(()) => next.run(req).await,
        Err(refused) => *refused,
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{why}\n"),
    )
        .into_response()
}

/// The request's Host, lower case: the header, or the URI's authority (HTTP/2).
fn host(req: &Request) -> Option<String> {
    req.headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| req.uri().authority().map(|a| a.as_str().to_owned()))
        .map(|h| h.to_ascii_lowercase())
}

fn check(state: &State, req: &Request) -> Result<(), Box<Response>> {
    let Some(host) = host(req).filter(|h| state.any_host || state.hosts.iter().any(|a| a == h))
    else {
        return Err(Box::new(refuse(
            StatusCode::FORBIDDEN,
            "refused: this server only answers to its own address (Host header not allowed)",
        )));
    };
    let mut bearer = false;
    if let Some(token) = &state.config.auth_token {
        let path = req.uri().path();
        if path == "/calendar.ics" {
            // its own secret, checked by the handler
        } else if let Some(given) = bearer_token(req.headers()) {
            if !same_secret(given, token) {
                return Err(Box::new(refuse(
                    StatusCode::UNAUTHORIZED,
                    "refused: wrong access token",
                )));
            }
            bearer = true;
        } else if cookie(req.headers(), TOKEN_COOKIE).is_some_and(|c| same_secret(c, token)) {
            // a browser that visited /?token=…
        } else if path == "/"
            && let Some(given) = query_param(req.uri().query(), "token")
        {
            if !same_secret(&given, token) {
                return Err(Box::new(refuse(
                    StatusCode::UNAUTHORIZED,
                    "refused: wrong access token",
                )));
            }
            return Err(Box::new(login(token)));
        } else {
            return Err(Box::new(refuse(
                StatusCode::UNAUTHORIZED,
                "refused: this server needs its access token (open the URL printed at start, or send Authorization: Bearer TOKEN)",
            )));
        }
    }
    let changes_state = !matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    if changes_state && !bearer && !same_origin(req.headers(), &host) {
        return Err(Box::new(refuse(
            StatusCode::FORBIDDEN,
            "refused: cross-site request (send Sec-Fetch-Site: same-origin or an Origin equal to this server)",
        )));
    }
    Ok(())
}

/// Sets the token cookie and sends the browser to the Today page, so the token leaves the
/// address bar and the history.
fn login(token: &str) -> Response {
    let cookie = format!("{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    match HeaderValue::from_str(&cookie) {
        Ok(cookie) => (
            StatusCode::SEE_OTHER,
            [
                (header::SET_COOKIE, cookie),
                (header::LOCATION, HeaderValue::from_static("/")),
            ],
        )
            .into_response(),
        Err(_) => refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot set the token cookie",
        ),
    }
}

/// Whether a state-changing request comes from this server's own pages.
fn same_origin(headers: &HeaderMap, host: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .is_some_and(|o| o.eq_ignore_ascii_case(&format!("http://{host}")))
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// One query parameter, as given (tokens are hex: no decoding needed).
pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// Compares secrets in time independent of where they differ.
pub fn same_secret(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
