//! The Salesforce REST client: bearer tokens, one refresh on
//! `INVALID_SESSION_ID` (never a loop), typed results.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

pub use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use tokio::sync::RwLock;

use crate::error::CrmError;
use crate::oauth::{self, enc};
use crate::response::{classify, Body};
use crate::secret::Sensitive;
use crate::wire::{
    ApiVersion, BulkJob, CompositeResponse, DeletedResponse, QueryResponse, SObjectDescribe,
    SaveResult, SearchResponse, UpdatedResponse, UserInfo,
};

pub const API_VERSION: &str = "v59.0";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub access: Sensitive,
    pub refresh: Option<Sensitive>,
}

/// Called with the new credentials after every refresh, so rotated tokens
/// reach the keychain. The refresh awaits the returned future before anyone
/// uses the new tokens, and refreshes do not overlap, so saves happen one at
/// a time and in the order the org rotated the tokens.
pub type OnRefresh = Arc<dyn Fn(&Credentials) -> RefreshSaved + Send + Sync>;

/// What an [`OnRefresh`] hook returns: the save, to be awaited.
pub type RefreshSaved = Pin<Box<dyn Future<Output = ()> + Send>>;

/// An HTTP client for the CRM: rustls, timeouts, no Nagle, and optionally one
/// extra trusted root (the sandbox's local CA).
pub fn http_client(extra_root_pem: Option<&[u8]>) -> Result<reqwest::Client, CrmError> {
    let mut b = reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .tcp_nodelay(true)
        .redirect(reqwest::redirect::Policy::none());
    if let Some(pem) = extra_root_pem {
        let cert = reqwest::Certificate::from_pem(pem)
            .map_err(|e| CrmError::Transport(format!("bad CA certificate: {e}")))?;
        b = b.add_root_certificate(cert);
    }
    b.build().map_err(|e| CrmError::Transport(e.to_string()))
}

/// What the CometD endpoint answered.
#[derive(Debug)]
pub struct CometdReply {
    pub status: u16,
    /// `name=value` of each cookie set, to send back (`BAYEUX_BROWSER`).
    pub set_cookies: Vec<String>,
    pub bytes: Vec<u8>,
    /// The session the request carried.
    pub session: Sensitive,
}

/// A successful non-JSON response.
#[derive(Debug)]
pub struct RawBody {
    pub bytes: Vec<u8>,
    pub headers: reqwest::header::HeaderMap,
}

pub struct SalesforceClient {
    http: reqwest::Client,
    instance_url: String,
    login_url: String,
    client_id: String,
    creds: RwLock<Credentials>,
    on_refresh: Option<OnRefresh>,
    /// The org's API usage, from each response (BUDGET-1).
    usage: crate::limit_info::UsageMeter,
}

fn transport(e: reqwest::Error) -> CrmError {
    // Without the URL: it may carry query text with personal data.
    CrmError::Transport(e.without_url().to_string())
}

impl SalesforceClient {
    pub fn new(
        http: reqwest::Client,
        instance_url: &str,
        login_url: &str,
        client_id: &str,
        creds: Credentials,
    ) -> SalesforceClient {
        SalesforceClient {
            http,
            instance_url: instance_url.trim_end_matches('/').to_string(),
            login_url: login_url.trim_end_matches('/').to_string(),
            client_id: client_id.to_string(),
            creds: RwLock::new(creds),
            on_refresh: None,
            usage: Default::default(),
        }
    }

    /// The org's API usage as its last response reported it.
    pub fn api_usage(&self) -> Option<crate::limit_info::ApiUsage> {
        self.usage.usage()
    }

    /// REST requests this client has made (answered, whatever the answer).
    pub fn requests_made(&self) -> u64 {
        self.usage.requests()
    }

    pub fn on_refresh(mut self, hook: OnRefresh) -> Self {
        self.on_refresh = Some(hook);
        self
    }

    pub fn instance_url(&self) -> &str {
        &self.instance_url
    }

    pub async fn credentials(&self) -> Credentials {
        self.creds.read().await.clone()
    }

    async fn once<T: DeserializeOwned>(
        &self,
        method: &Method,
        url: &str,
        body: Option<&Value>,
        headers: &[(&str, String)],
        access: &Sensitive,
    ) -> Result<T, CrmError> {
        let mut req = self
            .http
            .request(method.clone(), url)
            .bearer_auth(access.expose())
            .header("Accept", "application/json");
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.map_err(transport)?;
        self.usage.observe(resp.headers());
        let status = resp.status().as_u16();
        let ct = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = resp.bytes().await.map_err(transport)?;
        classify(Body {
            status,
            content_type: ct.as_deref(),
            bytes: &bytes,
        })
    }

    /// A request whose success body is not JSON (Bulk API CSV): the body
    /// and headers on 2xx, the usual typed errors otherwise.
    async fn once_raw(&self, url: &str, access: &Sensitive) -> Result<RawBody, CrmError> {
        let resp = self
            .http
            .get(url)
            .bearer_auth(access.expose())
            .header("Accept", "text/csv")
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status().as_u16();
        self.usage.observe(resp.headers());
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.map_err(transport)?;
        if (200..300).contains(&status) {
            return Ok(RawBody {
                bytes: bytes.to_vec(),
                headers,
            });
        }
        let ct = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        classify::<Value>(Body {
            status,
            content_type: ct.as_deref(),
            bytes: &bytes,
        })
        .and_then(|_| {
            Err(CrmError::Malformed {
                status,
                what: "an error status without an error body".into(),
            })
        })
    }

    /// GET returning raw bytes, with the same one refresh on an expired session.
    pub async fn get_raw(&self, path: &str) -> Result<RawBody, CrmError> {
        let url = format!("{}{path}", self.instance_url);
        let access = self.creds.read().await.access.clone();
        match self.once_raw(&url, &access).await {
            Err(CrmError::InvalidSession) => {
                self.refresh_after(&access).await?;
                let fresh = self.creds.read().await.access.clone();
                self.once_raw(&url, &fresh).await
            }
            other => other,
        }
    }

    /// Bulk API 2.0: starts a query job; returns its id.
    pub async fn bulk_query(&self, soql: &str) -> Result<String, CrmError> {
        let job: BulkJob = self
            .call(
                Method::POST,
                &Self::data("/jobs/query"),
                Some(json!({"operation": "query", "query": soql})),
                &[],
            )
            .await?;
        Ok(job.id)
    }

    pub async fn bulk_job(&self, id: &str) -> Result<BulkJob, CrmError> {
        self.call(
            Method::GET,
            &Self::data(&format!("/jobs/query/{}", enc(id))),
            None,
            &[],
        )
        .await
    }

    /// One page of CSV results and the locator of the next (`None` at the end).
    pub async fn bulk_results(
        &self,
        id: &str,
        locator: Option<&str>,
        max_records: u32,
    ) -> Result<(Vec<u8>, Option<String>), CrmError> {
        let mut path = format!("/jobs/query/{}/results?maxRecords={max_records}", enc(id));
        if let Some(l) = locator {
            path.push_str(&format!("&locator={}", enc(l)));
        }
        let page = self.get_raw(&Self::data(&path)).await?;
        let next = page
            .headers
            .get("Sforce-Locator")
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty() && *v != "null")
            .map(str::to_string);
        Ok((page.bytes, next))
    }

    /// One request; on `INVALID_SESSION_ID`, a refresh and a retry, twice
    /// at most. A token just refreshed can be refused once more (another
    /// request of ours expired it meanwhile, or the org revoked sessions):
    /// only a refused refresh means signing in again.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, String)],
    ) -> Result<T, CrmError> {
        const REFRESHES: u32 = 2;
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.instance_url)
        };
        let mut access = self.creds.read().await.access.clone();
        let mut refreshed = 0;
        loop {
            match self
                .once(&method, &url, body.as_ref(), headers, &access)
                .await
            {
                Err(CrmError::InvalidSession) if refreshed < REFRESHES => {
                    self.refresh_after(&access).await?;
                    refreshed += 1;
                    access = self.creds.read().await.access.clone();
                }
                // Each refresh was granted, yet each new session ended at
                // once (a busy org expiring sessions, another client of the
                // user's): worth retrying later, not a reason to sign in.
                Err(CrmError::InvalidSession) => {
                    return Err(CrmError::Transient {
                        code: "INVALID_SESSION_ID".into(),
                        message: "the CRM ended each new session at once; trying again later"
                            .into(),
                    })
                }
                other => return other,
            }
        }
    }

    /// Posts Bayeux messages to the org's CometD endpoint (`/cometd/{v}`)
    /// with the session, waiting up to `wait` (a long poll is held for
    /// minutes). The status, the `Set-Cookie` values and the body, at most
    /// `max_body` bytes; the session used, so a `401::` reply can renew it.
    pub async fn cometd(
        &self,
        body: &Value,
        cookies: &str,
        wait: Duration,
        max_body: usize,
    ) -> Result<CometdReply, CrmError> {
        let access = self.creds.read().await.access.clone();
        let url = format!(
            "{}/cometd/{}",
            self.instance_url,
            API_VERSION.trim_start_matches('v')
        );
        let mut req = self
            .http
            .post(url)
            .timeout(wait)
            .bearer_auth(access.expose())
            .json(body);
        if !cookies.is_empty() {
            req = req.header(reqwest::header::COOKIE, cookies);
        }
        let mut resp = req.send().await.map_err(transport)?;
        let status = resp.status().as_u16();
        let set_cookies = resp
            .headers()
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|c| c.split(';').next())
            .map(str::to_string)
            .collect();
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(transport)? {
            if bytes.len() + chunk.len() > max_body {
                return Err(CrmError::Malformed {
                    status,
                    what: format!("a streaming response over {max_body} bytes"),
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(CometdReply {
            status,
            set_cookies,
            bytes,
            session: access,
        })
    }

    /// Renews the session after `stale` was refused (unless another task
    /// already did): for callers outside the REST calls, such as streaming.
    pub async fn renew_session(&self, stale: &Sensitive) -> Result<(), CrmError> {
        self.refresh_after(stale).await
    }

    /// Refreshes unless another task already did since `stale` was read.
    async fn refresh_after(&self, stale: &Sensitive) -> Result<(), CrmError> {
        let mut creds = self.creds.write().await;
        if creds.access != *stale {
            return Ok(());
        }
        let refresh = creds.refresh.clone().ok_or(CrmError::InvalidSession)?;
        let t = match oauth::refresh(&self.http, &self.login_url, &self.client_id, &refresh).await {
            Ok(t) => t,
            // A refused refresh token (`invalid_grant`) means signing in
            // again. A busy or unreachable token endpoint is `Transient` or
            // `Transport` and passes through: worth retrying later.
            Err(CrmError::OAuth { .. }) => return Err(CrmError::InvalidSession),
            Err(e) => return Err(e),
        };
        creds.access = Sensitive::new(t.access_token);
        if let Some(r) = t.refresh_token {
            creds.refresh = Some(Sensitive::new(r));
        }
        tracing::info!("CRM session refreshed");
        // Still holding the lock: no request uses the new tokens, and no
        // other refresh starts, until the rotated token is saved.
        if let Some(hook) = &self.on_refresh {
            hook(&creds).await;
        }
        Ok(())
    }

    fn data(path: &str) -> String {
        format!("/services/data/{API_VERSION}{path}")
    }

    /// The signed-in user and org (the Task's OwnerId comes from here).
    pub async fn userinfo(&self) -> Result<UserInfo, CrmError> {
        self.call(Method::GET, "/services/oauth2/userinfo", None, &[])
            .await
    }

    pub async fn describe(&self, sobject: &str) -> Result<SObjectDescribe, CrmError> {
        self.call(
            Method::GET,
            &Self::data(&format!("/sobjects/{}/describe", enc(sobject))),
            None,
            &[],
        )
        .await
    }

    pub async fn versions(&self) -> Result<Vec<ApiVersion>, CrmError> {
        self.call(Method::GET, "/services/data", None, &[]).await
    }

    pub async fn query(&self, soql: &str) -> Result<QueryResponse, CrmError> {
        self.call(
            Method::GET,
            &Self::data(&format!("/query?q={}", enc(soql))),
            None,
            &[],
        )
        .await
    }

    pub async fn query_more(&self, next_records_url: &str) -> Result<QueryResponse, CrmError> {
        if !next_records_url.starts_with("/services/data/") {
            return Err(CrmError::Malformed {
                status: 200,
                what: "a nextRecordsUrl outside the API".into(),
            });
        }
        self.call(Method::GET, next_records_url, None, &[]).await
    }

    /// Every page of a query, following `nextRecordsUrl`.
    pub async fn query_all_pages(&self, soql: &str) -> Result<Vec<Map<String, Value>>, CrmError> {
        let first = self.query(soql).await?;
        self.rest_of_pages(first).await
    }

    /// The records of `page` and of every page after it.
    async fn rest_of_pages(
        &self,
        mut page: QueryResponse,
    ) -> Result<Vec<Map<String, Value>>, CrmError> {
        let mut out = std::mem::take(&mut page.records);
        while let Some(next) = page.next_records_url.take() {
            page = self.query_more(&next).await?;
            out.append(&mut page.records);
        }
        Ok(out)
    }

    /// `/queryAll`: like `query_all_pages`, including deleted and archived rows.
    pub async fn query_including_deleted(
        &self,
        soql: &str,
    ) -> Result<Vec<Map<String, Value>>, CrmError> {
        let first: QueryResponse = self
            .call(
                Method::GET,
                &Self::data(&format!("/queryAll?q={}", enc(soql))),
                None,
                &[],
            )
            .await?;
        self.rest_of_pages(first).await
    }

    pub async fn create(&self, sobject: &str, fields: &Value) -> Result<SaveResult, CrmError> {
        self.call(
            Method::POST,
            &Self::data(&format!("/sobjects/{}", enc(sobject))),
            Some(fields.clone()),
            &[],
        )
        .await
    }

    pub async fn get(&self, sobject: &str, id: &str) -> Result<Map<String, Value>, CrmError> {
        self.call(
            Method::GET,
            &Self::data(&format!("/sobjects/{}/{}", enc(sobject), enc(id))),
            None,
            &[],
        )
        .await
    }

    pub async fn update(&self, sobject: &str, id: &str, fields: &Value) -> Result<(), CrmError> {
        let _: Option<Value> = self
            .call(
                Method::PATCH,
                &Self::data(&format!("/sobjects/{}/{}", enc(sobject), enc(id))),
                Some(fields.clone()),
                &[],
            )
            .await?;
        Ok(())
    }

    pub async fn delete(&self, sobject: &str, id: &str) -> Result<(), CrmError> {
        let _: Option<Value> = self
            .call(
                Method::DELETE,
                &Self::data(&format!("/sobjects/{}/{}", enc(sobject), enc(id))),
                None,
                &[],
            )
            .await?;
        Ok(())
    }

    /// Upsert by external id: `Some(result)` (201, or 200 on newer APIs), `None` for 204.
    pub async fn upsert(
        &self,
        sobject: &str,
        field: &str,
        value: &str,
        fields: &Value,
    ) -> Result<Option<SaveResult>, CrmError> {
        self.call(
            Method::PATCH,
            &Self::data(&format!(
                "/sobjects/{}/{}/{}",
                enc(sobject),
                enc(field),
                enc(value)
            )),
            Some(fields.clone()),
            &[],
        )
        .await
    }

    /// Up to 200 records upserted by external id in one request.
    pub async fn upsert_collection(
        &self,
        sobject: &str,
        field: &str,
        records: Vec<Value>,
        all_or_none: bool,
    ) -> Result<Vec<SaveResult>, CrmError> {
        let body = json!({"allOrNone": all_or_none, "records": records});
        self.call(
            Method::PATCH,
            &Self::data(&format!(
                "/composite/sobjects/{}/{}",
                enc(sobject),
                enc(field)
            )),
            Some(body),
            &[],
        )
        .await
    }

    /// Up to 25 queries in one `/composite` request, which the org counts
    /// as one API call. Each answer is its query's records or its error.
    /// A query may use an earlier one's answer as Salesforce's composite
    /// reference: `@{q0.records[0].ProfileId}` (queries are named `q0`, `q1`…).
    pub async fn composite_queries(
        &self,
        queries: &[&str],
    ) -> Result<Vec<Result<QueryResponse, CrmError>>, CrmError> {
        if queries.len() > 25 {
            return Err(CrmError::Malformed {
                status: 0,
                what: "more than 25 subrequests".into(),
            });
        }
        let requests: Vec<Value> = queries
            .iter()
            .enumerate()
            .map(|(i, q)| {
                json!({"method": "GET", "referenceId": format!("q{i}"), "url": Self::data(&format!("/query?q={}", keep_references(&enc(q))))})
            })
            .collect();
        let answer: CompositeResponse = self
            .call(
                Method::POST,
                &Self::data("/composite"),
                Some(json!({"allOrNone": false, "compositeRequest": requests})),
                &[],
            )
            .await?;
        if answer.composite_response.len() != queries.len() {
            return Err(CrmError::Malformed {
                status: 200,
                what: format!(
                    "{} answers to {} subrequests",
                    answer.composite_response.len(),
                    queries.len()
                ),
            });
        }
        Ok(answer
            .composite_response
            .into_iter()
            .map(|sub| {
                let bytes = serde_json::to_vec(&sub.body).unwrap_or_default();
                classify(Body {
                    status: sub.http_status_code,
                    content_type: Some("application/json"),
                    bytes: &bytes,
                })
            })
            .collect())
    }

    /// A record upserted by external id, then a query, in one `/composite`
    /// request (one API call): the query's answer, or the first error.
    pub async fn upsert_then_query(
        &self,
        sobject: &str,
        field: &str,
        value: &str,
        fields: &Value,
        query: &str,
    ) -> Result<QueryResponse, CrmError> {
        let upsert = Self::data(&format!(
            "/sobjects/{}/{}/{}",
            enc(sobject),
            enc(field),
            enc(value)
        ));
        let requests = json!([
            {"method": "PATCH", "referenceId": "u0", "url": upsert, "body": fields},
            {"method": "GET", "referenceId": "q0", "url": Self::data(&format!("/query?q={}", enc(query)))},
        ]);
        let answer: CompositeResponse = self
            .call(
                Method::POST,
                &Self::data("/composite"),
                Some(json!({"allOrNone": false, "compositeRequest": requests})),
                &[],
            )
            .await?;
        let mut subs = answer.composite_response.into_iter();
        let (Some(up), Some(q), None) = (subs.next(), subs.next(), subs.next()) else {
            return Err(CrmError::Malformed {
                status: 200,
                what: "not two answers to two subrequests".into(),
            });
        };
        let answer = |sub: crate::wire::CompositeSubresponse| {
            let bytes = serde_json::to_vec(&sub.body).unwrap_or_default();
            (sub.http_status_code, bytes)
        };
        let (status, bytes) = answer(up);
        if !(200..300).contains(&status) {
            classify::<Value>(Body {
                status,
                content_type: Some("application/json"),
                bytes: &bytes,
            })?;
        }
        let (status, bytes) = answer(q);
        classify(Body {
            status,
            content_type: Some("application/json"),
            bytes: &bytes,
        })
    }

    pub async fn search(&self, sosl: &str) -> Result<SearchResponse, CrmError> {
        self.call(
            Method::GET,
            &Self::data(&format!("/search?q={}", enc(sosl))),
            None,
            &[],
        )
        .await
    }

    pub async fn updated(
        &self,
        sobject: &str,
        start: &str,
        end: &str,
    ) -> Result<UpdatedResponse, CrmError> {
        self.replication("updated", sobject, start, end).await
    }

    pub async fn deleted(
        &self,
        sobject: &str,
        start: &str,
        end: &str,
    ) -> Result<DeletedResponse, CrmError> {
        self.replication("deleted", sobject, start, end).await
    }

    /// `/sobjects/{type}/updated|deleted/?start=…&end=…`.
    async fn replication<T: DeserializeOwned>(
        &self,
        kind: &str,
        sobject: &str,
        start: &str,
        end: &str,
    ) -> Result<T, CrmError> {
        self.call(
            Method::GET,
            &Self::data(&format!(
                "/sobjects/{}/{kind}/?start={}&end={}",
                enc(sobject),
                enc(start),
                enc(end)
            )),
            None,
            &[],
        )
        .await
    }

    /// Ends the grant: revokes the refresh token (or the access token).
    pub async fn revoke(&self) -> Result<(), CrmError> {
        let creds = self.creds.read().await.clone();
        let token = creds.refresh.unwrap_or(creds.access);
        oauth::revoke(&self.http, &self.login_url, &token).await
    }
}

/// Composite references stay literal in a subrequest's URL (the server
/// replaces them before reading the URL).
fn keep_references(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut rest = encoded;
    while let Some(start) = rest.find("%40%7B") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 6..];
        // Only within `@{…}`: `}`, `[` and `]` elsewhere stay escaped.
        match after.find("%7D") {
            Some(end) => {
                out.push_str("@{");
                out.push_str(&after[..end].replace("%5B", "[").replace("%5D", "]"));
                out.push('}');
                rest = &after[end + 3..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod reference_tests {
    use super::keep_references;

    #[test]
    fn only_composite_references_are_unescaped() {
        assert_eq!(
            keep_references("IN+%28%27%40%7Bq0.records%5B0%5D.Id%7D%27%29+AND+x+%3D+%27%5B%7D%27"),
            "IN+%28%27@{q0.records[0].Id}%27%29+AND+x+%3D+%27%5B%7D%27"
        );
        assert_eq!(keep_references("a%5Bb%7D"), "a%5Bb%7D");
        assert_eq!(keep_references("%40%7Bunclosed"), "%40%7Bunclosed");
    }
}
