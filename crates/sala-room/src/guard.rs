//! What every request passes before it reaches the room: its `Host` is the room's address, its
//! path names the room code, and its phone has not sent too much too fast.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::Shared;

/// Requests a phone may make at once, and how many more per second after.
pub const BURST: f64 = 40.0;
pub const PER_SECOND: f64 = 10.0;
/// Phones remembered before the idle ones are forgotten.
const REMEMBERED: usize = 4_096;

/// A token bucket per phone address.
#[derive(Debug, Default)]
pub struct RateLimit {
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimit {
    /// Whether a request from `ip` at `now` may go on (and counts it).
    pub fn allow(&self, ip: IpAddr, now: Instant) -> bool {
        let Ok(mut buckets) = self.buckets.lock() else {
            return false;
        };
        if buckets.len() >= REMEMBERED {
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * PER_SECOND < BURST
            });
        }
        let (tokens, at) = buckets.entry(ip).or_insert((BURST, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * PER_SECOND).min(BURST);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Equal, in time that does not depend on where they differ.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// The middleware: `Host`, room code, rate limit — in that order, each refusal plain.
pub(crate) async fn check(State(s): State<Shared>, request: Request, next: Next) -> Response {
    let host_ok = crate::host_of(request.headers())
        .is_some_and(|h| s.room.hosts.iter().any(|mine| mine.eq_ignore_ascii_case(h)));
    if !host_ok {
        return StatusCode::MISDIRECTED_REQUEST.into_response();
    }
    let code = request
        .uri()
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    if !same(code.as_bytes(), s.room.code.as_bytes()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let ip = crate::peer(
        request
            .extensions()
            .get::<ConnectInfo<std::net::SocketAddr>>(),
    );
    if let Some(ip) = ip
        && !s.limit.allow(ip, Instant::now())
    {
        let mut r = StatusCode::TOO_MANY_REQUESTS.into_response();
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return r;
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_phone_gets_its_burst_then_its_rate_and_others_are_not_held_back() {
        let limit = RateLimit::default();
        let t0 = Instant::now();
        let (a, b): (IpAddr, IpAddr) = (
            "192.168.1.10".parse().unwrap_or(IpAddr::from([0; 4])),
            "192.168.1.11".parse().unwrap_or(IpAddr::from([0; 4])),
        );
        let taken = (0..100).filter(|_| limit.allow(a, t0)).count();
        assert_eq!(taken, BURST as usize);
        assert!(limit.allow(b, t0), "another phone is not held back");
        // A second later, a second's worth more.
        let t1 = t0 + Duration::from_secs(1);
        let more = (0..100).filter(|_| limit.allow(a, t1)).count();
        assert_eq!(more, PER_SECOND as usize);
    }

    #[test]
    fn codes_are_compared_whole() {
        let check = |a: &str, b: &str, want: bool| {
            assert_eq!(same(a.as_bytes(), b.as_bytes()), want, "{a} {b}")
        };
        check("K7M2QX", "K7M2QX", true);
        check("K7M2QX", "K7M2QY", false);
        check("K7M2Q", "K7M2QX", false);
        check("", "K7M2QX", false);
    }
}
