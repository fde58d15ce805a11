//! Rate limits of the paths that write something (a report today). One client cannot
//! write faster than a person would, and all clients together cannot write faster than the
//! coordinators can read: the second limit stops a flood from many addresses.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};

/// How many writes, over how long, with how many at once.
#[derive(Clone, Copy, Debug)]
pub struct Rate {
    pub count: u32,
    pub per: Duration,
    /// Writes allowed in a row before the pace applies.
    pub burst: u32,
}

impl Rate {
    fn quota(self) -> Quota {
        let burst = NonZeroU32::new(self.burst.max(1)).expect("at least one");
        Quota::with_period(self.per / self.count.max(1))
            .expect("a period longer than zero")
            .allow_burst(burst)
    }
}

/// A refused write: when to try again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooMany {
    pub retry_after: Duration,
    /// The limit of all clients together was reached, not this client's.
    pub overall: bool,
}

impl TooMany {
    /// When to try again, in whole minutes: "6 minutes".
    pub fn wait_fr(&self) -> String {
        let n = self.retry_after.as_secs().div_ceil(60).max(1);
        format!(
            "{n} {}",
            app::format::agree(n as usize, "minute", "minutes")
        )
    }

    /// Says when to try again in `response`'s `Retry-After`.
    pub fn mark(&self, response: &mut actix_web::HttpResponse) {
        response.headers_mut().insert(
            actix_web::http::header::RETRY_AFTER,
            actix_web::http::header::HeaderValue::from(self.retry_after.as_secs().max(1)),
        );
    }
}

pub struct WriteLimiter {
    per_client: DefaultKeyedRateLimiter<IpAddr>,
    overall: DefaultDirectRateLimiter,
}

/// Clients remembered before the ones that have not written lately are forgotten.
const CLIENTS_KEPT: usize = 10_000;

impl WriteLimiter {
    pub fn new(per_client: Rate, overall: Rate) -> WriteLimiter {
        WriteLimiter {
            per_client: RateLimiter::keyed(per_client.quota()),
            overall: RateLimiter::direct(overall.quota()),
        }
    }

    /// Counts one write of `client`, or says when it may write again.
    pub fn check(&self, client: IpAddr) -> Result<(), TooMany> {
        if self.per_client.len() > CLIENTS_KEPT {
            self.per_client.retain_recent();
        }
        let now = DefaultClock::default().now();
        self.per_client.check_key(&client).map_err(|n| TooMany {
            retry_after: n.wait_time_from(now),
            overall: false,
        })?;
        self.overall.check().map_err(|n| TooMany {
            retry_after: n.wait_time_from(now),
            overall: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_and_all_clients_are_limited() {
        let limiter = WriteLimiter::new(
            Rate {
                count: 2,
                per: Duration::from_secs(3600),
                burst: 2,
            },
            Rate {
                count: 3,
                per: Duration::from_secs(3600),
                burst: 3,
            },
        );
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(limiter.check(a).is_ok());
        assert!(limiter.check(a).is_ok());
        let refused = limiter.check(a).unwrap_err();
        assert!(!refused.overall && refused.retry_after > Duration::from_secs(60));
        assert!(limiter.check(b).is_ok());
        assert!(
            limiter.check(b).unwrap_err().overall,
            "all together: 3 an hour"
        );
    }
}
