//! Hybrid logical clock.
//!
//! A timestamp is (wall milliseconds, counter, device id). [`Clock::tick`] never goes backwards,
//! whatever the wall clock does, and [`Clock::observe`] moves it past any timestamp seen from
//! another device. The text form sorts the same way as the value, so SQLite can `ORDER BY` it.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One hybrid-logical-clock timestamp.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hlc {
    pub wall_ms: u64,
    pub counter: u32,
    pub device: String,
}

/// The latest wall time a real clock can show here: 2100-01-01T00:00:00Z. A laptop whose clock
/// is a year (or fifty) ahead is still well inside it; a timestamp beyond it is damage.
pub const MAX_WALL_MS: u64 = 4_102_444_800_000;

/// The largest counter a real clock reaches. The counter grows by one per change made within
/// one millisecond of wall time (or while the wall clock is behind the newest timestamp seen);
/// past this, [`Clock::tick`] carries into the wall time, so a timestamp near `u32::MAX` is
/// damage, not a busy laptop.
pub const MAX_COUNTER: u32 = 1 << 30;

impl Hlc {
    /// Whether a real clock could have made this timestamp (see [`MAX_WALL_MS`] and
    /// [`MAX_COUNTER`]). Wall times in the past are all possible: a laptop whose battery died
    /// starts in 1970 or 2000.
    pub fn is_plausible(&self) -> bool {
        self.wall_ms <= MAX_WALL_MS && self.counter <= MAX_COUNTER
    }
}

impl Ord for Hlc {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.wall_ms, self.counter, &self.device).cmp(&(
            other.wall_ms,
            other.counter,
            &other.device,
        ))
    }
}

impl PartialOrd for Hlc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Fixed widths keep the text order equal to the value order (until the year 5138).
        write!(
            f,
            "{:015}-{:010}-{}",
            self.wall_ms, self.counter, self.device
        )
    }
}

/// The text form is not a valid timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a hybrid logical clock timestamp: {0}")]
pub struct ParseHlcError(pub String);

impl FromStr for Hlc {
    type Err = ParseHlcError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseHlcError(s.to_owned());
        let mut parts = s.splitn(3, '-');
        let wall = parts.next().ok_or_else(bad)?;
        let counter = parts.next().ok_or_else(bad)?;
        let device = parts.next().ok_or_else(bad)?;
        if wall.len() != 15 || counter.len() != 10 || device.is_empty() {
            return Err(bad());
        }
        Ok(Hlc {
            wall_ms: wall.parse().map_err(|_| bad())?,
            counter: counter.parse().map_err(|_| bad())?,
            device: device.to_owned(),
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// This computer's wall clock, in milliseconds since 1970 (0 when it is set before 1970). Read
/// by the store, the sync passes and the backups — never inside the merge, which is a pure
/// function of the ops.
pub fn wall_clock_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The clock of one device.
#[derive(Debug, Clone)]
pub struct Clock {
    device: String,
    last: Option<Hlc>,
    /// How wrong this laptop's wall clock is taken to be (tests play a wrong clock with it).
    skew_ms: i64,
}

impl Clock {
    /// A clock for `device` that continues after `last` (the newest timestamp already stored).
    pub fn new(device: impl Into<String>, last: Option<Hlc>) -> Self {
        Self {
            device: device.into(),
            last,
            skew_ms: 0,
        }
    }

    /// The same clock, with its wall clock off by `skew_ms` (a laptop whose date is wrong).
    pub fn with_skew(mut self, skew_ms: i64) -> Self {
        self.skew_ms = skew_ms;
        self
    }

    pub fn skew_ms(&self) -> i64 {
        self.skew_ms
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    /// A new timestamp, later than every one this clock has made or observed.
    /// `now_ms` is the wall clock, passed in so that the clock itself stays pure. It never stops
    /// increasing: a counter at [`MAX_COUNTER`] carries into the wall time, and a wall clock
    /// beyond [`MAX_WALL_MS`] (a laptop set to the year 2200) is read as that limit.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        let now_ms = now_ms.saturating_add_signed(self.skew_ms).min(MAX_WALL_MS);
        let (wall_ms, counter) = match &self.last {
            Some(last) if last.wall_ms >= now_ms && last.counter >= MAX_COUNTER => {
                (last.wall_ms.saturating_add(1), 0)
            }
            Some(last) if last.wall_ms >= now_ms => (last.wall_ms, last.counter + 1),
            _ => (now_ms, 0),
        };
        let hlc = Hlc {
            wall_ms,
            counter,
            device: self.device.clone(),
        };
        self.last = Some(hlc.clone());
        hlc
    }

    /// Moves the clock past a timestamp seen from elsewhere.
    pub fn observe(&mut self, seen: &Hlc) {
        let later = match &self.last {
            Some(last) => seen > last,
            None => true,
        };
        if later {
            self.last = Some(Hlc {
                device: self.device.clone(),
                ..seen.clone()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_clock_set_back_never_goes_backwards() {
        let mut clock = Clock::new("a", None);
        let first = clock.tick(1_700_000_000_000);
        let after_clock_was_set_back = clock.tick(1_600_000_000_000);
        assert!(after_clock_was_set_back > first);
        assert_eq!(after_clock_was_set_back.wall_ms, first.wall_ms);
    }

    #[test]
    fn observing_a_future_timestamp_moves_the_clock_past_it() {
        let mut clock = Clock::new("a", None);
        let remote = Hlc {
            wall_ms: 2_000_000_000_000,
            counter: 7,
            device: "b".into(),
        };
        clock.observe(&remote);
        let next = clock.tick(1_000);
        assert!(next > remote);
        assert_eq!(next.device, "a");
    }

    #[test]
    fn a_counter_at_its_limit_carries_into_the_wall_time() {
        // Issue 14: a timestamp at the counter's limit froze the clock.
        let frozen = Hlc {
            wall_ms: MAX_WALL_MS,
            counter: MAX_COUNTER,
            device: "b".into(),
        };
        let mut clock = Clock::new("a", Some(frozen.clone()));
        let mut prev = frozen;
        for now in [0, 1_700_000_000_000, MAX_WALL_MS, u64::MAX] {
            let t = clock.tick(now);
            assert!(t > prev, "{t} after {prev}");
            prev = t;
        }
    }

    #[test]
    fn a_wall_clock_beyond_any_real_one_is_read_as_the_limit() {
        let mut clock = Clock::new("a", None);
        let t = clock.tick(u64::MAX);
        assert_eq!(t.wall_ms, MAX_WALL_MS);
        assert!(clock.tick(u64::MAX) > t);
    }

    #[test]
    fn only_timestamps_a_real_clock_makes_are_plausible() {
        let check = |wall_ms: u64, counter: u32, plausible: bool| {
            let h = Hlc {
                wall_ms,
                counter,
                device: "d".into(),
            };
            assert_eq!(h.is_plausible(), plausible, "{h}");
        };
        check(0, 0, true); // a laptop whose battery died
        check(1_700_000_000_000, 3, true);
        check(1_700_000_000_000 + 365 * 86_400_000, 0, true); // a year ahead
        check(MAX_WALL_MS, MAX_COUNTER, true);
        check(MAX_WALL_MS + 1, 0, false);
        check(253_402_300_799_999, 4_294_967_295, false); // year 9999, counter at u32::MAX
        check(1_700_000_000_000, MAX_COUNTER + 1, false);
    }

    #[test]
    fn text_form_round_trips_and_rejects_garbage() {
        let hlc = Hlc {
            wall_ms: 42,
            counter: 3,
            device: "dev-1".into(),
        };
        assert_eq!(hlc.to_string().parse::<Hlc>().unwrap(), hlc);
        for bad in ["", "1-2-x", "abc", "000000000000042-0000000003-"] {
            assert!(bad.parse::<Hlc>().is_err(), "{bad:?} should not parse");
        }
    }

    proptest! {
        #[test]
        fn text_order_is_value_order(a in 0u64..10_000_000_000_000, b in 0u64..10_000_000_000_000,
                                     ca in 0u32..1000, cb in 0u32..1000) {
            let x = Hlc { wall_ms: a, counter: ca, device: "d".into() };
            let y = Hlc { wall_ms: b, counter: cb, device: "d".into() };
            prop_assert_eq!(x.cmp(&y), x.to_string().cmp(&y.to_string()));
        }

        #[test]
        fn ticks_strictly_increase(walls in proptest::collection::vec(0u64..5_000, 1..50)) {
            let mut clock = Clock::new("d", None);
            let mut prev: Option<Hlc> = None;
            for w in walls {
                let t = clock.tick(w);
                if let Some(p) = &prev { prop_assert!(&t > p); }
                prev = Some(t);
            }
        }
    }
}
