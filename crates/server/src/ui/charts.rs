//! Charts as inline SVG, laid out here and drawn by the templates: a range
//! chart per quantity (each document's value as a dot, its range as a bar)
//! and a timeline (events per day). Only numbers and escaped labels reach the
//! markup, so no article text can inject into it; no script is needed.

use crosscheck_core::QuantityGroup;

/// Width of a chart in SVG user units.
pub(crate) const WIDTH: f64 = 720.0;
/// Where the plot starts (labels to its left).
const PLOT_X: f64 = 200.0;
const PLOT_W: f64 = WIDTH - PLOT_X - 30.0;
const ROW_H: f64 = 24.0;

/// A quantity group's range chart.
#[derive(Debug)]
pub(crate) struct RangeChart {
    pub height: f64,
    pub rows: Vec<RangeRow>,
    pub ticks: Vec<Tick>,
    pub axis_y: f64,
}

#[derive(Debug)]
pub(crate) struct RangeRow {
    pub label: String,
    pub text: String,
    pub y: f64,
    /// The bar of a range (x, width), when the value is a range.
    pub bar: Option<(f64, f64)>,
    /// The dot of a point value (x).
    pub dot: Option<f64>,
    /// A bound only ("at least", "up to"): the bar is open on one side.
    pub open: bool,
}

#[derive(Debug)]
pub(crate) struct Tick {
    pub x: f64,
    pub label: String,
}

/// Lays out a range chart; `None` when no value has a number (vague amounts only).
pub(crate) fn range_chart(
    group: &QuantityGroup,
    name_of: &dyn Fn(&str) -> String,
) -> Option<RangeChart> {
    let numbers = |v: &crosscheck_core::QuantityValue| {
        [v.value, v.min, v.max]
            .into_iter()
            .flatten()
            .filter(|x| x.is_finite())
    };
    let (lo, hi) = group
        .values
        .iter()
        .flat_map(numbers)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        });
    if !lo.is_finite() || !hi.is_finite() {
        return None;
    }
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON {
        (lo * 0.9 - 1.0, hi * 1.1 + 1.0)
    } else {
        (lo, hi)
    };
    let (lo, hi) = (lo.min(0.0), hi + (hi - lo) * 0.05);
    let x_of = |v: f64| PLOT_X + (v - lo) / (hi - lo) * PLOT_W;
    let rows: Vec<RangeRow> = group
        .values
        .iter()
        .filter(|v| numbers(v).next().is_some())
        .enumerate()
        .map(|(i, v)| {
            let y = 14.0 + ROW_H * i as f64;
            let (bar, open) = match (v.min, v.max) {
                (Some(a), Some(b)) => (Some((x_of(a), (x_of(b) - x_of(a)).max(2.0))), false),
                (Some(a), None) if v.value.is_none() => {
                    (Some((x_of(a), PLOT_X + PLOT_W - x_of(a))), true)
                }
                (None, Some(b)) if v.value.is_none() => (Some((PLOT_X, x_of(b) - PLOT_X)), true),
                _ => (None, false),
            };
            RangeRow {
                label: truncate(&name_of(&v.doc), 28),
                text: truncate(&v.text, 40),
                y,
                bar,
                dot: v.value.map(x_of),
                open,
            }
        })
        .collect();
    let axis_y = 14.0 + ROW_H * rows.len() as f64;
    let ticks = (0..=4)
        .map(|k| {
            let v = lo + (hi - lo) * f64::from(k) / 4.0;
            Tick {
                x: x_of(v),
                label: fmt_num(v),
            }
        })
        .collect();
    Some(RangeChart {
        height: axis_y + 24.0,
        rows,
        ticks,
        axis_y,
    })
}

/// A timeline chart: events per date, as bars over a day axis.
#[derive(Debug)]
pub(crate) struct TimelineChart {
    pub bars: Vec<TimeBar>,
    pub ticks: Vec<Tick>,
    pub height: f64,
    pub base_y: f64,
}

#[derive(Debug)]
pub(crate) struct TimeBar {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub title: String,
}

/// Lays out the timeline of `dates` (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`);
/// `None` when none can be read.
pub(crate) fn timeline_chart(dates: &[&str]) -> Option<TimelineChart> {
    let mut days: Vec<(i64, &str)> = dates
        .iter()
        .filter_map(|d| Some((day_number(d)?, *d)))
        .collect();
    days.sort_unstable();
    let (first, last) = (days.first()?.0, days.last()?.0);
    let span = (last - first).max(1) as f64;
    let mut counts: Vec<(i64, usize, &str)> = Vec::new();
    for (day, label) in days {
        match counts.last_mut() {
            Some((d, n, _)) if *d == day => *n += 1,
            _ => counts.push((day, 1, label)),
        }
    }
    let max = counts.iter().map(|c| c.1).max().unwrap_or(1) as f64;
    let (left, width, top, plot_h) = (40.0, WIDTH - 80.0, 10.0, 120.0);
    let x_of = |day: i64| left + (day - first) as f64 / span * width;
    let w = (width / (span + 1.0)).clamp(3.0, 24.0);
    let bars = counts
        .iter()
        .map(|&(day, n, label)| {
            let h = (n as f64 / max * plot_h).max(2.0);
            TimeBar {
                x: x_of(day) - w / 2.0,
                y: top + plot_h - h,
                w,
                h,
                title: format!("{label}: {n} event(s)"),
            }
        })
        .collect();
    let mut ticks = vec![Tick {
        x: x_of(first),
        label: date_label(first),
    }];
    if last != first {
        ticks.push(Tick {
            x: x_of(last),
            label: date_label(last),
        });
        let mid = first + (last - first) / 2;
        if last - first > 6 {
            ticks.push(Tick {
                x: x_of(mid),
                label: date_label(mid),
            });
        }
    }
    Some(TimelineChart {
        bars,
        ticks,
        height: top + plot_h + 30.0,
        base_y: top + plot_h,
    })
}

/// Days since 1970-01-01 of a date (`YYYY-MM-DD`, `YYYY-MM` → its first day, `YYYY` → 1 January).
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    let d: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Civil date to day count (Howard Hinnant's algorithm), written out
    // because this is the only date arithmetic the server needs.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` of a day count (the inverse of [`day_number`]).
fn date_label(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A number for people: thousands separated, at most one decimal.
pub(crate) fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return "?".to_string();
    }
    let rounded = (x * 10.0).round() / 10.0;
    let whole = rounded.trunc().abs() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = (rounded.abs().fract() * 10.0).round() as u64;
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// At most `max` characters, with `…` when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("2024-10-23").map(date_label).as_deref(),
            Some("2024-10-23")
        );
        assert_eq!(
            day_number("2024-02").map(date_label).as_deref(),
            Some("2024-02-01")
        );
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(fmt_num(12_000.0), "12,000");
        assert_eq!(fmt_num(1500.25), "1,500.3");
        assert_eq!(fmt_num(-3.0), "-3");
    }

    #[test]
    fn range_chart_places_points_and_ranges_in_the_plot() {
        let value = |text: &str, value, min, max| crosscheck_core::QuantityValue {
            doc: text.to_string(),
            sentence: "".into(),
            text: text.to_string(),
            value,
            min,
            max,
            qualifier: None,
            vague: None,
            origin: None,
        };
        let group = QuantityGroup {
            id: "q".into(),
            story: "s".into(),
            text: "troops".into(),
            unit: "troops".into(),
            values: vec![
                value("3,000", Some(3000.0), None, None),
                value("10,000-12,000", None, Some(10_000.0), Some(12_000.0)),
                value("thousands", None, None, None),
            ],
            disagree: true,
        };
        let chart = range_chart(&group, &|d| d.to_string()).unwrap();
        assert_eq!(
            chart.rows.len(),
            2,
            "the vague amount has no place on the axis"
        );
        let dot = chart.rows[0].dot.unwrap();
        let (bar_x, bar_w) = chart.rows[1].bar.unwrap();
        assert!(PLOT_X <= dot && dot < bar_x && bar_x + bar_w <= PLOT_X + PLOT_W + 0.001);
        assert!(
            range_chart(
                &QuantityGroup {
                    values: vec![value("thousands", None, None, None)],
                    ..group
                },
                &|d| d.to_string()
            )
            .is_none()
        );
    }
}
