//! The JSON API, driven with `oneshot` over a demo database: each route family answers with
//! the real data, 404 for an unknown id and 422 with messages per field for invalid input;
//! and every route is in the OpenAPI document.

// tests only: a failed unwrap is a failed test; no user input reaches this code
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::{State, router};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::tests::HOST;
/// A well-formed id nobody has.
const NOBODY: &str = "01a21587-3cd3-777b-a825-d8ff850a54fa";

struct Fixture {
    state: State,
    _dir: tempfile::TempDir,
}

async fn demo() -> Fixture {
    let (state, dir) = super::tests::open_state(None, true).await;
    Fixture { state, _dir: dir }
}

/// An answer: status, content type and body.
struct Answer {
    status: StatusCode,
    content_type: String,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// Asserts the status and returns the JSON body.
    #[track_caller]
    fn expect(&self, status: StatusCode) -> Value {
        assert_eq!(self.status, status, "{}", self.text);
        self.json()
    }

    /// Asserts a 422 naming `field` and returns its messages.
    #[track_caller]
    fn invalid(&self, field: &str) -> Vec<String> {
        let body = self.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["error"].is_string(), "{body}");
        let messages = body["errors"][field]
            .as_array()
            .unwrap_or_else(|| panic!("no messages for {field}: {body}"));
        assert!(!messages.is_empty(), "{body}");
        messages
            .iter()
            .map(|m| m.as_str().unwrap().to_owned())
            .collect()
    }

    #[track_caller]
    fn not_found(&self) {
        let body = self.expect(StatusCode::NOT_FOUND);
        assert!(body["error"].is_string(), "{body}");
    }
}

impl Fixture {
    async fn call(&self, method: Method, uri: &str, body: Option<Body>, kind: &str) -> Answer {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, HOST)
            .header("sec-fetch-site", "same-origin");
        if body.is_some() {
            req = req.header(header::CONTENT_TYPE, kind);
        }
        let r = router(self.state.clone())
            .oneshot(req.body(body.unwrap_or_else(Body::empty)).unwrap())
            .await
            .unwrap();
        let status = r.status();
        let content_type = r
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = r.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            content_type,
            text: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }

    async fn get(&self, uri: &str) -> Answer {
        self.call(Method::GET, uri, None, "").await
    }

    async fn send(&self, method: Method, uri: &str, json: Value) -> Answer {
        self.call(
            method,
            uri,
            Some(Body::from(json.to_string())),
            "application/json",
        )
        .await
    }

    async fn post(&self, uri: &str, json: Value) -> Answer {
        self.send(Method::POST, uri, json).await
    }

    async fn upload(&self, uri: &str, text: &str) -> Answer {
        self.call(
            Method::POST,
            uri,
            Some(Body::from(text.to_owned())),
            "text/plain",
        )
        .await
    }

    /// The id of the person called `name`.
    async fn id_of(&self, name: &str) -> String {
        let people = self
            .get(&format!("/api/v1/people?q={}", name.replace(' ', "+")))
            .await
            .expect(StatusCode::OK);
        people["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} not in {people}"))["person"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn add(&self, name: &str) -> String {
        let saved = self
            .post("/api/v1/people", json!({ "name": name }))
            .await
            .expect(StatusCode::CREATED);
        saved["person"]["id"].as_str().unwrap().to_owned()
    }
}

#[tokio::test]
async fn people_edit_archive_forget_notes_dates() {
    let f = demo().await;
    let anna = f.id_of("Anna Lee").await;

    // list with filters
    let people = f
        .get("/api/v1/people?role=friend&limit=1000")
        .await
        .expect(StatusCode::OK);
    let people = people["people"].as_array().unwrap();
    assert!(!people.is_empty());
    assert!(
        people
            .iter()
            .all(|p| p["roles"].as_array().unwrap().contains(&json!("friend")))
    );
    f.get("/api/v1/people?role=nemesis").await.invalid("role");
    f.get("/api/v1/people?facet=industry")
        .await
        .invalid("facet");

    // edit
    let saved = f
        .send(
            Method::PATCH,
            &format!("/api/v1/people/{anna}"),
            json!({ "title": "CTO", "tags": ["board"], "remove_tags": ["northwind"] }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(saved["person"]["profile"]["title"], "CTO");
    let tags = saved["person"]["profile"]["tags"].as_array().unwrap();
    assert!(tags.contains(&json!("board")) && !tags.contains(&json!("northwind")));
    let saved = f
        .send(
            Method::PATCH,
            &format!("/api/v1/people/{anna}"),
            json!({ "nickname": "Annie", "summary": "Runs the board." }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(saved["person"]["profile"]["nickname"], "Annie");
    let saved = f
        .send(
            Method::PATCH,
            &format!("/api/v1/people/{anna}"),
            json!({ "clear_nickname": true, "clear_summary": true }),
        )
        .await
        .expect(StatusCode::OK);
    let profile = &saved["person"]["profile"];
    assert_eq!(
        (&profile["nickname"], &profile["summary"]),
        (&json!(null), &json!(null))
    );
    assert_eq!(profile["title"], "CTO");
    f.send(
        Method::PATCH,
        &format!("/api/v1/people/{anna}"),
        json!({ "cadence": "often" }),
    )
    .await
    .invalid("cadence");
    f.send(
        Method::PATCH,
        &format!("/api/v1/people/{anna}"),
        json!({ "emails": ["not an address"], "met_on": "someday" }),
    )
    .await
    .invalid("emails");
    f.post(
        "/api/v1/people",
        json!({ "name": "Rolf", "roles": ["nemesis"] }),
    )
    .await
    .invalid("roles");
    f.send(
        Method::PATCH,
        &format!("/api/v1/people/{NOBODY}"),
        json!({ "title": "x" }),
    )
    .await
    .not_found();
    f.send(
        Method::PATCH,
        "/api/v1/people/not-an-id",
        json!({ "title": "x" }),
    )
    .await
    .invalid("id");
    let unknown = f
        .send(
            Method::PATCH,
            &format!("/api/v1/people/{anna}"),
            json!({ "shoe_size": 9 }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);

    // notes and dates
    let note = f
        .post(
            &format!("/api/v1/people/{anna}/notes"),
            json!({ "body": "Prefers mornings" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(note["body"], "Prefers mornings");
    assert_eq!(note["person"], anna.as_str());
    let shown = f
        .get(&format!("/api/v1/people/{anna}"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(shown["notes"][0]["body"], "Prefers mornings");
    let notes = f
        .get(&format!("/api/v1/people/{anna}/notes?limit=1"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(notes.as_array().unwrap().len(), 1);
    assert_eq!(notes[0]["body"], "Prefers mornings");
    f.get(&format!("/api/v1/people/{NOBODY}/notes"))
        .await
        .not_found();
    f.get(&format!("/api/v1/people/{anna}/notes?limit=0"))
        .await
        .invalid("limit");
    f.post(
        &format!("/api/v1/people/{anna}/notes"),
        json!({ "body": " " }),
    )
    .await
    .invalid("body");
    f.post(
        &format!("/api/v1/people/{NOBODY}/notes"),
        json!({ "body": "x" }),
    )
    .await
    .not_found();
    let date = f
        .post(
            &format!("/api/v1/people/{anna}/dates"),
            json!({ "kind": "anniversary", "on": "2019-06-01" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(date["kind"], "anniversary");
    assert_eq!(date["day"]["month"], 6);
    f.post(
        &format!("/api/v1/people/{anna}/dates"),
        json!({ "kind": "birthday", "on": "2019-13-45" }),
    )
    .await
    .invalid("on");

    // brief, strength, value
    let brief = f
        .get(&format!("/api/v1/people/{anna}/brief"))
        .await
        .expect(StatusCode::OK);
    assert!(brief.to_string().contains("Anna Lee"), "{brief}");
    let strength = f
        .get(&format!("/api/v1/people/{anna}/strength"))
        .await
        .expect(StatusCode::OK);
    let score = strength["strength"]["score"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&score), "{strength}");
    assert!(!strength["explanation"].as_array().unwrap().is_empty());
    f.get(&format!("/api/v1/people/{NOBODY}/strength"))
        .await
        .not_found();
    f.get("/api/v1/people/123/brief").await.invalid("id");
    let value = f
        .get(&format!("/api/v1/people/{anna}/value?limit=3"))
        .await
        .expect(StatusCode::OK);
    assert!(value.as_array().unwrap().len() <= 3);
    let value = f.get("/api/v1/value").await.expect(StatusCode::OK);
    assert!(value.is_array());
    f.get("/api/v1/value?limit=0").await.invalid("limit");

    // knows
    let ben = f.add("Ben Knows").await;
    let k = f
        .post(
            "/api/v1/knows",
            json!({ "a": anna, "b": ben, "strength": 0.7 }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(k["b"]["name"], "Ben Knows");
    assert_eq!(k["strength"], 0.7);
    f.post(
        "/api/v1/knows",
        json!({ "a": anna, "b": ben, "strength": 7 }),
    )
    .await
    .invalid("strength");
    f.post("/api/v1/knows", json!({ "a": anna, "b": "Nobody Atall" }))
        .await
        .not_found();

    // archive, restore, forget
    let archived = f
        .post(&format!("/api/v1/people/{ben}/archive"), json!({}))
        .await
        .expect(StatusCode::OK);
    assert!(archived["archived_at"].is_string(), "{archived}");
    let list = f
        .get("/api/v1/people?limit=1000")
        .await
        .expect(StatusCode::OK);
    assert!(!list.to_string().contains("Ben Knows"));
    let list = f
        .get("/api/v1/people?limit=1000&archived=true")
        .await
        .expect(StatusCode::OK);
    assert!(list.to_string().contains("Ben Knows"));
    let restored = f
        .post(&format!("/api/v1/people/{ben}/restore"), json!({}))
        .await
        .expect(StatusCode::OK);
    assert!(restored["archived_at"].is_null());
    f.post(&format!("/api/v1/people/{NOBODY}/archive"), json!({}))
        .await
        .not_found();
    let erased = f
        .call(Method::DELETE, &format!("/api/v1/people/{ben}"), None, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(erased["name"], "Ben Knows");
    assert_eq!(erased["knows"], 1);
    f.get(&format!("/api/v1/people/{ben}")).await.not_found();
    f.call(Method::DELETE, &format!("/api/v1/people/{ben}"), None, "")
        .await
        .not_found();
    f.call(Method::DELETE, "/api/v1/people/ben", None, "")
        .await
        .invalid("id");
}

#[tokio::test]
async fn keeping_in_touch() {
    let f = demo().await;
    let anna = f.id_of("Anna Lee").await;

    let logged = f
        .post(
            "/api/v1/interactions",
            json!({ "kind": "call", "with": [anna], "minutes": 20, "direction": "inbound" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(logged["interaction"]["direction"], "inbound");
    assert_eq!(logged["with"], json!(["Anna Lee"]));
    f.post(
        "/api/v1/interactions",
        json!({ "kind": "call", "with": [anna], "direction": "sideways" }),
    )
    .await
    .invalid("direction");

    // cadence and snooze
    let c = f
        .send(
            Method::PUT,
            &format!("/api/v1/people/{anna}/cadence"),
            json!({ "every": "2w" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(c, json!({ "person": "Anna Lee", "cadence": 14 }));
    f.send(
        Method::PUT,
        &format!("/api/v1/people/{anna}/cadence"),
        json!({ "every": "sometimes" }),
    )
    .await
    .invalid("cadence");
    f.send(
        Method::PUT,
        &format!("/api/v1/people/{NOBODY}/cadence"),
        json!({ "every": "2w" }),
    )
    .await
    .not_found();
    let s = f
        .post(
            &format!("/api/v1/people/{anna}/snooze"),
            json!({ "span": "1w" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(s["snoozed_until"], "2026-03-08");
    let s = f
        .call(
            Method::DELETE,
            &format!("/api/v1/people/{anna}/snooze"),
            None,
            "",
        )
        .await
        .expect(StatusCode::OK);
    assert!(s["snoozed_until"].is_null());
    f.post(
        &format!("/api/v1/people/{anna}/snooze"),
        json!({ "span": "" }),
    )
    .await
    .invalid("span");

    // a follow-up, done
    let fu = f
        .post(
            &format!("/api/v1/people/{anna}/reminders"),
            json!({ "when": "2026-03-05", "text": "send the deck" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert!(fu.to_string().contains("send the deck"), "{fu}");
    let id = fu["follow_up"]["id"]
        .as_str()
        .or_else(|| fu["id"].as_str())
        .unwrap()
        .to_owned();
    let done = f
        .post(&format!("/api/v1/follow-ups/{id}/done"), json!({}))
        .await
        .expect(StatusCode::OK);
    assert!(done.to_string().contains("done_at"), "{done}");
    f.post(&format!("/api/v1/follow-ups/{NOBODY}/done"), json!({}))
        .await
        .not_found();
    f.post("/api/v1/follow-ups/abc/done", json!({}))
        .await
        .invalid("id");

    // a life event, acknowledged
    let le = f
        .post(
            &format!("/api/v1/people/{anna}/life-events"),
            json!({ "kind": "promotion", "note": "VP" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(le["kind"], "promotion");
    let id = le["id"].as_str().unwrap();
    let ack = f
        .post(&format!("/api/v1/life-events/{id}/acknowledge"), json!({}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(ack["id"], id);
    f.post(
        &format!("/api/v1/people/{anna}/life-events"),
        json!({ "kind": "lottery" }),
    )
    .await
    .invalid("kind");
    f.post(
        &format!("/api/v1/life-events/{NOBODY}/acknowledge"),
        json!({}),
    )
    .await
    .not_found();

    // the agenda, strength and reconnect
    let today = f
        .get("/api/v1/today?at=2026-03-02")
        .await
        .expect(StatusCode::OK);
    assert_eq!(today["day"], "2026-03-02");
    f.get("/api/v1/today?at=someday").await.invalid("at");
    let strength = f
        .get("/api/v1/strength?limit=5")
        .await
        .expect(StatusCode::OK);
    let strength = strength.as_array().unwrap();
    assert_eq!(strength.len(), 5);
    assert!(strength[0]["strength"]["score"].as_f64() >= strength[4]["strength"]["score"].as_f64());
    f.get("/api/v1/strength?limit=0").await.invalid("limit");
    assert!(
        f.get("/api/v1/reconnect?limit=3")
            .await
            .expect(StatusCode::OK)
            .as_array()
            .unwrap()
            .len()
            <= 3
    );

    // circles
    let c = f
        .post(
            "/api/v1/circles",
            json!({ "name": "Climbing", "cadence": "1m" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(c["name"], "Climbing");
    f.post("/api/v1/circles", json!({ "name": "Climbing" }))
        .await
        .expect(StatusCode::CONFLICT);
    f.post("/api/v1/circles", json!({ "name": "Bad", "cadence": "x" }))
        .await
        .invalid("cadence");
    let added = f
        .post("/api/v1/circles/Climbing/add", json!({ "people": [anna] }))
        .await
        .expect(StatusCode::OK);
    assert_eq!(added["added"], 1);
    let circles = f.get("/api/v1/circles").await.expect(StatusCode::OK);
    assert!(circles.to_string().contains("Climbing"));
    let c = f
        .send(
            Method::PUT,
            "/api/v1/circles/Climbing/cadence",
            json!({ "every": "2w" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(c["cadence"], 14);
    let removed = f
        .post(
            "/api/v1/circles/Climbing/remove",
            json!({ "people": [anna] }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(removed["removed"], 1);
    f.post("/api/v1/circles/Nowhere/add", json!({ "people": [anna] }))
        .await
        .not_found();

    // facets
    let facets = f.get("/api/v1/facets").await.expect(StatusCode::OK);
    assert!(facets.to_string().contains("industry"), "{facets}");
    let w = f
        .send(
            Method::PUT,
            "/api/v1/facets/wanted",
            json!({ "key": "region", "value": "africa" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(w["wanted"], true);
    f.send(
        Method::PUT,
        "/api/v1/facets/wanted",
        json!({ "key": "", "value": "africa" }),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn give_and_take() {
    let f = demo().await;
    let anna = f.id_of("Anna Lee").await;

    let got = f
        .post(
            "/api/v1/favours",
            json!({ "from": anna, "to": "me", "kind": "advice", "text": "pricing tips", "weight": 2 }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(got["giver_name"], "Anna Lee");
    assert_eq!(got["weight"], 2);
    let favour = got["id"].as_str().unwrap().to_owned();
    let log = f
        .get(&format!("/api/v1/favours?person={anna}"))
        .await
        .expect(StatusCode::OK);
    assert!(log.to_string().contains("pricing tips"));
    f.get(&format!("/api/v1/favours?person={NOBODY}"))
        .await
        .not_found();
    f.get("/api/v1/favours?person=anna").await.invalid("id");
    f.post(
        "/api/v1/favours",
        json!({ "from": anna, "to": "me", "kind": "bribe", "text": "x" }),
    )
    .await
    .invalid("kind");
    f.post(
        "/api/v1/favours",
        json!({ "from": "Nobody Atall", "to": "me", "kind": "advice", "text": "x" }),
    )
    .await
    .not_found();

    let gratitude = f.get("/api/v1/gratitude").await.expect(StatusCode::OK);
    assert!(gratitude["owed"].to_string().contains("pricing tips"));
    let draft = f
        .get(&format!(
            "/api/v1/people/{anna}/thank-draft?favour={favour}"
        ))
        .await
        .expect(StatusCode::OK);
    assert!(draft["draft"].as_str().unwrap().contains("Anna"), "{draft}");
    let thanked = f
        .post(
            &format!("/api/v1/people/{anna}/thank"),
            json!({ "favour": favour, "note": "Thanks!" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(thanked["name"], "Anna Lee");
    assert_eq!(thanked["favours"][0]["text"], "pricing tips");
    f.post(&format!("/api/v1/people/{NOBODY}/thank"), json!({}))
        .await
        .not_found();

    let need = f
        .post(
            &format!("/api/v1/people/{anna}/needs"),
            json!({ "text": "a designer", "tags": ["design"] }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(need["kind"], "need");
    assert_eq!(need["status"], "open");
    let offer = f
        .post(
            &format!("/api/v1/people/{anna}/offers"),
            json!({ "text": "hiring advice" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(offer["kind"], "offer");
    let id = need["id"].as_str().unwrap();
    let closed = f
        .post(
            &format!("/api/v1/help-items/{id}/close"),
            json!({ "status": "withdrawn" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(closed["status"], "withdrawn");
    f.post(
        &format!("/api/v1/help-items/{id}/close"),
        json!({ "status": "maybe" }),
    )
    .await
    .invalid("status");
    f.post(&format!("/api/v1/help-items/{NOBODY}/close"), json!({}))
        .await
        .not_found();
    f.post(
        &format!("/api/v1/people/{anna}/needs"),
        json!({ "text": "" }),
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);

    let r = f.get("/api/v1/reciprocity").await.expect(StatusCode::OK);
    assert!(r["totals"]["people"].as_u64().unwrap() > 0, "{r}");
    f.get("/api/v1/reciprocity?at=whenever").await.invalid("at");
}

#[tokio::test]
async fn introductions_paths_collaborations() {
    let f = demo().await;
    let a = f.add("Intro Alpha").await;
    let b = f.add("Intro Beta").await;

    let started = f
        .post(
            "/api/v1/introductions",
            json!({ "a": a, "b": b, "reason": "both climb" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(started["a_name"], "Intro Alpha");
    assert_eq!(started["status"], "suggested");
    let id = started["id"].as_str().unwrap().to_owned();
    f.post("/api/v1/introductions", json!({ "a": a, "b": "" }))
        .await
        .invalid("b");
    f.post(
        "/api/v1/introductions",
        json!({ "a": a, "b": "Nobody Atall" }),
    )
    .await
    .not_found();

    let asked = f
        .post(
            &format!("/api/v1/introductions/{id}/ask"),
            json!({ "who": "a" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(asked["status"], "asked_a");
    f.post(
        &format!("/api/v1/introductions/{id}/ask"),
        json!({ "who": "c" }),
    )
    .await
    .invalid("who");
    f.post(
        &format!("/api/v1/introductions/{NOBODY}/ask"),
        json!({ "who": "a" }),
    )
    .await
    .not_found();
    let draft = f
        .get(&format!("/api/v1/introductions/{id}/draft"))
        .await
        .expect(StatusCode::OK);
    assert!(
        draft["draft"].as_str().unwrap().contains("Intro"),
        "{draft}"
    );
    f.post(
        &format!("/api/v1/introductions/{id}/ask"),
        json!({ "who": "b" }),
    )
    .await
    .expect(StatusCode::OK);
    let made = f
        .post(&format!("/api/v1/introductions/{id}/made"), json!({}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(made["status"], "introduced");
    f.post(
        &format!("/api/v1/introductions/{id}/outcome"),
        json!({ "outcome": "spectacular" }),
    )
    .await
    .invalid("outcome");
    let done = f
        .post(
            &format!("/api/v1/introductions/{id}/outcome"),
            json!({ "outcome": "met" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["outcome"], "met");
    // a step not allowed now
    let again = f
        .post(&format!("/api/v1/introductions/{id}/decline"), json!({}))
        .await;
    assert!(
        again.status == StatusCode::CONFLICT || again.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.text
    );
    f.get("/api/v1/introductions/xyz/draft").await.invalid("id");
    let listed = f
        .get("/api/v1/introductions?status=closed")
        .await
        .expect(StatusCode::OK);
    assert!(listed.to_string().contains("Intro Alpha"));

    let s = f
        .get("/api/v1/introductions/suggestions?limit=3")
        .await
        .expect(StatusCode::OK);
    assert!(s.as_array().unwrap().len() <= 3);
    f.get("/api/v1/introductions/suggestions?for=Nobody+Atall")
        .await
        .not_found();
    f.get("/api/v1/introductions/suggestions?limit=0")
        .await
        .invalid("limit");

    let anna = f.id_of("Anna Lee").await;
    let paths = f
        .get(&format!("/api/v1/paths?to={anna}"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(paths["target"], "Anna Lee");
    assert!(!paths["paths"].as_array().unwrap().is_empty());
    f.get("/api/v1/paths?to=Nobody+Atall").await.not_found();
    f.get("/api/v1/paths?to=Anna+Lee&max_hops=0")
        .await
        .invalid("max_hops");

    let c = f
        .post(
            "/api/v1/collaborations",
            json!({ "name": "Climbing wall app", "with": [a, b], "status": "idea" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(c["status"], "idea");
    assert_eq!(c["member_names"].as_array().unwrap().len(), 2);
    let cid = c["id"].as_str().unwrap().to_owned();
    let u = f
        .send(
            Method::PATCH,
            &format!("/api/v1/collaborations/{cid}"),
            json!({ "status": "active", "outcome": "a prototype" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(u["status"], "active");
    f.send(
        Method::PATCH,
        &format!("/api/v1/collaborations/{cid}"),
        json!({ "status": "exploding" }),
    )
    .await
    .invalid("status");
    f.send(
        Method::PATCH,
        &format!("/api/v1/collaborations/{NOBODY}"),
        json!({}),
    )
    .await
    .not_found();
    f.post(
        "/api/v1/collaborations",
        json!({ "name": "Solo", "with": [] }),
    )
    .await
    .invalid("with");
    let all = f
        .get("/api/v1/collaborations?status=active")
        .await
        .expect(StatusCode::OK);
    assert!(all.to_string().contains("Climbing wall app"));
    assert!(
        f.get("/api/v1/collaborations/suggestions?limit=2")
            .await
            .expect(StatusCode::OK)
            .as_array()
            .unwrap()
            .len()
            <= 2
    );
}

#[tokio::test]
async fn reports_review_time_network() {
    let f = demo().await;
    let r = f
        .get("/api/v1/reports/reciprocity?at=2026-03-01")
        .await
        .expect(StatusCode::OK);
    assert!(r["totals"]["people"].as_u64().unwrap() > 0, "{r}");
    let d = f
        .get("/api/v1/reports/diversity?facet=industry&weighted=true")
        .await
        .expect(StatusCode::OK);
    assert!(d.to_string().contains("industry"), "{d}");
    f.get("/api/v1/reports/diversity?at=never")
        .await
        .invalid("at");
    let n = f
        .get("/api/v1/reports/network")
        .await
        .expect(StatusCode::OK);
    assert!(n.is_object());
    let s = f
        .get("/api/v1/reports/support")
        .await
        .expect(StatusCode::OK);
    assert!(s.is_object());
    let review = f
        .get("/api/v1/review?week_of=2026-02-25")
        .await
        .expect(StatusCode::OK);
    assert!(review.is_object());
    f.get("/api/v1/review?week_of=soon")
        .await
        .invalid("week_of");
    let t = f.get("/api/v1/time?weeks=2").await.expect(StatusCode::OK);
    assert_eq!(t["weeks"].as_array().unwrap().len(), 2, "{t}");
    f.get("/api/v1/time?weeks=0").await.invalid("weeks");
    f.get("/api/v1/time?weeks=two")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let g = f.get("/api/v1/network").await.expect(StatusCode::OK);
    assert!(!g["nodes"].as_array().unwrap().is_empty());
    assert!(!g["edges"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn events_orgs_goals() {
    let f = demo().await;
    let anna = f.id_of("Anna Lee").await;

    let e = f
        .post(
            "/api/v1/events",
            json!({ "name": "RustConf", "on": "2026-02-20", "org": "Rust Foundation", "kind": "conference" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(e["event"]["name"], "RustConf");
    assert_eq!(e["organisation_created"], true);
    let id = e["event"]["id"].as_str().unwrap().to_owned();
    f.post(
        "/api/v1/events",
        json!({ "name": "RustConf", "on": "2026-02-20" }),
    )
    .await
    .expect(StatusCode::CONFLICT);
    f.post("/api/v1/events", json!({ "name": "Later", "on": "never" }))
        .await
        .invalid("on");
    let met = f
        .post(
            &format!("/api/v1/events/{id}/met"),
            json!({ "people": [anna, "Nadia Newcomer"], "create": true }),
        )
        .await
        .expect(StatusCode::OK);
    assert!(met.to_string().contains("Nadia Newcomer"), "{met}");
    f.post(&format!("/api/v1/events/{id}/met"), json!({ "people": [] }))
        .await
        .invalid("people");
    let shown = f
        .get(&format!("/api/v1/events/{id}"))
        .await
        .expect(StatusCode::OK);
    assert!(shown.to_string().contains("Anna Lee"), "{shown}");
    let done = f
        .post(&format!("/api/v1/events/{id}/done"), json!({}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["event"]["name"], "RustConf");
    f.get(&format!("/api/v1/events/{NOBODY}")).await.not_found();
    f.get("/api/v1/events/rustconf").await.invalid("id");
    let events = f.get("/api/v1/events").await.expect(StatusCode::OK);
    assert!(events.to_string().contains("RustConf"));

    let orgs = f.get("/api/v1/orgs").await.expect(StatusCode::OK);
    assert!(orgs.to_string().contains("Rust Foundation"));
    let org = f
        .get("/api/v1/orgs/Rust%20Foundation")
        .await
        .expect(StatusCode::OK);
    assert_eq!(org["organisation"]["name"], "Rust Foundation");
    f.get("/api/v1/orgs/Nowhere%20Inc").await.not_found();
    let joined = f
        .post(
            "/api/v1/orgs/Rust%20Foundation/join",
            json!({ "role": "member", "since": "2025-01-01" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(joined["organisation_created"], false);
    f.post(
        "/api/v1/orgs/Rust%20Foundation/join",
        json!({ "since": "ages ago" }),
    )
    .await
    .invalid("since");
    let left = f
        .post("/api/v1/orgs/Rust%20Foundation/leave", json!({}))
        .await
        .expect(StatusCode::OK);
    assert!(left.is_object());
    f.post("/api/v1/orgs/Nowhere%20Inc/leave", json!({}))
        .await
        .not_found();

    let g = f
        .post(
            "/api/v1/goals",
            json!({ "metric": "interactions", "target": "5", "period": "week" }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(g["target"], 5);
    let gid = g["id"].as_str().unwrap().to_owned();
    f.post(
        "/api/v1/goals",
        json!({ "metric": "happiness", "target": "5", "period": "week" }),
    )
    .await
    .invalid("metric");
    let goals = f.get("/api/v1/goals").await.expect(StatusCode::OK);
    assert!(goals.to_string().contains(&gid));
    let status = f
        .get("/api/v1/goals/status?at=2026-03-01")
        .await
        .expect(StatusCode::OK);
    assert!(status.to_string().contains(&gid), "{status}");
    let closed = f
        .post(&format!("/api/v1/goals/{gid}/close"), json!({}))
        .await
        .expect(StatusCode::OK);
    assert!(closed["closed_at"].is_string(), "{closed}");
    f.post(&format!("/api/v1/goals/{NOBODY}/close"), json!({}))
        .await
        .not_found();
    f.post("/api/v1/goals/x/close", json!({}))
        .await
        .invalid("id");
}

#[tokio::test]
async fn me_dupes_merge_export_import() {
    let f = demo().await;
    let me = f.get("/api/v1/me").await.expect(StatusCode::OK);
    assert_eq!(me["name"], "Alex Morgan");
    let me = f
        .send(
            Method::PUT,
            "/api/v1/me",
            json!({ "emails": ["alex@home.example"] }),
        )
        .await
        .expect(StatusCode::OK);
    assert!(me["emails"].to_string().contains("alex@home.example"));
    f.send(
        Method::PUT,
        "/api/v1/me",
        json!({ "emails": ["not an address"] }),
    )
    .await
    .invalid("emails");

    let keep = f.add("Zed Twin").await;
    let other = f.add("Zed  Twin").await;
    let dupes = f
        .get("/api/v1/dupes?limit=100")
        .await
        .expect(StatusCode::OK);
    assert!(dupes.to_string().contains(&keep), "{dupes}");
    f.get("/api/v1/dupes?limit=5000").await.invalid("limit");
    let merged = f
        .post("/api/v1/merge", json!({ "keep": keep, "other": other }))
        .await
        .expect(StatusCode::OK);
    assert!(merged.is_object());
    f.get(&format!("/api/v1/people/{other}")).await.not_found();
    f.post("/api/v1/merge", json!({ "keep": keep, "other": keep }))
        .await
        .expect(StatusCode::CONFLICT);
    f.post("/api/v1/merge", json!({ "keep": keep, "other": NOBODY }))
        .await
        .not_found();

    // exports
    let backup = f.get("/api/v1/export/json").await;
    assert_eq!(backup.status, StatusCode::OK);
    assert!(backup.content_type.starts_with("application/json"));
    assert_eq!(backup.json()["format"], "kithkin-backup");
    let csv = f.get("/api/v1/export/csv").await;
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.text.starts_with("id,name,emails"), "{}", csv.text);
    assert!(csv.text.contains("Anna Lee"));
    let vcf = f.get("/api/v1/export/vcard").await;
    assert!(vcf.content_type.starts_with("text/vcard"));
    assert!(vcf.text.contains("FN:Anna Lee"));
    let ics = f.get("/api/v1/export/ics").await;
    assert!(ics.content_type.starts_with("text/calendar"));
    assert!(ics.text.starts_with("BEGIN:VCALENDAR"));
    let edges = f.get("/api/v1/export/network-csv").await;
    assert_eq!(edges.status, StatusCode::OK);
    assert!(edges.text.lines().count() > 1);
    let graphml = f.get("/api/v1/export/graphml").await;
    assert!(graphml.text.contains("<graphml"));

    // imports
    let vcard =
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Vera Card\r\nEMAIL:vera@example.com\r\nEND:VCARD\r\n";
    let dry = f
        .upload("/api/v1/import/vcard?dry_run=true", vcard)
        .await
        .expect(StatusCode::OK);
    assert_eq!(dry["created"], 1);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(
        f.get("/api/v1/people?q=Vera").await.expect(StatusCode::OK)["people"],
        json!([])
    );
    let done = f
        .upload("/api/v1/import/vcard", vcard)
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["created"], 1);
    f.id_of("Vera Card").await;
    let csv_report = f
        .upload(
            "/api/v1/import/csv",
            "First Name,Last Name,E-mail Address\nCarl,Csv,carl@example.com\n",
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(csv_report["created"], 1, "{csv_report}");
    f.upload("/api/v1/import/spreadsheet", "x")
        .await
        .invalid("format");
    f.upload("/api/v1/import/json", "{ not json")
        .await
        .invalid("body");
    f.upload("/api/v1/import/edges", "a,b\nx,y\n")
        .await
        .invalid("body");
    // a backup goes only into an empty database
    let restore = f.upload("/api/v1/import/json", &backup.text).await;
    assert!(
        restore.status == StatusCode::CONFLICT
            || restore.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        restore.text
    );
    let edges = f
        .upload(
            "/api/v1/import/edges?dry_run=true",
            "source,target\nAnna Lee,Vera Card\n",
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(edges["read"], 1, "{edges}");
    let mail = "From alex@example.com Sat Feb 28 10:00:00 2026\nFrom: Alex Morgan <alex@example.com>\nTo: Anna Lee <anna@example.com>\nSubject: hi\nDate: Sat, 28 Feb 2026 10:00:00 +0000\nMessage-ID: <1@example.com>\n\nhello\n";
    let m = f
        .upload("/api/v1/import/mbox?dry_run=true", mail)
        .await
        .expect(StatusCode::OK);
    assert_eq!(m["mail"]["messages"], 1, "{m}");
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    f.upload("/api/v1/import/ics", ics)
        .await
        .expect(StatusCode::OK);
}

/// Every API route, with a concrete path: the OpenAPI document must list each, and list
/// nothing else.
const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/people"),
    ("POST", "/api/v1/people"),
    ("GET", "/api/v1/people/{id}"),
    ("PATCH", "/api/v1/people/{id}"),
    ("DELETE", "/api/v1/people/{id}"),
    ("POST", "/api/v1/people/{id}/archive"),
    ("POST", "/api/v1/people/{id}/restore"),
    ("GET", "/api/v1/people/{id}/notes"),
    ("POST", "/api/v1/people/{id}/notes"),
    ("POST", "/api/v1/people/{id}/dates"),
    ("GET", "/api/v1/people/{id}/brief"),
    ("GET", "/api/v1/people/{id}/strength"),
    ("GET", "/api/v1/people/{id}/value"),
    ("GET", "/api/v1/value"),
    ("POST", "/api/v1/knows"),
    ("GET", "/api/v1/today"),
    ("POST", "/api/v1/interactions"),
    ("PUT", "/api/v1/people/{id}/cadence"),
    ("POST", "/api/v1/people/{id}/snooze"),
    ("DELETE", "/api/v1/people/{id}/snooze"),
    ("POST", "/api/v1/people/{id}/reminders"),
    ("POST", "/api/v1/follow-ups/{id}/done"),
    ("POST", "/api/v1/people/{id}/life-events"),
    ("POST", "/api/v1/life-events/{id}/acknowledge"),
    ("GET", "/api/v1/strength"),
    ("GET", "/api/v1/reconnect"),
    ("GET", "/api/v1/circles"),
    ("POST", "/api/v1/circles"),
    ("POST", "/api/v1/circles/{name}/add"),
    ("POST", "/api/v1/circles/{name}/remove"),
    ("PUT", "/api/v1/circles/{name}/cadence"),
    ("GET", "/api/v1/facets"),
    ("PUT", "/api/v1/facets/wanted"),
    ("GET", "/api/v1/favours"),
    ("POST", "/api/v1/favours"),
    ("POST", "/api/v1/people/{id}/needs"),
    ("POST", "/api/v1/people/{id}/offers"),
    ("POST", "/api/v1/help-items/{id}/close"),
    ("POST", "/api/v1/people/{id}/thank"),
    ("GET", "/api/v1/people/{id}/thank-draft"),
    ("GET", "/api/v1/gratitude"),
    ("GET", "/api/v1/reciprocity"),
    ("GET", "/api/v1/introductions"),
    ("POST", "/api/v1/introductions"),
    ("POST", "/api/v1/introductions/{id}/ask"),
    ("POST", "/api/v1/introductions/{id}/made"),
    ("POST", "/api/v1/introductions/{id}/decline"),
    ("POST", "/api/v1/introductions/{id}/outcome"),
    ("GET", "/api/v1/introductions/{id}/draft"),
    ("GET", "/api/v1/introductions/suggestions"),
    ("GET", "/api/v1/paths"),
    ("GET", "/api/v1/collaborations"),
    ("POST", "/api/v1/collaborations"),
    ("PATCH", "/api/v1/collaborations/{id}"),
    ("GET", "/api/v1/collaborations/suggestions"),
    ("GET", "/api/v1/reports/reciprocity"),
    ("GET", "/api/v1/reports/diversity"),
    ("GET", "/api/v1/reports/network"),
    ("GET", "/api/v1/reports/support"),
    ("GET", "/api/v1/review"),
    ("GET", "/api/v1/time"),
    ("GET", "/api/v1/network"),
    ("GET", "/api/v1/events"),
    ("POST", "/api/v1/events"),
    ("GET", "/api/v1/events/{id}"),
    ("POST", "/api/v1/events/{id}/met"),
    ("POST", "/api/v1/events/{id}/done"),
    ("GET", "/api/v1/orgs"),
    ("GET", "/api/v1/orgs/{name}"),
    ("POST", "/api/v1/orgs/{name}/join"),
    ("POST", "/api/v1/orgs/{name}/leave"),
    ("GET", "/api/v1/goals"),
    ("POST", "/api/v1/goals"),
    ("POST", "/api/v1/goals/{id}/close"),
    ("GET", "/api/v1/goals/status"),
    ("GET", "/api/v1/me"),
    ("PUT", "/api/v1/me"),
    ("GET", "/api/v1/dupes"),
    ("POST", "/api/v1/merge"),
    ("GET", "/api/v1/export/json"),
    ("GET", "/api/v1/export/csv"),
    ("GET", "/api/v1/export/vcard"),
    ("GET", "/api/v1/export/ics"),
    ("GET", "/api/v1/export/network-csv"),
    ("GET", "/api/v1/export/graphml"),
    ("POST", "/api/v1/import/{format}"),
];

#[tokio::test]
async fn openapi_documents_every_api_route() {
    let f = demo().await;
    let doc = f.get("/api/openapi.json").await.expect(StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    for (method, route) in ROUTES {
        // served: a well-formed request reaches a handler (not the fallback's 404 page and
        // not 405), with placeholders filled by an unknown id or name
        let uri = route
            .replace("{id}", NOBODY)
            .replace("{name}", "Nowhere")
            .replace("{format}", "vcard");
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let r = f
            .call(m, &uri, Some(Body::from("{}")), "application/json")
            .await;
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {route}");
        assert!(
            r.content_type.starts_with("application/json")
                || r.content_type.starts_with("text/")
                || r.status.is_success(),
            "{method} {route} is not served by the API: {} {}",
            r.status,
            r.content_type
        );
        assert!(
            r.status != StatusCode::NOT_FOUND || r.json()["error"].is_string(),
            "{method} {route} is not served: {}",
            r.text
        );
        assert!(!r.status.is_server_error(), "{method} {route}: {}", r.text);
        let documented = paths
            .get(*route)
            .and_then(|p| p.get(method.to_ascii_lowercase()));
        assert!(
            documented.is_some(),
            "{method} {route} is served but missing from /api/openapi.json"
        );
        // each documents its answers, errors included
        let responses = documented.unwrap()["responses"].as_object().unwrap();
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{method} {route}"
        );
    }
    let documented: usize = paths
        .values()
        .map(|p| p.as_object().map_or(0, |o| o.len()))
        .sum();
    assert_eq!(
        documented,
        ROUTES.len(),
        "documented but not in the list: {:?}",
        paths
            .iter()
            .flat_map(|(p, ops)| ops
                .as_object()
                .unwrap()
                .keys()
                .map(move |m| format!("{} {p}", m.to_uppercase())))
            .filter(|op| !ROUTES.iter().any(|(m, r)| *op == format!("{m} {r}")))
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn malformed_bodies_are_4xx_not_5xx() {
    let f = demo().await;
    let anna = f.id_of("Anna Lee").await;
    for (method, route) in ROUTES {
        if *method == "GET" {
            continue;
        }
        let uri = route
            .replace("{id}", &anna)
            .replace("{name}", "Nowhere")
            .replace("{format}", "json");
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        for (body, kind) in [
            ("{", "application/json"),
            ("[1, 2]", "application/json"),
            ("{\"name\": 7}", "application/json"),
            ("\u{0}", "text/plain"),
        ] {
            let r = f.call(m.clone(), &uri, Some(Body::from(body)), kind).await;
            assert!(
                r.status.is_client_error() || r.status.is_success(),
                "{method} {uri} with {body:?}: {} {}",
                r.status,
                r.text
            );
        }
    }
}
