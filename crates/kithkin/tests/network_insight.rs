//! End-to-end tests of network insight: facets, the diversity report (by count, weighted, as
//! of a date, with its trend and under-represented values), the knows graph's import and
//! export, the structure report (constraint, effective size, communities, brokers, my ego
//! network) and the support map. Every test runs on a fresh database, "me" being Sam Rivers,
//! with the clock at 2026-03-10T09:00:00Z unless a test moves it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Kit, Run};
use serde_json::Value;

/// Runs `kithkin --db <db> ARGS` with the clock at `now`.
fn run_at(kit: &Kit, now: &str, args: &[&str]) -> Run {
    let mut cmd = kit.cmd();
    cmd.env("KITHKIN_NOW", now).args(args);
    common::run(cmd)
}

fn f(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, got {v}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The facet entry `key` of a diversity report.
fn facet<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("no facet {key} in {report}"))
}

/// The person `name` of a network report.
fn node<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {report}"))
}

// ---------------------------------------------------------------------------------------------
// facets and diversity
// ---------------------------------------------------------------------------------------------

fn industries() -> Kit {
    let kit = Kit::init();
    kit.add(
        "Ana Lima",
        &["--facet", "industry=tech", "--facet", "region=europe"],
    );
    kit.add("Ben Ode", &["--facet", "industry=tech"]);
    kit.add("Cleo Park", &["--facet", "industry=Finance"]);
    kit.add("Dev Rao", &["--facet", "industry=health"]);
    kit.add("Eve Noor", &[]);
    kit
}

#[test]
fn facet_list_shows_keys_values_counts_and_wanted_values() {
    let kit = industries();
    kit.ok(&["facet", "want", "industry", "Education"]);
    let again = kit.ok(&["facet", "want", "industry", "education"]);
    assert!(again.contains("already"), "{again}");
    let facets = kit.json(&["facet", "list"]);
    let industry = facets
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "industry")
        .unwrap();
    assert_eq!(industry["people"], 4);
    let values: Vec<(String, u64, bool)> = industry["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_owned(),
                v["people"].as_u64().unwrap(),
                v["wanted"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        values,
        vec![
            ("tech".to_owned(), 2, false),
            ("finance".to_owned(), 1, false),
            ("health".to_owned(), 1, false),
            ("education".to_owned(), 0, true),
        ]
    );
    let text = kit.ok(&["facet", "list"]);
    assert!(text.contains("region (1 people, 1 values)"), "{text}");
    kit.ok(&["facet", "want", "industry", "education", "--remove"]);
    let facets = kit.json(&["facet", "list"]);
    assert!(!facets.to_string().contains("education"));
    // a malformed key is refused
    let r = kit.fails(1, &["facet", "want", "in=dustry", "x"]);
    assert!(r.stderr.contains("facet"), "{}", r.stderr);
}

#[test]
fn diversity_by_count_matches_the_formulas() {
    let kit = industries();
    kit.ok(&["facet", "want", "industry", "education"]);
    let report = kit.json(&["report", "diversity", "--facet", "industry"]);
    assert_eq!(report["contacts"], 5);
    assert_eq!(report["weighted"], false);
    let ind = facet(&report, "industry");
    assert_eq!(ind["without_value"], 1); // Eve
    let s = &ind["stats"];
    assert_eq!(s["people"], 4);
    assert_eq!(s["observed"], 3);
    // shares 1/2, 1/4, 1/4
    assert!(close(f(&s["blau"]), 0.625));
    assert!(close(f(&s["blau_normalised"]), 0.9375));
    let h = 1.5 * 2f64.ln();
    assert!(close(f(&s["shannon"]), h));
    assert!(close(f(&s["evenness"]), h / 3f64.ln()));
    assert!(close(f(&s["effective_number"]), h.exp()));
    assert!(close(f(&s["largest_share"]), 0.5));
    assert_eq!(s["categories"][0]["value"], "tech");
    // education is wanted and absent: under-represented with share 0
    let under = ind["under_represented"].as_array().unwrap();
    let education = under.iter().find(|u| u["value"] == "education").unwrap();
    assert_eq!(education["share"], 0.0);
    assert_eq!(education["reasons"][0], "wanted");
    // the text report names the facet, the indices and the under-represented value
    let text = kit.ok(&["report", "diversity"]);
    assert!(
        text.contains("industry: 4 people in 3 categories (1 without a value)"),
        "{text}"
    );
    assert!(text.contains("under-represented: education"), "{text}");
    assert!(text.contains("region: 1 people"), "{text}");
    // an unknown facet is a clear error
    let r = kit.fails(1, &["report", "diversity", "--facet", "religion"]);
    assert!(
        r.stderr.contains("religion") && r.stderr.contains("industry"),
        "{}",
        r.stderr
    );
}

#[test]
fn diversity_as_of_a_date_counts_who_was_known_then_and_shows_the_trend() {
    let kit = Kit::new();
    let early = "2025-01-15T09:00:00Z";
    let r = run_at(&kit, early, &["init", "--me", "Sam Rivers"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (name, industry) in [("Ana Lima", "tech"), ("Ben Ode", "finance")] {
        let r = run_at(
            &kit,
            early,
            &["add", name, "--facet", &format!("industry={industry}")],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    // two more people arrive in 2026 (the default clock)
    kit.add("Cleo Park", &["--facet", "industry=tech"]);
    kit.add("Dev Rao", &["--facet", "industry=tech"]);
    let now = kit.json(&["report", "diversity", "--facet", "industry"]);
    let then = kit.json(&[
        "report",
        "diversity",
        "--facet",
        "industry",
        "--at",
        "2025-06-01",
    ]);
    assert_eq!(facet(&now, "industry")["stats"]["people"], 4);
    assert_eq!(facet(&then, "industry")["stats"]["people"], 2);
    assert!(close(f(&facet(&then, "industry")["stats"]["blau"]), 0.5));
    assert!(close(
        f(&facet(&now, "industry")["stats"]["blau"]),
        1.0 - 0.75f64.powi(2) - 0.25f64.powi(2)
    ));
    // the trend of today's report: 3 months earlier (2025-12-10) had only the first two
    let trend = facet(&now, "industry")["trend"].as_array().unwrap().clone();
    assert_eq!(trend.len(), 2);
    assert_eq!(trend[0]["months_before"], 3);
    assert_eq!(trend[0]["at"], "2025-12-10");
    assert_eq!(trend[0]["people"], 2);
    assert_eq!(trend[1]["at"], "2025-03-10");
    assert_eq!(trend[1]["people"], 2);
    // before anyone was added: no one
    let before = kit.json(&[
        "report",
        "diversity",
        "--facet",
        "industry",
        "--at",
        "2024-12-01",
    ]);
    assert_eq!(facet(&before, "industry")["stats"]["people"], 0);
    assert_eq!(facet(&before, "industry")["stats"]["blau"], 0.0);
}

#[test]
fn weighted_diversity_weighs_by_tie_strength_and_flags_values_absent_among_strong_ties() {
    let kit = industries();
    // Ana (tech) becomes a strong tie: many recent, deep interactions
    for days in (1..=60).step_by(2) {
        let when = format!("{days}d ago");
        kit.ok(&[
            "-q",
            "log",
            "meeting",
            "--with",
            "Ana Lima",
            "--at",
            &when,
            "--minutes",
            "60",
        ]);
    }
    kit.ok(&[
        "-q",
        "log",
        "email",
        "--with",
        "Cleo Park",
        "--at",
        "200d ago",
    ]);
    let strength = kit.json(&["strength"]);
    let score = |name: &str| {
        strength
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| f(&p["strength"]["score"]))
            .unwrap()
    };
    let (ana, cleo) = (score("Ana Lima"), score("Cleo Park"));
    assert!(ana >= 50.0, "Ana's strength {ana}");
    assert!(cleo > 0.0 && cleo < ana);
    let report = kit.json(&["report", "diversity", "--facet", "industry", "--weighted"]);
    assert_eq!(report["weighted"], true);
    let ind = facet(&report, "industry");
    let s = &ind["stats"];
    // only people with a tie strength count when weighted: Ana and Cleo
    assert_eq!(s["people"], 2);
    let tech = f(&s["categories"][0]["share"]);
    assert!(close(tech, ana / (ana + cleo)), "{tech}");
    // strong ties: Ana only, so finance and health are absent among them
    assert_eq!(ind["strong"]["people"], 1);
    let flagged: Vec<&str> = ind["under_represented"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| {
            u["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == "absent_among_strong_ties")
        })
        .map(|u| u["value"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, vec!["finance"]);
    let by_count = kit.json(&["report", "diversity", "--facet", "industry"]);
    let flagged_by_count = facet(&by_count, "industry")["under_represented"].to_string();
    assert!(flagged_by_count.contains("finance") && flagged_by_count.contains("health"));
}

// ---------------------------------------------------------------------------------------------
// the network: import, export, structure
// ---------------------------------------------------------------------------------------------

const TWO_TRIANGLES: &str = "source,target,weight\n\
    Ana Lima,Ben Ode,1\n\
    Ben Ode,Cleo Park,1\n\
    Ana Lima,Cleo Park,1\n\
    Dev Rao,Eve Noor,1\n\
    Eve Noor,Finn Hale,1\n\
    Dev Rao,Finn Hale,1\n\
    Cleo Park,Dev Rao,0.5\n";

fn two_triangles() -> Kit {
    let kit = Kit::init();
    kit.add("Ana Lima", &[]);
    let file = kit.path("edges.csv");
    std::fs::write(&file, TWO_TRIANGLES).unwrap();
    let report = kit.json(&["network", "import-edges", file.to_str().unwrap()]);
    assert_eq!(report["links_added"], 7);
    assert_eq!(report["people_created"].as_array().unwrap().len(), 5);
    kit
}

#[test]
fn import_edges_creates_people_reports_bad_lines_and_is_idempotent() {
    let kit = Kit::init();
    kit.add("Ana Lima", &[]);
    kit.add("Sam Other", &[]);
    kit.add("Sam Other", &["--email", "sam2@example.org"]);
    let file = kit.path("edges.csv");
    std::fs::write(
        &file,
        "\u{feff}Source,Target,Weight,notes\n\
         Ana Lima,Ben Ode,0.8,colleagues\n\
         Ana Lima,,0.5\n\
         Ben Ode,Cleo Park,2\n\
         Ben Ode,Cleo Park,\n\
         Ana Lima,Sam Other,0.3\n\
         Cleo Park,Cleo Park,1\n\
         Sam Rivers,Ana Lima,1\n\
         \"Ana Lima\",\"Ben Ode\",0.4\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let dry = kit.json(&["network", "import-edges", path, "--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["links_added"], 2);
    assert_eq!(kit.json(&["list"]).as_array().unwrap().len(), 3); // nothing written
    let r = kit.run(&["network", "import-edges", path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (line, why) in [
        (3, "need a name"),
        (4, "`2`"),
        (6, "2 people are called \"Sam Other\""),
        (7, "themselves"),
        (8, "with me"),
    ] {
        let expected = format!("edges.csv:{line}: skipped:");
        let hit = r.stderr.lines().find(|l| l.contains(&expected));
        assert!(
            hit.is_some_and(|l| l.contains(why)),
            "line {line} ({why}) not reported:\n{}",
            r.stderr
        );
    }
    assert!(r.stdout.contains("added 2 links"), "{}", r.stdout);
    assert!(r.stdout.contains("2 people created"), "{}", r.stdout);
    // the repeat at line 9 is weaker: the link keeps 0.8
    let graph = kit.json(&["network", "export", "--format", "json"]);
    let edges = graph["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2);
    let weights: Vec<f64> = edges.iter().map(|e| f(&e["weight"])).collect();
    assert!(
        weights.contains(&0.8) && weights.contains(&1.0),
        "{weights:?}"
    );
    // again: nothing changes
    let again = kit.json(&["network", "import-edges", path]);
    assert_eq!(again["links_added"], 0);
    assert_eq!(again["people_created"].as_array().unwrap().len(), 0);
    assert_eq!(again["links_unchanged"], 3);
    // a file without the columns is refused as a whole
    std::fs::write(&file, "from,to\na,b\n").unwrap();
    let r = kit.fails(1, &["network", "import-edges", path]);
    assert!(r.stderr.contains("source"), "{}", r.stderr);
    let r = kit.fails(2, &["network", "import-edges", "/nonexistent/edges.csv"]);
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);
}

#[test]
fn export_round_trips_through_a_new_database_in_every_format() {
    let kit = two_triangles();
    // a shared interaction adds a derived link (weight 0.5) between Ana and Eve
    kit.ok(&[
        "-q", "log", "meeting", "--with", "Ana Lima", "--with", "Eve Noor",
    ]);
    let csv_path = kit.path("out.csv");
    kit.ok(&["network", "export", "-o", csv_path.to_str().unwrap()]);
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(
        csv.starts_with("source,target,weight,source_id,target_id\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 9, "{csv}");
    assert!(
        csv.contains("Ana Lima,Eve Noor,0.5,") || csv.contains("Eve Noor,Ana Lima,0.5,"),
        "{csv}"
    );
    // into an empty database, and out again: the same file, ids included
    let other = Kit::init();
    let imported = other.json(&["network", "import-edges", csv_path.to_str().unwrap()]);
    assert_eq!(imported["links_added"], 8);
    assert_eq!(imported["errors"].as_array().unwrap().len(), 0);
    let again = other.ok(&["network", "export"]);
    let sorted = |s: &str| {
        let mut l: Vec<String> = s.lines().map(str::to_owned).collect();
        l.sort();
        l
    };
    assert_eq!(sorted(&again), sorted(&csv));
    let graphml = kit.ok(&["network", "export", "--format", "graphml"]);
    assert_eq!(graphml.matches("<node ").count(), 6);
    assert_eq!(graphml.matches("<edge ").count(), 8);
    let json = kit.json(&["network", "export", "--format", "json"]);
    assert_eq!(json["nodes"].as_array().unwrap().len(), 6);
}

#[test]
fn network_report_has_networkx_constraint_effective_size_and_communities() {
    let kit = two_triangles();
    let report = kit.json(&["report", "network"]);
    // values from networkx 3: nx.constraint / nx.effective_size(G, weight="weight")
    assert!(close(f(&node(&report, "Cleo Park")["constraint"]), 0.76));
    assert!(close(f(&node(&report, "Ana Lima")["constraint"]), 1.0525));
    assert!(close(f(&node(&report, "Cleo Park")["effective_size"]), 2.2));
    assert!(close(f(&node(&report, "Eve Noor")["effective_size"]), 1.0));
    assert_eq!(node(&report, "Cleo Park")["degree"], 3);
    assert!(close(
        f(&node(&report, "Cleo Park")["weighted_degree"]),
        2.5
    ));
    assert_eq!(report["communities"], 2);
    // nx.community.modularity(G, [{A,B,C},{D,E,F}], weight="weight")
    assert!(close(f(&report["modularity"]), 0.423_076_923_076_923_13));
    let community = |n: &str| node(&report, n)["community"].as_u64().unwrap();
    assert_eq!(community("Ana Lima"), community("Cleo Park"));
    assert_ne!(community("Cleo Park"), community("Dev Rao"));
    // brokers: the two ends of the bridge
    let brokers: Vec<&str> = report["brokers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(brokers, vec!["Cleo Park", "Dev Rao"]);
    // me: no interactions yet, so no ties
    assert_eq!(report["me"]["ties"], 0);
    assert!(report["me"]["constraint"].is_null());
    // after meeting two people in different communities, my ego network has them
    kit.ok(&["-q", "log", "call", "--with", "Ana Lima"]);
    kit.ok(&["-q", "log", "call", "--with", "Finn Hale"]);
    let report = kit.json(&["report", "network"]);
    assert_eq!(report["me"]["ties"], 2);
    // two unlinked contacts: no redundancy, effective size 2, constraint 2·(1/2)² = 0.5
    assert!(close(f(&report["me"]["effective_size"]), 2.0));
    assert!(close(f(&report["me"]["constraint"]), 0.5));
    let text = kit.ok(&["report", "network"]);
    assert!(
        text.contains("6 contacts, 7 links, 2 communities"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// support map
// ---------------------------------------------------------------------------------------------

#[test]
fn support_map_counts_roles_and_finds_gaps() {
    let kit = Kit::init();
    kit.add("Ana Lima", &["--role", "mentor"]);
    kit.add("Ben Ode", &["--role", "mentor", "--role", "peer"]);
    kit.add("Cleo Park", &["--expertise", "fundraising"]);
    kit.ok(&[
        "-q",
        "log",
        "call",
        "--with",
        "Ana Lima",
        "--at",
        "2026-03-01",
    ]);
    kit.ok(&[
        "-q",
        "need",
        "me",
        "help with fundraising for the seed round",
    ]);
    let report = kit.json(&["report", "support"]);
    let roles = report["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 6);
    let mentor = roles.iter().find(|r| r["role"] == "mentor").unwrap();
    assert_eq!(mentor["people"], 2);
    assert_eq!(mentor["last_contact"], "2026-03-01");
    assert_eq!(mentor["members"][0]["name"], "Ana Lima"); // the stronger tie first
    let sponsor = roles.iter().find(|r| r["role"] == "sponsor").unwrap();
    assert_eq!(sponsor["people"], 0);
    assert!(sponsor["last_contact"].is_null());
    // the need: only Cleo (a weak tie) knows fundraising
    let gaps = report["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(gaps[0]["kind"], "need");
    assert_eq!(gaps[0]["offered_by"][0]["name"], "Cleo Park");
    let text = kit.ok(&["report", "support"]);
    assert!(text.contains("mentor"), "{text}");
    assert!(text.contains("Cleo Park"), "{text}");
}
