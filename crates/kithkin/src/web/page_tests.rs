//! The pages beyond Today, People and a person's: the introductions board, reports, import,
//! review, the People filters and the person page's additions, driven with `oneshot`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::tests::{HTMX_TAG, assert_no_inline};
use super::{Config, Shared, State, router};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt;
use kithkin_app::{App, FixedClock};
use std::net::{IpAddr, Ipv4Addr};
use tower::ServiceExt;

const HOST: &str = "127.0.0.1:7777";

struct Fixture {
    state: State,
    _dir: tempfile::TempDir,
}

async fn fixture(demo: bool) -> Fixture {
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
        auth_token: None,
        calendar_token: "c0ffee".to_owned(),
    };
    Fixture {
        state: Shared::new(app, config),
        _dir: dir,
    }
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

    /// A page's HTML, asserting 200 and no inline script or style.
    async fn html(&self, uri: &str) -> String {
        let r = self.get(uri).await;
        assert_eq!(r.status(), StatusCode::OK, "{uri}");
        let html = body(r).await;
        assert_no_inline(&html);
        html
    }

    /// A form POST as a browser sends it, with the headers in `extra`.
    async fn form_with(&self, uri: &str, form: &str, extra: &[(&str, &str)]) -> Response {
        let mut b = Request::post(uri)
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in extra {
            b = b.header(*k, *v);
        }
        self.send(b.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    /// A form POST from one of the pages.
    async fn form(&self, uri: &str, form: &str) -> Response {
        self.form_with(uri, form, &[("sec-fetch-site", "same-origin")])
            .await
    }

    async fn add(&self, name: &str) -> String {
        let r = self
            .send(
                Request::post("/api/v1/people")
                    .header(header::HOST, HOST)
                    .header("sec-fetch-site", "same-origin")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(serde_json::json!({ "name": name }).to_string()))
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let v: serde_json::Value = serde_json::from_str(&body(r).await).unwrap();
        v["person"]["id"].as_str().unwrap().to_owned()
    }
}

async fn body(r: Response) -> String {
    String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
}

fn location(r: &Response) -> &str {
    r.headers()[header::LOCATION].to_str().unwrap()
}

/// The heading of the board column whose section holds the card of introduction `id`.
fn column_of(html: &str, id: &str) -> Option<String> {
    let card = format!(r#"data-intro-id="{id}""#);
    html.split(r#"<section class="column""#)
        .skip(1)
        .find_map(|s| {
            s.contains(&card).then(|| {
                let h2 = s.split("<h2").nth(1).unwrap_or("");
                let start = h2.find('>').map_or(0, |i| i + 1);
                h2[start..h2.find("</h2>").unwrap_or(start)].to_owned()
            })
        })
}

/// The ids of the introductions on the board.
fn card_ids(html: &str) -> Vec<String> {
    html.split(r#"data-intro-id=""#)
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn the_board_has_a_column_per_state_and_the_demo_introduction() {
    let f = fixture(true).await;
    let html = f.html("/introductions").await;
    for (key, name) in [
        ("suggested", "Suggested"),
        ("asked_a", "Asked A"),
        ("asked_b", "Asked B"),
        ("introduced", "Introduced"),
        ("closed", "Closed"),
        ("declined", "Declined"),
    ] {
        assert!(
            html.contains(&format!(
                r#"<section class="column" aria-labelledby="col-{key}">
<h2 id="col-{key}">{name}</h2>"#
            )),
            "{name}: {html}"
        );
    }
    // the demo's introduction, Priya and Daniel, waits in "Asked A" with its two buttons
    let ids = card_ids(&html);
    assert_eq!(ids.len(), 1, "{html}");
    assert_eq!(column_of(&html, &ids[0]).as_deref(), Some("Asked A"));
    assert!(html.contains("Priya Raman") && html.contains("Daniel Kim"));
    assert!(html.contains("Priya needs pricing feedback"));
    assert!(html.contains(">Move to Asked B</button>"), "{html}");
    assert!(html.contains(">Move to Declined</button>"), "{html}");
    assert!(html.contains(HTMX_TAG));
    assert!(
        html.contains(r#"href="/introductions""#),
        "the nav links the board"
    );
    // suggestions, each with its reasons and a button to start it
    assert!(html.contains(r#"<h2 id="suggestions">Suggestions</h2>"#));
    assert!(html.contains(r#"<ul class="reasons"><li>"#), "{html}");
}

#[tokio::test]
async fn start_an_introduction_and_move_it_through_every_column() {
    let f = fixture(false).await;
    let ada = f.add("Ada Lovelace").await;
    let bob = f.add("Bob <Tables> & Co").await;
    let r = f
        .form(
            "/introductions",
            &format!("a={ada}&b=Bob+%3CTables%3E+%26+Co&reason=Both+into+engines"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/introductions");
    let html = f.html("/introductions").await;
    let ids = card_ids(&html);
    assert_eq!(ids.len(), 1);
    let id = &ids[0];
    assert_eq!(column_of(&html, id).as_deref(), Some("Suggested"));
    assert!(html.contains(&format!(r#"<a href="/people/{ada}">Ada Lovelace</a>"#)));
    assert!(html.contains(&format!(
        r#"<a href="/people/{bob}">Bob &#60;Tables&#62; &#38; Co</a>"#
    )));
    assert!(html.contains("Both into engines"));
    assert!(html.contains(&format!(
        r#"<form class="inline" method="post" action="/introductions/{id}/ask-a"><button type="submit" aria-describedby="intro-{id}">Move to Asked A</button>"#
    )), "{html}");

    for (action, form, column) in [
        ("ask-a", "", "Asked A"),
        ("ask-b", "", "Asked B"),
        ("made", "", "Introduced"),
        ("outcome", "outcome=met", "Closed"),
    ] {
        let r = f.form(&format!("/introductions/{id}/{action}"), form).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{action}");
        assert_eq!(location(&r), "/introductions");
        let html = f.html("/introductions").await;
        assert_eq!(column_of(&html, id).as_deref(), Some(column), "{action}");
        if column == "Introduced" {
            assert!(html.contains(">Outcome: met</button>"), "{html}");
            assert!(html.contains(">Outcome: no response</button>"), "{html}");
        }
    }
    let html = f.html("/introductions").await;
    assert!(html.contains("outcome: met"), "{html}");

    // a second one, declined after A was asked
    let r = f.form("/introductions", &format!("a={bob}&b={ada}")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = f.html("/introductions").await;
    let second = card_ids(&html).into_iter().find(|i| i != id).unwrap();
    f.form(&format!("/introductions/{second}/ask-a"), "").await;
    let r = f
        .form(&format!("/introductions/{second}/decline"), "")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = f.html("/introductions").await;
    assert_eq!(column_of(&html, &second).as_deref(), Some("Declined"));
}

#[tokio::test]
async fn the_board_refuses_bad_moves_unknown_ids_and_cross_site_posts() {
    let f = fixture(false).await;
    let ada = f.add("Ada Lovelace").await;
    let bob = f.add("Bob Babbage").await;
    f.form("/introductions", &format!("a={ada}&b={bob}")).await;
    let html = f.html("/introductions").await;
    let id = card_ids(&html).remove(0);

    // a move the state machine does not allow: 422, the board with the message
    let r = f.form(&format!("/introductions/{id}/made"), "").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert!(html.contains("neither has been asked yet"), "{html}");
    assert_eq!(column_of(&html, &id).as_deref(), Some("Suggested"));

    // an unknown outcome
    f.form(&format!("/introductions/{id}/ask-a"), "").await;
    f.form(&format!("/introductions/{id}/ask-b"), "").await;
    f.form(&format!("/introductions/{id}/made"), "").await;
    let r = f
        .form(&format!("/introductions/{id}/outcome"), "outcome=married")
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // unknown introduction, malformed id, unknown action: 404
    for uri in [
        "/introductions/00000000-0000-0000-0000-000000000000/ask-a".to_owned(),
        "/introductions/nope/ask-a".to_owned(),
        format!("/introductions/{id}/teleport"),
    ] {
        let r = f.form(&uri, "").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{uri}");
    }

    // the start form: nobody chosen, an unknown person, the same person twice, a pair
    // already under way
    for (form, status, message) in [
        (
            "a=&b=".to_owned(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "choose a person",
        ),
        (
            format!("a={ada}&b=Nobody+Atall"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "no person matches",
        ),
        (
            format!("a={ada}&b={ada}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "same person",
        ),
        (
            format!("a={ada}&b={bob}"),
            StatusCode::CONFLICT,
            "already under way",
        ),
    ] {
        let r = f.form("/introductions", &form).await;
        assert_eq!(r.status(), status, "{form}");
        let html = body(r).await;
        assert!(html.contains(r#"id="start-error""#), "{html}");
        assert!(html.contains(message), "{message}: {html}");
    }

    // CSRF: a POST without a same-origin signal, or from another site, is refused
    for extra in [
        vec![],
        vec![("sec-fetch-site", "cross-site")],
        vec![("origin", "http://evil.example")],
    ] {
        let r = f
            .form_with(
                &format!("/introductions/{id}/outcome"),
                "outcome=met",
                &extra,
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{extra:?}");
        let r = f
            .form_with("/introductions", &format!("a={bob}&b={ada}"), &extra)
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{extra:?}");
    }
    let html = f.html("/introductions").await;
    assert_eq!(column_of(&html, &id).as_deref(), Some("Introduced"));
    assert_eq!(card_ids(&html).len(), 1);
}

#[tokio::test]
async fn htmx_is_served_from_the_binary_with_a_long_cache() {
    let f = fixture(false).await;
    let r = f.get("/assets/htmx.min.js").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        r.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    let js = body(r).await;
    assert!(js.contains("htmx"), "not htmx");
    // the pages turn off htmx's injected indicator styles (the CSP forbids inline style)
    let html = f.html("/").await;
    assert!(html.contains(r#""includeIndicatorStyles":false"#), "{html}");
}
