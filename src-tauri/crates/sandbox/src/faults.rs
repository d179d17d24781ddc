//! Fault injection, deterministic by seed: the same seed and the same
//! sequence of requests give the same faults. Request *n* draws from
//! splitmix64(seed + n), so faults do not depend on timing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::error::SfError;
use crate::oauth::hash_token;
use crate::state::AppState;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FaultPlan {
    pub seed: u64,
    /// Share of API requests answered 500/503 (0.0–1.0).
    pub server_error_rate: f64,
    /// Share of API requests whose connection drops mid-response.
    pub drop_rate: f64,
    /// Share of writes refused with `UNABLE_TO_LOCK_ROW`.
    pub row_lock_rate: f64,
    /// Share of writes that are done and committed, but whose response is
    /// lost (the connection drops): the case that doubles naive retries.
    pub lost_response_rate: f64,
    /// Extra latency per API request, uniformly in [min, max] ms.
    pub latency_ms: (u64, u64),
    /// Every n-th API request expires the session it presents.
    pub expire_session_every: Option<u64>,
    /// API requests numbered [start, start + len) get `REQUEST_LIMIT_EXCEEDED`.
    pub limit_window: Option<(u64, u64)>,
    /// Search (SOSL) does not see records changed in the last this many ms,
    /// as Salesforce's search index lags behind writes.
    pub search_index_lag_ms: u64,
}

#[derive(Default)]
pub struct Faults {
    pub plan: Mutex<FaultPlan>,
    counter: AtomicU64,
    /// Faults injected since the sandbox started, for test reports.
    pub injected: AtomicU64,
}

impl Faults {
    /// How far behind writes the search index is.
    pub fn search_lag_ms(&self) -> u64 {
        self.plan
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .search_index_lag_ms
    }

    /// Installs a plan and numbers requests from 1 again.
    pub fn set(&self, plan: FaultPlan) {
        *self.plan.lock().unwrap_or_else(|p| p.into_inner()) = plan;
        self.counter.store(0, Ordering::Relaxed);
    }
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Uniform in [0, 1) from the seed, the request number and a stream.
fn draw(seed: u64, n: u64, stream: u64) -> f64 {
    (splitmix64(seed ^ splitmix64(n.wrapping_mul(8).wrapping_add(stream))) >> 11) as f64
        / (1u64 << 53) as f64
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    ServerError,
    Drop,
    RowLock,
    LostResponse,
    ExpireSession,
    LimitExceeded,
}

impl FaultPlan {
    /// What request `n` (1-based) gets, and its extra latency.
    pub fn decide(&self, n: u64, is_write: bool) -> (Fault, u64) {
        let (lo, hi) = self.latency_ms;
        let latency = if hi > lo {
            lo + (draw(self.seed, n, 0) * (hi - lo + 1) as f64) as u64
        } else {
            lo
        };
        if let Some((start, len)) = self.limit_window {
            if n >= start && n < start.saturating_add(len) {
                return (Fault::LimitExceeded, latency);
            }
        }
        if self
            .expire_session_every
            .is_some_and(|every| every > 0 && n % every == 0)
        {
            return (Fault::ExpireSession, latency);
        }
        let fault = if draw(self.seed, n, 1) < self.server_error_rate {
            Fault::ServerError
        } else if draw(self.seed, n, 2) < self.drop_rate {
            Fault::Drop
        } else if is_write && draw(self.seed, n, 3) < self.row_lock_rate {
            Fault::RowLock
        } else if is_write && draw(self.seed, n, 4) < self.lost_response_rate {
            Fault::LostResponse
        } else {
            Fault::None
        };
        (fault, latency)
    }
}

/// Middleware on the API routes.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let faults = &state.shared.faults;
    let plan = faults
        .plan
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    if plan == FaultPlan::default() {
        return next.run(request).await;
    }
    let n = faults.counter.fetch_add(1, Ordering::Relaxed) + 1;
    let is_write = request.method() != axum::http::Method::GET;
    let (fault, latency) = plan.decide(n, is_write);
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if fault != Fault::None {
        faults.injected.fetch_add(1, Ordering::Relaxed);
    }
    match fault {
        Fault::None => next.run(request).await,
        Fault::ServerError => {
            let status = if n % 2 == 0 {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::INTERNAL_SERVER_ERROR
            };
            SfError::new(
                status,
                "SERVER_UNAVAILABLE",
                "Server unavailable (injected fault)",
            )
            .into_response()
        }
        Fault::RowLock => SfError::new(
            StatusCode::BAD_REQUEST,
            "UNABLE_TO_LOCK_ROW",
            "unable to obtain exclusive access to this record or 1 records",
        )
        .into_response(),
        Fault::LimitExceeded => SfError::new(
            StatusCode::FORBIDDEN,
            "REQUEST_LIMIT_EXCEEDED",
            "TotalRequests Limit exceeded.",
        )
        .into_response(),
        Fault::ExpireSession => {
            // The presented session really ends: the client must refresh.
            if let Some(token) = request
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| {
                    v.strip_prefix("Bearer ")
                        .or_else(|| v.strip_prefix("OAuth "))
                })
            {
                let _ = sqlx::query(
                    "UPDATE oauth_tokens SET revoked = 1 WHERE token = ? AND kind = 'access'",
                )
                .bind(hash_token(token.trim()))
                .execute(&state.db().pool)
                .await;
            }
            SfError::invalid_session().into_response()
        }
        Fault::Drop | Fault::LostResponse => {
            if fault == Fault::LostResponse {
                // The write happens; only its answer is lost.
                let _ = next.run(request).await;
            }
            // Headers go out, then the body fails: the client sees the
            // connection close mid-response, as after a network reset.
            let stream = futures_util_stream();
            Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, "1024")
                .body(Body::from_stream(stream))
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}

fn futures_util_stream(
) -> impl futures_core::Stream<Item = Result<axum::body::Bytes, std::io::Error>> {
    struct Broken(bool);
    impl futures_core::Stream for Broken {
        type Item = Result<axum::body::Bytes, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            if self.0 {
                return std::task::Poll::Ready(None);
            }
            self.0 = true;
            std::task::Poll::Ready(Some(Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "injected drop",
            ))))
        }
    }
    Broken(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_faults() {
        let plan = FaultPlan {
            seed: 42,
            server_error_rate: 0.1,
            drop_rate: 0.05,
            row_lock_rate: 0.05,
            ..Default::default()
        };
        let a: Vec<_> = (1..500).map(|n| plan.decide(n, true)).collect();
        let b: Vec<_> = (1..500).map(|n| plan.decide(n, true)).collect();
        assert_eq!(a, b);
        let other = FaultPlan {
            seed: 43,
            ..plan.clone()
        };
        let c: Vec<_> = (1..500).map(|n| other.decide(n, true)).collect();
        assert_ne!(a, c);
    }

    #[test]
    fn rates_are_roughly_honoured() {
        let plan = FaultPlan {
            seed: 7,
            server_error_rate: 0.10,
            ..Default::default()
        };
        let errors = (1..=10_000)
            .filter(|n| plan.decide(*n, false).0 == Fault::ServerError)
            .count();
        assert!((800..1200).contains(&errors), "{errors}");
    }

    #[test]
    fn windows_and_expiry_are_exact() {
        let plan = FaultPlan {
            expire_session_every: Some(100),
            limit_window: Some((250, 10)),
            ..Default::default()
        };
        assert_eq!(plan.decide(100, false).0, Fault::ExpireSession);
        assert_eq!(plan.decide(101, false).0, Fault::None);
        assert_eq!(plan.decide(255, false).0, Fault::LimitExceeded);
        assert_eq!(plan.decide(260, false).0, Fault::None);
    }

    #[test]
    fn latency_stays_in_range() {
        let plan = FaultPlan {
            latency_ms: (5, 20),
            ..Default::default()
        };
        assert!((1..1000).all(|n| (5..=20).contains(&plan.decide(n, false).1)));
    }
}
