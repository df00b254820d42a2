//! `kithkin demo`: a realistic network of about sixty people, built the same way every time,
//! so a new user sees every part of Kithkin working on the first run.

use crate::error::Result;
use crate::{App, new_uuid};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use kithkin_core::batch::Batch;
use kithkin_core::cadence::Cadence;
use kithkin_core::circle::Circle;
use kithkin_core::collaboration::{CollabStatus, Collaboration};
use kithkin_core::dates::{DateKind, ImportantDate, YearlyDay};
use kithkin_core::event::{Event, EventAttendee, EventKind};
use kithkin_core::exchange::{Favour, FavourKind, HelpItem, HelpKind, HelpStatus};
use kithkin_core::follow_up::FollowUp;
use kithkin_core::goal::{Goal, GoalMetric, GoalPeriod};
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
use kithkin_core::introduction::{IntroStatus, Introduction};
use kithkin_core::knows::{KnowsLink, KnowsSource};
use kithkin_core::life_event::{LifeEvent, LifeEventKind};
use kithkin_core::note::Note;
use kithkin_core::person::{Person, PersonProfile, Role};
use kithkin_core::synth::Rng;
use kithkin_core::*;
use kithkin_store::Counts;

/// One demo contact: name, organisation, title, industry, region, function, career stage,
/// interests, expertise, closeness to me (0..1), cluster.
struct Seed {
    name: &'static str,
    org: &'static str,
    title: &'static str,
    industry: &'static str,
    region: &'static str,
    function: &'static str,
    stage: &'static str,
    interests: &'static [&'static str],
    expertise: &'static [&'static str],
    closeness: f64,
    cluster: usize,
}

macro_rules! seed {
    ($n:literal, $o:literal, $t:literal, $i:literal, $r:literal, $f:literal, $s:literal, [$($int:literal),*], [$($exp:literal),*], $c:literal, $k:literal) => {
        Seed { name: $n, org: $o, title: $t, industry: $i, region: $r, function: $f, stage: $s,
               interests: &[$($int),*], expertise: &[$($exp),*], closeness: $c, cluster: $k }
    };
}

const SEEDS: &[Seed] = &[
    // cluster 0: climate tech founders and investors
    seed!(
        "Zoë Ångström",
        "Fjord Carbon",
        "Co-founder & CEO",
        "climate",
        "europe",
        "leadership",
        "founder",
        ["carbon removal", "hiking", "policy"],
        ["fundraising", "carbon markets"],
        0.9,
        0
    ),
    seed!(
        "Mateo García",
        "SolarCoop",
        "Head of Product",
        "climate",
        "latin america",
        "product",
        "senior",
        ["solar", "cooperatives", "football"],
        ["product strategy", "hardware"],
        0.7,
        0
    ),
    seed!(
        "Amara Okafor",
        "GreenGrid Ventures",
        "Partner",
        "finance",
        "africa",
        "investing",
        "executive",
        ["climate finance", "jazz"],
        ["venture capital", "due diligence"],
        0.6,
        0
    ),
    seed!(
        "Lars Eriksen",
        "Nordic Heat",
        "CTO",
        "climate",
        "europe",
        "engineering",
        "senior",
        ["heat pumps", "rust", "sailing"],
        ["rust", "embedded systems"],
        0.5,
        0
    ),
    seed!(
        "Priya Raman",
        "Terra Analytics",
        "Founder",
        "climate",
        "asia",
        "leadership",
        "founder",
        ["remote sensing", "yoga"],
        ["machine learning", "satellite data"],
        0.55,
        0
    ),
    seed!(
        "Noah Fischer",
        "Bright Capital",
        "Associate",
        "finance",
        "europe",
        "investing",
        "early",
        ["climate finance", "cycling"],
        ["financial modelling"],
        0.3,
        0
    ),
    seed!(
        "Chloé Martin",
        "Fjord Carbon",
        "Head of Policy",
        "public sector",
        "europe",
        "policy",
        "mid",
        ["policy", "carbon removal", "theatre"],
        ["eu regulation", "advocacy"],
        0.35,
        0
    ),
    seed!(
        "Kwame Mensah",
        "SunHarvest",
        "Operations Lead",
        "climate",
        "africa",
        "operations",
        "mid",
        ["agritech", "solar"],
        ["supply chain", "operations"],
        0.25,
        0
    ),
    seed!(
        "Isabela Costa",
        "Amazonia Fund",
        "Investment Director",
        "finance",
        "latin america",
        "investing",
        "senior",
        ["biodiversity", "impact investing"],
        ["impact measurement", "venture capital"],
        0.2,
        0
    ),
    seed!(
        "Henrik Lund",
        "Nordic Heat",
        "Engineer",
        "climate",
        "europe",
        "engineering",
        "early",
        ["rust", "climbing"],
        ["rust", "control systems"],
        0.15,
        0
    ),
    seed!(
        "Fatima Zahra",
        "Atlas Wind",
        "CEO",
        "climate",
        "africa",
        "leadership",
        "executive",
        ["wind energy", "mentoring"],
        ["scaling teams", "energy markets"],
        0.45,
        0
    ),
    seed!(
        "Oliver Brooks",
        "CarbonLedger",
        "Product Manager",
        "climate",
        "north america",
        "product",
        "mid",
        ["carbon accounting", "running"],
        ["product discovery", "saas"],
        0.2,
        0
    ),
    // cluster 1: former team at a software company
    seed!(
        "Anna Lee",
        "Northwind Software",
        "Engineering Manager",
        "tech",
        "north america",
        "engineering",
        "senior",
        ["rust", "leadership", "baking"],
        ["engineering management", "hiring"],
        0.85,
        1
    ),
    seed!(
        "Ben Okoro",
        "Northwind Software",
        "Staff Engineer",
        "tech",
        "europe",
        "engineering",
        "senior",
        ["distributed systems", "chess"],
        ["rust", "databases"],
        0.65,
        1
    ),
    seed!(
        "Sofia Rossi",
        "Pixel & Type",
        "Design Director",
        "design",
        "europe",
        "design",
        "senior",
        ["typography", "ceramics"],
        ["design systems", "accessibility"],
        0.6,
        1
    ),
    seed!(
        "Daniel Kim",
        "Northwind Software",
        "Product Director",
        "tech",
        "asia",
        "product",
        "executive",
        ["product strategy", "golf"],
        ["pricing", "product strategy"],
        0.4,
        1
    ),
    seed!(
        "Emily Carter",
        "Hexagon Labs",
        "Data Scientist",
        "tech",
        "north america",
        "engineering",
        "mid",
        ["machine learning", "birdwatching"],
        ["machine learning", "statistics"],
        0.45,
        1
    ),
    seed!(
        "Yuki Tanaka",
        "Sakura Systems",
        "Site Reliability Engineer",
        "tech",
        "asia",
        "engineering",
        "mid",
        ["observability", "photography"],
        ["kubernetes", "observability"],
        0.3,
        1
    ),
    seed!(
        "Lucas Moreau",
        "Northwind Software",
        "Engineer",
        "tech",
        "europe",
        "engineering",
        "early",
        ["rust", "music production"],
        ["frontend", "typescript"],
        0.35,
        1
    ),
    seed!(
        "Hannah Schmidt",
        "Cloudberry",
        "VP Engineering",
        "tech",
        "europe",
        "engineering",
        "executive",
        ["leadership", "mountaineering"],
        ["scaling teams", "engineering management"],
        0.5,
        1
    ),
    seed!(
        "Raj Patel",
        "Hexagon Labs",
        "Founder",
        "tech",
        "asia",
        "leadership",
        "founder",
        ["developer tools", "cricket"],
        ["fundraising", "developer tools"],
        0.4,
        1
    ),
    seed!(
        "Grace Liu",
        "Northwind Software",
        "Recruiter",
        "tech",
        "north america",
        "operations",
        "mid",
        ["talent", "podcasts"],
        ["technical recruiting"],
        0.25,
        1
    ),
    seed!(
        "Tomás Álvarez",
        "Cloudberry",
        "Security Engineer",
        "tech",
        "latin america",
        "engineering",
        "mid",
        ["security", "surfing"],
        ["application security"],
        0.2,
        1
    ),
    seed!(
        "Mia Johansson",
        "Pixel & Type",
        "Product Designer",
        "design",
        "europe",
        "design",
        "early",
        ["illustration", "accessibility"],
        ["user research", "prototyping"],
        0.3,
        1
    ),
    // cluster 2: mentors, advisors and sponsors across industries
    seed!(
        "Margaret O'Neill",
        "Independent",
        "Board Advisor",
        "finance",
        "europe",
        "leadership",
        "executive",
        ["governance", "gardening"],
        ["board governance", "fundraising"],
        0.8,
        2
    ),
    seed!(
        "Samuel Adeyemi",
        "Lagos Business School",
        "Professor",
        "education",
        "africa",
        "research",
        "executive",
        ["entrepreneurship", "history"],
        ["strategy", "teaching"],
        0.55,
        2
    ),
    seed!(
        "Elena Petrova",
        "Meridian Health",
        "Chief Medical Officer",
        "healthcare",
        "europe",
        "leadership",
        "executive",
        ["digital health", "opera"],
        ["clinical trials", "health regulation"],
        0.4,
        2
    ),
    seed!(
        "David Cohen",
        "Cohen & Partners",
        "Managing Partner",
        "law",
        "north america",
        "legal",
        "executive",
        ["startups", "tennis"],
        ["corporate law", "negotiation"],
        0.5,
        2
    ),
    seed!(
        "Aiko Suzuki",
        "Tokyo Design Council",
        "Chair",
        "design",
        "asia",
        "leadership",
        "executive",
        ["craft", "urbanism"],
        ["design leadership"],
        0.3,
        2
    ),
    seed!(
        "Carlos Mendoza",
        "Andes Mining",
        "COO",
        "manufacturing",
        "latin america",
        "operations",
        "executive",
        ["supply chains", "mountain biking"],
        ["operations", "lean manufacturing"],
        0.2,
        2
    ),
    seed!(
        "Ngozi Eze",
        "Pan-African Tech Fund",
        "General Partner",
        "finance",
        "africa",
        "investing",
        "executive",
        ["fintech", "literature"],
        ["venture capital", "mentoring founders"],
        0.45,
        2
    ),
    seed!(
        "William Turner",
        "Turner Media",
        "Editor-in-Chief",
        "media",
        "europe",
        "communications",
        "executive",
        ["journalism", "sailing"],
        ["storytelling", "media relations"],
        0.35,
        2
    ),
    seed!(
        "Leila Haddad",
        "Cedar Health",
        "Founder",
        "healthcare",
        "asia",
        "leadership",
        "founder",
        ["mental health", "poetry"],
        ["healthcare go-to-market"],
        0.3,
        2
    ),
    seed!(
        "Robert Nguyen",
        "Pacific Bank",
        "Managing Director",
        "finance",
        "oceania",
        "investing",
        "executive",
        ["banking", "surfing"],
        ["debt financing"],
        0.15,
        2
    ),
    // cluster 3: community, education and public sector
    seed!(
        "Olivia Walsh",
        "City of Dublin",
        "Innovation Lead",
        "public sector",
        "europe",
        "policy",
        "mid",
        ["smart cities", "running"],
        ["public procurement", "policy"],
        0.4,
        3
    ),
    seed!(
        "Ahmed Hassan",
        "Code for All",
        "Community Manager",
        "nonprofit",
        "africa",
        "operations",
        "mid",
        ["open source", "football"],
        ["community building", "events"],
        0.5,
        3
    ),
    seed!(
        "Julia Nowak",
        "Warsaw University",
        "PhD Student",
        "education",
        "europe",
        "research",
        "student",
        ["graph theory", "climbing"],
        ["network science", "python"],
        0.45,
        3
    ),
    seed!(
        "Diego Fernández",
        "Escuela Nueva",
        "Teacher",
        "education",
        "latin america",
        "teaching",
        "mid",
        ["edtech", "guitar"],
        ["curriculum design"],
        0.2,
        3
    ),
    seed!(
        "Sara Lindqvist",
        "Open Knowledge",
        "Director",
        "nonprofit",
        "europe",
        "leadership",
        "senior",
        ["open data", "kayaking"],
        ["open data", "grant writing"],
        0.35,
        3
    ),
    seed!(
        "Kofi Boateng",
        "Accra Hub",
        "Founder",
        "tech",
        "africa",
        "leadership",
        "founder",
        ["startups", "music"],
        ["community building", "fundraising"],
        0.3,
        3
    ),
    seed!(
        "Mei Chen",
        "Shanghai Makers",
        "Organiser",
        "nonprofit",
        "asia",
        "operations",
        "early",
        ["maker spaces", "robotics"],
        ["events", "hardware"],
        0.15,
        3
    ),
    seed!(
        "Jonas Weber",
        "Bundesamt Digital",
        "Policy Advisor",
        "public sector",
        "europe",
        "policy",
        "mid",
        ["digital policy", "cycling"],
        ["eu regulation", "policy"],
        0.25,
        3
    ),
    seed!(
        "Ana Lima",
        "Rio Civic Lab",
        "Researcher",
        "education",
        "latin america",
        "research",
        "early",
        ["civic tech", "samba"],
        ["user research", "data analysis"],
        0.2,
        3
    ),
    seed!(
        "Ethan Wright",
        "TechForGood",
        "Volunteer Lead",
        "nonprofit",
        "north america",
        "operations",
        "student",
        ["volunteering", "basketball"],
        ["event planning"],
        0.1,
        3
    ),
    // cluster 4: health and biotech
    seed!(
        "Isaac Levi",
        "Helix Bio",
        "Head of Research",
        "healthcare",
        "asia",
        "research",
        "senior",
        ["genomics", "chess"],
        ["bioinformatics", "rust"],
        0.35,
        4
    ),
    seed!(
        "Charlotte Dubois",
        "Meridian Health",
        "Product Lead",
        "healthcare",
        "europe",
        "product",
        "mid",
        ["digital health", "wine"],
        ["product discovery", "health regulation"],
        0.3,
        4
    ),
    seed!(
        "Arjun Mehta",
        "Helix Bio",
        "Data Engineer",
        "healthcare",
        "asia",
        "engineering",
        "early",
        ["data pipelines", "cricket"],
        ["data engineering", "python"],
        0.2,
        4
    ),
    seed!(
        "Laura Jensen",
        "Nordic Clinics",
        "Operations Director",
        "healthcare",
        "europe",
        "operations",
        "senior",
        ["patient experience", "swimming"],
        ["operations", "scaling teams"],
        0.15,
        4
    ),
    seed!(
        "Tunde Bakare",
        "MedLink Africa",
        "CEO",
        "healthcare",
        "africa",
        "leadership",
        "founder",
        ["telemedicine", "football"],
        ["healthcare go-to-market", "fundraising"],
        0.35,
        4
    ),
    seed!(
        "Sophie Taylor",
        "Vitalis",
        "Clinical Researcher",
        "healthcare",
        "oceania",
        "research",
        "mid",
        ["clinical trials", "surfing"],
        ["clinical trials", "statistics"],
        0.1,
        4
    ),
    seed!(
        "Paulo Santos",
        "BioSul",
        "Lab Manager",
        "healthcare",
        "latin america",
        "operations",
        "mid",
        ["biotech", "cooking"],
        ["lab operations"],
        0.1,
        4
    ),
    // cluster 5: media, sales and friends
    seed!(
        "Chiara Bianchi",
        "Studio Nove",
        "Journalist",
        "media",
        "europe",
        "communications",
        "mid",
        ["climate", "photography"],
        ["storytelling", "interviewing"],
        0.4,
        5
    ),
    seed!(
        "Jack Murphy",
        "Brightside Sales",
        "Sales Director",
        "tech",
        "north america",
        "sales",
        "senior",
        ["sales", "golf"],
        ["enterprise sales", "negotiation"],
        0.3,
        5
    ),
    seed!(
        "Nadia Rahman",
        "Podcast Collective",
        "Host",
        "media",
        "asia",
        "communications",
        "mid",
        ["podcasting", "travel"],
        ["audio production", "storytelling"],
        0.25,
        5
    ),
    seed!(
        "Felix Wagner",
        "Wagner Consulting",
        "Consultant",
        "consulting",
        "europe",
        "strategy",
        "senior",
        ["strategy", "wine"],
        ["go-to-market strategy", "pricing"],
        0.2,
        5
    ),
    seed!(
        "Rosa Jiménez",
        "Friends of the Park",
        "Volunteer",
        "nonprofit",
        "latin america",
        "operations",
        "mid",
        ["gardening", "baking"],
        ["event planning"],
        0.6,
        5
    ),
    seed!(
        "Tom Hughes",
        "Hughes & Daughters",
        "Owner",
        "manufacturing",
        "europe",
        "leadership",
        "executive",
        ["woodworking", "sailing"],
        ["family business"],
        0.5,
        5
    ),
    seed!(
        "Ingrid Berg",
        "Oslo Film",
        "Producer",
        "media",
        "europe",
        "creative",
        "senior",
        ["film", "skiing"],
        ["production", "fundraising"],
        0.15,
        5
    ),
    seed!(
        "Victor Popescu",
        "Danube Robotics",
        "Engineer",
        "manufacturing",
        "europe",
        "engineering",
        "early",
        ["robotics", "rust"],
        ["embedded systems", "rust"],
        0.1,
        5
    ),
    seed!(
        "Łukasz Żółć",
        "Krakow Labs",
        "Researcher",
        "tech",
        "europe",
        "research",
        "mid",
        ["compilers", "hiking"],
        ["compilers", "rust"],
        0.25,
        1
    ),
];

/// What the demo wrote, for the overview.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoOverview {
    /// Record counts.
    pub counts: Counts,
    /// The five strongest ties (name, score 0–100).
    pub strongest: Vec<(String, f64)>,
    /// People per industry.
    pub industries: Vec<(String, usize)>,
    /// People per region.
    pub regions: Vec<(String, usize)>,
    /// Today's agenda on the new network.
    pub agenda: crate::keep_in_touch::Agenda,
    /// Dormant ties worth reviving.
    pub reconnect: Vec<crate::keep_in_touch::DormantTie>,
    /// Give and take with everyone.
    pub reciprocity: crate::exchange::ReciprocityReport,
    /// Favours received and not yet thanked.
    pub thanks_owed: Vec<crate::exchange::OwedView>,
}

fn days_ago(now: Timestamp, days: i64) -> Timestamp {
    now.checked_sub((days * 24).hours()).unwrap_or(now)
}

impl App {
    /// Builds the demo network into this (empty) database and describes it.
    pub async fn demo(&self) -> Result<DemoOverview> {
        let existing_me = self.require_empty("the demo needs an empty database (run `kithkin demo` without --db, or give a new file)").await?;
        let now = self.timestamp();
        let today = self.now().date();
        let mut batch = build(now, today);
        let demo_me = batch.people[0].id;
        if let Some(me) = existing_me {
            // keep the user's own "me" and attach the demo to it
            batch.people.remove(0);
            batch.replace_person(demo_me, me);
        }
        self.store.write(&batch, now).await?;
        if existing_me.is_none() {
            self.store.set_me(demo_me).await?;
        }
        // my membership of the association that runs the meetups
        let since = today.checked_sub(2.years()).ok();
        self.store
            .join_org(
                "Climate Collective",
                existing_me.unwrap_or(demo_me),
                Some("member"),
                since,
                now,
            )
            .await?;
        self.overview(&batch).await
    }

    async fn overview(&self, batch: &Batch) -> Result<DemoOverview> {
        let counts = self.store.counts().await?;
        let strongest: Vec<(String, f64)> = self
            .strength_list(None)
            .await?
            .into_iter()
            .take(5)
            .map(|p| (p.name, p.strength.score))
            .collect();
        let tally = |key: &str| {
            let mut m: std::collections::BTreeMap<String, usize> = Default::default();
            for p in batch.people.iter().filter(|p| !p.profile.facets.is_empty()) {
                if let Some(v) = p.profile.facets.get(key) {
                    *m.entry(v.clone()).or_default() += 1;
                }
            }
            let mut v: Vec<(String, usize)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        };
        Ok(DemoOverview {
            counts,
            strongest,
            industries: tally("industry"),
            regions: tally("region"),
            agenda: self.today(None).await?,
            reconnect: self.reconnect(3).await?,
            reciprocity: self.reciprocity_report(None).await?,
            thanks_owed: self.thanks_owed(self.timestamp(), 0).await?,
        })
    }
}

fn person(name: &str, now: Timestamp) -> Person {
    Person {
        id: PersonId(new_uuid()),
        profile: PersonProfile::named(name),
        circles: Vec::new(),
        archived_at: None,
        snoozed_until: None,
        created_at: now,
        updated_at: now,
    }
}

/// Once-close people the demo leaves silent for eight months.
const DORMANT: &[&str] = &["Tom Hughes", "David Cohen"];

const NOTES: &[&str] = &[
    "Talked about {i}; they are thinking about a move into a bigger role next year.",
    "Mentioned their team is hiring; asked me to pass on good people who know {e}.",
    "Shared a great article on {i}. Follow up with my own notes.",
    "Kids started school this autumn; ask how they are settling in.",
    "Wants feedback on their talk about {e} before the conference.",
    "Said the best thing I could do is introduce them to someone in {i}.",
];

const MEETING_NOTES: &[&str] = &[
    "Coffee catch-up: compared notes on {i}.",
    "They walked me through their roadmap; I offered help with {e}.",
    "Quick call about an intro; both keen.",
    "Lunch: talked about careers, {i}, and family.",
    "Long walk and talk; they are weighing a new offer.",
];

fn fill(template: &str, s: &Seed) -> String {
    template
        .replace("{i}", s.interests.first().copied().unwrap_or("work"))
        .replace("{e}", s.expertise.first().copied().unwrap_or("their field"))
}

/// The whole demo network as one batch; `people[0]` is me.
fn build(now: Timestamp, today: Date) -> Batch {
    let mut dice = Rng::seeded(0x6B69_746B_696E);
    let mut b = Batch::new();
    let mut me = person("Alex Morgan", now);
    me.profile.emails = vec!["alex@example.com".into()];
    me.profile.interests = vec![
        "climate".into(),
        "rust".into(),
        "mentoring".into(),
        "network science".into(),
    ];
    me.profile.expertise = vec![
        "product strategy".into(),
        "rust".into(),
        "fundraising".into(),
    ];
    me.profile.organisation = Some("Kithkin Labs".into());
    me.profile.title = Some("Founder".into());
    let me_id = me.id;
    b.people.push(me);

    let circles = [
        ("Climate founders", Some(30)),
        ("Old Northwind team", Some(60)),
        ("Mentors & advisors", Some(45)),
    ];
    for (name, cadence) in circles {
        b.circles.push(Circle {
            id: CircleId(new_uuid()),
            name: name.to_owned(),
            cadence: cadence.and_then(|d| Cadence::from_days(d).ok()),
        });
    }

    let mut ids = Vec::new();
    for (i, s) in SEEDS.iter().enumerate() {
        let mut p = person(s.name, now);
        let pr = &mut p.profile;
        let first = s.name.split(' ').next().unwrap_or(s.name);
        let domain: String = s
            .org
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let local: String = kithkin_core::text::fold(first)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        pr.emails = vec![format!("{local}@{domain}.example")];
        if i % 3 == 0 {
            pr.phones = vec![format!("+1 555 01{:02}", i)];
        }
        pr.organisation = Some(s.org.to_owned());
        pr.title = Some(s.title.to_owned());
        pr.interests = s.interests.iter().map(|x| (*x).to_owned()).collect();
        pr.expertise = s.expertise.iter().map(|x| (*x).to_owned()).collect();
        for (k, v) in [
            ("industry", s.industry),
            ("region", s.region),
            ("function", s.function),
            ("career_stage", s.stage),
        ] {
            pr.facets.insert(k.to_owned(), v.to_owned());
        }
        pr.roles = match (s.cluster, s.closeness) {
            (2, c) if c >= 0.5 => vec![Role::Mentor, Role::Advisor],
            (2, _) => vec![Role::Advisor],
            (1, c) if c >= 0.5 => vec![Role::Peer, Role::Friend],
            (1, _) => vec![Role::Peer],
            (0, c) if c >= 0.6 => vec![Role::Collaborator],
            (3, _) if s.stage == "student" => vec![Role::Mentee],
            (5, c) if c >= 0.5 => vec![Role::Friend],
            _ => Vec::new(),
        };
        if s.name == "Margaret O'Neill" {
            pr.roles.push(Role::Sponsor);
        }
        pr.tags = match s.cluster {
            0 => vec!["climate".into()],
            1 => vec!["northwind".into()],
            2 => vec!["advisor".into()],
            _ => Vec::new(),
        };
        if s.closeness >= 0.6 {
            pr.cadence = Cadence::from_days(if s.closeness >= 0.8 { 14 } else { 30 }).ok();
        }
        pr.met_at = Some(match s.cluster {
            0 => "Climate founders meetup".to_owned(),
            1 => "Worked together at Northwind".to_owned(),
            2 => "Introduced through the accelerator".to_owned(),
            3 => "Open data community".to_owned(),
            _ => "A friend's dinner".to_owned(),
        });
        pr.met_on = today.checked_sub((365 * (1 + (i as i64 % 9))).days()).ok();
        p.circles = match s.cluster {
            0 if s.closeness >= 0.3 => vec!["Climate founders".into()],
            1 if s.org == "Northwind Software" => vec!["Old Northwind team".into()],
            2 => vec!["Mentors & advisors".into()],
            _ => Vec::new(),
        };
        p.profile.normalise();
        ids.push(p.id);
        b.people.push(p);
    }
    // who introduced whom
    let by_name = |n: &str| SEEDS.iter().position(|s| s.name == n).map(|i| ids[i]);
    for (person, introducer) in [
        ("Amara Okafor", "Zoë Ångström"),
        ("Ngozi Eze", "Margaret O'Neill"),
        ("Łukasz Żółć", "Ben Okoro"),
    ] {
        if let (Some(p), Some(by)) = (
            SEEDS.iter().position(|s| s.name == person),
            by_name(introducer),
        ) {
            b.people[p + 1].profile.introduced_by = Some(by);
        }
    }
    // one archived acquaintance
    if let Some(p) = b.people.last_mut() {
        p.archived_at = Some(days_ago(now, 30));
    }

    // a year of interactions, more with closer people, bursty around a few weeks; a few once
    // close friends went quiet eight months ago (dormant ties worth reviving)
    for (i, s) in SEEDS.iter().enumerate() {
        let dormant = DORMANT.contains(&s.name);
        let n = if dormant {
            34
        } else {
            (s.closeness * 24.0).round() as usize + 1
        };
        for k in 0..n {
            let age = if dormant {
                240 + (dice.unit() * 400.0) as i64
            } else {
                (dice.unit().powf(1.0 + s.closeness) * 360.0) as i64 + 1
            };
            let kind = match dice.below(10) {
                0..=2 => InteractionKind::Email,
                3..=4 => InteractionKind::Message,
                5 => InteractionKind::Call,
                6 => InteractionKind::Video,
                7 => InteractionKind::Meal,
                _ => InteractionKind::Meeting,
            };
            let mut participants = vec![ids[i]];
            if k % 7 == 3 {
                // a group conversation with someone from the same cluster
                let same: Vec<usize> = (0..SEEDS.len())
                    .filter(|j| *j != i && SEEDS[*j].cluster == s.cluster)
                    .collect();
                if !same.is_empty() {
                    participants.push(ids[same[dice.below(same.len())]]);
                }
            }
            participants.sort();
            let minutes = match kind {
                InteractionKind::Email | InteractionKind::Message => None,
                InteractionKind::Call => Some(20 + dice.below(30) as u32),
                _ => Some(30 + dice.below(90) as u32),
            };
            let note = if dice.below(3) == 0 {
                Some(fill(MEETING_NOTES[dice.below(MEETING_NOTES.len())], s))
            } else {
                None
            };
            let direction = match dice.below(3) {
                0 => Direction::Inbound,
                1 => Direction::Outbound,
                _ => Direction::Mutual,
            };
            b.interactions.push(Interaction {
                id: InteractionId(new_uuid()),
                kind,
                occurred_at: days_ago(now, age)
                    .checked_sub((dice.below(600) as i64).minutes())
                    .unwrap_or(now),
                minutes,
                direction,
                participants,
                note,
                event: None,
                source_key: None,
            });
        }
        if s.closeness >= 0.3 {
            for t in 0..(1 + (s.closeness * 3.0) as usize) {
                let template = NOTES[(i + t) % NOTES.len()];
                b.notes.push(Note {
                    id: NoteId(new_uuid()),
                    person: ids[i],
                    body: fill(template, s),
                    created_at: days_ago(now, 5 + 37 * t as i64 + i as i64),
                });
            }
        }
    }

    // knows links: dense inside clusters, a few bridges
    for i in 0..SEEDS.len() {
        for j in (i + 1)..SEEDS.len() {
            let same = SEEDS[i].cluster == SEEDS[j].cluster;
            let chance = if same { 0.35 } else { 0.025 };
            if dice.unit() < chance {
                let strength =
                    ((SEEDS[i].closeness + SEEDS[j].closeness) / 2.0 + dice.unit() * 0.3).min(1.0);
                let strength = (strength * 100.0).round() / 100.0;
                if let Ok(l) =
                    KnowsLink::new(ids[i], ids[j], strength.max(0.05), KnowsSource::Explicit)
                {
                    b.knows.push(l);
                }
            }
        }
    }

    // important dates: birthdays (some without year, one on 29 February), anniversaries
    for (i, s) in SEEDS.iter().enumerate() {
        if i % 2 == 0 || s.closeness >= 0.5 {
            let month = 1 + (i % 12) as i32;
            let day = 1 + ((i * 7) % 28) as i32;
            let year = if i % 3 == 0 {
                None
            } else {
                Some(1965 + (i as i32 * 3) % 35)
            };
            if let Ok(d) = YearlyDay::new(month, day, year) {
                b.dates.push(ImportantDate {
                    id: DateId(new_uuid()),
                    person: ids[i],
                    kind: DateKind::Birthday,
                    day: d,
                });
            }
        }
    }
    if let (Some(p), Ok(d)) = (by_name("Sofia Rossi"), YearlyDay::new(2, 29, Some(1988))) {
        b.dates
            .retain(|x| !(x.person == p && x.kind == DateKind::Birthday));
        b.dates.push(ImportantDate {
            id: DateId(new_uuid()),
            person: p,
            kind: DateKind::Birthday,
            day: d,
        });
    }
    // a birthday in three days and one tomorrow, so `today` has something to show
    for (name, ahead) in [("Anna Lee", 3), ("Zoë Ångström", 1)] {
        if let (Some(p), Ok(d)) = (by_name(name), today.checked_add(ahead.days())) {
            b.dates
                .retain(|x| !(x.person == p && x.kind == DateKind::Birthday));
            if let Ok(day) = YearlyDay::new(i32::from(d.month()), i32::from(d.day()), Some(1985)) {
                b.dates.push(ImportantDate {
                    id: DateId(new_uuid()),
                    person: p,
                    kind: DateKind::Birthday,
                    day,
                });
            }
        }
    }
    if let (Some(p), Ok(d)) = (by_name("Tom Hughes"), YearlyDay::new(6, 14, Some(1990))) {
        b.dates.push(ImportantDate {
            id: DateId(new_uuid()),
            person: p,
            kind: DateKind::Anniversary,
            day: d,
        });
    }

    // life events
    for (name, kind, ago, note) in [
        (
            "Mateo García",
            LifeEventKind::Promotion,
            6,
            "Promoted to Head of Product",
        ),
        (
            "Hannah Schmidt",
            LifeEventKind::NewJob,
            20,
            "Joined Cloudberry as VP Engineering",
        ),
        (
            "Kwame Mensah",
            LifeEventKind::Layoff,
            10,
            "SunHarvest cut a third of the team",
        ),
        (
            "Priya Raman",
            LifeEventKind::Launch,
            3,
            "Terra Analytics launched its first product",
        ),
        ("Rosa Jiménez", LifeEventKind::Baby, 40, "Baby girl, Lucía"),
    ] {
        if let (Some(p), Ok(on)) = (by_name(name), today.checked_sub(ago.days())) {
            b.life_events.push(LifeEvent {
                id: LifeEventId(new_uuid()),
                person: p,
                kind,
                on,
                note: Some(note.to_owned()),
                acknowledged_at: None,
            });
        }
    }

    // needs and offers, mine included
    let help = [
        (
            None,
            HelpKind::Need,
            "Intros to climate investors for our seed round",
            &["fundraising", "climate"][..],
        ),
        (
            None,
            HelpKind::Need,
            "A mentor who has scaled an engineering team",
            &["engineering management"][..],
        ),
        (
            None,
            HelpKind::Offer,
            "Rust code reviews and mentoring",
            &["rust", "mentoring"][..],
        ),
        (
            None,
            HelpKind::Offer,
            "Product strategy sessions for early founders",
            &["product strategy"][..],
        ),
        (
            Some("Zoë Ångström"),
            HelpKind::Need,
            "A senior Rust engineer for embedded work",
            &["rust", "hiring"][..],
        ),
        (
            Some("Priya Raman"),
            HelpKind::Need,
            "Feedback on pricing for a data product",
            &["pricing", "product strategy"][..],
        ),
        (
            Some("Kwame Mensah"),
            HelpKind::Need,
            "A new operations role in climate",
            &["operations", "climate"][..],
        ),
        (
            Some("Julia Nowak"),
            HelpKind::Need,
            "Datasets of professional networks for research",
            &["network science", "open data"][..],
        ),
        (
            Some("Amara Okafor"),
            HelpKind::Offer,
            "Warm intros to climate-focused funds",
            &["fundraising", "climate", "venture capital"][..],
        ),
        (
            Some("Hannah Schmidt"),
            HelpKind::Offer,
            "Advice on scaling engineering teams",
            &["engineering management", "scaling teams"][..],
        ),
        (
            Some("Daniel Kim"),
            HelpKind::Offer,
            "Pricing reviews",
            &["pricing"][..],
        ),
        (
            Some("Sara Lindqvist"),
            HelpKind::Offer,
            "Open datasets and grant advice",
            &["open data", "grant writing"][..],
        ),
        (
            Some("Lars Eriksen"),
            HelpKind::Offer,
            "Embedded Rust consulting",
            &["rust", "embedded systems"][..],
        ),
    ];
    for (who, kind, text, tags) in help {
        let person = match who {
            None => Some(me_id),
            Some(n) => by_name(n),
        };
        if let Some(person) = person {
            b.help_items.push(HelpItem {
                id: HelpItemId(new_uuid()),
                person,
                kind,
                text: text.to_owned(),
                tags: tags.iter().map(|t| (*t).to_owned()).collect(),
                status: HelpStatus::Open,
                created_at: days_ago(now, 20),
                closed_at: None,
            });
        }
    }

    // favours both ways, some not yet thanked
    let favours = [
        (
            "Ben Okoro",
            true,
            FavourKind::Feedback,
            "Reviewed his conference talk",
            2,
            20,
            false,
        ),
        (
            "Ben Okoro",
            true,
            FavourKind::Time,
            "Paired on his database migration",
            2,
            60,
            false,
        ),
        (
            "Margaret O'Neill",
            false,
            FavourKind::Advice,
            "Coached me through the term sheet",
            2,
            40,
            true,
        ),
        (
            "Margaret O'Neill",
            false,
            FavourKind::Introduction,
            "Introduced me to two angel investors",
            3,
            12,
            false,
        ),
        (
            "Anna Lee",
            false,
            FavourKind::Feedback,
            "Reviewed our hiring plan",
            2,
            30,
            true,
        ),
        (
            "Ben Okoro",
            true,
            FavourKind::Advice,
            "Helped him debug a lifetime issue in his Rust service",
            1,
            45,
            false,
        ),
        (
            "Zoë Ångström",
            true,
            FavourKind::Introduction,
            "Introduced her to Amara at GreenGrid",
            3,
            90,
            false,
        ),
        (
            "Sofia Rossi",
            false,
            FavourKind::Resource,
            "Lent me her design system templates",
            1,
            60,
            true,
        ),
        (
            "Julia Nowak",
            true,
            FavourKind::Time,
            "Mentoring session on her thesis",
            2,
            15,
            false,
        ),
        (
            "Samuel Adeyemi",
            false,
            FavourKind::Endorsement,
            "Wrote a recommendation on my profile",
            2,
            4,
            false,
        ),
        (
            "Kwame Mensah",
            true,
            FavourKind::Referral,
            "Referred him for an operations role",
            2,
            7,
            false,
        ),
    ];
    for (name, given, kind, text, weight, ago, thanked) in favours {
        if let Some(p) = by_name(name) {
            let (giver, receiver) = if given { (me_id, p) } else { (p, me_id) };
            b.favours.push(Favour {
                id: FavourId(new_uuid()),
                giver,
                receiver,
                kind,
                text: text.to_owned(),
                weight,
                occurred_at: days_ago(now, ago),
                for_need: None,
                thanked_at: if thanked {
                    Some(days_ago(now, ago - 1))
                } else {
                    None
                },
                thanked_in: None,
            });
        }
    }

    // an event with people met there
    let attendees: Vec<EventAttendee> = [
        "Zoë Ångström",
        "Priya Raman",
        "Noah Fischer",
        "Kwame Mensah",
        "Oliver Brooks",
    ]
    .iter()
    .filter_map(|n| by_name(n))
    .enumerate()
    .map(|(k, person)| EventAttendee {
        person,
        met_there: k >= 2,
    })
    .collect();
    b.events.push(Event {
        id: EventId(new_uuid()),
        name: "Climate Tech Summit".into(),
        kind: EventKind::Conference,
        starts_at: days_ago(now, 9),
        ends_at: Some(days_ago(now, 8)),
        minutes: Some(600),
        location: Some("Copenhagen".into()),
        organisation: Some("GreenGrid Ventures".into()),
        note: Some("Great panel on carbon removal; follow up with the people I met.".into()),
        attended: true,
        attendees,
    });

    // a meetup yesterday evening where I met two new people: `today` asks to follow up with
    // them for 48 hours
    let meetup = Event {
        id: EventId(new_uuid()),
        name: "Rust & Climate meetup".into(),
        kind: EventKind::Meetup,
        starts_at: days_ago(now, 1),
        ends_at: None,
        minutes: Some(150),
        location: Some("Berlin".into()),
        organisation: Some("Climate Collective".into()),
        note: Some("Lightning talks on grid software".into()),
        attended: true,
        attendees: Vec::new(),
    };
    let mut met_people = Vec::new();
    for (name, org, title, industry) in [
        ("Lena Voss", "GridWorks", "Staff engineer", "energy"),
        (
            "Tomás Ruiz",
            "Open Climate Fix",
            "Data scientist",
            "climate",
        ),
    ] {
        let mut p = person(name, days_ago(now, 1));
        p.profile.organisation = Some(org.into());
        p.profile.title = Some(title.into());
        p.profile.facets.insert("industry".into(), industry.into());
        p.profile.met_at = Some(meetup.name.clone());
        p.profile.met_on = Some(today.checked_sub(1.days()).unwrap_or(today));
        met_people.push(p);
    }
    let mut meetup = meetup;
    for p in &met_people {
        meetup.attendees.push(EventAttendee {
            person: p.id,
            met_there: true,
        });
        b.interactions.push(Interaction {
            id: InteractionId(new_uuid()),
            kind: InteractionKind::Event,
            occurred_at: meetup.starts_at,
            minutes: None,
            direction: Direction::Mutual,
            participants: vec![p.id],
            note: Some(format!("Met at {}", meetup.name)),
            event: Some(meetup.id),
            source_key: None,
        });
    }
    if let Some(z) = by_name("Zoë Ångström") {
        meetup.attendees.push(EventAttendee {
            person: z,
            met_there: false,
        });
    }
    b.people.extend(met_people);
    b.events.push(meetup);
    // a workshop three weeks ago, for the time report
    b.events.push(Event {
        id: EventId(new_uuid()),
        name: "Pricing workshop".into(),
        kind: EventKind::Workshop,
        starts_at: days_ago(now, 21),
        ends_at: None,
        minutes: None,
        location: Some("Online".into()),
        organisation: Some("Climate Collective".into()),
        note: None,
        attended: true,
        attendees: ["Daniel Kim", "Priya Raman"]
            .iter()
            .filter_map(|n| by_name(n))
            .map(|person| EventAttendee {
                person,
                met_there: false,
            })
            .collect(),
    });

    // an introduction in the pipeline, a collaboration, goals and a follow-up
    if let (Some(a), Some(c)) = (by_name("Priya Raman"), by_name("Daniel Kim")) {
        b.introductions.push(Introduction {
            id: IntroductionId(new_uuid()),
            a,
            b: c,
            reason: Some("Priya needs pricing feedback; Daniel reviews pricing".into()),
            status: IntroStatus::AskedA,
            suggested_at: days_ago(now, 8),
            asked_a_at: Some(days_ago(now, 7)),
            asked_b_at: None,
            introduced_at: None,
            outcome: None,
            outcome_at: None,
            declined_at: None,
        });
    }
    let members: Vec<PersonId> = ["Zoë Ångström", "Lars Eriksen"]
        .iter()
        .filter_map(|n| by_name(n))
        .collect();
    b.collaborations.push(Collaboration {
        id: CollaborationId(new_uuid()),
        name: "Open carbon-removal dataset".into(),
        status: CollabStatus::Active,
        members,
        outcome: None,
        note: Some("Publishing a shared dataset of removal projects".into()),
        created_at: days_ago(now, 50),
        updated_at: days_ago(now, 10),
    });
    for (title, metric, target, period, filter) in [
        (
            "5 check-ins a week",
            GoalMetric::CheckIns,
            5,
            GoalPeriod::Week,
            None,
        ),
        (
            "1 introduction a month",
            GoalMetric::Introductions,
            1,
            GoalPeriod::Month,
            None,
        ),
        (
            "1 event a month",
            GoalMetric::Events,
            1,
            GoalPeriod::Month,
            None,
        ),
        (
            "Meet 3 people outside tech this quarter",
            GoalMetric::NewPeople,
            3,
            GoalPeriod::Quarter,
            Some("industry=!tech"),
        ),
    ] {
        b.goals.push(Goal {
            id: GoalId(new_uuid()),
            owner: me_id,
            title: title.into(),
            metric,
            target,
            period,
            facet_filter: filter.map(str::to_owned),
            created_at: days_ago(now, 60),
            closed_at: None,
        });
    }
    if let Some(p) = by_name("Hannah Schmidt") {
        b.follow_ups.push(FollowUp {
            id: FollowUpId(new_uuid()),
            person: p,
            due_on: today,
            text: "Send Hannah the hiring-plan template she asked for".into(),
            done_at: None,
            created_at: days_ago(now, 3),
        });
    }
    if let (Some(p), Ok(due)) = (by_name("Noah Fischer"), today.checked_add(1.days())) {
        b.follow_ups.push(FollowUp {
            id: FollowUpId(new_uuid()),
            person: p,
            due_on: due,
            text: "Send Noah the carbon-removal market map I promised at the summit".into(),
            done_at: None,
            created_at: days_ago(now, 8),
        });
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_is_valid_and_rich() {
        let now = Timestamp::from_second(1_790_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
        let b = build(now, now.to_zoned(jiff::tz::TimeZone::UTC).date());
        assert_eq!(b.validate(), Ok(()));
        assert!(
            (55..=70).contains(&b.people.len()),
            "{} people",
            b.people.len()
        );
        assert!(
            b.interactions.len() > 400,
            "{} interactions",
            b.interactions.len()
        );
        assert!(b.knows.len() > 60);
        assert!(!b.favours.is_empty() && !b.help_items.is_empty() && !b.notes.is_empty());
        assert_eq!(b.events.len(), 3);
        let met_yesterday = b
            .events
            .iter()
            .find(|e| e.kind == EventKind::Meetup)
            .map(|e| e.attendees.iter().filter(|a| a.met_there).count());
        assert_eq!(met_yesterday, Some(2));
        let industries: std::collections::BTreeSet<&String> = b
            .people
            .iter()
            .filter_map(|p| p.profile.facets.get("industry"))
            .collect();
        assert!(industries.len() >= 8);
    }
}
