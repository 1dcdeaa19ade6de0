use super::*;
use crosscheck_text::sentences::split;

fn quotes(text: &str) -> Vec<Quote> {
    find(text, &split(text), &[])
}

fn one(text: &str) -> Quote {
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:#?}");
    q.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn speaker(q: &Quote) -> &str {
    q.speaker.as_deref().unwrap_or("<none>")
}

#[test]
fn quote_then_speaker_and_verb() {
    let q = one("\"We will rebuild every school that was destroyed,\" Maria Lopez said on Friday.");
    assert_eq!(q.text, "We will rebuild every school that was destroyed");
    assert_eq!(speaker(&q), "Maria Lopez");
    assert_eq!(q.verb.as_deref(), Some("said"));
    assert!(!q.partial);
}

#[test]
fn offsets_point_at_the_quoted_words() {
    let text = "Rain fell. “The dam will hold,” engineer Tomas Berg said.";
    let q = one(text);
    assert_eq!(&text[q.start..q.end], q.text);
    assert_eq!(q.text, "The dam will hold");
    assert_eq!(q.sentence, 1);
    assert_eq!(speaker(&q), "Tomas Berg");
}

#[test]
fn verb_before_speaker() {
    let q = one("\"The talks are over,\" said Hanna Weiss, a senior negotiator for the union.");
    assert_eq!(speaker(&q), "Hanna Weiss");
    assert_eq!(q.verb.as_deref(), Some("said"));
}

#[test]
fn speaker_then_comma_or_colon_introducer() {
    let q = one("The mayor, Joan Okafor, said, \"Nobody will be left behind.\"");
    assert_eq!(speaker(&q), "Joan Okafor");
    assert_eq!(q.text, "Nobody will be left behind.");
    assert!(!q.partial);
    let q = one("Finance Minister Paulo Reis said: “The budget is balanced.”");
    assert_eq!(speaker(&q), "Paulo Reis");
    assert!(!q.partial);
}

#[test]
fn a_quote_whose_opening_mark_was_dropped_after_another_quote() {
    let q = quotes(
        "Marie Dupont won the final in Lyon. “I trained every day,” Dupont said. “It was hard.”Thanks to everyone who came to support me.”",
    );
    let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
    assert!(
        texts.contains(&"Thanks to everyone who came to support me."),
        "{q:#?}"
    );
    // A closing mark glued to a word with no closing mark after it
    // opens nothing.
    let q = quotes(
        "Marie Dupont lost in Lyon. “It was a hard fight tonight,”Dupont said, leaving the ring.",
    );
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].text, "It was a hard fight tonight", "{q:#?}");
}

#[test]
fn a_pronoun_before_a_participle_of_saying_is_the_speaker() {
    let q = quotes(
        "Anna Rossi left the ring in tears after the referee stopped the bout. She was also heard saying, \"It's not fair.\"",
    );
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(speaker(&q[0]), "Anna Rossi");
}

#[test]
fn told_an_outlet() {
    let q = one("“We saw the smoke from the harbour,” fisherman Ade Bello told the Guardian.");
    assert_eq!(speaker(&q), "Ade Bello");
    assert_eq!(q.verb.as_deref(), Some("told"));
    let q = one("\"Prices will keep rising,\" Lena Park told reporters in Seoul.");
    assert_eq!(q.verb.as_deref(), Some("told reporters"));
}

#[test]
fn dash_attribution() {
    let q = one("“Every vote will be counted.” — Carla Nunes");
    assert_eq!(speaker(&q), "Carla Nunes");
}

#[test]
fn appositive_after_the_name() {
    let q = one("\"Supply is tight,\" Robert Keane, the head of the port authority, said.");
    assert_eq!(speaker(&q), "Robert Keane");
    let q = one("\"Supply is tight,\" the port's director, Ines Alvarez, told the agency.");
    assert_eq!(speaker(&q), "Ines Alvarez");
}

#[test]
fn titles_are_stripped() {
    let q =
        one("“We are ready for any scenario,” Polish Defence Minister Jan Kowal told reporters.");
    assert_eq!(speaker(&q), "Jan Kowal");
    let q = one("EU Foreign Policy Chief Anna Berg said the plan was “dead on arrival.”");
    assert_eq!(speaker(&q), "Anna Berg");
    let q = one("U.S. Secretary of State Dana Cole said it was “a turning point” for the region.");
    assert_eq!(speaker(&q), "Dana Cole");
}

#[test]
fn according_to_with_a_quote() {
    let q = one(
        "The bridge will reopen in May, \"if the weather allows,\" according to the Transport Ministry.",
    );
    assert_eq!(speaker(&q), "Transport Ministry");
    assert!(
        q.verb
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case("according to"))
    );
}

#[test]
fn referred_to_as_is_partial() {
    let q = one(
        "Governor Eli Strand has referred to the flooding as \"catastrophic,\" according to local media.",
    );
    assert_eq!(speaker(&q), "Eli Strand");
    assert_eq!(q.text, "catastrophic");
    assert!(q.partial);
    assert!(
        q.verb
            .as_deref()
            .is_some_and(|v| v.starts_with("referred to"))
    );
}

#[test]
fn partial_quotes_in_the_writers_sentence() {
    let q = one(
        "Analyst Mira Sato told the Nikkei this is a sign that “markets are nervous,” as bond yields climbed.",
    );
    assert_eq!(speaker(&q), "Mira Sato");
    assert_eq!(q.text, "markets are nervous");
    assert!(q.partial);
    let q = one("Senator Paul Dunn said it would be “deeply unwise” to cut the funding.");
    assert_eq!(speaker(&q), "Paul Dunn");
    let q = one("Prime Minister Sara Holm condemned the rebels’ “reckless attacks on civilians.”");
    assert_eq!(speaker(&q), "Sara Holm");
    assert_eq!(q.text, "reckless attacks on civilians.");
    let q = one("The union chief, Omar Haddad, pledged \"full\" cooperation with the inquiry.");
    assert_eq!(speaker(&q), "Omar Haddad");
    assert_eq!(q.text, "full");
}

#[test]
fn two_partial_quotes_in_one_sentence() {
    let q = quotes(
        "Mayor Rita Gomez said the fire was “a tragedy” for the town and “a warning” to landlords.",
    );
    assert_eq!(q.len(), 2, "{q:#?}");
    assert!(q.iter().all(|q| speaker(q) == "Rita Gomez" && q.partial));
}

#[test]
fn openers_verbs_and_state_abbreviations_are_not_speakers() {
    let text =
        "Having reviewed the data, \"we see no sign of spread between people,\" the agency said.";
    assert_ne!(speaker(&one(text)), "Having");
    let text = "\u{201c}We will test every herd,\u{201d} Pierce Wrote.";
    assert_eq!(speaker(&one(text)), "Pierce");
    let text = "The Federal Bureau of Investigation named the suspect at the fair in Dover, Del.\n\n\"This remains an active investigation,\" the agency said.";
    assert_ne!(speaker(&one(text)), "Del");
}

#[test]
fn british_single_quotes_run_to_the_paragraph_end() {
    let text = "The skater withdrew after the first lap.\n\nMaria Ortiz said: \u{2018}It stung badly. I am gutted and I wanted to finish.\n\n\u{2018}I said enough because I couldn\u{2019}t go on.\u{2019}";
    let qs = quotes(text);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert!(qs[0].text.starts_with("It stung badly"), "{qs:#?}");
    for q in &qs {
        assert_eq!(q.speaker.as_deref(), Some("Maria Ortiz"), "{qs:#?}");
    }
    // An apostrophe-like glyph inside a sentence is no quote.
    assert!(quotes("The team\u{2018}s coach left early on Monday.").is_empty());
}

#[test]
fn quotes_run_on_past_a_caption() {
    let text = "Maria Ortiz was pictured in tears afterwards.\n\n\u{201c}I was told I was a fighter, but I stopped for my health.\n\nMaria Ortiz after the race (AP Photo/Tom Berg)\n\n\u{201c}I went back to the pits and said I\u{2019}d had enough because my wrist hurt so much.\n\n\u{201c}I have always raced with honour, but this time I could not go on.";
    // The caption that names her is not analysed (boilerplate).
    let mut sentences = split(text);
    crosscheck_text::boilerplate::mark(text, &mut sentences, None);
    let qs = find(text, &sentences, &[]);
    assert_eq!(qs.len(), 3, "{qs:#?}");
    // Her quotes run on past the caption: each is hers, none "I’d".
    for q in &qs {
        assert_eq!(q.speaker.as_deref(), Some("Maria Ortiz"), "{qs:#?}");
    }
}

#[test]
fn transcript_lines_are_quotes_of_the_person_labelled() {
    let text = "Health officer Dr. Ruth Okafor briefed reporters on Monday.\n\nRUTH OKAFOR: We have found no spread between the two patients so far.\n\nUPDATE: The county added two more tests.\n\nOKAFOR: The danger to residents is still small.";
    let sentences = split(text);
    let mentions = crosscheck_entities::find(text, &sentences);
    let qs = find(text, &sentences, &mentions);
    let said: Vec<(&str, &str)> = qs
        .iter()
        .map(|q| (q.speaker.as_deref().unwrap_or(""), q.text.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (
                "Ruth Okafor",
                "We have found no spread between the two patients so far."
            ),
            ("Ruth Okafor", "The danger to residents is still small.")
        ],
        "{qs:#?}"
    );
}

#[test]
fn a_quote_paragraph_goes_on_from_the_reporting_clause_before_it() {
    let text = "The Coastal Rowing Federation said its eligibility rules were set years ago.\n\n\u{201c}The present attacks on these two players rest on a decision taken without any hearing.\u{201d}";
    let q = one(text);
    assert_eq!(speaker(&q), "Coastal Rowing Federation");
}

#[test]
fn participles_and_relative_clauses_introduce_quotes() {
    let q = one(
        "The Irish boxer Lena Marsh left the ring after a minute, stating, \u{201c}I had to protect my health.\u{201d}",
    );
    assert_eq!(speaker(&q), "Lena Marsh");
    let q = one(
        "The report quotes reporter Omar Haddad, who asserts, \u{201c}That headline was never mine.\u{201d}",
    );
    assert_eq!(speaker(&q), "Omar Haddad");
}

#[test]
fn according_to_a_bodys_document_credits_the_body() {
    let q = one(
        "\u{201c}Anglers near the dam should keep away from the spillway this week,\u{201d} according to a NWRA release.",
    );
    assert_eq!(speaker(&q), "NWRA");
}

#[test]
fn a_reporting_verb_the_lexicon_does_not_know() {
    let q = one("\u{201c}The rules are clear,\u{201d} league spokesman Tomas Varga scoffed.");
    assert_eq!(speaker(&q), "Tomas Varga");
    let q = one(
        "Board chair Ilse Moreau doubled down: \u{201c}We will not reopen the vote before spring.\u{201d}",
    );
    assert_eq!(speaker(&q), "Ilse Moreau");
    // A name followed by more than one word is not an attribution.
    let qs = quotes(
        "\u{201c}The rules are clear to everyone here,\u{201d} Tomas Varga walked out of the hall and left.",
    );
    assert!(qs.iter().all(|q| q.speaker.is_none()), "{qs:?}");
}

#[test]
fn a_pronoun_may_stand_for_the_agent_of_a_passive() {
    let text = "The matter of the budget was raised by Sen. Ines Roldan. \u{201c}Who approved the payment?\u{201d} she asked.";
    let q = one(text);
    assert_eq!(speaker(&q), "Ines Roldan");
}

#[test]
fn pronouns_go_to_the_last_person_named() {
    let text = "Health Minister Karim Nasser visited the hospital on Monday.\n\nHe told reporters that the new wing had \"saved lives\" during the crisis.";
    let q = one(text);
    assert_eq!(speaker(&q), "Karim Nasser");
    assert_eq!(q.verb.as_deref(), Some("told reporters"));
    let text = "The carmaker Veltro recalled 10,000 vehicles.\n\n\"Safety comes first for every driver,\" it said in a statement.";
    assert_eq!(speaker(&one(text)), "Veltro");
}

#[test]
fn surnames_expand_to_the_full_name() {
    let text = "Coach Luis Ortega faced the press.\n\n\"We lost our focus in the second half,\" Ortega said.";
    assert_eq!(speaker(&one(text)), "Luis Ortega");
}

#[test]
fn a_quote_across_two_sentences_is_one_quote() {
    let q = one(
        "\"The water is rising fast. We need more boats tonight,\" rescue chief Ivo Petrov said.",
    );
    assert_eq!(
        q.text,
        "The water is rising fast. We need more boats tonight"
    );
    assert_eq!(speaker(&q), "Ivo Petrov");
}

#[test]
fn continued_quote_keeps_the_speaker() {
    let text = "\"We have enough fuel for a week,\" Aid worker Noor Khan said. \"After that, nobody knows.\"\n\n\"The roads are closed.\"";
    let q = quotes(text);
    assert_eq!(q.len(), 3, "{q:#?}");
    assert!(q.iter().all(|q| speaker(q) == "Noor Khan"), "{q:#?}");
}

#[test]
fn introducer_in_an_opening_phrase() {
    let q = one(
        "In a video address on Sunday, President Lara Vance said, \"We will not give up a single village.\"",
    );
    assert_eq!(speaker(&q), "Lara Vance");
    assert!(!q.partial);
}

#[test]
fn unbalanced_mark_stops_at_the_paragraph_end() {
    let text = "\"The strike will go on until we are heard, union leader Tom Reyes said.\n\nTalks resume on Friday, \"if both sides agree,\" officials said.";
    let q = quotes(text);
    assert!(q[0].text.ends_with("Tom Reyes said."), "{q:#?}");
    assert!(q.iter().any(|q| q.text == "if both sides agree"), "{q:#?}");
}

#[test]
fn apostrophes_are_not_quote_marks() {
    let q = quotes("Russia’s envoy and the country’s press were absent; officials didn’t comment.");
    assert!(q.is_empty(), "{q:#?}");
}

#[test]
fn single_curly_quotes_as_marks() {
    let q = one("‘We have nothing to hide,’ Deputy Mayor Vera Lind said.");
    assert_eq!(q.text, "We have nothing to hide");
    assert_eq!(speaker(&q), "Vera Lind");
}

#[test]
fn nested_single_quotes_stay_inside() {
    let q = one("“Our answer to the ‘peace plan’ is simple: no,” spokesman Ali Rahimi said.");
    assert_eq!(q.text, "Our answer to the ‘peace plan’ is simple: no");
    assert_eq!(speaker(&q), "Ali Rahimi");
}

#[test]
fn scare_quotes_are_dropped() {
    assert!(quotes("The country denied any role in the \"data leak\" scandal.").is_empty());
    assert!(quotes("She is the author of \"The Long Winter.\"").is_empty());
    assert!(quotes("Screens showed the word “Gold” on the casing.").is_empty());
}

#[test]
fn long_unattributed_quote_is_kept_without_speaker() {
    let q = one(
        "\"Nothing about this storm was normal, and nothing about the response was good enough.\"",
    );
    assert_eq!(q.speaker, None);
    assert!(!q.partial);
}

#[test]
fn unnamed_speakers_are_described() {
    let q =
        one("\"We are not commenting on operational matters,\" a senior military official said.");
    assert_eq!(speaker(&q), "senior military official");
}

#[test]
fn people_posting_online_are_described_not_named_after_whom_they_name() {
    for (text, who) in [
        (
            "“Mayor Anna Berg staged the whole thing!!” one person posted on X an hour later.",
            "one person",
        ),
        (
            "“Anna Berg faked it, and everyone knows it,” another forum user wrote.",
            "another forum user",
        ),
    ] {
        let s = split(text);
        let start = text.find("Anna Berg").unwrap_or(0);
        let m = Mention {
            sentence: 0,
            start,
            end: start + "Anna Berg".len(),
            text: "Anna Berg".into(),
            kind: EntityKind::Person,
            canonical: "Anna Berg".into(),
        };
        let q = find(text, &s, &[m]);
        assert_eq!(q.len(), 1, "{text}: {q:#?}");
        assert_eq!(speaker(&q[0]), who, "{text}");
    }
}

#[test]
fn boilerplate_sentences_are_skipped() {
    let text = "\"Share this story with your friends and family today,\" the site says.";
    let mut s = split(text);
    for x in &mut s {
        x.boilerplate = true;
    }
    assert!(find(text, &s, &[]).is_empty());
}

#[test]
fn mention_canonical_names_the_speaker() {
    let text = "\"The alliance is united,\" Berg said.";
    let s = split(text);
    let start = text.find("Berg").unwrap_or(0);
    let m = Mention {
        sentence: 0,
        start,
        end: start + 4,
        text: "Berg".into(),
        kind: EntityKind::Person,
        canonical: "Hilde Berg".into(),
    };
    let q = find(text, &s, &[m]);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("Hilde Berg"));
}

#[test]
fn every_prefix_of_a_tricky_text_is_handled() {
    let text = "“Ça va,” said Zoë Ó Briain — “non?” ‘Quoi’ he’s “unclosed\n\n\"Straight, \"nested\" end,\" Mr. Al-Sayed’s aide said: ‘x’ “";
    for (i, _) in text.char_indices() {
        for q in quotes(&text[..i]) {
            assert!(q.start <= q.end && q.end <= i);
            assert_eq!(&text[q.start..q.end], q.text);
        }
    }
}

#[test]
fn many_quotes_stay_fast() {
    let para = "\"The levee held for now,\" county engineer Rosa Diaz said. She added that crews \"worked all night.\"\n\n";
    let text = para.repeat(3000);
    let q = quotes(&text);
    assert_eq!(q.len(), 6000);
    assert!(q.iter().all(|q| speaker(q) == "Rosa Diaz"));
}

#[test]
fn quote_interrupted_by_its_attribution() {
    let q = quotes(
        "\"We are not leaving,\" said Amal Haddad, a farmer, \"because this land is all we have.\"",
    );
    assert_eq!(q.len(), 2, "{q:#?}");
    assert!(
        q.iter().all(|q| speaker(q) == "Amal Haddad" && !q.partial),
        "{q:#?}"
    );
}

#[test]
fn dash_attribution_skips_the_organisation_before_a_title() {
    let q = one("“The alliance will defend every inch.” — NATO chief Mark Rutte");
    assert_eq!(speaker(&q), "Mark Rutte");
}

#[test]
fn unnamed_speaker_with_affiliation() {
    let q = one("\"Most of us are volunteers,\" a spokesperson for the Harbour Aid Network said.");
    assert_eq!(speaker(&q), "spokesperson for the Harbour Aid Network");
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "\"",
        "“",
        "‘’",
        "\"\"",
        "” said he.",
        "a \"b",
        "“é”, said Ö.",
        "’’’\"\"\"“““",
    ] {
        let _ = quotes(text);
    }
}

#[test]
fn a_definite_description_is_the_organisation_whose_name_it_repeats() {
    let q = quotes(
        "Milk Prices Rise\n\nMilk from farms in the north tested positive in March. According to the Northland Fisheries Department, the supply is safe.\n\n\"There is no risk to consumers at this stage,\" the department said in a statement.",
    );
    let q = q
        .iter()
        .find(|q| q.text.starts_with("There is no risk"))
        .expect("the quote");
    assert_eq!(speaker(q), "Northland Fisheries Department", "{q:#?}");
}

#[test]
fn a_first_person_paragraph_after_a_colon_is_the_introducer_s_quote() {
    let text = "The cyclist Lena Brandt lost the sprint by a wheel on Sunday.\n\nThe German rider explained her tactics after the stage:\n\nI waited too long for the gap. My legs were fine, but I misjudged the wind.\n\nBrandt also spoke about the rest of the tour:\n\nWe have two mountain stages left and I still believe in the podium.\n\nThe organisers published the results:\n\nThe stage was won by a margin of half a wheel.";
    let qs = quotes(text);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert!(qs[0].text.starts_with("I waited too long"), "{qs:#?}");
    assert!(qs[0].text.ends_with("misjudged the wind."), "{qs:#?}");
    assert_eq!(speaker(&qs[0]), "Lena Brandt");
    assert!(
        qs[1].text.starts_with("We have two mountain stages"),
        "{qs:#?}"
    );
    assert_eq!(speaker(&qs[1]), "Lena Brandt");
}

#[test]
fn a_marked_quote_after_a_colon_is_not_read_twice() {
    let text =
        "Lena Brandt explained her tactics:\n\n\u{201c}I waited too long for the gap.\u{201d}";
    let qs = quotes(text);
    assert_eq!(qs.len(), 1, "{qs:#?}");
}

#[test]
fn straight_single_marks_quote_when_punctuation_closes_them() {
    let text = "'It's not how we settle things here. We must stand together,' Mayor Maria Lopez said in a statement.";
    let q = one(text);
    assert!(q.text.starts_with("It's not how"), "{q:#?}");
    assert_eq!(speaker(&q), "Maria Lopez");
    // Apostrophes, elisions and a plural possessive open or close nothing.
    let text = "The farmers' union said rock 'n' roll of the '90s was louder, Maria Lopez said.";
    assert!(quotes(text).is_empty(), "{:#?}", quotes(text));
}

#[test]
fn the_one_who_told_is_the_speaker_not_the_one_told() {
    let text = "The director faced the committee on Monday.\n\n\u{201c}You failed, in this case, in a spectacular way.\u{201d} Rep. Gary Whitcombe (R-AL) told Cheatle.";
    let q = one(text);
    assert_eq!(speaker(&q), "Gary Whitcombe");
}

#[test]
fn a_reporting_clause_after_a_closed_sentence_may_invert() {
    let text = "\u{201c}We will rebuild every school.\u{201d} Said Maria Lopez, the mayor.";
    assert_eq!(speaker(&one(text)), "Maria Lopez");
}
