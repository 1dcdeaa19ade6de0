//! End-to-end checks of the three forms on a small hand-built dossier: two
//! stories, claims of every status, quantity groups that do and do not
//! disagree, quotes, entities, profiles, a timeline, and hostile article
//! text (markup, `javascript:` urls, escape codes, table pipes).

use crosscheck_model::{
    ClaimGroup, ClaimStatus, DOSSIER_VERSION, DocStance, DocumentOut, Dossier, EntityKind,
    EntityOut, Evidence, QuantityGroup, QuantityValue, QuoteOut, SourceProfile, Stance, StoryOut,
    TimelineEvent,
};
use crosscheck_render::{html, markdown, terminal};

const D1: &str = "a1b2c3d4e5f60001";
const D2: &str = "a1b2c3d4e5f60002";
const D3: &str = "a1b2c3d4e5f60003";
const D4: &str = "a1b2c3d4e5f60004";
const D5: &str = "a1b2c3d4e5f60005";
const ALL_DOCS: [&str; 5] = [D1, D2, D3, D4, D5];

fn doc(
    id: &str,
    story: &str,
    source: Option<&str>,
    path: &str,
    title: &str,
    url: Option<&str>,
) -> DocumentOut {
    DocumentOut {
        id: id.into(),
        path: path.into(),
        url: url.map(Into::into),
        title: Some(title.into()),
        source: source.map(Into::into),
        published: Some("2024-03-06".into()),
        author: None,
        story: story.into(),
        duplicate_of: None,
        cited: vec![],
    }
}

fn ev(doc: &str, stance: Stance, origin: Option<&str>, sentence: &str) -> Evidence {
    Evidence {
        doc: doc.into(),
        sentence: sentence.into(),
        stance,
        origin: origin.map(Into::into),
        cues: vec!["said".into()],
    }
}

fn claim(
    story: &str,
    text: &str,
    status: ClaimStatus,
    origins: &[&str],
    stances: &[(&str, Stance)],
    evidence: Vec<Evidence>,
    score: f64,
) -> ClaimGroup {
    ClaimGroup {
        id: format!("{story}/{score}"),
        story: story.into(),
        text: text.into(),
        status,
        independent_origins: origins.iter().map(|o| o.to_string()).collect(),
        denied_by: stances
            .iter()
            .filter(|(_, s)| *s == Stance::Denies)
            .flat_map(|_| evidence.iter().filter(|e| e.stance == Stance::Denies))
            .filter_map(|e| e.origin.clone())
            .collect(),
        stances: stances
            .iter()
            .map(|(d, s)| DocStance {
                doc: d.to_string(),
                stance: *s,
            })
            .collect(),
        evidence,
        score,
    }
}

fn qv(
    doc: &str,
    text: &str,
    value: Option<f64>,
    min: Option<f64>,
    qualifier: Option<&str>,
    origin: Option<&str>,
) -> QuantityValue {
    QuantityValue {
        doc: doc.into(),
        sentence: format!("Officials said {text} were counted.").into(),
        text: text.into(),
        value,
        min,
        max: None,
        qualifier: qualifier.map(Into::into),
        vague: None,
        origin: origin.map(Into::into),
    }
}

fn dossier() -> Dossier {
    Dossier {
        version: DOSSIER_VERSION,
        stories: vec![
            StoryOut {
                id: "s-fire".into(),
                title: "Port of Valmora fire".into(),
                documents: vec![D1.into(), D2.into(), D3.into()],
            },
            StoryOut {
                id: "s-rail".into(),
                title: "Rail strike".into(),
                documents: vec![D4.into(), D5.into()],
            },
        ],
        documents: vec![
            doc(
                D1,
                "s-fire",
                Some("Coastal Herald"),
                "/in/herald1.html",
                "Fire at the port",
                Some("https://coastalherald.example/fire?id=1&x=2"),
            ),
            doc(
                D2,
                "s-fire",
                None,
                "/data/in/wire-report.txt",
                "<script>alert('t')</script> Fire update",
                Some("javascript:alert(1)"),
            ),
            doc(
                D3,
                "s-fire",
                Some("Coastal Herald"),
                "/in/herald2.html",
                "Second look at the blaze",
                None,
            ),
            doc(
                D4,
                "s-rail",
                Some("Metro Daily | Evening"),
                "/in/metro.txt",
                "Drivers walk out",
                None,
            ),
            doc(
                D5,
                "s-rail",
                Some("Union News"),
                "/in/union.txt",
                "Strike talks",
                Some("JaVaScRiPt:alert(2)"),
            ),
        ],
        claims: vec![
            claim(
                "s-fire",
                "The blaze was started deliberately.",
                ClaimStatus::Denied,
                &["Valmora police"],
                &[(D2, Stance::Denies), (D1, Stance::ReportsDenial)],
                vec![
                    ev(
                        D2,
                        Stance::Denies,
                        Some("Valmora police"),
                        "Valmora police said the blaze was not started deliberately.",
                    ),
                    ev(
                        D1,
                        Stance::ReportsDenial,
                        Some("Valmora police"),
                        "Police denied reports that the blaze was started deliberately.",
                    ),
                ],
                2.0,
            ),
            claim(
                "s-fire",
                "A fire broke out at the Port of Valmora on Tuesday night.",
                ClaimStatus::Corroborated,
                &["Port authority", "Fire brigade"],
                &[
                    (D1, Stance::Asserts),
                    (D2, Stance::Asserts),
                    (D3, Stance::Hedges),
                ],
                vec![
                    ev(
                        D1,
                        Stance::Asserts,
                        Some("Port authority"),
                        "A fire broke out at the Port of Valmora on Tuesday night, the port authority said.",
                    ),
                    ev(
                        D2,
                        Stance::Asserts,
                        Some("Fire brigade"),
                        "Crews fought a fire <img src=x onerror=alert(1)> at the port on Tuesday night.",
                    ),
                    ev(
                        D3,
                        Stance::Hedges,
                        None,
                        "The fire apparently started\u{1b}[31m near a fuel depot on Tuesday night.",
                    ),
                ],
                5.0,
            ),
            claim(
                "s-fire",
                "Toxic smoke may have reached nearby schools.",
                ClaimStatus::HedgedOnly,
                &[],
                &[(D3, Stance::Hedges)],
                vec![ev(
                    D3,
                    Stance::Hedges,
                    None,
                    "Toxic smoke may have reached nearby schools.",
                )],
                1.0,
            ),
            claim(
                "s-rail",
                "Train drivers will strike for 48 hours | starting Monday.",
                ClaimStatus::SingleOrigin,
                &["Drivers' union"],
                &[(D4, Stance::Asserts)],
                vec![ev(
                    D4,
                    Stance::Asserts,
                    Some("Drivers' union"),
                    "Train drivers will strike for 48 hours starting Monday, the union said.",
                )],
                3.0,
            ),
            claim(
                "s-rail",
                "The rail operator offered drivers a 4% raise.",
                ClaimStatus::Contested,
                &["Rail operator", "Drivers' union"],
                &[(D4, Stance::Asserts), (D5, Stance::Denies)],
                vec![
                    ev(
                        D4,
                        Stance::Asserts,
                        Some("Rail operator"),
                        "The rail operator said it offered drivers a 4% raise.",
                    ),
                    ev(
                        D5,
                        Stance::Denies,
                        Some("Drivers' union"),
                        "The union said no raise had been offered.",
                    ),
                ],
                2.5,
            ),
        ],
        quantities: vec![
            QuantityGroup {
                id: "q-injured".into(),
                story: "s-fire".into(),
                text: "injured".into(),
                unit: "people".into(),
                values: vec![
                    qv(
                        D1,
                        "12 people",
                        Some(12.0),
                        None,
                        None,
                        Some("Fire brigade"),
                    ),
                    qv(
                        D2,
                        "at least 30 people",
                        None,
                        Some(30.0),
                        Some("at least"),
                        Some("Valmora hospital"),
                    ),
                ],
                disagree: true,
            },
            QuantityGroup {
                id: "q-hours".into(),
                story: "s-rail".into(),
                text: "strike length".into(),
                unit: "hours".into(),
                values: vec![
                    qv(D4, "48 hours", Some(48.0), None, None, None),
                    qv(
                        D5,
                        "48 hours",
                        Some(48.0),
                        None,
                        None,
                        Some("Drivers' union"),
                    ),
                ],
                disagree: false,
            },
        ],
        quotes: vec![
            QuoteOut {
                doc: D1.into(),
                speaker: Some("Mara Quist".into()),
                text: "We had the fire under control by dawn".into(),
                sentence: "\"We had the fire under control by dawn,\" Mara Quist said.".into(),
                partial: false,
            },
            QuoteOut {
                doc: D5.into(),
                speaker: None,
                text: "a slap in the face".into(),
                sentence: "Drivers called the offer \"a slap in the face\".".into(),
                partial: true,
            },
        ],
        entities: vec![
            EntityOut {
                name: "Port of Valmora".into(),
                kind: EntityKind::Place,
                aliases: vec!["Valmora port".into(), "the port".into()],
                docs: vec![D1.into(), D2.into()],
                mentions: 7,
            },
            EntityOut {
                name: "Mara Quist".into(),
                kind: EntityKind::Person,
                aliases: vec!["Quist".into()],
                docs: vec![D1.into()],
                mentions: 2,
            },
        ],
        sources: vec![
            SourceProfile {
                name: "Coastal Herald".into(),
                documents: vec![D1.into(), D3.into()],
                sentences: 40,
                attributed_share: 0.425,
                hedged_share: 0.1,
                opinion_share: 0.05,
                first_person_share: 0.0,
                boilerplate_share: 0.2,
                corroborated_claims: 1,
                unconfirmed_claims: 1,
                cited_sources: vec!["Port authority".into()],
            },
            SourceProfile {
                name: "Metro Daily | Evening".into(),
                documents: vec![D4.into()],
                sentences: 12,
                attributed_share: 0.5,
                ..Default::default()
            },
        ],
        timeline: vec![
            TimelineEvent {
                date: "2024-03-05".into(),
                doc: D1.into(),
                text: "fire broke out at the port".into(),
                sentence: "A fire broke out at the port on Tuesday.".into(),
            },
            TimelineEvent {
                date: "2024-03-04".into(),
                doc: D2.into(),
                text: "inspection of the fuel depot".into(),
                sentence: "The fuel depot was inspected on Monday.".into(),
            },
        ],
    }
}

const STATUS_LABELS: [&str; 5] = [
    "corroborated",
    "single origin",
    "hedged only",
    "contested",
    "denied",
];

fn pos(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in output"))
}

// ----------------------------------------------------------------- markdown

#[test]
fn markdown_has_every_claim_and_status_per_story() {
    let md = markdown(&dossier());
    let s1 = pos(&md, "## Story 1: Port of Valmora fire");
    let s2 = pos(&md, "## Story 2: Rail strike");
    assert!(s1 < s2);
    for text in [
        "A fire broke out at the Port of Valmora on Tuesday night.",
        "The blaze was started deliberately.",
        "Toxic smoke may have reached nearby schools.",
    ] {
        let at = pos(&md, &format!("{}\n", text));
        assert!(s1 < at && at < s2, "{text} outside story 1");
    }
    assert!(pos(&md, "The rail operator offered drivers a 4% raise.") > s2);
    for label in STATUS_LABELS {
        assert!(md.contains(&format!("`{label}`")), "status {label} missing");
    }
    // Ranked by score: the corroborated claim (5.0) comes before the denied one (2.0).
    assert!(pos(&md, "#### 1. A fire broke out") < pos(&md, "#### 2. The blaze was started"));
    // Independent origins and per-source stances.
    assert!(md.contains("2 independent origins: Port authority, Fire brigade"));
    assert!(md.contains("| ✓ asserts | Coastal Herald: Fire at the port, wire-report |"));
    assert!(md.contains("| ⚑ reports a denial | Coastal Herald: Fire at the port |"));
    assert!(md.contains("~ hedges"));
}

#[test]
fn markdown_escapes_pipes_markup_and_links() {
    let md = markdown(&dossier());
    // `|` in a claim and an outlet name must not split table cells.
    assert!(md.contains("Metro Daily \\| Evening"));
    assert!(!md.contains("Metro Daily | Evening"));
    assert!(md.contains("48 hours \\| starting Monday"));
    // Article markup is inert.
    assert!(md.contains("\\<script\\>"));
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>"));
    // Every `<` is escaped, except our own autolinks to web urls.
    for (i, _) in md.match_indices('<') {
        let escaped = md[..i].ends_with('\\');
        assert!(
            escaped || md[i..].starts_with("<https://"),
            "raw `<` at {:?}",
            &md[i..(i + 20).min(md.len())]
        );
    }
    // Only the web url becomes a link; `javascript:` never does.
    assert!(md.contains("<https://coastalherald.example/fire?id=1&x=2>"));
    assert!(!md.to_lowercase().contains("javascript:alert"));
    assert!(!md.contains('\u{1b}'));
}

#[test]
fn markdown_flags_disagreeing_numbers_only() {
    let md = markdown(&dossier());
    assert_eq!(md.matches("⚠ values disagree").count(), 1);
    let flag = pos(&md, "#### injured (people) — ⚠ values disagree");
    assert!(flag < pos(&md, "## Story 2"));
    assert!(md.contains("| 12 |  | 12 people | Fire brigade | Coastal Herald: Fire at the port |"));
    assert!(
        md.contains("| ≥ 30 | at least | at least 30 people | Valmora hospital | wire-report |")
    );
    assert!(md.contains("#### strike length (hours)\n"));
}

#[test]
fn markdown_lists_entities_profiles_and_sorted_timeline() {
    let md = markdown(&dossier());
    assert!(md.contains("| Port of Valmora | place | Valmora port, the port | 2 | 7 |"));
    // Profiles: shares as percentages, under the story of their documents.
    let herald = pos(
        &md,
        "| Coastal Herald | 2 | 40 | 42% | 10% | 5% | 0% | 20% | 1 | 1 | Port authority |",
    );
    assert!(herald < pos(&md, "## Story 2"));
    assert!(pos(&md, "| Metro Daily \\| Evening | 1 | 12 | 50% |") > pos(&md, "## Story 2"));
    assert!(pos(&md, "**2024-03-04**") < pos(&md, "**2024-03-05**"));
    assert!(md.contains("“We had the fire under control by dawn” — **Mara Quist** (Coastal Herald: Fire at the port)"));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(markdown(&dossier()));
}

// --------------------------------------------------------------------- html

#[test]
fn html_escapes_all_article_text() {
    let page = html(&dossier());
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.to_lowercase().contains("<script"));
    assert!(!page.contains("<img"));
    // No tag of the page carries an event handler: the only tags are ours,
    // article text shows up escaped (`&lt;img ... onerror=...&gt;`).
    for tag in page
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or_default())
    {
        // Attribute names are what is left once the quoted values are dropped.
        let names: String = tag
            .split('"')
            .step_by(2)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(!names.contains(" on"), "event handler in tag <{tag}>");
    }
    // askama writes numeric character references (`&#60;` for `<`).
    assert!(page.contains("&#60;script&#62;alert(&#39;t&#39;)&#60;/script&#62; Fire update"));
    assert!(page.contains("&#60;img src=x onerror=alert(1)&#62;"));
    assert!(!page.contains('\u{1b}'));
    // Links: only http(s) targets and in-page anchors.
    for part in page.split("href=\"").skip(1) {
        let target = part.split('"').next().unwrap_or_default();
        assert!(
            target.starts_with("https://") || target.starts_with('#'),
            "bad link target {target:?}"
        );
    }
    assert!(!page.to_lowercase().contains("javascript:alert"));
    assert!(page.contains("href=\"https://coastalherald.example/fire?id=1&#38;x=2\""));
    // Self-contained: no external loads, no script.
    assert!(!page.contains("<link"));
    assert!(!page.contains("src=\"http"));
    assert!(page.contains("Content-Security-Policy"));
}

#[test]
fn html_shows_claims_statuses_numbers_per_story() {
    let page = html(&dossier());
    let s1 = pos(&page, "id=\"story-1\"");
    let s2 = pos(&page, "id=\"story-2\"");
    assert!(s1 < s2);
    for (text, class) in [
        (
            "A fire broke out at the Port of Valmora on Tuesday night.",
            "corroborated",
        ),
        ("The blaze was started deliberately.", "denied"),
        (
            "Toxic smoke may have reached nearby schools.",
            "hedged_only",
        ),
        (
            "Train drivers will strike for 48 hours | starting Monday.",
            "single_origin",
        ),
        ("The rail operator offered drivers a 4% raise.", "contested"),
    ] {
        let at = pos(&page, &format!("<p class=\"claim-text\">{text}</p>"));
        let head = page[..at].rfind("<li class=\"claim st-").unwrap_or(0);
        assert!(
            page[head..at].contains(&format!("st-{class}")),
            "{text} lacks its status"
        );
    }
    assert!(pos(&page, "Toxic smoke") < s2 && pos(&page, "The rail operator offered") > s2);
    // Each status reads in plain words, and says what it means where it is shown.
    assert!(page.contains(
        "<p class=\"status-line\">asserted by 2 independent origins (Port authority, Fire brigade); 1 article only hedges it</p>"
    ));
    assert!(page.contains("title=\"contested: asserted, but one origin against a denial"));
    assert_eq!(page.matches("⚠ values disagree").count(), 1);
    assert!(page.contains("<details><summary>Evidence (3)</summary>"));
    // Range bars on a common scale.
    assert!(page.contains("<svg class=\"bar\""));
    assert!(page.contains("Scale 0 – 30"));
    // Documents go by outlet or file name, never by hash id.
    assert!(page.contains("wire-report"));
    assert!(page.contains("Coastal Herald: Second look at the blaze"));
    for id in ALL_DOCS {
        assert!(!page.contains(id), "hash id {id} shown");
    }
}

// ----------------------------------------------------------------- terminal

fn width_of(line: &str) -> usize {
    textwrap::core::display_width(line)
}

#[test]
fn terminal_summary_ranks_claims_per_story() {
    let out = terminal(&dossier(), false, 100);
    let s1 = pos(&out, "Story 1 of 2: Port of Valmora fire");
    let s2 = pos(&out, "Story 2 of 2: Rail strike");
    assert!(s1 < s2);
    let corr = pos(&out, "[CORROBORATED] asserted by 2 independent origins");
    let denied = pos(&out, "[DENIED] asserted by one origin");
    let hedged = pos(&out, "[HEDGED ONLY] asserted by no origin");
    assert!(s1 < corr && corr < denied && denied < hedged && hedged < s2);
    let single = pos(&out, "[SINGLE ORIGIN]");
    let contested = pos(&out, "[CONTESTED]");
    assert!(s2 < single && single < contested);
    assert!(out.contains("✓ Coastal Herald: Fire at the port, wire-report   ~ Coastal Herald: Second look at the blaze"));
    assert!(out.contains("✗ wire-report   ⚑ Coastal Herald: Fire at the port"));
    assert!(out.contains("Legend: ✓ asserts  ~ hedges  ✗ denies  ⚑ reports a denial"));
    for id in ALL_DOCS {
        assert!(!out.contains(id));
    }
}

#[test]
fn terminal_shows_disagreeing_numbers_quotes_and_sources() {
    let out = terminal(&dossier(), false, 100);
    let numbers = pos(&out, "Numbers that disagree");
    assert!(numbers < pos(&out, "Story 2 of 2"));
    assert!(out.contains("• at least 30 people — Valmora hospital, wire-report"));
    assert_eq!(out.matches("Numbers that disagree").count(), 1);
    assert!(out.contains("No disagreeing numbers (1 quantity group checked)."));
    assert!(out.contains(
        "“We had the fire under control by dawn” — Mara Quist, Coastal Herald: Fire at the port"
    ));
    assert!(out.contains("Sources at a glance"));
    let row = out
        .lines()
        .find(|l| l.trim_start().starts_with("Coastal Herald"))
        .unwrap_or_default();
    assert!(
        row.contains("42%") && row.contains("10%"),
        "profile row: {row:?}"
    );
}

#[test]
fn terminal_without_color_has_no_escape_bytes() {
    let plain = terminal(&dossier(), false, 80);
    assert!(!plain.contains('\u{1b}'));
    let colored = terminal(&dossier(), true, 80);
    assert!(colored.contains("\u{1b}["));
    // The escape code inside an evidence sentence never reaches the terminal
    // even in colour mode: every ESC starts one of our own SGR sequences.
    for part in colored.split('\u{1b}').skip(1) {
        assert!(part.starts_with('['), "stray escape: {part:?}");
        let end = part.find('m').unwrap_or(usize::MAX);
        assert!(
            part[1..end]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b';')
        );
    }
}

#[test]
fn terminal_wraps_to_width() {
    let d = dossier();
    for width in [20, 32, 45, 60, 80, 120] {
        for color in [false, true] {
            let out = terminal(&d, color, width);
            for line in out.lines() {
                assert!(
                    width_of(line) <= width,
                    "width {width}: {line:?} is {} wide",
                    width_of(line)
                );
            }
        }
    }
    // Narrow output still carries the content, just on more lines.
    let narrow = terminal(&d, false, 40);
    let wide = terminal(&d, false, 120);
    assert!(narrow.lines().count() > wide.lines().count());
    assert!(narrow.contains("Toxic smoke may have reached nearby"));
}

#[test]
fn empty_dossier_renders_in_all_forms() {
    let d = Dossier::default();
    assert!(markdown(&d).starts_with("# Crosscheck dossier"));
    assert!(html(&d).contains("The dossier is empty."));
    assert!(terminal(&d, false, 80).contains("empty"));
}

#[test]
fn material_without_a_known_story_is_kept() {
    let mut d = dossier();
    d.claims[0].story = "s-unknown".into();
    let md = markdown(&d);
    let other = pos(&md, "## Story 3: Other material");
    assert!(pos(&md, "The blaze was started deliberately.") > other);
}
