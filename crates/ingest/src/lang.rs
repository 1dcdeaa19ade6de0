//! The language of a page's text, for pages that declare none or declare the
//! wrong one (a site-wide `<html lang="en">` on a translated article, a CMS
//! default left unchanged).
//!
//! Identification is `whatlang`'s (trigram profiles of 69 languages compiled
//! into the crate: no model files, a small build). A declaration is believed
//! unless the text is long enough for a confident guess and that guess is a
//! different language: on a few words the detector is often wrong, and a page
//! that says what it is is usually right.

use whatlang::{Detector, Lang};

/// Characters of text looked at: the opening of an article says which
/// language it is in as well as all of it does, at a fraction of the time.
const SAMPLE_CHARS: usize = 3000;

/// Text shorter than this is too short to overrule a page's declaration.
const OVERRULE_MIN_CHARS: usize = 400;

/// Confidence `whatlang` must report to overrule a declaration.
const OVERRULE_CONFIDENCE: f64 = 0.9;

/// The page's language, `en`-style: the declared one when the text agrees or
/// says too little, else the language detected in the text (when the
/// detector is sure of it).
pub(crate) fn resolve(declared: Option<String>, text: &str) -> Option<String> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    let info = Detector::new().detect(&sample);
    let detected = info
        .filter(|i| i.is_reliable())
        .and_then(|i| iso639_1(i.lang()).map(|code| (code, i.confidence())));
    match (declared, detected) {
        (None, Some((code, _))) => Some(code.to_string()),
        (Some(declared), Some((code, confidence)))
            if declared != code
                && sample.chars().count() >= OVERRULE_MIN_CHARS
                && confidence >= OVERRULE_CONFIDENCE
                && !close_kin(&declared, code) =>
        {
            Some(code.to_string())
        }
        (declared, _) => declared,
    }
}

/// Languages the detector tells apart poorly: a declaration of one is never
/// overruled by a detection of the other.
fn close_kin(a: &str, b: &str) -> bool {
    const KIN: &[&[&str]] = &[
        &["id", "ms", "jv"],
        &["no", "nb", "nn", "da", "sv"],
        &["hr", "sr", "bs", "sl"],
        &["cs", "sk"],
        &["hi", "mr", "ne"],
        &["ur", "fa"],
        &["be", "ru", "uk"],
        &["bg", "mk"],
        &["es", "ca", "gl"],
    ];
    KIN.iter()
        .any(|group| group.contains(&a) && group.contains(&b))
}

/// ISO 639-1 code of a `whatlang` language (whatlang speaks ISO 639-3);
/// `None` for the few without one (Esperanto has `eo`; Akan `ak`).
///
/// Written out because whatlang has no such table and a crate for the whole
/// ISO 639 registry would be larger than the 69 lines it replaces.
fn iso639_1(lang: Lang) -> Option<&'static str> {
    Some(match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &str = "The country's largest container port reopened on Monday after a nine-day strike by dock workers ended with a pay deal, the port authority said in a statement. Ships had queued for days outside the harbour, and exporters warned that perishable goods were spoiling in the heat. The union said its members had accepted a raise of six percent over two years, and officials expect the backlog to clear by the end of the month.";
    const GERMAN: &str = "Der größte Containerhafen des Landes hat am Montag nach einem neuntägigen Streik der Hafenarbeiter wieder geöffnet, teilte die Hafenbehörde in einer Erklärung mit. Die Schiffe hatten tagelang vor dem Hafen gewartet, und die Exporteure warnten, dass verderbliche Waren in der Hitze verdarben. Die Gewerkschaft sagte, ihre Mitglieder hätten eine Lohnerhöhung von sechs Prozent über zwei Jahre angenommen.";

    #[test]
    fn undeclared_language_is_detected() {
        assert_eq!(resolve(None, ENGLISH).as_deref(), Some("en"));
        assert_eq!(resolve(None, GERMAN).as_deref(), Some("de"));
    }

    #[test]
    fn a_wrong_declaration_is_overruled_by_a_long_clear_text() {
        assert_eq!(resolve(Some("de".into()), ENGLISH).as_deref(), Some("en"));
        assert_eq!(resolve(Some("en".into()), GERMAN).as_deref(), Some("de"));
    }

    #[test]
    fn a_declaration_stands_on_short_text_or_agreement() {
        // Too short to overrule anything.
        assert_eq!(
            resolve(Some("fr".into()), "The port reopened on Monday.").as_deref(),
            Some("fr")
        );
        assert_eq!(resolve(Some("en".into()), ENGLISH).as_deref(), Some("en"));
        // Nothing to go on: no declaration, no guess.
        assert_eq!(resolve(None, "12 34 56"), None);
    }

    #[test]
    fn close_languages_do_not_overrule_each_other() {
        assert!(close_kin("id", "ms"));
        assert!(!close_kin("en", "de"));
    }
}
