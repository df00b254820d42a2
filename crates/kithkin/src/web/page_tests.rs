//! The pages beyond Today, People and a person's: the introductions board, reports, import,
//! review, the People filters and the person page's additions, driven with `oneshot`.

// tests only: a failed unwrap is a failed test; no user input reaches this code
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::tests::{HTMX_TAG, assert_no_inline};
use super::{State, router};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::tests::HOST;

struct Fixture {
    state: State,
    _dir: tempfile::TempDir,
}

async fn fixture(demo: bool) -> Fixture {
    let (state, dir) = super::tests::open_state(None, demo).await;
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

#[tokio::test]
async fn reports_draw_one_bar_per_facet_value_and_the_network() {
    let f = fixture(true).await;
    let html = f.html("/reports").await;
    for heading in [
        "Diversity",
        "Tie strength",
        "Reciprocity",
        "Goals and time invested",
        "Network",
    ] {
        assert!(html.contains(&format!(">{heading}</h2>")), "{heading}");
    }
    // each facet's chart has one bar per value in its table
    let facets: Vec<&str> = html.split(r#"<section class="facet""#).skip(1).collect();
    assert!(!facets.is_empty(), "{html}");
    for f in &facets {
        let f = &f[..f.find("</section>").unwrap()];
        let svg = &f[f.find("<svg").unwrap()..f.find("</svg>").unwrap() + 6];
        roxmltree::Document::parse(svg).unwrap();
        let bars = svg.matches(r#"<rect class="bar""#).count();
        let rows = f.matches(r#"<th scope="row">"#).count();
        assert!(bars > 0);
        assert_eq!(bars, rows, "{f}");
        assert!(f.contains('%'));
    }
    // the histogram has ten bins; every chart is accessible
    assert!(html.contains(r#"<th scope="row">90–100</th>"#), "{html}");
    assert!(html.contains(r#"role="img" aria-labelledby="strength-title strength-desc""#));
    // the network: one linked dot per contact, coloured by community
    let start = html.find(r#"class="chart network""#).unwrap();
    let svg = &html[html[..start].rfind("<svg").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap() + 6];
    let doc = roxmltree::Document::parse(svg).unwrap();
    let dots = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert!(dots > 5, "{svg}");
    assert!(svg.contains(r#"class="node c0""#));
    assert!(
        html.contains("All ") && html.contains("communities"),
        "{html}"
    );
    // goals show as progress bars
    assert!(html.contains("<progress"), "{html}");
}

#[tokio::test]
async fn reports_on_an_empty_database() {
    let f = fixture(false).await;
    let html = f.html("/reports").await;
    assert!(html.contains("No facets yet"), "{html}");
    assert!(html.contains("No favours recorded yet"), "{html}");
}

/// A multipart/form-data body with the text fields and one file.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----kithkin-test-boundary";
    let mut b = Vec::new();
    for (k, v) in fields {
        b.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        b.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        b.extend_from_slice(bytes);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), b)
}

impl Fixture {
    async fn upload(
        &self,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
        extra: &[(&str, &str)],
    ) -> Response {
        let (ctype, bytes) = multipart(fields, file);
        let mut b = Request::post("/import")
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, ctype);
        for (k, v) in extra {
            b = b.header(*k, *v);
        }
        self.send(b.body(Body::from(bytes)).unwrap()).await
    }
}

const SAME_ORIGIN: &[(&str, &str)] = &[("sec-fetch-site", "same-origin")];

const VCARDS: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Katherine Johnson\r\nEMAIL:kj@example.org\r\nORG:NASA\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dorothy <Vaughan> & co\r\nEMAIL:dv@example.org\r\nEND:VCARD\r\n";

#[tokio::test]
async fn import_a_vcard_upload_then_the_people_are_listed() {
    let f = fixture(false).await;
    let html = f.html("/import").await;
    assert!(html.contains(r#"enctype="multipart/form-data""#));
    for label in [
        r#"<label for="import-format">"#,
        r#"<label for="import-file">"#,
        r#"<label for="import-dry-run">"#,
    ] {
        assert!(html.contains(label), "{label}");
    }
    for format in [
        "vcard",
        "google-csv",
        "outlook-csv",
        "csv",
        "linkedin",
        "ics",
        "mbox",
        "json",
    ] {
        assert!(
            html.contains(&format!(r#"<option value="{format}""#)),
            "{format}"
        );
    }

    // a dry run writes nothing
    let r = f
        .upload(
            &[("format", "vcard"), ("dry_run", "1")],
            Some(("contacts.vcf", VCARDS.as_bytes())),
            SAME_ORIGIN,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.contains("Dry run: nothing was written"), "{html}");
    assert!(
        html.contains("<dt>People would be created</dt><dd>2</dd>"),
        "{html}"
    );
    assert!(!f.html("/people").await.contains("Katherine Johnson"));

    // the real thing
    let r = f
        .upload(
            &[("format", "vcard")],
            Some(("contacts.vcf", VCARDS.as_bytes())),
            SAME_ORIGIN,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert_no_inline(&html);
    assert!(html.contains("<dt>People created</dt><dd>2</dd>"), "{html}");
    let people = f.html("/people").await;
    assert!(people.contains("Katherine Johnson"), "{people}");
    assert!(
        people.contains("Dorothy &#60;Vaughan&#62; &#38; co"),
        "{people}"
    );

    // again: nothing twice
    let html = body(
        f.upload(
            &[("format", "vcard")],
            Some(("contacts.vcf", VCARDS.as_bytes())),
            SAME_ORIGIN,
        )
        .await,
    )
    .await;
    assert!(html.contains("<dt>Unchanged</dt><dd>2</dd>"), "{html}");

    // a file that is not in the format: reported, with its line and reason
    let r = f
        .upload(
            &[("format", "vcard")],
            Some(("notes.txt", b"just some text\n")),
            SAME_ORIGIN,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.contains("<dt>Failed</dt><dd>1</dd>"), "{html}");
    assert!(html.contains("<td>notes.txt</td>"), "{html}");
    assert!(html.contains("no vCard found"), "{html}");
}

#[tokio::test]
async fn import_csv_and_a_backup() {
    let f = fixture(false).await;
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nGrace,Hopper,https://www.linkedin.com/in/grace,grace@example.org,Navy,Rear Admiral,01 Jan 2020\n";
    let r = f
        .upload(
            &[("format", "linkedin")],
            Some(("Connections.csv", csv.as_bytes())),
            SAME_ORIGIN,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.contains("<dt>People created</dt><dd>1</dd>"), "{html}");
    assert!(f.html("/people").await.contains("Grace Hopper"));

    // a backup goes into an empty database only: 409 here
    let demo = fixture(true).await;
    let backup = serde_json::to_vec(&demo.state.app.export_json().await.unwrap()).unwrap();
    let r = f
        .upload(
            &[("format", "json")],
            Some(("backup.json", &backup)),
            SAME_ORIGIN,
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // into an empty one it is restored
    let empty = fixture(false).await;
    let r = empty
        .upload(
            &[("format", "json")],
            Some(("backup.json", &backup)),
            SAME_ORIGIN,
        )
        .await;
    let status = r.status();
    let html = body(r).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Restored "), "{html}");
    assert!(empty.html("/people").await.contains("Priya Raman"));
}

#[tokio::test]
async fn import_refusals() {
    let f = fixture(false).await;
    // no file, an unknown format, a file too large, a broken backup
    for (fields, file, status, message) in [
        (
            vec![("format", "vcard")],
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose a file",
        ),
        (
            vec![("format", "floppy")],
            Some(("x.vcf", VCARDS.as_bytes().to_vec())),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose a format",
        ),
        (
            vec![("format", "vcard")],
            Some(("big.vcf", vec![b'x'; super::import_page::UPLOAD_LIMIT + 10])),
            StatusCode::PAYLOAD_TOO_LARGE,
            "larger than",
        ),
        (
            vec![("format", "json")],
            Some(("backup.json", b"{\"format\": 1".to_vec())),
            StatusCode::UNPROCESSABLE_ENTITY,
            "not a Kithkin backup",
        ),
    ] {
        let r = f
            .upload(
                &fields,
                file.as_ref().map(|(n, b)| (*n, b.as_slice())),
                SAME_ORIGIN,
            )
            .await;
        assert_eq!(r.status(), status, "{message}");
        let html = body(r).await;
        assert!(html.contains(r#"role="alert""#), "{html}");
        assert!(html.contains(message), "{message}: {html}");
    }
    // a body far past the limit is refused before it is read
    let r = f
        .upload(
            &[("format", "vcard")],
            Some((
                "huge.vcf",
                &vec![b'x'; super::import_page::UPLOAD_LIMIT * 3],
            )),
            SAME_ORIGIN,
        )
        .await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // not multipart
    let r = f.form("/import", "format=vcard").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // CSRF
    for extra in [
        vec![],
        vec![("sec-fetch-site", "cross-site")],
        vec![("origin", "http://evil.example")],
    ] {
        let r = f
            .upload(
                &[("format", "vcard")],
                Some(("contacts.vcf", VCARDS.as_bytes())),
                &extra,
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{extra:?}");
    }
    assert!(!f.html("/people").await.contains("Katherine"));
}

impl Fixture {
    async fn edit(&self, id: &str, changes: kithkin_app::people::ProfileChanges) {
        self.state.app.edit_person(id, &changes).await.unwrap();
    }
}

/// The names in the People page's results, in order.
fn listed(html: &str) -> Vec<String> {
    let results = &html[html.find(r#"<div id="results">"#).unwrap()..];
    results
        .split("<strong>")
        .skip(1)
        .map(|s| s[..s.find("</strong>").unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn people_filters_and_sorts() {
    use kithkin_app::people::ProfileChanges;
    let f = fixture(false).await;
    let ada = f.add("Ada Lovelace").await;
    let bob = f.add("Bob Babbage").await;
    let cy = f.add("Cy Young").await;
    f.edit(
        &ada,
        ProfileChanges {
            tags: vec!["math".into()],
            facets: vec!["industry=computing".into()],
            roles: vec!["mentor".into()],
            circles: vec!["Engines".into()],
            cadence: Some("1w".into()),
            ..ProfileChanges::default()
        },
    )
    .await;
    f.edit(
        &bob,
        ProfileChanges {
            tags: vec!["math".into()],
            facets: vec!["industry=finance".into()],
            cadence: Some("2w".into()),
            ..ProfileChanges::default()
        },
    )
    .await;
    // Cy was called yesterday: strongest, and not overdue
    f.state
        .app
        .log(&kithkin_app::activity::LogRequest {
            kind: "call".into(),
            with: vec![cy.clone()],
            at: None,
            minutes: Some(30),
            direction: None,
            note: None,
        })
        .await
        .unwrap();

    let html = f.html("/people").await;
    for label in ["q", "tag", "circle", "facet", "role", "sort"] {
        assert!(
            html.contains(&format!(r#"<label for="{label}">"#)),
            "{label}"
        );
    }
    assert!(html.contains(r#"hx-get="/people""#) && html.contains("delay:300ms"));
    assert_eq!(listed(&html), ["Ada Lovelace", "Bob Babbage", "Cy Young"]);

    for (query, expected) in [
        ("tag=math", vec!["Ada Lovelace", "Bob Babbage"]),
        ("circle=engines", vec!["Ada Lovelace"]),
        ("facet=industry%3Dfinance", vec!["Bob Babbage"]),
        ("role=mentor", vec!["Ada Lovelace"]),
        ("tag=math&facet=industry%3Dcomputing", vec!["Ada Lovelace"]),
        ("q=Babbage", vec!["Bob Babbage"]),
        ("q=Babbage&tag=poetry", vec![]),
        ("tag=nothing", vec![]),
    ] {
        let html = f.html(&format!("/people?{query}")).await;
        assert_eq!(listed(&html), expected, "{query}");
    }
    // the filters are kept in the form
    let html = f.html("/people?tag=math&role=mentor&sort=strength").await;
    assert!(
        html.contains(r#"<input id="tag" name="tag" value="math">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<option value="mentor" selected>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<option value="strength" selected>"#),
        "{html}"
    );

    let html = f.html("/people?sort=strength").await;
    assert_eq!(listed(&html)[0], "Cy Young");
    assert!(html.contains("strength "), "{html}");
    let html = f.html("/people?sort=overdue").await;
    let order = listed(&html);
    assert_eq!(order.last().map(String::as_str), Some("Cy Young"), "{html}");
    assert!(
        html.contains("overdue") || html.contains("due today"),
        "{html}"
    );

    // htmx asks for the results only
    let r = f
        .send(
            Request::get("/people?q=Ada")
                .header(header::HOST, HOST)
                .header("hx-request", "true")
                .header("hx-target", "results")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.starts_with(r#"<div id="results">"#), "{html}");
    assert!(!html.contains("<html"));
    assert_eq!(listed(&html), ["Ada Lovelace"]);

    // filters that cannot be read: 422 with the message
    for bad in ["facet=industry", "role=overlord"] {
        let r = f.get(&format!("/people?{bad}")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let html = body(r).await;
        assert!(html.contains(r#"role="alert""#), "{html}");
    }
}

#[tokio::test]
async fn the_person_page_has_the_brief_favours_introductions_and_an_edit_form() {
    let f = fixture(true).await;
    let people: serde_json::Value =
        serde_json::from_str(&body(f.get("/api/v1/people?q=Priya%20Raman").await).await).unwrap();
    let priya = people["people"][0]["person"].as_str().unwrap().to_owned();
    let html = f.html(&format!("/people/{priya}")).await;
    for heading in ["Brief", "Favours", "Introductions", "Edit profile"] {
        assert!(
            html.contains(&format!(">{heading}</h2>")),
            "{heading}: {html}"
        );
    }
    for heading in ["Needs", "Offers"] {
        assert!(html.contains(&format!(">{heading}</h3>")), "{heading}");
    }
    // the demo introduction with Daniel, in "Asked A"
    assert!(
        html.contains("Daniel Kim</a> <span class=\"detail\">Asked A"),
        "{html}"
    );
    assert!(html.contains(&format!(r#"action="/people/{priya}/edit""#)));
    for field in [
        "name",
        "organisation",
        "title",
        "tags",
        "circles",
        "roles",
        "facets",
        "cadence",
    ] {
        assert!(
            html.contains(&format!(r#"<label for="edit-{field}">"#)),
            "{field}"
        );
    }
}

#[tokio::test]
async fn edit_a_profile_from_its_page() {
    let f = fixture(false).await;
    let id = f.add("Grace Hopper").await;
    let page = format!("/people/{id}");
    let edit = format!("/people/{id}/edit");
    let html = f.html(&page).await;
    assert!(html.contains(r#"<input id="edit-name" name="name" required value="Grace Hopper""#));

    let r = f
        .form(
            &edit,
            "name=Grace+Brewster+Hopper&organisation=US+Navy&title=Rear+Admiral&tags=cobol%2C+compilers&circles=Pioneers&roles=mentor&facets=industry%3Ddefence%0Aregion%3DUS&cadence=2w&summary=Found+a+moth",
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), page);
    let html = f.html(&page).await;
    assert!(html.contains("<h1>Grace Brewster Hopper</h1>"), "{html}");
    assert!(html.contains("Rear Admiral, US Navy"));
    assert!(html.contains("<dd>cobol, compilers</dd>"), "{html}");
    assert!(html.contains("<dd>Pioneers</dd>"), "{html}");
    assert!(html.contains("<dt>Industry</dt><dd>defence</dd>"), "{html}");
    assert!(html.contains(r#"value="2w""#), "{html}");
    assert!(
        f.html("/people?role=mentor")
            .await
            .contains("Grace Brewster Hopper")
    );

    // remove a tag, a facet and the organisation; the rest unchanged
    let r = f
        .form(
            &edit,
            "name=Grace+Brewster+Hopper&organisation=&title=Rear+Admiral&tags=cobol&circles=Pioneers&roles=mentor&facets=region%3DUS&cadence=2w&summary=Found+a+moth",
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = f.html(&page).await;
    assert!(html.contains("<dd>cobol</dd>"), "{html}");
    assert!(!html.contains("US Navy"));
    assert!(!html.contains("<dt>industry</dt>"));

    // refused: 422 with the message and what was typed; nothing saved
    for (form, message) in [
        ("name=&tags=cobol", "name"),
        ("name=Grace+Brewster+Hopper&cadence=often", "cadence"),
        ("name=Grace+Brewster+Hopper&roles=overlord", "role"),
        ("name=Grace+Brewster+Hopper&facets=nokey", "facet"),
    ] {
        let r = f.form(&edit, form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{form}");
        let html = body(r).await;
        assert!(html.contains(r#"<details class="edit" open>"#), "{html}");
        assert!(html.contains(r#"id="edit-error""#), "{html}");
        assert!(html.to_lowercase().contains(message), "{message}: {html}");
    }
    let html = f.html(&page).await;
    assert!(html.contains("<h1>Grace Brewster Hopper</h1>"));
    assert!(html.contains(r#"value="2w""#));

    // an email that is someone else's: 409
    let other = f.add("Ada Lovelace").await;
    f.form(
        &format!("/people/{other}/edit"),
        "name=Ada+Lovelace&emails=ada%40example.org",
    )
    .await;
    let r = f
        .form(&edit, "name=Grace+Brewster+Hopper&emails=ada%40example.org")
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // 404s and CSRF
    for uri in [
        "/people/00000000-0000-0000-0000-000000000000/edit",
        "/people/nope/edit",
    ] {
        assert_eq!(f.form(uri, "name=X").await.status(), StatusCode::NOT_FOUND);
    }
    for extra in [
        vec![],
        vec![("sec-fetch-site", "cross-site")],
        vec![("origin", "http://evil.example")],
    ] {
        let r = f.form_with(&edit, "name=Evil", &extra).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    assert!(
        f.html(&page)
            .await
            .contains("<h1>Grace Brewster Hopper</h1>")
    );
}

#[tokio::test]
async fn the_weekly_review() {
    let f = fixture(true).await;
    let html = f.html("/review").await;
    // the fixed clock says Sunday 1 March 2026: the week from Monday 23 February
    assert!(
        html.contains("<h1>Weekly review, Mon 23 Feb 2026 to Sun 01 Mar 2026</h1>"),
        "{html}"
    );
    for section in [
        "This week",
        "Reconnected",
        "Overdue check-ins",
        "Coming up",
        "Give and take",
        "Thanks owed",
        "Goals",
        "Time invested",
        "Growing ties",
        "Fading ties",
    ] {
        assert!(html.contains(&format!(">{section}</h2>")), "{section}");
    }
    assert!(
        html.contains(r#"href="/review?week_of=2026-02-16""#),
        "{html}"
    );
    assert!(html.contains(r#"<label for="week-of">"#));
    let html = f.html("/review?week_of=2026-02-18").await;
    assert!(html.contains("Weekly review, Mon 16 Feb 2026"), "{html}");
    let r = f.get("/review?week_of=the+twelfth+of+never").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains(r#"role="alert""#), "{html}");
}

#[tokio::test]
async fn every_page_has_the_navigation_and_marks_where_you_are() {
    let f = fixture(true).await;
    let id = {
        let v: serde_json::Value =
            serde_json::from_str(&body(f.get("/api/v1/people?limit=1").await).await).unwrap();
        v["people"][0]["id"].as_str().unwrap().to_owned()
    };
    for (uri, current) in [
        ("/".to_owned(), "/"),
        ("/people".to_owned(), "/people"),
        (format!("/people/{id}"), "/people"),
        ("/introductions".to_owned(), "/introductions"),
        ("/reports".to_owned(), "/reports"),
        ("/review".to_owned(), "/review"),
        ("/import".to_owned(), "/import"),
    ] {
        let html = f.html(&uri).await;
        for (href, label) in [
            ("/", "Today"),
            ("/people", "People"),
            ("/introductions", "Introductions"),
            ("/reports", "Reports"),
            ("/review", "Review"),
            ("/import", "Import"),
        ] {
            let plain = format!(r#"<a href="{href}">{label}</a>"#);
            let marked = format!(r#"<a href="{href}" aria-current="page">{label}</a>"#);
            if href == current {
                assert!(html.contains(&marked), "{uri}: {label}");
            } else {
                assert!(html.contains(&plain), "{uri}: {label}");
            }
        }
        assert_eq!(html.matches(r#"aria-current="page""#).count(), 1, "{uri}");
        assert!(html.contains(HTMX_TAG), "{uri}");
        assert!(html.contains(r#"<body hx-boost="true">"#), "{uri}");
        // every form control has a label
        for id in html
            .split(r#"<input id=""#)
            .skip(1)
            .chain(html.split(r#"<select id=""#).skip(1))
            .chain(html.split(r#"<textarea id=""#).skip(1))
            .map(|s| &s[..s.find('"').unwrap()])
        {
            assert!(
                html.contains(&format!(r#"<label for="{id}">"#)),
                "{uri}: no label for #{id}"
            );
        }
    }
}

#[tokio::test]
async fn edit_phones_addresses_interests_and_expertise() {
    let f = fixture(false).await;
    let id = f.add("Grace Hopper").await;
    let edit = format!("/people/{id}/edit");
    let r = f
        .form(
            &edit,
            "name=Grace+Hopper&phones=%2B1+555+0100&urls=https%3A%2F%2Fexample.org%2Fgrace&interests=sailing%2C+clocks&expertise=compilers",
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let p = f
        .state
        .app
        .person(id.parse().unwrap())
        .await
        .unwrap()
        .profile;
    assert_eq!(p.phones, ["+1 555 0100"]);
    assert_eq!(p.urls, ["https://example.org/grace"]);
    assert_eq!(p.interests, ["sailing", "clocks"]);
    assert_eq!(p.expertise, ["compilers"]);
    let html = f.html(&format!("/people/{id}")).await;
    assert!(
        html.contains(r#"<input id="edit-phones" name="phones" value="+1 555 0100">"#),
        "{html}"
    );

    // emptied lists remove what was there
    let r = f
        .form(
            &edit,
            "name=Grace+Hopper&phones=&urls=&interests=clocks&expertise=",
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let p = f
        .state
        .app
        .person(id.parse().unwrap())
        .await
        .unwrap()
        .profile;
    assert!(p.phones.is_empty() && p.urls.is_empty() && p.expertise.is_empty());
    assert_eq!(p.interests, ["clocks"]);
}
