//! Citations of the articles, as a reader copies them: one style, *The Chicago Manual of
//! Style* (17th ed.) notes for online articles — author, “title,” publication, date,
//! access date, address:
//!
//! > Belén Fernández, “Letter from Panama’s ‘Little Hiroshima’,” Al Jazeera, January 24,
//! > 2024, accessed November 29, 2026, `https://www.aljazeera.com/…`.
//!
//! In Spanish the same note with Spanish dates (“24 de enero de 2024, consultado el 29 de
//! noviembre de 2026”). An article without a date is “n.d.” (“s. f.”); one without an
//! address has neither address nor access date. Plain text, nothing to escape.

use super::events::IsoDate;
use super::manifest::Article;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// A date as Chicago writes it: "January 24, 2024", "March 2025", "2025" (English) or
/// "24 de enero de 2024", "marzo de 2025", "2025" (Spanish).
pub fn chicago_date(d: &IsoDate, lang: &str) -> String {
    let es = lang == "es";
    let month = d.month.map(|m| if es { MONTHS_ES } else { MONTHS_EN }[usize::from(m.clamp(1, 12)) - 1]);
    match (month, d.day, es) {
        (Some(m), Some(day), false) => format!("{m} {day}, {}", d.year),
        (Some(m), Some(day), true) => format!("{day} de {m} de {}", d.year),
        (Some(m), None, false) => format!("{m} {}", d.year),
        (Some(m), None, true) => format!("{m} de {}", d.year),
        (None, _, _) => d.year.to_string(),
    }
}

/// The Chicago note for `article`, accessed on `accessed`, in `lang` (`es`, else English).
pub fn chicago_note(article: &Article, accessed: &IsoDate, lang: &str) -> String {
    let es = lang == "es";
    let date = match article.date.as_deref().map(str::parse::<IsoDate>) {
        Some(Ok(d)) => chicago_date(&d, lang),
        Some(Err(_)) => article.date.clone().unwrap_or_default(),
        None if es => "s. f.".to_owned(),
        None => "n.d.".to_owned(),
    };
    // The comma goes inside the closing quotation mark (American usage).
    let mut note =
        format!("{}, \u{201c}{},\u{201d} {}, {}", article.author, article.title, article.publication, date);
    if let Some(url) = &article.url {
        let accessed = chicago_date(accessed, lang);
        let word = if es { "consultado el" } else { "accessed" };
        note.push_str(&format!(", {word} {accessed}, {url}"));
    }
    // One full stop: "n.d." ends with its own.
    if !note.ends_with('.') {
        note.push('.');
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(date: Option<&str>, url: Option<&str>) -> Article {
        Article {
            id: "fernandez".into(),
            file: "articles/2.txt".into(),
            title: "Letter from Panama\u{2019}s \u{2018}Little Hiroshima\u{2019}".into(),
            author: "Bel\u{e9}n Fern\u{e1}ndez".into(),
            publication: "Al Jazeera".into(),
            date: date.map(str::to_owned),
            url: url.map(str::to_owned),
            language: "en".into(),
        }
    }

    fn day(s: &str) -> IsoDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(chicago_date(&day("2024-01-24"), "en"), "January 24, 2024");
        assert_eq!(chicago_date(&day("2024-01-24"), "es"), "24 de enero de 2024");
        assert_eq!(chicago_date(&day("2025-03"), "en"), "March 2025");
        assert_eq!(chicago_date(&day("2025-03"), "es"), "marzo de 2025");
        assert_eq!(chicago_date(&day("2025"), "es"), "2025");
    }

    #[test]
    fn a_web_article_with_access_date_and_address() {
        let a = article(Some("2024-01-24"), Some("https://www.aljazeera.com/x"));
        assert_eq!(
            chicago_note(&a, &day("2026-11-29"), "en"),
            "Bel\u{e9}n Fern\u{e1}ndez, \u{201c}Letter from Panama\u{2019}s \u{2018}Little Hiroshima\u{2019},\u{201d} \
             Al Jazeera, January 24, 2024, accessed November 29, 2026, https://www.aljazeera.com/x."
        );
        assert_eq!(
            chicago_note(&a, &day("2026-11-29"), "es"),
            "Bel\u{e9}n Fern\u{e1}ndez, \u{201c}Letter from Panama\u{2019}s \u{2018}Little Hiroshima\u{2019},\u{201d} \
             Al Jazeera, 24 de enero de 2024, consultado el 29 de noviembre de 2026, https://www.aljazeera.com/x."
        );
    }

    #[test]
    fn no_date_and_no_address() {
        let a = article(None, None);
        assert!(chicago_note(&a, &day("2026-11-29"), "en").ends_with("Al Jazeera, n.d."));
        assert!(chicago_note(&a, &day("2026-11-29"), "es").ends_with("Al Jazeera, s. f."));
        let month_only = article(Some("2025-03"), None);
        assert!(chicago_note(&month_only, &day("2026-11-29"), "en").ends_with("Al Jazeera, March 2025."));
    }
}
