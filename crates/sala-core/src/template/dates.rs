//! The dates and times a template, a workshop file or a person gives: `YYYY-MM-DD` in the
//! years Sala takes (2000–2100), `HH:MM`, and counting days.

/// `HH:MM`, a real time of day.
pub fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && s[..2].parse::<u32>().is_ok_and(|h| h < 24)
        && s[3..].parse::<u32>().is_ok_and(|m| m < 60)
}

/// `YYYY-MM-DD` with a real month and day (leap years included).
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The years a workshop, an action or any date Sala accepts can fall in. A date outside them
/// is a typing slip (`0001-12-09`, a Buddhist-era `2566`), never a plan.
pub const DATE_YEARS: std::ops::RangeInclusive<u32> = 2000..=2100;

/// A real date Sala accepts from a person (app, CLI, import): `YYYY-MM-DD` in [`DATE_YEARS`].
/// A date received from another laptop is kept whatever it is (merge never drops an op) and
/// flagged where it is shown: see [`is_iso_date`] and this together.
pub fn is_plausible_date(s: &str) -> bool {
    is_iso_date(s) && s[..4].parse::<u32>().is_ok_and(|y| DATE_YEARS.contains(&y))
}

/// Days from 1970-01-01 to a `YYYY-MM-DD` date (a valid one).
pub fn days_since_epoch(iso: &str) -> Option<i64> {
    if !is_iso_date(iso) {
        return None;
    }
    let y: i64 = iso[..4].parse().ok()?;
    let m: i64 = iso[5..7].parse().ok()?;
    let d: i64 = iso[8..10].parse().ok()?;
    Some(days_from_civil(y, m as u32, d as u32))
}

/// The `YYYY-MM-DD` date `days` after 1970-01-01.
pub fn date_from_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days from 1970-01-01 to a (proleptic Gregorian) year, month and day (H. Hinnant's
/// `days_from_civil`).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from(if m > 2 { m - 3 } else { m + 9 });
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year, month and day `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// How many days a workshop from `start` to `end` has (0 when the dates are not real).
pub fn days_between(start: &str, end: &str) -> u32 {
    match (days_since_epoch(start), days_since_epoch(end)) {
        (Some(s), Some(e)) if e >= s => u32::try_from(e - s + 1).unwrap_or(0),
        _ => 0,
    }
}
