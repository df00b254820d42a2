//! The router, driven with `oneshot`: every route, the security layer, the OpenAPI document.

// tests only: a failed unwrap is a failed test; no user input reaches this code
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::{Config, Shared, State, router};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt;
use kithkin_app::{App, FixedClock};
use std::net::{IpAddr, Ipv4Addr};
use tower::ServiceExt;

pub(super) const HOST: &str = "127.0.0.1:7777";
const CAL: &str = "c0ffee";

struct Fixture {
    state: State,
    _dir: tempfile::TempDir,
}

/// The server's state over a new database in a temporary folder (kept alive by the second
/// value), on 127.0.0.1:7777 with the calendar token [`CAL`], a fixed clock, optionally the
/// demo network and an access token: what every web test file starts from.
pub(super) async fn open_state(auth: Option<&str>, demo: bool) -> (State, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kithkin.db");
    let now: jiff::Zoned = "2026-03-01T09:00:00+01:00[Europe/Paris]".parse().unwrap();
    let app = App::open(&db.display().to_string(), Box::new(FixedClock(now)))
        .await
        .unwrap();
    if demo {
        app.demo().await.unwrap();
    }
    let config = Config {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 7777,
        auth_token: auth.map(str::to_owned),
        calendar_token: CAL.to_owned(),
    };
    (Shared::new(app, config), dir)
}

async fn fixture(auth: Option<&str>, demo: bool) -> Fixture {
    let (state, dir) = open_state(auth, demo).await;
    Fixture { state, _dir: dir }
}

impl Fixture {
    async fn send(&self, req: Request<Body>) -> Response {
        router(self.state.clone()).oneshot(req).await.unwrap()
    }

    async fn get(&self, uri: &str) -> Response {
        self.send(
            Request::get(uri)
                .header(header::HOST, HOST)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    async fn post(&self, uri: &str, json: serde_json::Value) -> Response {
        self.send(
            Request::post(uri)
                .header(header::HOST, HOST)
                .header("sec-fetch-site", "same-origin")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json.to_string()))
                .unwrap(),
        )
        .await
    }
}

async fn body(r: Response) -> String {
    String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
}

async fn json(r: Response) -> serde_json::Value {
    serde_json::from_str(&body(r).await).unwrap()
}

async fn first_person_id(f: &Fixture) -> String {
    let people = json(f.get("/api/v1/people?limit=5").await).await;
    people["people"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let f = fixture(None, false).await;
    for uri in [
        "/",
        "/people",
        "/api/v1/people",
        "/nowhere",
        "/assets/app.css",
    ] {
        let r = f.get(uri).await;
        let h = r.headers();
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{uri}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}");
        assert!(!csp.contains("unsafe-inline"), "{uri}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{uri}");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{uri}");
    }
    // refusals carry them too
    let r = f
        .send(
            Request::get("/")
                .header(header::HOST, "evil.example:7777")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test]
async fn host_allow_list() {
    let f = fixture(None, false).await;
    for host in [
        "localhost:7777",
        "127.0.0.1:7777",
        "[::1]:7777",
        "LOCALHOST:7777",
    ] {
        let r = f
            .send(
                Request::get("/api/v1/people")
                    .header(header::HOST, host)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{host}");
    }
    for host in [
        "evil.example:7777",
        "evil.example",
        "localhost",
        "127.0.0.1:8888",
    ] {
        let r = f
            .send(
                Request::get("/api/v1/people")
                    .header(header::HOST, host)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{host}");
    }
    let r = f
        .send(Request::get("/api/v1/people").body(Body::empty()).unwrap())
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "no Host at all");
}

#[tokio::test]
async fn csrf_on_state_changing_requests() {
    let f = fixture(None, false).await;
    let person = serde_json::json!({"name": "Ada Lovelace"}).to_string();
    let post = |extra: &[(&str, &str)]| {
        let mut b = Request::post("/api/v1/people")
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/json");
        for (k, v) in extra {
            b = b.header(*k, *v);
        }
        b.body(Body::from(person.clone())).unwrap()
    };
    for refused in [
        vec![],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "http://evil.example")],
        vec![("origin", "http://127.0.0.1:8888")],
        vec![("origin", "null")],
        vec![
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://127.0.0.1:7777"),
        ],
    ] {
        let r = f.send(post(&refused)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{refused:?}");
    }
    for accepted in [
        vec![("sec-fetch-site", "same-origin")],
        vec![("sec-fetch-site", "none")],
        vec![("origin", "http://127.0.0.1:7777")],
    ] {
        let r = f.send(post(&accepted)).await;
        // the same name twice is allowed (with a warning)
        assert_eq!(r.status(), StatusCode::CREATED, "{accepted:?}");
    }
    let r = f
        .send(
            Request::delete("/api/v1/people")
                .header(header::HOST, HOST)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "DELETE without origin");
}

#[tokio::test]
async fn auth_token_required_when_configured() {
    let token = "5ec2e7";
    let f = fixture(Some(token), false).await;
    let get = |extra: Option<(&str, String)>, uri: &str| {
        let mut b = Request::get(uri).header(header::HOST, HOST);
        if let Some((k, v)) = extra {
            b = b.header(k, v);
        }
        b.body(Body::empty()).unwrap()
    };
    assert_eq!(
        f.send(get(None, "/api/v1/people")).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        f.send(get(None, "/")).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        f.send(get(
            Some(("authorization", "Bearer nope".into())),
            "/api/v1/people"
        ))
        .await
        .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        f.send(get(
            Some(("authorization", format!("Bearer {token}"))),
            "/api/v1/people"
        ))
        .await
        .status(),
        StatusCode::OK
    );
    assert_eq!(
        f.send(get(None, "/?token=wrong")).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let login = f.send(get(None, &format!("/?token={token}"))).await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    assert_eq!(login.headers()[header::LOCATION], "/");
    let cookie = login.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with(&format!("kithkin_token={token};")));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    assert_eq!(
        f.send(get(
            Some(("cookie", format!("a=b; kithkin_token={token}"))),
            "/people"
        ))
        .await
        .status(),
        StatusCode::OK
    );
    // the calendar has its own secret
    assert_eq!(
        f.send(get(None, &format!("/calendar.ics?token={CAL}")))
            .await
            .status(),
        StatusCode::OK
    );
    // a bearer token is not something a browser adds by itself: no CSRF check needed
    let r = f
        .send(
            Request::post("/api/v1/people")
                .header(header::HOST, HOST)
                .header("authorization", format!("Bearer {token}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"name":"Grace Hopper"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // a cookie is: the CSRF check still applies
    let r = f
        .send(
            Request::post("/api/v1/people")
                .header(header::HOST, HOST)
                .header("cookie", format!("kithkin_token={token}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"name":"Grace Hopper"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn people_list_search_show() {
    let f = fixture(None, true).await;
    let r = f.get("/api/v1/people").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[header::CONTENT_TYPE], "application/json");
    let all = json(r).await;
    let people = all["people"].as_array().unwrap();
    assert!(people.len() > 10, "{all}");
    assert!(people[0]["id"].is_string() && people[0]["name"].is_string());

    let limited = json(f.get("/api/v1/people?limit=3").await).await;
    assert_eq!(limited["people"].as_array().unwrap().len(), 3);

    let name = people[0]["name"].as_str().unwrap().to_owned();
    let first = name.split_whitespace().next().unwrap().to_owned();
    let hits = json(f.get(&format!("/api/v1/people?q={first}")).await).await;
    assert!(
        hits["people"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["name"] == name.as_str()),
        "{hits}"
    );

    for bad in [
        "/api/v1/people?limit=0",
        "/api/v1/people?limit=abc",
        "/api/v1/people?limit=5000",
    ] {
        let r = f.get(bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(json(r).await["error"].is_string());
    }

    let id = first_person_id(&f).await;
    let r = f.get(&format!("/api/v1/people/{id}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let shown = json(r).await;
    assert_eq!(shown["person"]["id"], id.as_str());

    let r = f
        .get("/api/v1/people/0190a0a0-0000-7000-8000-000000000000")
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(json(r).await["error"].is_string());

    let r = f.get("/api/v1/people/not-an-id").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(r).await["errors"]["id"][0].is_string());
}

#[tokio::test]
async fn add_person_and_validation_errors() {
    let f = fixture(None, false).await;
    let r = f
        .post(
            "/api/v1/people",
            serde_json::json!({"name": "Ada Lovelace", "emails": ["ada@example.org"], "tags": ["math"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let saved = json(r).await;
    assert_eq!(
        saved["person"]["profile"]["name"], "Ada Lovelace",
        "{saved}"
    );
    let id = saved["person"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        f.get(&format!("/api/v1/people/{id}")).await.status(),
        StatusCode::OK
    );

    let r = f.post("/api/v1/people", serde_json::json!({})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = json(r).await;
    assert!(e["errors"]["name"][0].is_string(), "{e}");

    let r = f
        .post(
            "/api/v1/people",
            serde_json::json!({"name": "Bob", "emails": ["not an email"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = json(r).await;
    assert!(
        e["errors"].as_object().is_some_and(|m| !m.is_empty()),
        "{e}"
    );

    // the same email twice: a conflict
    let r = f
        .post(
            "/api/v1/people",
            serde_json::json!({"name": "Ada King", "emails": ["ada@example.org"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "{}", body(r).await);

    let r = f
        .post(
            "/api/v1/people",
            serde_json::json!({"name": "X", "shoe": 42}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = f
        .send(
            Request::post("/api/v1/people")
                .header(header::HOST, HOST)
                .header("sec-fetch-site", "same-origin")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{not json"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(json(r).await["error"].is_string());
}

#[tokio::test]
async fn today_interactions_introductions() {
    let f = fixture(None, true).await;
    let r = f.get("/api/v1/today").await;
    assert_eq!(r.status(), StatusCode::OK);
    let agenda = json(r).await;
    assert!(
        agenda["day"].is_string() && agenda["items"].is_array(),
        "{agenda}"
    );
    assert_eq!(
        f.get("/api/v1/today?at=not-a-day").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let id = first_person_id(&f).await;
    let r = f
        .post(
            "/api/v1/interactions",
            serde_json::json!({"kind": "call", "with": [id], "minutes": 20, "note": "caught up"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let logged = json(r).await;
    assert_eq!(logged["with"].as_array().unwrap().len(), 1, "{logged}");
    assert!(logged["interaction"]["id"].is_string(), "{logged}");

    let r = f
        .post(
            "/api/v1/interactions",
            serde_json::json!({"kind": "call", "with": ["Nobody Such Person Zz"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = f
        .post(
            "/api/v1/interactions",
            serde_json::json!({"kind": "telepathy", "with": [id]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(r).await["errors"].is_object());
    let r = f
        .post("/api/v1/interactions", serde_json::json!({"kind": "call"}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let r = f.get("/api/v1/introductions").await;
    assert_eq!(r.status(), StatusCode::OK);
    let intros = json(r).await;
    assert!(intros["introductions"].is_array(), "{intros}");
}

/// Every API route the router serves is in the OpenAPI document, and every documented path
/// is served. A route added with plain `.route()` instead of `routes!` fails here.
#[tokio::test]
async fn openapi_matches_the_routes() {
    let f = fixture(None, true).await;
    let r = f.get("/api/openapi.json").await;
    assert_eq!(r.status(), StatusCode::OK);
    let doc = json(r).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{doc}");
    let paths = doc["paths"].as_object().unwrap();

    let id = first_person_id(&f).await;
    // (method, route, a concrete request path, a body for POST)
    let served: &[(Method, &str, String)] = &[
        (Method::GET, "/api/v1/people", "/api/v1/people".into()),
        (Method::POST, "/api/v1/people", "/api/v1/people".into()),
        (
            Method::GET,
            "/api/v1/people/{id}",
            format!("/api/v1/people/{id}"),
        ),
        (Method::GET, "/api/v1/today", "/api/v1/today".into()),
        (
            Method::POST,
            "/api/v1/interactions",
            "/api/v1/interactions".into(),
        ),
        (
            Method::GET,
            "/api/v1/introductions",
            "/api/v1/introductions".into(),
        ),
    ];
    for (method, route, uri) in served {
        let r = f
            .send(
                Request::builder()
                    .method(method.clone())
                    .uri(uri)
                    .header(header::HOST, HOST)
                    .header("sec-fetch-site", "same-origin")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from("{}"))
                    .unwrap(),
            )
            .await;
        assert!(
            r.status() != StatusCode::NOT_FOUND || route.contains('{'),
            "{method} {route} is not served"
        );
        assert_ne!(
            r.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {route}"
        );
        let m = method.as_str().to_ascii_lowercase();
        assert!(
            paths.get(*route).and_then(|p| p.get(&m)).is_some(),
            "{method} {route} is served but missing from /api/openapi.json"
        );
    }
    // nothing documented that is not served: checked over every API route by
    // api_tests::openapi_documents_every_api_route
    // a route outside the list is 404
    assert_eq!(
        f.get("/api/v1/nothing").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn pages_stylesheet_and_calendar() {
    let f = fixture(None, true).await;
    let r = f.get("/").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = body(r).await;
    assert!(html.contains("<h1>Today,"), "{html}");
    assert!(html.contains(r#"href="/assets/app.css""#));
    assert_no_inline(&html);

    let html = body(f.get("/people").await).await;
    assert!(html.contains(r#"<label for="q">"#), "{html}");
    assert!(html.matches("<li>").count() > 10);
    let name = json(f.get("/api/v1/people?limit=1").await).await["people"][0]["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let first = name.split_whitespace().next().unwrap();
    let r = f.get(&format!("/people?q={first}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(body(r).await.contains(first));

    let r = f.get("/assets/app.css").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(body(r).await.contains("prefers-color-scheme: dark"));

    let r = f.get("/nowhere").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    assert_eq!(f.get("/calendar.ics").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        f.get("/calendar.ics?token=wrong").await.status(),
        StatusCode::NOT_FOUND
    );
    let r = f.get(&format!("/calendar.ics?token={CAL}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = body(r).await;
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
}

#[test]
fn calendar_token_kept_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kithkin.db").display().to_string();
    let (first, file) = super::calendar_token(&db).unwrap();
    let file = file.unwrap();
    assert_eq!(first.len(), 64);
    assert!(
        file.display()
            .to_string()
            .ends_with("kithkin.db.calendar-token")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    let (again, _) = super::calendar_token(&format!("sqlite://{db}")).unwrap();
    assert_eq!(first, again, "kept across restarts");
    std::fs::write(&file, "garbage").unwrap();
    let (fresh, _) = super::calendar_token(&db).unwrap();
    assert_ne!(fresh, first, "an unreadable token is replaced");
    let (pg, none) = super::calendar_token("postgres://u@h/db").unwrap();
    assert!(none.is_none() && pg.len() == 64);
}

#[tokio::test]
async fn every_interface_with_auth_accepts_any_host_but_needs_the_token() {
    let f = fixture(Some("5ec2e7"), false).await;
    let mut config = f.state.config.clone();
    config.bind = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(
        &dir.path().join("k.db").display().to_string(),
        Box::new(kithkin_app::SystemClock),
    )
    .await
    .unwrap();
    let state = Shared::new(app, config);
    let get = |auth: bool| {
        let mut b = Request::get("/api/v1/people").header(header::HOST, "192.168.1.5:7777");
        if auth {
            b = b.header("authorization", "Bearer 5ec2e7");
        }
        b.body(Body::empty()).unwrap()
    };
    let r = router(state.clone()).oneshot(get(true)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = router(state).oneshot(get(false)).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // bound to loopback, the same Host is refused
    let r = router(f.state.clone()).oneshot(get(true)).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_ambiguous_name_is_a_conflict() {
    let f = fixture(None, false).await;
    for email in ["sam1@example.org", "sam2@example.org"] {
        let r = f
            .post(
                "/api/v1/people",
                serde_json::json!({"name": "Sam Doe", "emails": [email]}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let r = f
        .post(
            "/api/v1/interactions",
            serde_json::json!({"kind": "call", "with": ["Sam Doe"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(json(r).await["error"].as_str().unwrap().contains("Sam Doe"));
    let r = f
        .post(
            "/api/v1/interactions",
            serde_json::json!({"kind": "call", "with": ["sam2@example.org"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

fn assert_security_headers(r: &Response, what: &str) {
    let h = r.headers();
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self'"), "{what}");
    assert!(!csp.contains("unsafe-inline"), "{what}");
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{what}");
    assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{what}");
    assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{what}");
}

/// The one script a page may load: htmx, from the server itself.
pub(super) const HTMX_TAG: &str = r#"<script src="/assets/htmx.min.js" defer></script>"#;

/// No inline script or style: the only script is htmx's file, and no `style` anywhere.
pub(super) fn assert_no_inline(html: &str) {
    let html = html.replace(HTMX_TAG, "");
    assert!(
        !html.contains("<script") && !html.contains("<style") && !html.contains("style="),
        "{html}"
    );
}

#[tokio::test]
async fn person_page_and_links_to_it() {
    let f = fixture(None, true).await;
    let id = first_person_id(&f).await;
    let name = json(f.get("/api/v1/people?limit=5").await).await["people"][0]["name"]
        .as_str()
        .unwrap()
        .to_owned();

    let r = f.get(&format!("/people/{id}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_security_headers(&r, "person page");
    let html = body(r).await;
    assert_no_inline(&html);
    let escaped = name.replace('&', "&#38;").replace('\'', "&#39;");
    assert!(html.contains(&format!("<h1>{escaped}</h1>")), "{html}");
    assert!(html.contains("Timeline") && html.contains("Important dates"));
    assert!(
        html.contains("Strength") && html.contains("Recency"),
        "{html}"
    );

    // the People page links each name to it
    let people = body(f.get("/people").await).await;
    assert!(
        people.contains(&format!(r#"href="/people/{id}""#)),
        "{people}"
    );
    // the Today page links the names it shows
    let today = body(f.get("/").await).await;
    if today.contains("<strong>") {
        assert!(today.contains(r#"<a href="/people/"#), "{today}");
    }

    for bad in [
        "/people/00000000-0000-0000-0000-000000000000",
        "/people/not-an-id",
        "/people/%3Cscript%3E",
    ] {
        let r = f.get(bad).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{bad}");
        assert_security_headers(&r, bad);
        let html = body(r).await;
        assert!(html.contains("Not found"), "{html}");
        assert!(!html.replace(HTMX_TAG, "").contains("<script"), "{html}");
    }
}

impl Fixture {
    /// A form POST as a browser sends it from one of the pages.
    async fn form(&self, uri: &str, form: &str, extra: &[(&str, &str)]) -> Response {
        let mut b = Request::post(uri)
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in extra {
            b = b.header(*k, *v);
        }
        self.send(b.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    async fn same_origin_form(&self, uri: &str, form: &str) -> Response {
        self.form(uri, form, &[("sec-fetch-site", "same-origin")])
            .await
    }

    async fn add(&self, name: &str) -> String {
        let r = self
            .post("/api/v1/people", serde_json::json!({"name": name}))
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        json(r).await["person"]["id"].as_str().unwrap().to_owned()
    }
}

#[tokio::test]
async fn log_an_interaction_and_add_a_note_from_the_person_page() {
    let f = fixture(None, false).await;
    let id = f.add("Grace Hopper").await;
    let page = format!("/people/{id}");

    let html = body(f.get(&page).await).await;
    assert_no_inline(&html);
    assert!(
        html.contains(&format!(r#"action="/people/{id}/interactions""#)),
        "{html}"
    );
    assert!(
        html.contains(&format!(r#"action="/people/{id}/notes""#)),
        "{html}"
    );
    for label in [
        r#"<label for="note-body">"#,
        r#"<label for="interaction-kind">"#,
        r#"<label for="interaction-minutes">"#,
        r#"<label for="interaction-note">"#,
    ] {
        assert!(html.contains(label), "{label}");
    }

    // the issue's scenario: log an interaction through the UI, find it on the person page
    let r = f
        .same_origin_form(
            &format!("{page}/interactions"),
            "kind=call&minutes=25&note=Talked+about+COBOL+%26+compilers",
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[header::LOCATION], page.as_str());
    assert_security_headers(&r, "interaction form");
    let html = body(f.get(&page).await).await;
    assert!(html.contains(r#"<span class="kind">call</span>"#), "{html}");
    assert!(html.contains("25 min"), "{html}");
    assert!(
        html.contains("Talked about COBOL &#38; compilers"),
        "{html}"
    );
    assert!(!html.contains("with Grace Hopper"), "{html}");

    // with whom: the others in a group interaction, logged through the API
    f.add("Ada Lovelace").await;
    let r = f
        .post(
            "/api/v1/interactions",
            serde_json::json!({"kind": "meal", "with": [id.clone(), "Ada Lovelace"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let html = body(f.get(&page).await).await;
    assert!(html.contains("with Ada Lovelace"), "{html}");

    let r = f
        .same_origin_form(&format!("{page}/notes"), "body=Loves+nanoseconds")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[header::LOCATION], page.as_str());
    assert_security_headers(&r, "note form");
    let html = body(f.get(&page).await).await;
    assert!(html.contains("Loves nanoseconds"), "{html}");
    assert!(html.contains(r#"<span class="kind">note</span>"#), "{html}");

    // invalid input: the page again with the message, and what was typed
    let r = f
        .same_origin_form(&format!("{page}/interactions"), "kind=telepathy&note=hmm")
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_security_headers(&r, "refused interaction form");
    let html = body(r).await;
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert!(html.contains("telepathy"), "{html}");
    assert!(html.contains("<h1>Grace Hopper</h1>"), "{html}");
    assert_no_inline(&html);

    let r = f
        .same_origin_form(&format!("{page}/interactions"), "kind=call&minutes=lots")
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("Minutes must be a whole number"), "{html}");
    assert!(html.contains(r#"<option value="call" selected>"#), "{html}");

    let r = f
        .same_origin_form(&format!("{page}/notes"), "body=+++")
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("The note is empty."));

    // nothing refused was stored: the call, the meal and the note
    let html = body(f.get(&page).await).await;
    assert_eq!(html.matches(r#"<span class="kind">"#).count(), 3, "{html}");

    // unknown or malformed people
    for bad in ["00000000-0000-0000-0000-000000000000", "nope"] {
        for what in ["notes", "interactions"] {
            let r = f
                .same_origin_form(&format!("/people/{bad}/{what}"), "kind=call&body=x")
                .await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{bad} {what}");
            assert_security_headers(&r, what);
        }
    }
}

#[tokio::test]
async fn the_forms_are_refused_without_a_same_origin_signal() {
    let f = fixture(None, false).await;
    let id = f.add("Grace Hopper").await;
    for (what, form) in [("interactions", "kind=call"), ("notes", "body=hello")] {
        let uri = format!("/people/{id}/{what}");
        for refused in [
            vec![],
            vec![("sec-fetch-site", "cross-site")],
            vec![("origin", "http://evil.example")],
        ] {
            let r = f.form(&uri, form, &refused).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{what} {refused:?}");
            assert_security_headers(&r, what);
        }
        let r = f
            .form(&uri, form, &[("origin", "http://127.0.0.1:7777")])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{what}");
    }
    // only the two accepted POSTs were stored
    let html = body(f.get(&format!("/people/{id}")).await).await;
    assert_eq!(html.matches(r#"<span class="kind">"#).count(), 2, "{html}");
}

#[tokio::test]
async fn today_done_and_snooze() {
    let f = fixture(None, false).await;
    let ada = f.add("Ada Lovelace").await;
    let r = f
        .post(
            "/api/v1/people",
            serde_json::json!({"name": "Charles Babbage", "cadence": "2w"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let charles = json(r).await["person"]["id"].as_str().unwrap().to_owned();
    f.state
        .app
        .remind(&ada, "2026-03-01", "Send the notes on the engine")
        .await
        .unwrap();
    let agenda = json(f.get("/api/v1/today").await).await;
    let follow_up = agenda["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["type"] == "follow_up")
        .expect("a follow-up on the agenda")["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let html = body(f.get("/").await).await;
    assert_no_inline(&html);
    let done = format!("/today/follow-ups/{follow_up}/done");
    let snooze = format!("/today/snooze/{charles}");
    assert!(html.contains(&format!(r#"action="{done}""#)), "{html}");
    assert!(html.contains(&format!(r#"action="{snooze}""#)), "{html}");
    assert!(html.contains(&format!(r#"href="/people/{ada}""#)), "{html}");
    assert!(
        html.contains(r#"aria-label="Snooze 1 week: Charles Babbage""#),
        "{html}"
    );

    // refused without a same-origin signal
    for uri in [&done, &snooze] {
        let r = f.form(uri, "", &[]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{uri}");
        assert_security_headers(&r, uri);
    }

    for uri in [&done, &snooze] {
        let r = f.same_origin_form(uri, "").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(r.headers()[header::LOCATION], "/", "{uri}");
        assert_security_headers(&r, uri);
    }
    let html = body(f.get("/").await).await;
    assert!(!html.contains(&done), "{html}");
    assert!(!html.contains(&snooze), "{html}");
    assert!(!html.contains("Send the notes on the engine"), "{html}");

    for uri in [
        "/today/follow-ups/00000000-0000-0000-0000-000000000000/done".to_owned(),
        "/today/snooze/00000000-0000-0000-0000-000000000000".to_owned(),
        "/today/snooze/nobody".to_owned(),
    ] {
        let r = f.same_origin_form(&uri, "").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{uri}");
        assert_security_headers(&r, &uri);
    }
}

#[tokio::test]
async fn log_an_interaction_from_today() {
    let f = fixture(None, false).await;
    let r = f
        .post(
            "/api/v1/people",
            serde_json::json!({"name": "Charles Babbage", "cadence": "2w"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let charles = json(r).await["person"]["id"].as_str().unwrap().to_owned();
    let html = body(f.get("/").await).await;
    assert_no_inline(&html);
    let log = format!("/people/{charles}/interactions");
    assert!(html.contains(&format!(r#"action="{log}""#)), "{html}");
    assert!(
        html.contains(r#"aria-label="Log it: Charles Babbage""#),
        "{html}"
    );
    assert!(
        html.contains("Kind of interaction with Charles Babbage</span></label>"),
        "{html}"
    );

    // refused without a same-origin signal, then logged and back to Today
    let r = f.form(&log, "kind=call&back=today", &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = f.same_origin_form(&log, "kind=call&back=today").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[header::LOCATION], "/");
    let person = body(f.get(&format!("/people/{charles}")).await).await;
    assert!(
        person.contains(r#"<span class="kind">call</span>"#),
        "{person}"
    );
    // in touch now: no longer on the agenda
    let html = body(f.get("/").await).await;
    assert!(!html.contains(&format!(r#"action="{log}""#)), "{html}");
}
