//! End-to-end tests of the `kithkin` command line: every verb, its JSON, its exit codes
//! (0 ok, 1 the user's request cannot be done, 2 usage or system error) and what is left in
//! the database after a refusal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kit, NOW, cmd_on, files_in, kithkin, len, names_of, run, str_of, strings};
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// init
// ---------------------------------------------------------------------------------------------

#[test]
fn init_with_me_creates_the_database_and_reports_it_as_json() {
    let kit = Kit::new();
    let v = kit.json(&["init", "--me", "Sam Rivers"]);
    assert_eq!(v["created"], json!(true));
    assert_eq!(v["backend"], json!("sqlite"));
    assert_eq!(v["me"]["name"], json!("Sam Rivers"));
    assert_eq!(str_of(&v["me"]["id"]).len(), 36, "id is a UUID: {v}");
    assert!(str_of(&v["database"]).ends_with("k.db"), "{v}");
    assert_eq!(
        v.as_object().map(|o| o.len()),
        Some(4),
        "exactly database, backend, me, created: {v}"
    );
    assert!(kit.db.exists());
}

#[test]
fn init_without_me_names_you_me_and_says_so() {
    let kit = Kit::new();
    let out = kit.ok(&["init"]);
    assert!(out.contains("Created sqlite database at"), "{out}");
    assert!(out.contains("You are Me ("), "{out}");
    let v = kit.json(&["init"]);
    assert_eq!(v["created"], json!(false));
    assert_eq!(v["me"]["name"], json!("Me"));
}

#[test]
fn init_twice_keeps_the_same_me_and_can_rename_it() {
    let kit = Kit::new();
    let first = kit.json(&["init", "--me", "Sam Rivers"]);
    let again = kit.json(&["init"]);
    assert_eq!(again["created"], json!(false));
    assert_eq!(again["me"], first["me"]);
    let out = kit.ok(&["init"]);
    assert!(out.starts_with("Using sqlite database at"), "{out}");
    let renamed = kit.json(&["init", "--me", "Samantha Rivers"]);
    assert_eq!(renamed["created"], json!(false));
    assert_eq!(renamed["me"]["id"], first["me"]["id"]);
    assert_eq!(renamed["me"]["name"], json!("Samantha Rivers"));
    assert_eq!(kit.show("Samantha Rivers")["is_me"], json!(true));
}

#[test]
fn quiet_init_and_add_print_nothing() {
    let kit = Kit::new();
    assert_eq!(kit.ok(&["-q", "init"]), "");
    assert_eq!(kit.ok(&["--quiet", "add", "Anna Lee"]), "");
    assert_eq!(kit.names(&[]), ["Anna Lee"]);
}

// ---------------------------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------------------------

#[test]
fn add_with_every_flag_stores_everything_show_returns() {
    let kit = Kit::init();
    let intro = kit.add("Ines Park", &[]);
    let v = kit.json(&[
        "add",
        "Anna Lee",
        "--email",
        "anna@example.com",
        "--email",
        "anna.lee@work.example",
        "--phone",
        "+44 20 7946 0000",
        "--url",
        "https://example.com/anna",
        "--org",
        "Acme",
        "--title",
        "CTO",
        "--nickname",
        "Annie",
        "--tag",
        "rust",
        "--tag",
        "climate",
        "--interest",
        "hiking",
        "--expertise",
        "databases",
        "--offer",
        "intro to climate VCs",
        "--need",
        "a product designer",
        "--facet",
        "industry=fintech",
        "--facet",
        "region=europe",
        "--role",
        "mentor",
        "--role",
        "friend",
        "--circle",
        "Inner Circle",
        "--cadence",
        "2w",
        "--met-at",
        "RustConf",
        "--met-on",
        "2025-01-02",
        "--introduced-by",
        "ines",
        "--summary",
        "Builds databases",
    ]);
    assert_eq!(v["created_circles"], json!(["Inner Circle"]));
    assert_eq!(v["warnings"], json!([]));
    let help: Vec<(String, String)> = v["help_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (str_of(&h["kind"]), str_of(&h["text"])))
        .collect();
    assert_eq!(
        help,
        [
            ("offer".to_owned(), "intro to climate VCs".to_owned()),
            ("need".to_owned(), "a product designer".to_owned())
        ]
    );
    assert!(
        v["help_items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["status"] == json!("open"))
    );

    let id = str_of(&v["person"]["id"]);
    let s = kit.show("Anna Lee");
    assert_eq!(s["person"]["id"], json!(id));
    assert_eq!(s["is_me"], json!(false));
    let p = &s["person"]["profile"];
    assert_eq!(p["name"], json!("Anna Lee"));
    assert_eq!(p["nickname"], json!("Annie"));
    assert_eq!(
        p["emails"],
        json!(["anna@example.com", "anna.lee@work.example"])
    );
    assert_eq!(p["phones"], json!(["+44 20 7946 0000"]));
    assert_eq!(p["urls"], json!(["https://example.com/anna"]));
    assert_eq!(p["organisation"], json!("Acme"));
    assert_eq!(p["title"], json!("CTO"));
    assert_eq!(p["tags"], json!(["rust", "climate"]));
    assert_eq!(p["interests"], json!(["hiking"]));
    assert_eq!(p["expertise"], json!(["databases"]));
    assert_eq!(p["roles"], json!(["mentor", "friend"]));
    assert_eq!(
        p["facets"],
        json!({"industry": "fintech", "region": "europe"})
    );
    assert_eq!(p["cadence"], json!(14), "2w is 14 days");
    assert_eq!(p["met_at"], json!("RustConf"));
    assert_eq!(p["met_on"], json!("2025-01-02"));
    assert_eq!(p["introduced_by"], json!(intro));
    assert_eq!(p["summary"], json!("Builds databases"));
    assert_eq!(s["person"]["circles"], json!(["Inner Circle"]));
    assert_eq!(
        s["introduced_by"],
        json!({"name": "Ines Park", "id": intro})
    );
    assert_eq!(s["person"]["created_at"], json!(NOW));
    assert_eq!(s["person"]["archived_at"], json!(null));
    assert_eq!(s["stats"], json!(null));
    for empty in ["interactions", "notes", "dates", "knows"] {
        assert_eq!(s[empty], json!([]), "{empty}");
    }

    let text = kit.ok(&["show", "Anna Lee"]);
    for expected in [
        "Anna Lee — CTO, Acme",
        "anna@example.com, anna.lee@work.example",
        "mentor, friend",
        "industry=fintech, region=europe",
        "Inner Circle",
        "every 2w",
        "RustConf (2025-01-02)",
        "introduced by Ines Park",
        "none yet",
    ] {
        assert!(text.contains(expected), "show lacks {expected:?}:\n{text}");
    }
}

#[test]
fn add_says_which_circles_it_created_and_records_offers_in_text() {
    let kit = Kit::init();
    let out = kit.ok(&[
        "add",
        "Anna Lee",
        "--circle",
        "Climate",
        "--offer",
        "mentoring",
    ]);
    assert!(out.starts_with("Added Anna Lee ("), "{out}");
    assert!(out.contains("created circle \"Climate\""), "{out}");
    assert!(out.contains("circles: Climate"), "{out}");
    assert!(out.contains("offer recorded: mentoring"), "{out}");
    // The same circle, typed differently, already exists: it is joined, not created.
    let v = kit.json(&["add", "Bob Stone", "--circle", "climate"]);
    assert_eq!(v["created_circles"], json!([]));
    let circles = kit.json(&["circle", "list"]);
    assert_eq!(len(&circles), 1);
    assert_eq!(circles[0]["circle"]["name"], json!("Climate"));
    assert_eq!(circles[0]["members"], json!(2));
}

#[test]
fn add_refuses_each_invalid_value_naming_field_and_value_and_writes_nothing() {
    let cases: [(&str, &str, &str); 6] = [
        ("--email", "not-an-email", "email \"not-an-email\""),
        ("--facet", "industry", "facet \"industry\""),
        ("--role", "boss", "role \"boss\""),
        ("--cadence", "often", "cadence \"often\""),
        ("--met-on", "soon", "met on \"soon\""),
        ("--met-on", "2026-13-01", "\"2026-13-01\""),
    ];
    for (flag, value, expected) in cases {
        let kit = Kit::init();
        // A new circle and an offer ride along: neither may be written when the add fails.
        let r = kit.fails(
            1,
            &[
                "add", "Anna Lee", flag, value, "--circle", "Fresh", "--offer", "help",
            ],
        );
        assert!(
            r.stderr.contains(expected),
            "{flag} {value}: stderr lacks {expected:?}:\n{}",
            r.stderr
        );
        assert!(r.stderr.starts_with("kithkin: error: "), "{}", r.stderr);
        assert_eq!(
            kit.json(&["list"]),
            json!([]),
            "{flag} {value} wrote a person"
        );
        assert_eq!(
            kit.json(&["circle", "list"]),
            json!([]),
            "{flag} {value} created a circle"
        );
        assert_eq!(kit.json(&["search", "Anna"]), json!([]));
    }
}

#[test]
fn add_reports_every_invalid_value_at_once() {
    let kit = Kit::init();
    let r = kit.fails(
        1,
        &[
            "add",
            "X",
            "--email",
            "nope",
            "--facet",
            "bad",
            "--role",
            "boss",
            "--cadence",
            "often",
        ],
    );
    for part in [
        "email \"nope\"",
        "facet \"bad\"",
        "role \"boss\"",
        "cadence \"often\"",
    ] {
        assert!(r.stderr.contains(part), "lacks {part:?}: {}", r.stderr);
    }
    assert_eq!(kit.names(&[]), Vec::<String>::new());
}

#[test]
fn add_refuses_an_email_that_belongs_to_someone_else_in_any_case() {
    let kit = Kit::init();
    kit.add("Anna Lee", &["--email", "Anna@Example.com"]);
    let r = kit.fails(1, &["add", "Impostor", "--email", "anna@EXAMPLE.com"]);
    assert!(
        r.stderr.contains("already belongs to Anna Lee"),
        "{}",
        r.stderr
    );
    assert_eq!(kit.names(&[]), ["Anna Lee"]);
}

#[test]
fn add_refuses_an_empty_name() {
    let kit = Kit::init();
    let r = kit.fails(1, &["add", "  "]);
    assert!(r.stderr.contains("name"), "{}", r.stderr);
    assert!(r.stderr.contains("must not be empty"), "{}", r.stderr);
    assert_eq!(kit.names(&[]), Vec::<String>::new());
}

#[test]
fn add_with_an_unknown_introducer_fails_and_writes_nothing() {
    let kit = Kit::init();
    let r = kit.fails(
        1,
        &[
            "add",
            "Anna Lee",
            "--introduced-by",
            "Nobody Known",
            "--circle",
            "Fresh",
        ],
    );
    assert!(
        r.stderr.contains("no person matches \"Nobody Known\""),
        "{}",
        r.stderr
    );
    assert_eq!(kit.names(&[]), Vec::<String>::new());
    assert_eq!(kit.json(&["circle", "list"]), json!([]));
}

#[test]
fn add_of_a_second_person_with_the_same_name_warns() {
    let kit = Kit::init();
    kit.add("Chris Park", &[]);
    let v = kit.json(&["add", "Chris Park"]);
    let warnings = strings(&v["warnings"]);
    assert_eq!(warnings.len(), 1, "{v}");
    assert!(
        warnings[0].contains("also named \"Chris Park\""),
        "{warnings:?}"
    );
    let r = kit.run(&["add", "chris park"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("kithkin: warning: 2 other person(s)"),
        "{}",
        r.stderr
    );
    assert_eq!(kit.names(&[]).len(), 3);
}

// ---------------------------------------------------------------------------------------------
// edit
// ---------------------------------------------------------------------------------------------

fn anna_with_everything(kit: &Kit) -> String {
    kit.add(
        "Anna Lee",
        &[
            "--email",
            "anna@example.com",
            "--phone",
            "555 0100",
            "--org",
            "Acme",
            "--title",
            "CTO",
            "--tag",
            "rust",
            "--tag",
            "climate",
            "--interest",
            "hiking",
            "--facet",
            "industry=fintech",
            "--facet",
            "region=europe",
            "--role",
            "mentor",
            "--role",
            "friend",
            "--circle",
            "Inner",
            "--cadence",
            "2w",
        ],
    )
}

#[test]
fn edit_changes_the_name_and_adds_and_removes_values() {
    let kit = Kit::init();
    let id = anna_with_everything(&kit);
    let v = kit.json(&[
        "edit",
        "anna",
        "--name",
        "Anna Smith",
        "--remove-email",
        "ANNA@example.com",
        "--email",
        "anna@new.example",
        "--untag",
        "RUST",
        "--tag",
        "design",
        "--remove-facet",
        "Industry",
        "--facet",
        "stage=senior",
        "--remove-role",
        "mentor",
        "--role",
        "peer",
        "--remove-circle",
        "inner",
        "--circle",
        "Outer",
        "--clear-org",
        "--clear-cadence",
    ]);
    assert_eq!(v["created_circles"], json!(["Outer"]));
    assert_eq!(v["person"]["id"], json!(id));
    let s = kit.show(&id);
    let p = &s["person"]["profile"];
    assert_eq!(p["name"], json!("Anna Smith"));
    assert_eq!(p["emails"], json!(["anna@new.example"]));
    assert_eq!(p["phones"], json!(["555 0100"]), "untouched");
    assert_eq!(p["tags"], json!(["climate", "design"]));
    assert_eq!(p["facets"], json!({"region": "europe", "stage": "senior"}));
    assert_eq!(p["roles"], json!(["friend", "peer"]));
    assert_eq!(p["organisation"], json!(null));
    assert_eq!(p["title"], json!("CTO"), "untouched");
    assert_eq!(p["cadence"], json!(null));
    assert_eq!(s["person"]["circles"], json!(["Outer"]));
    // The old name no longer finds her; the new one does.
    let r = kit.fails(1, &["show", "Anna Lee"]);
    assert!(
        r.stderr.contains("did you mean \"Anna Smith\""),
        "{}",
        r.stderr
    );
    assert_eq!(kit.show("Anna Smith")["person"]["id"], json!(id));
    let inner = kit.json(&["circle", "list"]);
    let counts: Vec<(String, i64)> = inner
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (str_of(&c["circle"]["name"]), c["members"].as_i64().unwrap()))
        .collect();
    assert_eq!(counts, [("Inner".to_owned(), 0), ("Outer".to_owned(), 1)]);
}

#[test]
fn edit_text_output_says_updated() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    let out = kit.ok(&["edit", "anna", "--title", "CTO"]);
    assert!(out.starts_with("Updated Anna Lee ("), "{out}");
    assert_eq!(kit.show("anna")["person"]["profile"]["title"], json!("CTO"));
    kit.ok(&["edit", "anna", "--clear-title"]);
    assert_eq!(kit.show("anna")["person"]["profile"]["title"], json!(null));
}

#[test]
fn edit_clears_the_nickname_and_the_summary() {
    let kit = Kit::init();
    kit.add(
        "Anna Lee",
        &[
            "--nickname",
            "Annie",
            "--summary",
            "Runs the platform team.",
        ],
    );
    let profile = kit.show("anna")["person"]["profile"].clone();
    assert_eq!(
        (&profile["nickname"], &profile["summary"]),
        (&json!("Annie"), &json!("Runs the platform team."))
    );
    kit.ok(&["edit", "anna", "--clear-nickname"]);
    let profile = kit.show("anna")["person"]["profile"].clone();
    assert_eq!(
        (&profile["nickname"], &profile["summary"]),
        (&json!(null), &json!("Runs the platform team."))
    );
    kit.ok(&["edit", "anna", "--clear-summary"]);
    assert_eq!(
        kit.show("anna")["person"]["profile"]["summary"],
        json!(null)
    );
    // a clear and a new value at once is refused, and changes nothing
    kit.add("Ben Okoro", &["--nickname", "B"]);
    let r = kit.fails(
        2,
        &["edit", "ben", "--clear-nickname", "--nickname", "Benny"],
    );
    assert!(r.stderr.contains("--clear-nickname"), "{}", r.stderr);
    assert_eq!(kit.show("ben")["person"]["profile"]["nickname"], json!("B"));
}

#[test]
fn edit_removing_a_value_the_person_lacks_fails_and_changes_nothing() {
    let kit = Kit::init();
    let id = anna_with_everything(&kit);
    let before = kit.show(&id);
    let cases: [(&str, &str, &str); 8] = [
        ("--untag", "golf", "tag \"golf\""),
        (
            "--remove-email",
            "other@example.com",
            "email \"other@example.com\"",
        ),
        ("--remove-phone", "555 9999", "phone \"555 9999\""),
        ("--remove-interest", "chess", "interest \"chess\""),
        ("--remove-facet", "language", "facet \"language\""),
        ("--remove-role", "investor", "role \"investor\""),
        ("--remove-role", "boss", "role \"boss\""),
        ("--remove-circle", "Outer", "circle \"Outer\""),
    ];
    for (flag, value, expected) in cases {
        // Valid changes ride along: none of them may be applied.
        let r = kit.fails(
            1,
            &[
                "edit",
                "Anna Lee",
                flag,
                value,
                "--name",
                "Changed",
                "--tag",
                "new",
                "--circle",
                "Brand New",
            ],
        );
        assert!(
            r.stderr.contains(expected),
            "{flag} {value}: lacks {expected:?}: {}",
            r.stderr
        );
        assert_eq!(kit.show(&id), before, "{flag} {value} changed the person");
    }
    assert_eq!(
        kit.json(&["circle", "list"]).as_array().map(Vec::len),
        Some(1),
        "no circle created"
    );
}

#[test]
fn edit_refuses_clear_and_set_of_the_same_field_as_a_usage_error() {
    let kit = Kit::init();
    kit.add("Anna Lee", &["--org", "Acme"]);
    let r = kit.fails(2, &["edit", "anna", "--clear-org", "--org", "Other"]);
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let r = kit.fails(2, &["edit", "anna", "--clear-cadence", "--cadence", "1m"]);
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
    assert_eq!(
        kit.show("anna")["person"]["profile"]["organisation"],
        json!("Acme")
    );
}

#[test]
fn edit_refuses_an_email_of_someone_else_and_self_introduction() {
    let kit = Kit::init();
    kit.add("Anna Lee", &["--email", "anna@example.com"]);
    kit.add("Bob Stone", &[]);
    let r = kit.fails(1, &["edit", "bob", "--email", "ANNA@example.com"]);
    assert!(
        r.stderr.contains("already belongs to Anna Lee"),
        "{}",
        r.stderr
    );
    assert_eq!(kit.show("bob")["person"]["profile"]["emails"], json!([]));
    let r = kit.fails(1, &["edit", "bob", "--introduced-by", "Bob Stone"]);
    assert!(
        r.stderr.contains("cannot introduce themselves"),
        "{}",
        r.stderr
    );
    assert_eq!(
        kit.show("bob")["person"]["profile"]["introduced_by"],
        json!(null)
    );
    // Keeping one's own email is fine.
    kit.ok(&["edit", "anna", "--title", "CTO"]);
}

#[test]
fn edit_of_an_unknown_person_fails() {
    let kit = Kit::init();
    let r = kit.fails(1, &["edit", "Nobody", "--tag", "x"]);
    assert!(
        r.stderr.contains("no person matches \"Nobody\""),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// show: finding people
// ---------------------------------------------------------------------------------------------

#[test]
fn show_finds_a_person_by_name_email_id_accentless_fuzzy_and_single_word() {
    let kit = Kit::init();
    let zoe = kit.add("Zoë Ångström", &["--email", "Zoe@Fjord.example"]);
    let anna = kit.add("Anna Lee", &[]);
    for (query, id) in [
        ("Zoë Ångström", &zoe),
        ("zoe", &zoe),
        ("ZOË", &zoe),
        ("angstrom", &zoe),
        ("zoe angstrom", &zoe),
        ("zoe@fjord.example", &zoe),
        ("ZOE@FJORD.EXAMPLE", &zoe),
        (zoe.as_str(), &zoe),
        ("Anna Lee", &anna),
        ("anna lee", &anna),
        ("lee", &anna),
        ("  anna  ", &anna),
        (anna.as_str(), &anna),
    ] {
        assert_eq!(
            kit.show(query)["person"]["id"],
            json!(id),
            "query {query:?}"
        );
    }
    let text = kit.ok(&["show", "zoe"]);
    assert!(text.starts_with("Zoë Ångström\n"), "{text}");
    assert!(text.contains(&format!("id            {zoe}")), "{text}");
}

#[test]
fn show_me_says_it_is_me() {
    let kit = Kit::init();
    let s = kit.show("Sam Rivers");
    assert_eq!(s["is_me"], json!(true));
    let text = kit.ok(&["show", "Sam Rivers"]);
    assert!(text.starts_with("Sam Rivers (me)"), "{text}");
}

#[test]
fn show_of_an_unknown_person_suggests_a_close_name() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    kit.add("Bob Stone", &[]);
    let r = kit.fails(1, &["show", "Ana"]);
    assert!(
        r.stderr.contains("no person matches \"Ana\""),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean \"Anna Lee\""),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("Bob Stone"), "{}", r.stderr);
    // Nothing close: no suggestion at all.
    let r = kit.fails(1, &["show", "Xylophone"]);
    assert!(!r.stderr.contains("did you mean"), "{}", r.stderr);
}

#[test]
fn show_of_an_unknown_id_or_empty_name_fails() {
    let kit = Kit::init();
    let r = kit.fails(1, &["show", "01900000-0000-7000-8000-000000000000"]);
    assert!(r.stderr.contains("no person matches"), "{}", r.stderr);
    let r = kit.fails(1, &["show", " "]);
    assert!(r.stderr.contains("is empty"), "{}", r.stderr);
}

#[test]
fn show_of_an_ambiguous_name_lists_both_candidates() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    kit.add("Ana Lima", &[]);
    let r = kit.fails(1, &["show", "an"]);
    assert!(r.stderr.contains("\"an\" matches 2 people"), "{}", r.stderr);
    assert!(r.stderr.contains("\"Ana Lima\""), "{}", r.stderr);
    assert!(r.stderr.contains("\"Anna Lee\""), "{}", r.stderr);
    assert!(r.stderr.contains("be more specific"), "{}", r.stderr);
    // More words make it unique again.
    assert_eq!(
        kit.show("an li")["person"]["profile"]["name"],
        json!("Ana Lima")
    );
}

#[test]
fn two_people_with_the_same_name_are_ambiguous_and_listed_with_their_ids() {
    let kit = Kit::init();
    let one = kit.add("Chris Park", &["--email", "chris1@example.com"]);
    let two = kit.add("Chris Park", &["--email", "chris2@example.com"]);
    let r = kit.fails(1, &["show", "Chris Park"]);
    assert!(r.stderr.contains("matches 2 people"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&one) && r.stderr.contains(&two),
        "ids let the user choose: {}",
        r.stderr
    );
    // Email and id still tell them apart.
    assert_eq!(kit.show("chris2@example.com")["person"]["id"], json!(two));
    assert_eq!(kit.show(&one)["person"]["id"], json!(one));
}

#[test]
fn note_and_log_on_an_ambiguous_person_change_nothing() {
    let kit = Kit::init();
    let one = kit.add("Chris Park", &[]);
    let two = kit.add("Chris Park", &[]);
    let anna = kit.add("Anna Lee", &[]);
    kit.add("Ana Lima", &[]);
    let r = kit.fails(1, &["note", "Chris Park", "likes", "sourdough"]);
    assert!(r.stderr.contains("matches 2 people"), "{}", r.stderr);
    let r = kit.fails(1, &["log", "call", "--with", "anna lee", "--with", "chris"]);
    assert!(r.stderr.contains("matches 2 people"), "{}", r.stderr);
    let r = kit.fails(1, &["log", "call", "--with", "an"]);
    assert!(
        r.stderr.contains("\"Ana Lima\"") && r.stderr.contains("\"Anna Lee\""),
        "{}",
        r.stderr
    );
    for id in [&one, &two, &anna] {
        let s = kit.show(id);
        assert_eq!(s["notes"], json!([]), "{id}");
        assert_eq!(s["interactions"], json!([]), "{id}");
        assert_eq!(s["stats"], json!(null), "{id}");
    }
    assert_eq!(kit.json(&["search", "sourdough"]), json!([]));
}

// ---------------------------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------------------------

fn small_network(kit: &Kit) {
    kit.add(
        "Anna Lee",
        &[
            "--tag",
            "Rust",
            "--circle",
            "Climate",
            "--facet",
            "region=europe",
            "--role",
            "mentor",
            "--org",
            "Acme",
            "--title",
            "CTO",
        ],
    );
    kit.add(
        "Bob Stone",
        &[
            "--tag",
            "climate",
            "--circle",
            "Climate",
            "--facet",
            "region=africa",
            "--role",
            "peer",
        ],
    );
    kit.add(
        "Cleo Diaz",
        &[
            "--tag",
            "rust",
            "--facet",
            "region=europe",
            "--facet",
            "industry=health",
            "--role",
            "peer",
        ],
    );
    kit.add("Dev Rao", &["--circle", "Family", "--role", "family"]);
}

#[test]
fn list_filters_by_tag_circle_facet_and_role() {
    let kit = Kit::init();
    small_network(&kit);
    assert_eq!(
        kit.names(&[]),
        ["Anna Lee", "Bob Stone", "Cleo Diaz", "Dev Rao"]
    );
    assert_eq!(kit.names(&["--tag", "rust"]), ["Anna Lee", "Cleo Diaz"]);
    assert_eq!(
        kit.names(&["--tag", "RUST"]),
        ["Anna Lee", "Cleo Diaz"],
        "tags ignore case"
    );
    assert_eq!(
        kit.names(&["--tag", "rust", "--tag", "climate"]),
        ["Anna Lee", "Bob Stone", "Cleo Diaz"],
        "any tag"
    );
    assert_eq!(
        kit.names(&["--circle", "climate"]),
        ["Anna Lee", "Bob Stone"]
    );
    assert_eq!(
        kit.names(&["--circle", "Climate", "--circle", "Family"]),
        ["Anna Lee", "Bob Stone", "Dev Rao"]
    );
    assert_eq!(
        kit.names(&["--facet", "region=europe"]),
        ["Anna Lee", "Cleo Diaz"]
    );
    assert_eq!(
        kit.names(&["--facet", "Region=Europe", "--facet", "industry=health"]),
        ["Cleo Diaz"],
        "all facets"
    );
    assert_eq!(kit.names(&["--role", "peer"]), ["Bob Stone", "Cleo Diaz"]);
    assert_eq!(
        kit.names(&["--role", "mentor", "--role", "family"]),
        ["Anna Lee", "Dev Rao"]
    );
    assert_eq!(
        kit.names(&["--tag", "rust", "--role", "peer"]),
        ["Cleo Diaz"],
        "filters combine"
    );
    assert_eq!(kit.names(&["--tag", "nothing"]), Vec::<String>::new());
}

#[test]
fn list_json_has_the_summary_fields() {
    let kit = Kit::init();
    small_network(&kit);
    let v = kit.json(&["list", "--tag", "rust", "--limit", "1"]);
    assert_eq!(len(&v), 1);
    let anna = &v[0];
    assert_eq!(anna["name"], json!("Anna Lee"));
    assert_eq!(anna["organisation"], json!("Acme"));
    assert_eq!(anna["title"], json!("CTO"));
    assert_eq!(anna["tags"], json!(["rust"]));
    assert_eq!(anna["roles"], json!(["mentor"]));
    assert_eq!(anna["archived"], json!(false));
    assert_eq!(str_of(&anna["id"]).len(), 36);
}

#[test]
fn list_limit_keeps_name_order() {
    let kit = Kit::init();
    small_network(&kit);
    assert_eq!(kit.names(&["--limit", "2"]), ["Anna Lee", "Bob Stone"]);
    assert_eq!(kit.names(&["--limit", "0"]), Vec::<String>::new());
    let r = kit.fails(2, &["list", "--limit", "many"]);
    assert!(r.stderr.contains("--limit"), "{}", r.stderr);
}

#[test]
fn list_excludes_archived_people_and_me_unless_asked() {
    let kit = Kit::init();
    small_network(&kit);
    kit.ok(&["archive", "Bob Stone"]);
    let names = kit.names(&[]);
    assert_eq!(names, ["Anna Lee", "Cleo Diaz", "Dev Rao"]);
    assert!(!names.contains(&"Sam Rivers".to_owned()));
    let all = kit.json(&["list", "--archived"]);
    assert_eq!(
        names_of(&all),
        ["Anna Lee", "Bob Stone", "Cleo Diaz", "Dev Rao"]
    );
    let archived: Vec<bool> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["archived"].as_bool().unwrap())
        .collect();
    assert_eq!(archived, [false, true, false, false]);
    let text = kit.ok(&["list", "--archived"]);
    assert!(
        text.lines()
            .any(|l| l.starts_with("Bob Stone") && l.ends_with("(archived)")),
        "{text}"
    );
    // A filter does not bring archived people back.
    assert_eq!(kit.names(&["--circle", "Climate"]), ["Anna Lee"]);
    assert_eq!(
        kit.names(&["--circle", "Climate", "--archived"]),
        ["Anna Lee", "Bob Stone"]
    );
}

#[test]
fn list_text_counts_people() {
    let kit = Kit::init();
    assert_eq!(kit.ok(&["list"]), "0 people\n");
    kit.add(
        "Anna Lee",
        &["--org", "Acme", "--title", "CTO", "--tag", "rust"],
    );
    let out = kit.ok(&["list"]);
    assert_eq!(out, "Anna Lee  CTO, Acme  [rust]\n1 person\n");
    kit.add("Bob Stone", &[]);
    assert!(kit.ok(&["list"]).ends_with("2 people\n"));
    assert!(
        !kit.ok(&["-q", "list"]).contains("people"),
        "quiet drops the count"
    );
}

#[test]
fn list_refuses_an_unknown_circle_role_or_malformed_facet() {
    let kit = Kit::init();
    small_network(&kit);
    let r = kit.fails(1, &["list", "--circle", "Nope"]);
    assert!(
        r.stderr.contains("no circle named \"Nope\""),
        "{}",
        r.stderr
    );
    let r = kit.fails(1, &["list", "--role", "boss"]);
    assert!(r.stderr.contains("role \"boss\""), "{}", r.stderr);
    let r = kit.fails(1, &["list", "--facet", "europe"]);
    assert!(r.stderr.contains("facet \"europe\""), "{}", r.stderr);
}

#[test]
fn list_of_a_new_database_is_empty() {
    let kit = Kit::new();
    assert_eq!(kit.json(&["list"]), json!([]));
    assert!(kit.db.exists(), "any verb creates the database");
}

// ---------------------------------------------------------------------------------------------
// search
// ---------------------------------------------------------------------------------------------

#[test]
fn search_finds_people_by_name_tag_and_note_text() {
    let kit = Kit::init();
    let anna = kit.add(
        "Anna Lee",
        &[
            "--tag",
            "climate",
            "--interest",
            "hiking",
            "--org",
            "Northwind",
        ],
    );
    let bob = kit.add("Bob Stone", &[]);
    let note = kit.json(&["note", "bob", "Loves sourdough baking and kayaks"]);
    let by_name = kit.json(&["search", "anna"]);
    assert_eq!(
        by_name,
        json!([{"person": anna, "name": "Anna Lee", "matched": {"in": "profile"}}])
    );
    assert_eq!(names_of(&kit.json(&["search", "climate"])), ["Anna Lee"]);
    assert_eq!(names_of(&kit.json(&["search", "hiking"])), ["Anna Lee"]);
    assert_eq!(names_of(&kit.json(&["search", "northwind"])), ["Anna Lee"]);
    let by_note = kit.json(&["search", "sourdough"]);
    assert_eq!(len(&by_note), 1);
    assert_eq!(by_note[0]["person"], json!(bob));
    assert_eq!(by_note[0]["matched"]["in"], json!("note"));
    assert_eq!(by_note[0]["matched"]["note"], note["id"]);
    assert!(
        str_of(&by_note[0]["matched"]["excerpt"]).contains("sourdough"),
        "{by_note}"
    );
    // Word starts count; every word must match.
    assert_eq!(names_of(&kit.json(&["search", "sour"])), ["Bob Stone"]);
    assert_eq!(
        names_of(&kit.json(&["search", "sourdough", "kayaks"])),
        ["Bob Stone"]
    );
    assert_eq!(kit.json(&["search", "sourdough", "climate"]), json!([]));
    let text = kit.ok(&["search", "sourdough"]);
    assert_eq!(
        text,
        "Bob Stone  (note: Loves sourdough baking and kayaks)\n"
    );
    assert_eq!(kit.ok(&["search", "climate"]), "Anna Lee\n");
}

#[test]
fn search_without_hits_fails_for_people_but_prints_an_empty_array_for_scripts() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    let r = kit.fails(1, &["search", "xyzzy"]);
    assert!(
        r.stderr.contains("nothing matches \"xyzzy\""),
        "{}",
        r.stderr
    );
    let r = kit.run(&["--json", "search", "xyzzy"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json(), json!([]));
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn search_refuses_a_query_without_words_and_hides_archived_people() {
    let kit = Kit::init();
    kit.add("Anna Lee", &["--tag", "climate"]);
    let r = kit.fails(1, &["search", "  ", "!!"]);
    assert!(r.stderr.contains("has no words"), "{}", r.stderr);
    kit.fails(2, &["search"]);
    kit.ok(&["archive", "anna"]);
    assert_eq!(kit.json(&["search", "climate"]), json!([]));
    kit.ok(&["archive", "anna", "--undo"]);
    assert_eq!(names_of(&kit.json(&["search", "climate"])), ["Anna Lee"]);
}

#[test]
fn search_limit_caps_the_hits() {
    let kit = Kit::init();
    for n in ["Anna One", "Anna Two", "Anna Three"] {
        kit.add(n, &["--tag", "common"]);
    }
    assert_eq!(len(&kit.json(&["search", "common"])), 3);
    assert_eq!(len(&kit.json(&["search", "common", "--limit", "2"])), 2);
}

// ---------------------------------------------------------------------------------------------
// note
// ---------------------------------------------------------------------------------------------

#[test]
fn note_records_text_shown_by_show() {
    let kit = Kit::init();
    let anna = kit.add("Anna Lee", &[]);
    let n = kit.json(&["note", "anna", "Moving", "to", "Lisbon", "in", "May"]);
    assert_eq!(n["person"], json!(anna));
    assert_eq!(n["body"], json!("Moving to Lisbon in May"));
    assert_eq!(n["created_at"], json!(NOW));
    let out = kit.ok(&["note", "Anna Lee", "  Has two kids  "]);
    assert!(out.starts_with("Noted about Anna Lee ("), "{out}");
    let s = kit.show("anna");
    let bodies: Vec<String> = s["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| str_of(&n["body"]))
        .collect();
    assert_eq!(bodies.len(), 2);
    assert!(bodies.contains(&"Moving to Lisbon in May".to_owned()));
    assert!(
        bodies.contains(&"Has two kids".to_owned()),
        "trimmed: {bodies:?}"
    );
    let text = kit.ok(&["show", "anna"]);
    assert!(text.contains("Notes\n"), "{text}");
    assert!(
        text.contains("2026-03-10  Moving to Lisbon in May"),
        "{text}"
    );
}

#[test]
fn note_refuses_empty_text_and_unknown_people() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    let r = kit.fails(1, &["note", "anna", "   "]);
    assert!(r.stderr.contains("must not be empty"), "{}", r.stderr);
    kit.fails(2, &["note", "anna"]);
    let r = kit.fails(1, &["note", "Ana", "hello"]);
    assert!(
        r.stderr.contains("did you mean \"Anna Lee\""),
        "{}",
        r.stderr
    );
    assert_eq!(kit.show("anna")["notes"], json!([]));
}

// ---------------------------------------------------------------------------------------------
// log
// ---------------------------------------------------------------------------------------------

#[test]
fn log_with_several_people_records_one_interaction_shown_for_each() {
    let kit = Kit::init();
    let anna = kit.add("Anna Lee", &[]);
    let bob = kit.add("Bob Stone", &["--email", "bob@example.com"]);
    let v = kit.json(&[
        "log",
        "meeting",
        "--with",
        "anna",
        "--with",
        "BOB@example.com",
        "--at",
        "2026-03-01 14:30",
        "--minutes",
        "45",
        "--note",
        "planning the launch",
    ]);
    assert_eq!(v["kind"], json!("meeting"));
    assert_eq!(v["occurred_at"], json!("2026-03-01T14:30:00Z"));
    assert_eq!(v["minutes"], json!(45));
    assert_eq!(v["direction"], json!("mutual"));
    assert_eq!(v["note"], json!("planning the launch"));
    let mut participants = strings(&v["participants"]);
    participants.sort();
    let mut expected = vec![anna.clone(), bob.clone()];
    expected.sort();
    assert_eq!(participants, expected);
    for who in [&anna, &bob] {
        let s = kit.show(who);
        assert_eq!(len(&s["interactions"]), 1);
        assert_eq!(s["interactions"][0]["interaction"]["id"], v["id"]);
        let mut with = strings(&s["interactions"][0]["with"]);
        with.sort();
        assert_eq!(with, ["Anna Lee", "Bob Stone"]);
        assert_eq!(s["stats"]["interactions"], json!(1));
        assert_eq!(s["stats"]["last_at"], json!("2026-03-01T14:30:00Z"));
    }
    let text = kit.ok(&["show", "anna"]);
    assert!(text.contains("Recent interactions"), "{text}");
    assert!(
        text.contains(
            "2026-03-01 14:30  meeting mutual 45 min with Bob Stone — planning the launch"
        ),
        "{text}"
    );
    assert!(
        text.contains("1 since 2026-03-01, last 2026-03-01 (8 days ago)"),
        "{text}"
    );
}

#[test]
fn show_keeps_the_ten_most_recent_interactions_newest_first() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    for day in 1..=12 {
        let at = format!("2026-02-{day:02} 10:00");
        kit.ok(&["-q", "log", "call", "--with", "anna", "--at", &at]);
    }
    let s = kit.show("anna");
    assert_eq!(s["stats"]["interactions"], json!(12));
    assert_eq!(s["stats"]["first_at"], json!("2026-02-01T10:00:00Z"));
    assert_eq!(s["stats"]["last_at"], json!("2026-02-12T10:00:00Z"));
    let shown: Vec<String> = s["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| str_of(&i["interaction"]["occurred_at"]))
        .collect();
    let expected: Vec<String> = (3..=12)
        .rev()
        .map(|d| format!("2026-02-{d:02}T10:00:00Z"))
        .collect();
    assert_eq!(shown, expected);
}

#[test]
fn log_text_output_names_everyone_and_the_time() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    let out = kit.ok(&["log", "call", "--with", "anna", "--at", "yesterday"]);
    assert!(
        out.starts_with("Logged call with Anna Lee at 2026-03-09 09:00 ("),
        "{out}"
    );
}

#[test]
fn log_accepts_every_documented_form_of_at() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    for (at, expected) in [
        ("2026-03-01 14:30", "2026-03-01T14:30:00Z"),
        ("2026-03-01T14:30", "2026-03-01T14:30:00Z"),
        ("2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00Z"),
        ("yesterday", "2026-03-09T09:00:00Z"),
        ("3d ago", "2026-03-07T09:00:00Z"),
        ("2w ago", "2026-02-24T09:00:00Z"),
        ("5h ago", "2026-03-10T04:00:00Z"),
        ("now", NOW),
    ] {
        let v = kit.json(&["log", "call", "--with", "anna", "--at", at]);
        assert_eq!(v["occurred_at"], json!(expected), "--at {at:?}");
    }
    let v = kit.json(&["log", "call", "--with", "anna"]);
    assert_eq!(v["occurred_at"], json!(NOW), "default is now");
    // A plain date lands on that day.
    let v = kit.json(&["log", "call", "--with", "anna", "--at", "2026-03-01"]);
    assert!(str_of(&v["occurred_at"]).starts_with("2026-03-01T"), "{v}");
    assert_eq!(kit.show("anna")["stats"]["interactions"], json!(10));
}

/// Regression: a plain date was parsed as a civil date-time at midnight (jiff accepts a bare
/// date as a DateTime) instead of noon local time as documented.
#[test]
fn log_at_a_plain_date_is_placed_at_noon_local_time() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    let v = kit.json(&["log", "call", "--with", "anna", "--at", "2026-03-01"]);
    assert_eq!(v["occurred_at"], json!("2026-03-01T12:00:00Z"));
    let mut cmd = cmd_on(&kit.db);
    cmd.env("KITHKIN_NOW", "2026-03-10T09:00:00+01:00[Europe/Paris]")
        .args([
            "--json",
            "log",
            "call",
            "--with",
            "anna",
            "--at",
            "2026-03-01",
        ]);
    let r = run(cmd);
    assert_eq!(
        r.json()["occurred_at"],
        json!("2026-03-01T11:00:00Z"),
        "noon in Paris"
    );
}

#[test]
fn log_direction_flags_set_who_reached_out() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    assert_eq!(
        kit.json(&["log", "email", "--with", "anna", "--inbound"])["direction"],
        json!("inbound")
    );
    assert_eq!(
        kit.json(&["log", "message", "--with", "anna", "--outbound"])["direction"],
        json!("outbound")
    );
    let r = kit.fails(
        2,
        &["log", "call", "--with", "anna", "--inbound", "--outbound"],
    );
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert_eq!(
        kit.show("anna")["stats"]["interactions"],
        json!(2),
        "the clap error logged nothing"
    );
}

#[test]
fn log_refuses_a_malformed_at_and_logs_nothing() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    for at in ["2026-13-01", "soon", "x ago", "2026-02-30 10:00", ""] {
        let r = kit.fails(1, &["log", "call", "--with", "anna", "--at", at]);
        assert!(
            r.stderr.contains(&format!("when \"{at}\"")),
            "--at {at:?}: {}",
            r.stderr
        );
    }
    assert_eq!(kit.show("anna")["interactions"], json!([]));
}

#[test]
fn log_refuses_an_unknown_kind_listing_the_kinds() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    let r = kit.fails(1, &["log", "dance", "--with", "anna"]);
    assert!(r.stderr.contains("\"dance\""), "{}", r.stderr);
    for kind in [
        "meeting", "call", "video", "email", "message", "meal", "event",
    ] {
        assert!(r.stderr.contains(kind), "lacks {kind}: {}", r.stderr);
    }
    // Kinds ignore case.
    assert_eq!(
        kit.json(&["log", "VIDEO", "--with", "anna"])["kind"],
        json!("video")
    );
    assert_eq!(kit.show("anna")["stats"]["interactions"], json!(1));
}

#[test]
fn log_refuses_bad_minutes_me_and_unknown_people_and_logs_nothing() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    for minutes in ["0", "100000"] {
        let r = kit.fails(1, &["log", "call", "--with", "anna", "--minutes", minutes]);
        assert!(
            r.stderr.contains(&format!("minutes \"{minutes}\"")),
            "{}",
            r.stderr
        );
    }
    kit.fails(2, &["log", "call", "--with", "anna", "--minutes", "-5"]);
    let r = kit.fails(
        1,
        &["log", "call", "--with", "anna", "--with", "Sam Rivers"],
    );
    assert!(
        r.stderr.contains("interactions are yours already"),
        "{}",
        r.stderr
    );
    let r = kit.fails(
        1,
        &["log", "call", "--with", "anna", "--with", "Nobody Known"],
    );
    assert!(
        r.stderr.contains("no person matches \"Nobody Known\""),
        "{}",
        r.stderr
    );
    let r = kit.fails(2, &["log", "call"]);
    assert!(r.stderr.contains("--with"), "{}", r.stderr);
    assert_eq!(kit.show("anna")["interactions"], json!([]));
}

// ---------------------------------------------------------------------------------------------
// knows
// ---------------------------------------------------------------------------------------------

#[test]
fn knows_records_a_link_with_its_strength() {
    let kit = Kit::init();
    let anna = kit.add("Anna Lee", &[]);
    let bob = kit.add("Bob Stone", &[]);
    let v = kit.json(&["knows", "anna", "bob", "--strength", "0.8"]);
    assert_eq!(
        v,
        json!({"a": {"id": anna, "name": "Anna Lee"}, "b": {"id": bob, "name": "Bob Stone"}, "strength": 0.8, "source": "explicit"})
    );
    let s = kit.show("anna");
    assert_eq!(
        s["knows"],
        json!([{"id": bob, "name": "Bob Stone", "strength": 0.8, "source": "explicit"}])
    );
    assert_eq!(
        kit.show("bob")["knows"][0]["name"],
        json!("Anna Lee"),
        "links go both ways"
    );
    // Saying it again replaces the strength; the default is 0.5.
    let out = kit.ok(&["knows", "bob", "anna"]);
    assert_eq!(
        out,
        "Bob Stone and Anna Lee know each other (strength 0.50)\n"
    );
    let s = kit.show("anna");
    assert_eq!(len(&s["knows"]), 1);
    assert_eq!(s["knows"][0]["strength"], json!(0.5));
    assert!(
        kit.ok(&["show", "anna"])
            .contains("Bob Stone                   0.50 (explicit)")
    );
}

#[test]
fn knows_refuses_a_strength_outside_zero_to_one() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    kit.add("Bob Stone", &[]);
    for s in ["1.5", "NaN", "inf"] {
        let r = kit.fails(1, &["knows", "anna", "bob", "--strength", s]);
        assert!(r.stderr.contains("strength"), "{s}: {}", r.stderr);
        assert!(r.stderr.contains("between 0 and 1"), "{s}: {}", r.stderr);
    }
    kit.fails(2, &["knows", "anna", "bob", "--strength", "strong"]);
    assert_eq!(kit.show("anna")["knows"], json!([]));
    assert_eq!(
        kit.json(&["knows", "anna", "bob", "--strength", "1"])["strength"],
        json!(1.0)
    );
    assert_eq!(
        kit.json(&["knows", "anna", "bob", "--strength", "0"])["strength"],
        json!(0.0)
    );
}

#[test]
fn knows_refuses_the_same_person_twice() {
    let kit = Kit::init();
    kit.add("Anna Lee", &["--email", "anna@example.com"]);
    let r = kit.fails(1, &["knows", "anna", "anna@example.com"]);
    assert!(r.stderr.contains("same person twice"), "{}", r.stderr);
    assert_eq!(kit.show("anna")["knows"], json!([]));
    let r = kit.fails(1, &["knows", "anna", "Nobody Known"]);
    assert!(r.stderr.contains("no person matches"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// date
// ---------------------------------------------------------------------------------------------

#[test]
fn date_records_birthdays_with_and_without_year_and_labelled_days() {
    let kit = Kit::init();
    let anna = kit.add("Anna Lee", &[]);
    kit.add("Bob Stone", &[]);
    kit.add("Cleo Diaz", &[]);
    let v = kit.json(&["date", "anna", "birthday", "--on", "04-15"]);
    assert_eq!(v["person"], json!(anna));
    assert_eq!(v["kind"], json!("birthday"));
    assert!(v.get("label").is_none(), "label only for other days: {v}");
    assert_eq!(v["day"], json!({"month": 4, "day": 15, "year": null}));
    let v = kit.json(&["date", "bob", "birthday", "--on", "1990-04-15"]);
    assert_eq!(v["day"], json!({"month": 4, "day": 15, "year": 1990}));
    let v = kit.json(&["date", "cleo", "bday", "--on", "02-29"]);
    assert_eq!(v["kind"], json!("birthday"));
    assert_eq!(v["day"], json!({"month": 2, "day": 29, "year": null}));
    let v = kit.json(&["date", "anna", "name day", "--on", "07-20"]);
    assert_eq!(v["kind"], json!("other"));
    assert_eq!(v["label"], json!("name day"));
    let v = kit.json(&["date", "anna", "anniversary", "--on", "2015-06-01"]);
    assert_eq!(v["kind"], json!("anniversary"));
    assert_eq!(len(&kit.show("anna")["dates"]), 3);
    let out = kit.ok(&["date", "bob", "anniversary", "--on", "2000-02-29"]);
    assert_eq!(out, "Recorded Bob Stone's anniversary on 2000-02-29\n");
    let text = kit.ok(&["show", "anna"]);
    assert!(text.contains("Dates\n"), "{text}");
    assert!(text.contains("birthday      --04-15"), "{text}");
    assert!(text.contains("name day      --07-20"), "{text}");
}

#[test]
fn date_refuses_impossible_days_naming_the_value() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    for (on, why) in [
        ("1990-13-01", "month 13"),
        ("04-31", "day 31 does not exist in month 4"),
        ("1991-02-29", "day 29 does not exist in month 2"),
        ("april 4", "expected MM-DD or YYYY-MM-DD"),
        ("00-10", "month 0"),
    ] {
        let r = kit.fails(1, &["date", "anna", "birthday", "--on", on]);
        assert!(
            r.stderr.contains(&format!("date \"{on}\"")),
            "{on}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(why), "{on}: {}", r.stderr);
    }
    kit.fails(2, &["date", "anna", "birthday"]);
    assert_eq!(kit.show("anna")["dates"], json!([]));
}

#[test]
fn date_refuses_a_second_birthday() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    kit.ok(&["date", "anna", "birthday", "--on", "04-15"]);
    let r = kit.fails(1, &["date", "anna", "Birthday", "--on", "05-16"]);
    assert!(r.stderr.contains("already has a birthday"), "{}", r.stderr);
    let dates = kit.show("anna")["dates"].clone();
    assert_eq!(len(&dates), 1);
    assert_eq!(dates[0]["day"]["month"], json!(4));
}

// ---------------------------------------------------------------------------------------------
// circle
// ---------------------------------------------------------------------------------------------

fn circle_counts(kit: &Kit) -> Vec<(String, i64)> {
    kit.json(&["circle", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (str_of(&c["circle"]["name"]), c["members"].as_i64().unwrap()))
        .collect()
}

#[test]
fn circle_create_add_remove_and_list_with_member_counts() {
    let kit = Kit::init();
    for n in ["Anna Lee", "Bob Stone", "Cleo Diaz"] {
        kit.add(n, &[]);
    }
    let c = kit.json(&["circle", "create", "Climate", "--cadence", "30d"]);
    assert_eq!(c["name"], json!("Climate"));
    assert_eq!(c["cadence"], json!(30));
    let out = kit.ok(&["circle", "create", "Book club"]);
    assert_eq!(out, "Created circle \"Book club\"\n");
    let v = kit.json(&["circle", "add", "climate", "anna", "bob"]);
    assert_eq!(v["added"], json!(2));
    assert_eq!(v["circle"]["name"], json!("Climate"));
    let out = kit.ok(&["circle", "add", "Climate", "anna", "cleo"]);
    assert_eq!(out, "Added 1 to \"Climate\" (1 already there)\n");
    assert_eq!(
        circle_counts(&kit),
        [("Book club".to_owned(), 0), ("Climate".to_owned(), 3)]
    );
    assert_eq!(
        kit.names(&["--circle", "Climate"]),
        ["Anna Lee", "Bob Stone", "Cleo Diaz"]
    );
    assert_eq!(kit.show("anna")["person"]["circles"], json!(["Climate"]));
    let v = kit.json(&["circle", "remove", "Climate", "bob"]);
    assert_eq!(v["removed"], json!(1));
    let out = kit.ok(&["circle", "remove", "Climate", "bob"]);
    assert_eq!(out, "Removed 0 from \"Climate\"\n");
    assert_eq!(
        circle_counts(&kit),
        [("Book club".to_owned(), 0), ("Climate".to_owned(), 2)]
    );
    let text = kit.ok(&["circle", "list"]);
    assert!(
        text.lines()
            .any(|l| l.starts_with("Climate") && l.contains("2 members") && l.contains("every")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("Book club")
            && l.contains("0 members")
            && l.ends_with("no cadence")),
        "{text}"
    );
}

#[test]
fn circle_member_counts_leave_out_archived_people() {
    let kit = Kit::init();
    kit.add("Anna Lee", &["--circle", "Climate"]);
    kit.add("Bob Stone", &["--circle", "Climate"]);
    kit.ok(&["archive", "bob"]);
    assert_eq!(circle_counts(&kit), [("Climate".to_owned(), 1)]);
}

#[test]
fn circle_create_refuses_a_taken_name_ignoring_case_and_accents() {
    let kit = Kit::init();
    kit.ok(&["circle", "create", "Climate"]);
    for name in ["Climate", "climate", "Clímate"] {
        let r = kit.fails(1, &["circle", "create", name]);
        assert!(r.stderr.contains("already exists"), "{name}: {}", r.stderr);
    }
    let r = kit.fails(1, &["circle", "create", "Weekly", "--cadence", "sometimes"]);
    assert!(r.stderr.contains("cadence \"sometimes\""), "{}", r.stderr);
    assert_eq!(circle_counts(&kit), [("Climate".to_owned(), 0)]);
}

#[test]
fn circle_add_to_an_unknown_circle_or_of_an_unknown_person_changes_nothing() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    kit.ok(&["circle", "create", "Climate"]);
    let r = kit.fails(1, &["circle", "add", "Nope", "anna"]);
    assert!(
        r.stderr.contains("no circle named \"Nope\""),
        "{}",
        r.stderr
    );
    let r = kit.fails(1, &["circle", "remove", "Nope", "anna"]);
    assert!(
        r.stderr.contains("no circle named \"Nope\""),
        "{}",
        r.stderr
    );
    let r = kit.fails(1, &["circle", "add", "Climate", "anna", "Nobody Known"]);
    assert!(
        r.stderr.contains("no person matches \"Nobody Known\""),
        "{}",
        r.stderr
    );
    assert_eq!(circle_counts(&kit), [("Climate".to_owned(), 0)]);
    assert_eq!(circle_counts(&kit).len(), 1, "no circle created by `add`");
    kit.fails(2, &["circle", "add", "Climate"]);
}

// ---------------------------------------------------------------------------------------------
// archive
// ---------------------------------------------------------------------------------------------

#[test]
fn archive_hides_a_person_from_lists_and_undo_restores_them() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    kit.add("Bob Stone", &[]);
    let v = kit.json(&["archive", "bob"]);
    assert_eq!(v["archived_at"], json!(NOW));
    assert_eq!(v["profile"]["name"], json!("Bob Stone"));
    assert_eq!(kit.names(&[]), ["Anna Lee"]);
    // Still there in full, and still found by name.
    assert_eq!(kit.show("bob")["person"]["archived_at"], json!(NOW));
    assert!(kit.ok(&["show", "bob"]).starts_with("Bob Stone [archived]"));
    let out = kit.ok(&["archive", "bob", "--undo"]);
    assert_eq!(out, "Restored Bob Stone\n");
    assert_eq!(kit.names(&[]), ["Anna Lee", "Bob Stone"]);
    assert_eq!(kit.show("bob")["person"]["archived_at"], json!(null));
    let out = kit.ok(&["archive", "anna"]);
    assert!(
        out.starts_with("Archived Anna Lee (hidden from lists"),
        "{out}"
    );
}

#[test]
fn archive_refuses_yourself_and_unknown_people() {
    let kit = Kit::init();
    let r = kit.fails(1, &["archive", "Sam Rivers"]);
    assert!(r.stderr.contains("cannot archive yourself"), "{}", r.stderr);
    assert_eq!(kit.show("Sam Rivers")["person"]["archived_at"], json!(null));
    let r = kit.fails(1, &["archive", "Nobody Known"]);
    assert!(r.stderr.contains("no person matches"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// forget
// ---------------------------------------------------------------------------------------------

/// Dana with notes, two interactions of her own and one shared with Bob, two dates, two knows
/// links, contact details, labels, a facet, a circle, an offer and a need; Bob introduced by her.
fn dana_and_friends(kit: &Kit) -> (String, String, String) {
    let dana = kit.add(
        "Dana Fox",
        &[
            "--email",
            "dana@example.org",
            "--phone",
            "555 1234",
            "--tag",
            "a",
            "--tag",
            "b",
            "--interest",
            "chess",
            "--role",
            "mentor",
            "--facet",
            "industry=law",
            "--circle",
            "Club",
            "--offer",
            "legal advice",
            "--need",
            "a flat",
        ],
    );
    let bob = kit.add(
        "Bob Stone",
        &["--introduced-by", "dana", "--circle", "Club"],
    );
    let cy = kit.add("Cy Twombly", &[]);
    kit.ok(&["note", "dana", "first", "secretnote"]);
    kit.ok(&["note", "dana", "second"]);
    kit.ok(&["note", "bob", "bob's own note"]);
    kit.ok(&["log", "call", "--with", "dana", "--at", "2026-03-01 10:00"]);
    kit.ok(&["log", "meal", "--with", "dana", "--at", "2026-03-02 10:00"]);
    kit.ok(&[
        "log",
        "meeting",
        "--with",
        "dana",
        "--with",
        "bob",
        "--at",
        "2026-03-03 10:00",
        "--note",
        "shared",
    ]);
    kit.ok(&["log", "call", "--with", "bob", "--at", "2026-03-04 10:00"]);
    kit.ok(&["date", "dana", "birthday", "--on", "04-15"]);
    kit.ok(&["date", "dana", "anniversary", "--on", "06-01"]);
    kit.ok(&["knows", "dana", "bob"]);
    kit.ok(&["knows", "dana", "cy"]);
    kit.ok(&["knows", "bob", "cy", "--strength", "0.9"]);
    (dana, bob, cy)
}

#[test]
fn forget_without_yes_off_a_terminal_refuses_and_erases_nothing() {
    let kit = Kit::init();
    let (dana, _, _) = dana_and_friends(&kit);
    let before = kit.show(&dana);
    let r = kit.fails(1, &["forget", "dana"]);
    assert!(r.stderr.contains("forget erases Dana Fox"), "{}", r.stderr);
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    assert_eq!(kit.show(&dana), before);
    assert_eq!(names_of(&kit.json(&["search", "secretnote"])), ["Dana Fox"]);
}

#[test]
fn forget_with_yes_erases_the_person_and_counts_what_went() {
    let kit = Kit::init();
    let (dana, bob, cy) = dana_and_friends(&kit);
    let bob_before = kit.show(&bob);
    let v = kit.json(&["forget", "dana", "--yes"]);
    assert_eq!(
        v,
        json!({
            "name": "Dana Fox",
            "notes": 2,
            "interactions_deleted": 2,
            "interactions_left": 1,
            "dates": 2,
            "life_events": 0,
            "help_items": 2,
            "favours": 0,
            "introductions": 0,
            "knows": 2,
            "follow_ups": 0,
            "goals": 0,
            "memberships": 1,
            // 1 email + 1 phone, 2 tags + 1 interest + 1 role, 1 facet
            "profile_fields": 7,
        })
    );
    let r = kit.fails(1, &["show", "dana"]);
    assert!(
        r.stderr.contains("no person matches \"dana\""),
        "{}",
        r.stderr
    );
    kit.fails(1, &["show", &dana]);
    kit.fails(1, &["show", "dana@example.org"]);
    assert_eq!(kit.json(&["search", "secretnote"]), json!([]));
    assert_eq!(kit.json(&["search", "dana"]), json!([]));
    assert_eq!(kit.names(&["--archived"]), ["Bob Stone", "Cy Twombly"]);

    // Bob keeps his own things; the shared meeting stays, without Dana.
    let bob_after = kit.show(&bob);
    assert_eq!(bob_after["person"]["profile"]["name"], json!("Bob Stone"));
    assert_eq!(bob_after["person"]["profile"]["introduced_by"], json!(null));
    assert_eq!(bob_after["introduced_by"], json!(null));
    assert_eq!(bob_after["notes"], bob_before["notes"]);
    assert_eq!(len(&bob_after["interactions"]), 2);
    let shared = bob_after["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["interaction"]["note"] == json!("shared"))
        .expect("the shared meeting is kept");
    assert_eq!(shared["interaction"]["participants"], json!([bob]));
    assert_eq!(
        bob_after["knows"],
        json!([{"id": cy, "name": "Cy Twombly", "strength": 0.9, "source": "explicit"}])
    );
    assert_eq!(kit.show(&cy)["knows"].as_array().map(Vec::len), Some(1));
    assert_eq!(circle_counts(&kit), [("Club".to_owned(), 1)]);
    // The email is free again.
    kit.add("Dana Again", &["--email", "dana@example.org"]);
}

#[test]
fn forget_text_output_lists_the_counts() {
    let kit = Kit::init();
    kit.add("Anna Lee", &["--email", "anna@example.com"]);
    kit.ok(&["note", "anna", "hello"]);
    let out = kit.ok(&["forget", "anna", "-y"]);
    assert!(out.starts_with("Erased Anna Lee and:\n"), "{out}");
    assert!(out.contains("    1  notes\n"), "{out}");
    assert!(
        out.contains("    1  contact details, labels and facets\n"),
        "{out}"
    );
    assert_eq!(kit.names(&[]), Vec::<String>::new());
}

#[test]
fn forget_refuses_yourself_and_unknown_people() {
    let kit = Kit::init();
    let r = kit.fails(1, &["forget", "Sam Rivers", "--yes"]);
    assert!(r.stderr.contains("cannot forget yourself"), "{}", r.stderr);
    assert_eq!(kit.show("Sam Rivers")["is_me"], json!(true));
    let r = kit.fails(1, &["forget", "Nobody Known", "--yes"]);
    assert!(r.stderr.contains("no person matches"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// demo
// ---------------------------------------------------------------------------------------------

#[test]
fn demo_builds_a_network_of_about_sixty_people_that_other_verbs_read() {
    let kit = Kit::new();
    let v = kit.json(&["demo"]);
    assert!(str_of(&v["database"]).ends_with("k.db"), "{v}");
    let c = &v["overview"]["counts"];
    let people = c["people"].as_i64().unwrap();
    assert!((55..=70).contains(&people), "people = {people}");
    assert!(c["interactions"].as_i64().unwrap() > 400, "{c}");
    assert!(c["notes"].as_i64().unwrap() > 0, "{c}");
    assert!(c["knows"].as_i64().unwrap() > 0, "{c}");
    assert!(c["circles"].as_i64().unwrap() > 0, "{c}");
    assert!(c["archived"].as_i64().unwrap() >= 1, "{c}");
    assert_eq!(len(&v["overview"]["strongest"]), 5);
    assert!(len(&v["overview"]["agenda"]["items"]) > 0);
    assert!(len(&v["overview"]["reconnect"]) > 0);
    assert!(len(&v["overview"]["industries"]) > 1);

    let listed = kit.json(&["list"]);
    // Everyone but me and the archived.
    assert_eq!(
        len(&listed) as i64,
        people - 1 - c["archived"].as_i64().unwrap()
    );
    assert_eq!(len(&kit.json(&["list", "--archived"])) as i64, people - 1);
    assert!(
        kit.ok(&["list"])
            .ends_with(&format!("{} people\n", len(&listed)))
    );
    assert_eq!(
        kit.show("zoe")["person"]["profile"]["name"],
        json!("Zoë Ångström")
    );
    assert_eq!(
        len(&kit.json(&["circle", "list"])) as i64,
        c["circles"].as_i64().unwrap()
    );
    assert!(
        !kit.json(&["list", "--circle", "Climate founders"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(!kit.json(&["search", "rust"]).as_array().unwrap().is_empty());
}

#[test]
fn demo_text_shows_an_overview_and_how_to_continue() {
    let kit = Kit::new();
    let out = kit.ok(&["demo"]);
    assert!(out.starts_with("Demo network written to "), "{out}");
    assert!(out.contains("Strongest ties:"), "{out}");
    assert!(out.contains("Today: "), "{out}");
    assert!(out.contains("Worth reviving: "), "{out}");
    assert!(out.contains("Try:"), "{out}");
}

#[test]
fn demo_refuses_a_database_that_is_not_empty() {
    let kit = Kit::new();
    kit.ok(&["-q", "demo"]);
    let before = kit.json(&["list", "--archived"]);
    let r = kit.fails(1, &["demo"]);
    assert!(r.stderr.contains("already holds"), "{}", r.stderr);
    assert!(r.stderr.contains("empty database"), "{}", r.stderr);
    assert_eq!(kit.json(&["list", "--archived"]), before);
    let other = Kit::init();
    other.add("Anna Lee", &[]);
    other.fails(1, &["demo"]);
    assert_eq!(other.names(&[]), ["Anna Lee"]);
}

// ---------------------------------------------------------------------------------------------
// gen
// ---------------------------------------------------------------------------------------------

#[test]
fn gen_writes_the_asked_number_of_people_and_the_planted_truth() {
    let kit = Kit::new();
    let truth = kit.path("t.csv");
    let v = kit.json(&[
        "gen",
        "--people",
        "500",
        "--seed",
        "7",
        "--truth",
        truth.to_str().unwrap(),
    ]);
    let g = &v["generated"];
    assert_eq!(g["people"], json!(501), "me included: {v}");
    assert!(g["interactions"].as_u64().unwrap() > 0, "{v}");
    assert!(g["knows"].as_u64().unwrap() > 0, "{v}");
    assert!(v["seconds"].as_f64().unwrap() >= 0.0);
    assert!(str_of(&v["database"]).ends_with("k.db"));
    assert!(
        g.get("planted").is_none(),
        "the planted truth goes to the file only"
    );

    let csv = std::fs::read_to_string(&truth).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("name,closeness,community"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 500);
    for row in &rows {
        let fields: Vec<&str> = row.rsplitn(3, ',').collect();
        assert_eq!(fields.len(), 3, "{row}");
        let closeness: f64 = fields[1]
            .parse()
            .unwrap_or_else(|_| panic!("closeness in {row}"));
        assert!((0.0..=1.0).contains(&closeness), "{row}");
        fields[0]
            .parse::<u32>()
            .unwrap_or_else(|_| panic!("community in {row}"));
    }
    assert_eq!(len(&kit.json(&["list", "--archived"])), 500);
}

#[test]
fn gen_with_the_same_seed_gives_the_same_people() {
    let one = Kit::new();
    let two = Kit::new();
    let three = Kit::new();
    one.ok(&["-q", "gen", "--people", "200", "--seed", "7"]);
    two.ok(&["-q", "gen", "--people", "200", "--seed", "7"]);
    three.ok(&["-q", "gen", "--people", "200", "--seed", "8"]);
    let a = one.names(&["--archived"]);
    assert_eq!(a.len(), 200);
    assert_eq!(a, two.names(&["--archived"]));
    assert_ne!(
        a,
        three.names(&["--archived"]),
        "another seed gives other people"
    );
}

#[test]
fn gen_refuses_a_database_that_is_not_empty() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    let r = kit.fails(1, &["gen", "--people", "10"]);
    assert!(r.stderr.contains("already holds 1 person"), "{}", r.stderr);
    assert_eq!(kit.names(&["--archived"]), ["Anna Lee"]);
}

#[test]
fn gen_refused_on_a_non_empty_database_keeps_an_existing_truth_file() {
    let kit = Kit::new();
    let truth = kit.path("t.csv");
    kit.ok(&[
        "-q",
        "gen",
        "--people",
        "20",
        "--seed",
        "7",
        "--truth",
        truth.to_str().unwrap(),
    ]);
    let before = std::fs::read(&truth).unwrap();
    kit.fails(
        1,
        &[
            "gen",
            "--people",
            "20",
            "--seed",
            "7",
            "--truth",
            truth.to_str().unwrap(),
        ],
    );
    assert_eq!(
        std::fs::read(&truth).unwrap(),
        before,
        "the earlier truth file survives the refusal"
    );
    let fresh = kit.path("never.csv");
    kit.fails(
        1,
        &["gen", "--people", "20", "--truth", fresh.to_str().unwrap()],
    );
    assert!(!fresh.exists(), "no empty truth file is left behind");
}

#[test]
fn gen_with_an_unwritable_truth_file_leaves_the_database_empty() {
    let kit = Kit::new();
    let bad = kit.path("missing-dir/t.csv");
    let r = kit.fails(
        2,
        &["gen", "--people", "20", "--truth", bad.to_str().unwrap()],
    );
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
    // Nothing was generated, so running again with a good path works.
    let good = kit.path("t.csv");
    let v = kit.json(&["gen", "--people", "20", "--truth", good.to_str().unwrap()]);
    assert_eq!(v["generated"]["people"], json!(21));
    assert_eq!(std::fs::read_to_string(&good).unwrap().lines().count(), 21);
}

#[test]
fn gen_of_zero_people_writes_only_me() {
    let kit = Kit::new();
    let v = kit.json(&["gen", "--people", "0"]);
    assert_eq!(v["generated"]["people"], json!(1));
    assert_eq!(kit.json(&["list"]), json!([]));
    kit.fails(2, &["gen"]);
    kit.fails(2, &["gen", "--people", "-1"]);
}

// ---------------------------------------------------------------------------------------------
// the database location
// ---------------------------------------------------------------------------------------------

#[test]
fn db_pointing_at_a_directory_is_a_system_error() {
    let kit = Kit::new();
    let dir = kit.path("adir");
    std::fs::create_dir(&dir).unwrap();
    for args in [
        &["list"][..],
        &["init"],
        &["demo"],
        &["gen", "--people", "3"],
    ] {
        let mut cmd = cmd_on(&dir);
        cmd.args(args);
        let r = run(cmd);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("is a directory"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty());
    }
    assert!(
        files_in(&dir).is_empty(),
        "nothing written into the directory"
    );
}

#[test]
fn db_pointing_at_a_text_file_is_refused_and_left_untouched() {
    let kit = Kit::new();
    let file = kit.path("notes.txt");
    let bytes = b"remember the milk\nthis is not a database\n".to_vec();
    std::fs::write(&file, &bytes).unwrap();
    for args in [
        &["list"][..],
        &["add", "Anna Lee"],
        &["init"],
        &["demo"],
        &["gen", "--people", "3"],
    ] {
        let mut cmd = cmd_on(&file);
        cmd.args(args);
        let r = run(cmd);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("is not a Kithkin database"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("left untouched"), "{}", r.stderr);
    }
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert_eq!(
        files_in(kit.dir.path()),
        ["notes.txt"],
        "no journal or WAL files created"
    );
}

#[test]
fn db_with_an_sqlite_header_but_garbage_is_refused_and_left_untouched() {
    let kit = Kit::new();
    let file = kit.path("broken.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xAB_u8, 4000));
    std::fs::write(&file, &bytes).unwrap();
    let mut cmd = cmd_on(&file);
    cmd.arg("list");
    let r = run(cmd);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not a Kithkin database"), "{}", r.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn db_that_is_an_empty_file_becomes_a_new_database() {
    let kit = Kit::new();
    std::fs::write(&kit.db, b"").unwrap();
    assert_eq!(kit.json(&["init"])["created"], json!(true));
}

#[test]
fn db_in_a_missing_directory_is_created() {
    let kit = Kit::new();
    let db = kit.path("deeper/still/k.db");
    let mut cmd = cmd_on(&db);
    cmd.args(["-q", "init"]);
    assert_eq!(run(cmd).code, 0);
    assert!(db.exists());
}

#[test]
fn db_accepts_an_sqlite_url_prefix() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    let mut cmd = kithkin();
    cmd.arg("--db")
        .arg(format!("sqlite://{}", kit.db.display()))
        .args(["--json", "list"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(names_of(&r.json()), ["Anna Lee"]);
}

/// Columns of sqlx's `_sqlx_migrations` table, as inspected in the test below.
const MIGRATION_COLUMNS: [&str; 6] = [
    "version",
    "description",
    "installed_on",
    "success",
    "checksum",
    "execution_time",
];

fn mark_schema_newer(db: &std::path::Path) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(db);
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
        let columns: Vec<(String,)> =
            sqlx::query_as("SELECT name FROM pragma_table_info('_sqlx_migrations') ORDER BY cid").fetch_all(&pool).await.unwrap();
        let columns: Vec<&str> = columns.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(columns, MIGRATION_COLUMNS, "sqlx changed its migrations table");
        let (highest,): (i64,) = sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations").fetch_one(&pool).await.unwrap();
        assert!(highest < 99_999_999_999_999);
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (99999999999999, 'from the future', TRUE, X'00', 0)",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    });
}

#[test]
fn db_from_a_newer_kithkin_is_refused_and_left_untouched() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    mark_schema_newer(&kit.db);
    let files_before = files_in(kit.dir.path());
    let bytes = std::fs::read(&kit.db).unwrap();
    for args in [
        &["list"][..],
        &["add", "Bob Stone"],
        &["init"],
        &["demo"],
        &["gen", "--people", "3"],
    ] {
        let r = kit.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("schema version 99999999999999"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("newer than this kithkin supports"),
            "{}",
            r.stderr
        );
        assert!(r.stdout.is_empty());
    }
    assert_eq!(
        std::fs::read(&kit.db).unwrap(),
        bytes,
        "the database file is unchanged"
    );
    let files_after = files_in(kit.dir.path());
    assert!(
        files_after
            .iter()
            .all(|f| files_before.contains(f) || f == "k.db-wal" || f == "k.db-shm"),
        "{files_after:?}"
    );
}

/// Regression: the refused open used to leave an empty `k.db-wal` beside a database it was
/// told not to touch; the version is now read without a journal before opening.
#[test]
fn db_from_a_newer_kithkin_leaves_no_side_files() {
    let kit = Kit::init();
    mark_schema_newer(&kit.db);
    let before = files_in(kit.dir.path());
    kit.fails(2, &["list"]);
    assert_eq!(files_in(kit.dir.path()), before);
}

#[test]
fn kithkin_db_environment_variable_is_used_and_db_flag_wins() {
    let env_kit = Kit::init();
    env_kit.add("Env Person", &[]);
    let flag_kit = Kit::init();
    flag_kit.add("Flag Person", &[]);
    let mut cmd = kithkin();
    cmd.env("KITHKIN_DB", &env_kit.db).args(["--json", "list"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(names_of(&r.json()), ["Env Person"]);
    let mut cmd = kithkin();
    cmd.env("KITHKIN_DB", &env_kit.db)
        .arg("--db")
        .arg(&flag_kit.db)
        .args(["--json", "list"]);
    assert_eq!(names_of(&run(cmd).json()), ["Flag Person"]);
}

#[test]
fn global_flags_work_after_the_verb_too() {
    let kit = Kit::init();
    kit.add("Anna Lee", &[]);
    let mut cmd = kithkin();
    cmd.args(["list", "--json", "--db"]).arg(&kit.db);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(names_of(&r.json()), ["Anna Lee"]);
}

#[test]
fn kithkin_now_fixes_the_clock_and_a_malformed_one_is_refused() {
    let kit = Kit::init();
    let mut cmd = cmd_on(&kit.db);
    cmd.env("KITHKIN_NOW", "2026-03-01T09:00:00+01:00[Europe/Paris]")
        .args(["--json", "add", "Anna Lee"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.json()["person"]["created_at"],
        json!("2026-03-01T08:00:00Z")
    );
    let mut cmd = cmd_on(&kit.db);
    cmd.env("KITHKIN_NOW", "next tuesday")
        .args(["add", "Bob Stone"]);
    let r = run(cmd);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("KITHKIN_NOW=\"next tuesday\""),
        "{}",
        r.stderr
    );
    assert_eq!(kit.names(&[]), ["Anna Lee"]);
}

#[test]
fn json_output_into_a_closed_pipe_ends_quietly() {
    let kit = Kit::new();
    kit.ok(&["-q", "demo"]);
    for json in [true, false] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("kithkin"));
        cmd.env_remove("KITHKIN_DB")
            .env("KITHKIN_NOW", NOW)
            .arg("--db")
            .arg(&kit.db);
        if json {
            cmd.arg("--json");
        }
        let out = cmd
            .arg("list")
            .stdin(std::process::Stdio::null())
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "json={json}: {stderr}");
        assert!(stderr.is_empty(), "json={json}: {stderr}");
    }
}

// ---------------------------------------------------------------------------------------------
// usage, help and completions
// ---------------------------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    let kit = Kit::init();
    for args in [
        &["frobnicate"][..],
        &["list", "--bogus"],
        &["add"],
        &["show"],
        &["knows", "anna"],
        &[],
    ] {
        let r = kit.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("Usage:"), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
    }
}

#[test]
fn help_of_every_verb_exits_0() {
    let verbs: [&[&str]; 20] = [
        &["init"],
        &["add"],
        &["edit"],
        &["show"],
        &["list"],
        &["search"],
        &["note"],
        &["log"],
        &["knows"],
        &["date"],
        &["circle"],
        &["circle", "create"],
        &["circle", "add"],
        &["circle", "remove"],
        &["circle", "list"],
        &["archive"],
        &["forget"],
        &["demo"],
        &["gen"],
        &["completions"],
    ];
    for verb in verbs {
        let mut cmd = kithkin();
        cmd.args(verb).arg("--help");
        let r = run(cmd);
        assert_eq!(r.code, 0, "{verb:?}: {}", r.stderr);
        let usage = format!("Usage: kithkin {}", verb.join(" "));
        assert!(r.stdout.contains(&usage), "{verb:?}:\n{}", r.stdout);
    }
    let mut cmd = kithkin();
    cmd.arg("--help");
    let r = run(cmd);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("KITHKIN_DB"), "{}", r.stdout);
    let mut cmd = kithkin();
    cmd.arg("--version");
    let r = run(cmd);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("kithkin "), "{}", r.stdout);
}

#[test]
fn completions_print_a_script_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_kithkin()"),
        ("zsh", "#compdef kithkin"),
        ("fish", "complete -c kithkin"),
    ] {
        let mut cmd = kithkin();
        cmd.args(["completions", shell]);
        let r = run(cmd);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell}: lacks {marker:?}");
        assert!(r.stdout.contains("forget"), "{shell} completes the verbs");
    }
    let mut cmd = kithkin();
    cmd.args(["completions", "bash"]);
    let r = run(cmd);
    assert!(
        r.stdout.contains("complete -F _kithkin"),
        "bash registers the function"
    );
    let mut cmd = kithkin();
    cmd.args(["completions", "tcsh"]);
    assert_eq!(run(cmd).code, 2);
}

#[test]
fn verbs_that_need_no_database_do_not_create_one() {
    let kit = Kit::new();
    let mut cmd = cmd_on(&kit.db);
    cmd.args(["completions", "bash"]);
    assert_eq!(run(cmd).code, 0);
    let mut cmd = cmd_on(&kit.db);
    cmd.args(["add", "--help"]);
    assert_eq!(run(cmd).code, 0);
    assert!(!kit.db.exists());
}
