//! Listeners: plain HTTP and HTTPS (a self-signed certificate made at start)
//! on 127.0.0.1, both serving the same org.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::state::AppState;
use crate::{bulk, composite, describe, identity, listviews, oauth, query, recent};
use crate::{replication, resources, rest, retrieve_many, search};

pub fn router(state: AppState) -> Router {
    let data = Router::new()
        .route("/services/data/{v}/query", get(query::query))
        .route("/services/data/{v}/query/{locator}", get(query::more))
        .route("/services/data/{v}/queryAll", get(query::query_all))
        .route("/services/data/{v}/queryAll/{locator}", get(query::more))
        .route("/services/data/{v}", get(resources::listing))
        .route("/services/data/{v}/limits", get(resources::limits))
        .route("/services/data/{v}/recent", get(recent::recent))
        .route(
            "/services/data/{v}/sobjects",
            get(describe::describe_global),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}",
            get(describe::basic_info).post(rest::create),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}/describe",
            get(describe::describe),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}/listviews",
            get(listviews::list),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}/listviews/{id}/results",
            get(listviews::results),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}/listviews/{id}/describe",
            get(listviews::describe),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}/updated",
            get(replication::updated),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}/deleted",
            get(replication::deleted),
        )
        .route("/services/data/{v}/composite", post(composite::composite))
        .route("/services/data/{v}/search", get(search::search))
        .route("/services/data/{v}/jobs/query", post(bulk::create))
        .route(
            "/services/data/{v}/jobs/query/{id}",
            get(bulk::status).patch(bulk::abort).delete(bulk::delete),
        )
        .route(
            "/services/data/{v}/jobs/query/{id}/results",
            get(bulk::results),
        )
        .route(
            "/services/data/{v}/parameterizedSearch",
            get(search::parameterized_get).post(search::parameterized_post),
        )
        .route(
            "/services/data/{v}/composite/sobjects",
            post(composite::create)
                .patch(composite::update)
                .delete(composite::delete),
        )
        .route(
            "/services/data/{v}/composite/sobjects/{sobject}",
            get(retrieve_many::retrieve_get).post(retrieve_many::retrieve_post),
        )
        .route(
            "/services/data/{v}/composite/sobjects/{sobject}/{field}",
            axum::routing::patch(composite::upsert),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}/{id}",
            get(rest::retrieve).patch(rest::update).delete(rest::delete),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}/{field}/{value}",
            get(rest::retrieve_by_external_id).patch(rest::upsert),
        )
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::faults::inject,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), limit_info));
    Router::new()
        .route("/services/data", get(rest::versions))
        .route(
            "/services/oauth2/authorize",
            get(oauth::authorize_page).post(oauth::authorize_submit),
        )
        .route("/services/oauth2/token", post(oauth::token))
        .route("/services/oauth2/revoke", post(oauth::revoke))
        .route("/services/oauth2/userinfo", get(oauth::userinfo))
        .route("/id/{org}/{user}", get(identity::identity))
        .route("/cometd/{version}", post(crate::streaming::cometd))
        .route("/cometd/{version}/{*rest}", post(crate::streaming::cometd))
        .merge(data)
        .fallback(|| async { crate::error::SfError::not_found_resource() })
        .layer(middleware::from_fn_with_state(state.clone(), detach))
        .with_state(state)
}

/// Marks a `/composite` subrequest: it runs inside its parent's request.
#[derive(Clone, Copy)]
pub struct Subrequest;

/// A request runs to the end even if its client goes away (a killed
/// process, a timeout), as on a real server: a write is committed or rolled
/// back whole, never cut off halfway. Writing requests run one at a time
/// and reads wait for them, so nobody sees half of a collection, as with
/// Salesforce's one transaction per request.
async fn detach(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // Streaming holds its long polls for minutes and writes nothing: it
    // takes no part in the one-writer order.
    if request.extensions().get::<Subrequest>().is_some()
        || request.uri().path().starts_with("/cometd/")
    {
        return next.run(request).await;
    }
    let write = request.method() != axum::http::Method::GET;
    let task = async move {
        let shared = &state.shared;
        if write {
            let _w = shared.writes.write().await;
            next.run(request).await
        } else {
            let _r = shared.writes.read().await;
            next.run(request).await
        }
    };
    match tokio::spawn(task).await {
        Ok(response) => response,
        Err(e) => {
            tracing::error!(error = %e, "a request handler failed");
            axum::response::IntoResponse::into_response(crate::error::SfError::internal(
                "An unexpected error occurred. Please include this ErrorId if you contact support: sandbox-task",
            ))
        }
    }
}

/// Salesforce ignores a trailing slash (`…/sobjects/Contact/`), and clients
/// rely on it: strip it before routing.
pub fn strip_trailing_slash(mut request: Request) -> Request {
    let path = request.uri().path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/').to_string();
        let new = match request.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed,
        };
        if let Ok(uri) = new.parse() {
            *request.uri_mut() = uri;
        }
    }
    request
}

/// The router behind the trailing-slash normaliser, ready to serve.
pub type App = tower::util::MapRequest<Router, fn(Request) -> Request>;

pub fn app(state: AppState) -> App {
    use tower::ServiceExt;
    router(state).map_request(strip_trailing_slash as fn(Request) -> Request)
}

/// `Sforce-Limit-Info: api-usage=N/MAX` on every API response (the last
/// 24 hours' requests, this one included); once the org's allocation is
/// spent, `REQUEST_LIMIT_EXCEEDED`. A composite request is one call,
/// whatever its subrequests, as in an org.
async fn limit_info(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.extensions().get::<Subrequest>().is_some() {
        return next.run(request).await;
    }
    let max = state.shared.limits.max();
    let (used, mut response) = match state.count_api_call() {
        Ok(used) => (used, next.run(request).await),
        Err(used) => (
            used,
            axum::response::IntoResponse::into_response(crate::error::SfError::new(
                axum::http::StatusCode::FORBIDDEN,
                "REQUEST_LIMIT_EXCEEDED",
                "TotalRequests Limit exceeded.",
            )),
        ),
    };
    if let Ok(v) = HeaderValue::from_str(&format!("api-usage={used}/{max}")) {
        response.headers_mut().insert("Sforce-Limit-Info", v);
    }
    response
}

pub async fn serve_http(listener: TcpListener, app: App, mut stop: watch::Receiver<bool>) {
    use axum::ServiceExt;
    let _ = axum::serve(listener, app.into_make_service())
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|s| *s).await;
        })
        .await;
}

pub async fn serve_https(
    listener: TcpListener,
    app: App,
    tls: Arc<rustls::ServerConfig>,
    mut stop: watch::Receiver<bool>,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.wait_for(|s| *s) => break,
        };
        let Ok((tcp, _peer)) = accepted else { continue };
        let _ = tcp.set_nodelay(true);
        let acceptor = acceptor.clone();
        let app = app.clone();
        tokio::spawn(async move {
            let Ok(stream) = acceptor.accept(tcp).await else {
                return;
            };
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    use tower::ServiceExt;
                    app.clone().oneshot(req.map(axum::body::Body::new))
                });
            let _ = auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// A private CA made at start and a server certificate for 127.0.0.1 and
/// localhost signed by it. The CA is written as PEM, for clients to trust
/// (OpenSSL and webpki both refuse a bare self-signed leaf as a trust anchor).
pub fn make_tls(
    cert_dir: &std::path::Path,
) -> Result<(Arc<rustls::ServerConfig>, PathBuf), String> {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
        KeyPair, KeyUsagePurpose,
    };
    let fail = |e: rcgen::Error| format!("cannot make a certificate: {e}");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(fail)?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Ringside sandbox CRM local CA");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = KeyPair::generate().map_err(fail)?;
    let ca_cert = ca_params.self_signed(&ca_key).map_err(fail)?;
    let issuer = Issuer::new(ca_params, ca_key);

    let mut leaf_params =
        CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .map_err(fail)?;
    leaf_params
        .distinguished_name
        .push(DnType::CommonName, "127.0.0.1");
    leaf_params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    leaf_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let leaf_key = KeyPair::generate().map_err(fail)?;
    let leaf = leaf_params.signed_by(&leaf_key, &issuer).map_err(fail)?;

    std::fs::create_dir_all(cert_dir)
        .map_err(|e| format!("cannot create {}: {e}", cert_dir.display()))?;
    let cert_path = cert_dir.join("sandbox-cert.pem");
    std::fs::write(&cert_path, ca_cert.pem())
        .map_err(|e| format!("cannot write {}: {e}", cert_path.display()))?;
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_no_client_auth()
    .with_single_cert(vec![leaf.der().clone(), ca_cert.der().clone()], key)
    .map_err(|e| format!("bad certificate: {e}"))?;
    Ok((Arc::new(config), cert_path))
}

pub fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}
