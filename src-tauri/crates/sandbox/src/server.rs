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
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::state::{AppState, DAILY_API_LIMIT};
use crate::{oauth, query, rest};

pub fn router(state: AppState) -> Router {
    let data = Router::new()
        .route("/services/data/{v}/query", get(query::query))
        .route("/services/data/{v}/query/", get(query::query))
        .route("/services/data/{v}/query/{locator}", get(query::more))
        .route("/services/data/{v}/queryAll", get(query::query_all))
        .route("/services/data/{v}/queryAll/", get(query::query_all))
        .route("/services/data/{v}/queryAll/{locator}", get(query::more))
        .route("/services/data/{v}/sobjects/{sobject}", post(rest::create))
        .route(
            "/services/data/{v}/sobjects/{sobject}/{id}",
            get(rest::retrieve).patch(rest::update).delete(rest::delete),
        )
        .route(
            "/services/data/{v}/sobjects/{sobject}/{field}/{value}",
            axum::routing::patch(rest::upsert),
        )
        .layer(middleware::from_fn_with_state(state.clone(), limit_info));
    Router::new()
        .route("/services/data", get(rest::versions))
        .route("/services/data/", get(rest::versions))
        .route(
            "/services/oauth2/authorize",
            get(oauth::authorize_page).post(oauth::authorize_submit),
        )
        .route("/services/oauth2/token", post(oauth::token))
        .route("/services/oauth2/revoke", post(oauth::revoke))
        .merge(data)
        .with_state(state)
}

/// `Sforce-Limit-Info: api-usage=N/15000` on every API response.
async fn limit_info(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let used = state.count_api_call();
    let mut response = next.run(request).await;
    if let Ok(v) = HeaderValue::from_str(&format!("api-usage={used}/{DAILY_API_LIMIT}")) {
        response.headers_mut().insert("Sforce-Limit-Info", v);
    }
    response
}

pub async fn serve_http(listener: TcpListener, app: Router, mut stop: watch::Receiver<bool>) {
    let _ = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|s| *s).await;
        })
        .await;
}

pub async fn serve_https(
    listener: TcpListener,
    app: Router,
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
            let service = TowerToHyperService::new(app);
            let _ = auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost, written as PEM so
/// clients can trust it.
pub fn make_tls(
    cert_dir: &std::path::Path,
) -> Result<(Arc<rustls::ServerConfig>, PathBuf), String> {
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .map_err(|e| format!("cannot make a certificate: {e}"))?;
    std::fs::create_dir_all(cert_dir)
        .map_err(|e| format!("cannot create {}: {e}", cert_dir.display()))?;
    let cert_path = cert_dir.join("sandbox-cert.pem");
    std::fs::write(&cert_path, certified.cert.pem())
        .map_err(|e| format!("cannot write {}: {e}", cert_path.display()))?;
    let cert = certified.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .map_err(|e| format!("bad certificate: {e}"))?;
    Ok((Arc::new(config), cert_path))
}

pub fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}
