//! The `stemme` server: configuration, the axum router (pages, forms, JSON
//! API, static files) and start-up.

pub mod admin;
pub mod api;
pub mod auth;
pub mod caching;
pub mod cli;
pub mod codesign;
pub mod config;
pub mod cookies;
pub mod error;
pub mod forms;
pub mod housekeeping;
pub mod metrics;
pub mod observability;
pub mod ratelimit;
pub mod security;
pub mod server_fns;
pub mod source;
pub mod sso;
pub mod streams;
pub mod workshops;

use app::state::{AppState, Settings};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use config::ServeArgs;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// Request bodies larger than this are refused with 413.
pub const BODY_LIMIT: usize = 16 * 1024;

/// Leptos options that work from the repository root with no variables set:
/// cargo-leptos's variables win when present.
pub fn leptos_options(addr: SocketAddr) -> LeptosOptions {
    let env = |k: &str, d: &str| std::env::var(k).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| d.to_string());
    LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("stemme")))
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(addr)
        .build()
}

/// Opens the database (migrating it), seeds the demo municipality when
/// asked, and reads the single sign-on file.
pub async fn build_state(args: &ServeArgs, addr: SocketAddr) -> Result<(AppState, Arc<sso::Sso>), String> {
    let store = app::store::connect(&args.db.database_url).await?;
    if args.demo
        && store
            .seed_municipality(&app::domain::demo::demo_municipality())
            .await
            .map_err(|e| format!("cannot create the demo municipality: {e}"))?
    {
        tracing::info!("created the demo municipality");
        if args.demo_ratings > 0 {
            demo_assumption(&store).await.map_err(|e| format!("cannot create the demo assumption: {e}"))?;
            cli::write_synthetic(&store, "demo", args.demo_ratings, 1).await?;
        }
    }
    let sso = Arc::new(sso::Sso::new(match &args.sso_config {
        Some(path) => sso::config::load(path)?,
        None => vec![],
    })?);
    for slug in sso.municipalities() {
        if store.municipality(slug).await.map_err(|e| e.to_string())?.is_none() {
            return Err(format!("the SSO file names the municipality {slug:?}, which does not exist here"));
        }
    }
    let live = app::workshop::live::Hub::new(store.clone());
    live.watch().await.map_err(|e| format!("cannot listen for workshop changes: {e}"))?;
    let state = AppState {
        leptos_options: leptos_options(addr),
        live,
        store,
        settings: Arc::new(Settings {
            public_url: args.public_url.clone(),
            secure_cookies: args.secure_cookies,
            client_ip_header: args.client_ip_header.clone(),
            address_limit_scale: args.address_limit_scale,
            sso: sso.buttons(),
        }),
        comparisons: Default::default(),
    };
    Ok((state, sso))
}

/// An assumption for the demo's governance view to show evidence for.
async fn demo_assumption(store: &app::store::DynStore) -> Result<(), app::store::StoreError> {
    use app::domain::governance::assumption::{AssumptionInput, Supports};
    let Some(mun) = store.municipality("demo").await? else { return Ok(()) };
    let input = AssumptionInput {
        statement: "Virtuel vejledning er ikke noget for vores unge".into(),
        question_da: "Vil du gerne kunne få vejledning over video?".into(),
        question_en: "Would you like to be able to get guidance over video?".into(),
        supports: Supports::No,
    };
    store.add_assumption(mun.id, &input, "demo", app::domain::policy::now()).await.map(|_| ())
}

/// The app's routes, walked once per process. Walking them sets a
/// process-wide flag that makes every resource first polled meanwhile wait
/// forever (leptos-rs/leptos#4773); a second server in the same process (the
/// tests start many) must never walk them while another one renders.
static ROUTES: std::sync::LazyLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::LazyLock::new(|| generate_route_list(app::App));

pub fn router(state: AppState, metrics: std::sync::Arc<metrics::Metrics>, sso: Arc<sso::Sso>) -> Router {
    let routes = ROUTES.clone();
    let options = state.leptos_options.clone();
    let scale = state.settings.address_limit_scale;
    let layer = |limits: ratelimit::AnonymousWrites| {
        limits.spawn_cleanup();
        axum::middleware::from_fn_with_state((state.clone(), limits), ratelimit::limit)
    };
    let anonymous_writes = layer(ratelimit::AnonymousWrites::writes(scale));
    let (joins, answers) = (layer(ratelimit::AnonymousWrites::joins(scale)), layer(ratelimit::AnonymousWrites::answers(scale)));
    // Each single sign-on start stores an attempt and may ask the provider:
    // a budget of its own per address, as for anonymous writes.
    let sso_starts = layer(ratelimit::AnonymousWrites::writes(scale));
    let router = Router::new()
        .route("/healthz", get(health))
        .route("/readyz", get(ready))
        .route("/sprog", post(forms::language))
        .nest("/api/v1", api::router(anonymous_writes.clone(), joins.clone(), answers.clone()))
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            move || app::shell(options.clone()),
        )
        .route("/k/{m}/s/{s}", post(forms::rating).route_layer(anonymous_writes.clone()))
        .route("/k/{m}/foreslaa", post(codesign::propose).route_layer(anonymous_writes.clone()))
        .route("/k/{m}/forslag/{id}/holdning", post(codesign::stance).route_layer(anonymous_writes.clone()))
        .route("/k/{m}/forslag/{id}/kommentarer", post(codesign::comment).route_layer(anonymous_writes))
        .route("/w", post(workshops::join_form).route_layer(joins))
        .route("/w/{id}/svar", post(workshops::answer_form).route_layer(answers))
        .route("/login", post(admin::login))
        .route("/login/kode", post(admin::login_code))
        .route("/login/app", post(admin::login_enrol))
        .route("/login/sso/{m}", get(admin::sso_start).route_layer(sso_starts))
        .route("/login/sso/{m}/callback", get(admin::sso_callback))
        .route("/admin/konto", post(admin::account))
        .route("/admin/konto/passkey/start", post(admin::passkey_register_start))
        .route("/admin/konto/passkey/finish", post(admin::passkey_register_finish))
        .route("/login/passkey/start", post(admin::passkey_sign_in_start))
        .route("/login/passkey/finish", post(admin::passkey_sign_in_finish))
        .route("/logout", post(admin::logout))
        .route("/adgangskode/{token}", post(admin::set_password))
        .route("/admin/kommuner", post(admin::municipality))
        .route("/admin/{m}/tilbud", post(admin::services))
        .route("/admin/{m}/principper", post(admin::principles))
        .route("/admin/{m}/spoergsmaal", post(admin::questions))
        .route("/admin/{m}/personale", post(admin::staff))
        .route("/admin/{m}/noegler", post(admin::tokens))
        .route("/admin/{m}/indstillinger", post(admin::settings))
        .route("/admin/{m}/moderation", post(admin::moderation))
        .route("/admin/{m}/forslag", post(admin::answer))
        .route("/admin/{m}/antagelser", post(admin::assumptions))
        .route("/admin/{m}/workshops", post(admin::workshops))
        .route("/admin/{m}/workshops/{id}", post(admin::workshop))
        .fallback(static_or_not_found)
        .layer(axum::middleware::from_fn(server_fns::guard))
        .layer(axum::Extension(workshops::JoinGuard::default()))
        .layer(axum::Extension(sso))
        .layer(axum::Extension(streams::StreamSlots::new(scale)))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::resolve))
        .layer(axum::middleware::from_fn(security::csrf))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(axum::middleware::from_fn(caching::no_store))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(metrics, metrics::track));
    observability::layers(router).with_state(state)
}

/// A running server: where it listens, where its metrics are (when asked
/// for), and the task that ends when it has shut down.
pub struct Started {
    pub addr: SocketAddr,
    pub metrics_addr: Option<SocketAddr>,
    pub handle: tokio::task::JoinHandle<()>,
}

/// Binds `args.addr` (port 0 picks a free port) and serves until the task is
/// dropped or the process gets Ctrl-C / SIGTERM. Then `/readyz` says 503,
/// open workshop streams end (phones reconnect to another instance), and
/// requests under way finish before the task ends.
pub async fn start(args: ServeArgs) -> Result<Started, String> {
    let listener = tokio::net::TcpListener::bind(args.addr).await.map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let metrics_listener = match args.metrics_addr {
        Some(a) => Some(tokio::net::TcpListener::bind(a).await.map_err(|e| format!("cannot listen for metrics on {a}: {e}"))?),
        None => None,
    };
    let metrics_addr = metrics_listener.as_ref().and_then(|l| l.local_addr().ok());
    let (state, sso) = build_state(&args, addr).await?;
    housekeeping::spawn(state.store.clone());
    let metrics = metrics::Metrics::new();
    if let Some(l) = metrics_listener {
        let app = metrics::router(state.clone(), metrics.clone());
        let live = state.live.clone();
        tokio::spawn(async move {
            if let Err(e) = axum::serve(l, app).with_graceful_shutdown(async move { live.closed().await }).await {
                tracing::error!(error = %e, "metrics listener stopped");
            }
        });
    }
    let live = state.live.clone();
    let app = router(state, metrics, sso).into_make_service_with_connect_info::<SocketAddr>();
    // Without TCP_NODELAY a response written in two parts (a file's headers,
    // then its body) waits ~40 ms for the client's delayed ACK (Nagle).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    let grace = std::time::Duration::from_secs(args.shutdown_grace);
    let draining = async move {
        shutdown_signal().await;
        tracing::info!(grace_seconds = grace.as_secs(), "shutting down: /readyz says 503, live streams end");
        live.close();
        // Still listening meanwhile, so a load balancer sees the 503 and
        // stops sending before connections are refused.
        tokio::time::sleep(grace).await;
        tracing::info!("closing the listener; finishing requests under way");
    };
    let handle = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(draining).await {
            tracing::error!(error = %e, "server stopped");
        }
    });
    Ok(Started { addr, metrics_addr, handle })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// `GET /readyz`: 200 while this instance takes new work (the database
/// answers and it is not shutting down), else 503, so a load balancer
/// sends the next request elsewhere.
async fn ready(State(state): State<AppState>) -> Response {
    if state.live.is_closing() {
        return (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "shutting down" }))).into_response();
    }
    health(State(state)).await
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
async fn health(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => Json(serde_json::json!({ "status": "ok", "database": "ok", "engine": state.store.engine() })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "error", "database": "unreachable", "engine": state.store.engine() })),
            )
                .into_response()
        }
    }
}

/// Static files from the site root (precompressed when available), else the
/// app's "not found" page with a 404.
async fn static_or_not_found(State(state): State<AppState>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    let (parts, _) = req.into_parts();
    let root = state.leptos_options.site_root.to_string();
    let static_req = Request::from_parts(parts.clone(), Body::empty());
    let Ok(res) = ServeDir::new(&root).precompressed_br().precompressed_gzip().oneshot(static_req).await;
    {
        if res.status() != StatusCode::NOT_FOUND {
            let mut res = res.map(Body::new);
            // Files keep their names across releases: let browsers revalidate.
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            return res;
        }
    }
    let mut res = render_app(state, Request::from_parts(parts, Body::empty()), || ()).await;
    *res.status_mut() = StatusCode::NOT_FOUND;
    res
}

/// Renders the app for `req` outside the Leptos routes (fallback, form
/// re-renders), with the app state and any `extra` context provided.
pub(crate) async fn render_app(state: AppState, req: Request, extra: impl Fn() + Clone + Send + Sync + 'static) -> Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            extra();
        },
        move || app::shell(options.clone()),
    );
    handler(req).await.into_response()
}
