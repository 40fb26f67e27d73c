//! Dated events on places (`events` in a place's properties) and the ISO dates they use —
//! the story's one date parser, also used for article dates. The timeline filters places
//! by the years their events touch.
//!
//! Events may cite passages, which must name the event's place; they are therefore parsed
//! once the passages are known ([`super::Story::parse_with_articles`]).

use std::fmt;
use std::str::FromStr;

use super::error::ErrorKind;
use super::json::{keep_valid, Errors, Node, ParseResult, Value};
use super::passages::Citable;
use super::places::ParsedPlaces;
use super::text::{non_empty_text, Localised};

/// A calendar date as precise as the sources allow: a year, a month of a year, or a day
/// (ISO 8601 `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, Gregorian calendar).
///
/// Ordered by year, then month, then day, a less precise date before the more precise
/// ones it contains: `1989` < `1989-12` < `1989-12-20` < `1990`.
///
/// ```
/// use passage_map_core::story::events::IsoDate;
/// let d: IsoDate = "1989-12-20".parse().unwrap();
/// assert_eq!((d.year, d.month, d.day), (1989, Some(12), Some(20)));
/// assert_eq!(d.to_string(), "1989-12-20");
/// assert!("1999-02-29".parse::<IsoDate>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: i32,
    /// 1…12
    pub month: Option<u8>,
    /// 1…31, valid for the month; only with a month.
    pub day: Option<u8>,
}

/// Whether `year` has a 29 February (Gregorian rule).
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days of `month` (1…12) in `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl IsoDate {
    /// The first day the date covers, as (year, month, day).
    pub fn first_day(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date covers, as (year, month, day): `1979` ends on 31 December.
    pub fn last_day(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        (self.year, month, self.day.unwrap_or_else(|| days_in_month(self.year, month)))
    }
}

impl FromStr for IsoDate {
    type Err = String;

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the error says what was expected.
    fn from_str(s: &str) -> Result<Self, String> {
        // Four digits, then up to two groups of `-` and two digits: `-` at bytes 4 and 7.
        let b = s.as_bytes();
        let shaped = matches!(b.len(), 4 | 7 | 10)
            && b.iter()
                .enumerate()
                .all(|(i, &c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() });
        if !shaped {
            return Err(format!("expected a date YYYY, YYYY-MM or YYYY-MM-DD, found \"{s}\""));
        }
        let number = |digits: &[u8]| digits.iter().fold(0, |n, &d| n * 10 + i32::from(d - b'0'));
        let year = number(&b[..4]);
        let month = b.get(5..7).map(|m| number(m) as u8);
        let day = b.get(8..10).map(|d| number(d) as u8);
        if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
            return Err(format!("\"{s}\" is not a date: there is no month {m}"));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = days_in_month(year, m);
            if d == 0 {
                return Err(format!("\"{s}\" is not a date: there is no day 0"));
            }
            if d > last {
                return Err(format!("\"{s}\" is not a date: month {m} of {year} has {last} days"));
            }
        }
        Ok(IsoDate { year, month, day })
    }
}

impl fmt::Display for IsoDate {
    /// The ISO text the date was written as.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Parses the string at `n` as an [`IsoDate`].
pub fn iso_date(n: &Node<'_>) -> ParseResult<IsoDate> {
    n.as_str()?.parse().map_err(|why: String| n.error(ErrorKind::InvalidValue, why))
}

/// Something that happened at a place, on a date or over a span of dates.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub start: IsoDate,
    /// The last date of a span (it covers the whole of its year or month); `None` for a
    /// single date.
    pub end: Option<IsoDate>,
    pub label: Localised,
    /// Ids of passages that state the event, each naming the event's place.
    pub passages: Vec<String>,
}

impl Event {
    /// The first and last calendar years the event touches.
    pub fn years(&self) -> (i32, i32) {
        (self.start.year, self.end.map_or(self.start.year, |e| e.year))
    }

    /// Whether the event touches any year from `from` to `to` (both included).
    pub fn overlaps_years(&self, from: i32, to: i32) -> bool {
        let (first, last) = self.years();
        first <= to && last >= from
    }
}

fn event(n: &Node<'_>, place: &str, citable: Citable<'_>) -> ParseResult<Event> {
    n.require_object()?;
    let start = iso_date(&n.require("start")?)?;
    let end = match n.field("end") {
        Some(e) => {
            let end = iso_date(&e)?;
            if end.last_day() < start.first_day() {
                return Err(e.error(
                    ErrorKind::InvalidValue,
                    format!("the event ends ({end}) before it starts ({start})"),
                ));
            }
            Some(end)
        }
        None => None,
    };
    Ok(Event {
        start,
        end,
        label: non_empty_text(n.require("label")?)?,
        passages: match n.field("passages") {
            Some(list) => citable.cited(list, place)?,
            None => Vec::new(),
        },
    })
}

/// Parses the `events` of places: each place keeps the valid events of its feature's
/// `properties.events`, in file order, and every invalid one is reported (at
/// `$.features[i].properties.events…`, `i` being the place's feature index).
///
/// Takes the parsed places rather than an iterator over them: one plain loop, not a
/// copy of the iterator chain's code.
pub(crate) fn parse_events(
    file: &str,
    places: &mut ParsedPlaces<'_>,
    citable: Citable<'_>,
    errors: &mut Errors,
) {
    // Both lists ascend by feature index; the events of features that are no place (left
    // out as duplicates) are passed over.
    let mut k = 0;
    for (feature, list) in std::mem::take(&mut places.events) {
        while places.place_features.get(k).is_some_and(|&f| f < feature) {
            k += 1;
        }
        if places.place_features.get(k) != Some(&feature) {
            continue;
        }
        let place = &mut places.places[k];
        // `$.features[i].properties.events`, written out only if a message needs it.
        let null = Value::Null;
        let features = Node::new(file, &null, "$.features");
        let feature = features.element(feature, &null);
        let properties = feature.member("properties", &null);
        let mut events = Vec::with_capacity(list.as_array().map_or(0, <[_]>::len));
        keep_valid(Ok(properties.member("events", &list)), errors, &mut |_, e| {
            events.push(event(&e, &place.id, citable)?);
            Ok(())
        });
        place.events = events;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> IsoDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_of_three_precisions() {
        assert_eq!(date("1903"), IsoDate { year: 1903, month: None, day: None });
        assert_eq!(date("2025-04"), IsoDate { year: 2025, month: Some(4), day: None });
        assert_eq!(date("0999-01-31"), IsoDate { year: 999, month: Some(1), day: Some(31) });
        for s in ["1903", "2025-04", "1989-12-20", "0999-01-31"] {
            assert_eq!(date(s).to_string(), s);
        }
    }

    #[test]
    fn invalid_dates_say_why() {
        let shape = |s: &str| format!("expected a date YYYY, YYYY-MM or YYYY-MM-DD, found \"{s}\"");
        for s in
            ["", "89", "1989-1", "1989-12-1", "1989/12/20", "1989-12-20T00", "+1989", "１９８９", "1989-"]
        {
            assert_eq!(s.parse::<IsoDate>(), Err(shape(s)), "{s}");
        }
        assert_eq!(
            "1989-13".parse::<IsoDate>(),
            Err("\"1989-13\" is not a date: there is no month 13".into())
        );
        assert_eq!(
            "1989-00-10".parse::<IsoDate>(),
            Err("\"1989-00-10\" is not a date: there is no month 0".into())
        );
        assert_eq!(
            "1999-02-29".parse::<IsoDate>(),
            Err("\"1999-02-29\" is not a date: month 2 of 1999 has 28 days".into())
        );
        assert_eq!(
            "2025-04-31".parse::<IsoDate>(),
            Err("\"2025-04-31\" is not a date: month 4 of 2025 has 30 days".into())
        );
        assert_eq!(
            "2025-04-00".parse::<IsoDate>(),
            Err("\"2025-04-00\" is not a date: there is no day 0".into())
        );
    }

    #[test]
    fn leap_years() {
        assert_eq!(date("2000-02-29").day, Some(29));
        assert_eq!(date("2024-02-29").day, Some(29));
        assert!("1900-02-29".parse::<IsoDate>().is_err());
        assert!("2100-02-29".parse::<IsoDate>().is_err());
        assert_eq!(date("1900-02").last_day(), (1900, 2, 28));
        assert_eq!(date("2000-02").last_day(), (2000, 2, 29));
    }

    #[test]
    fn order_and_span() {
        let mut d = [date("1990"), date("1989-12-20"), date("1989-12"), date("1989"), date("1964-01-09")];
        d.sort();
        let sorted: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert_eq!(sorted, ["1964-01-09", "1989", "1989-12", "1989-12-20", "1990"]);
        assert_eq!(date("1979").first_day(), (1979, 1, 1));
        assert_eq!(date("1979").last_day(), (1979, 12, 31));
        assert_eq!(date("1979-10-01").last_day(), (1979, 10, 1));
    }

    fn span(start: &str, end: Option<&str>) -> Event {
        Event { start: date(start), end: end.map(date), label: Localised::en("x"), passages: Vec::new() }
    }

    #[test]
    fn years_an_event_touches() {
        assert_eq!(span("1989-12-20", None).years(), (1989, 1989));
        assert_eq!(span("1903", Some("1979-10-01")).years(), (1903, 1979));
        let zone = span("1903", Some("1979-10-01"));
        assert!(zone.overlaps_years(1964, 1964));
        assert!(zone.overlaps_years(1979, 2025));
        assert!(zone.overlaps_years(1800, 1903));
        assert!(!zone.overlaps_years(1980, 2025));
        assert!(!zone.overlaps_years(1800, 1902));
        assert!(span("2025-02-12", None).overlaps_years(2025, 2025));
    }
}
