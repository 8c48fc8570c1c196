//! kpilot's web application: server-rendered pages in French and English
//! (maud templates, which escape by default; htmx for progressive
//! enhancement) and the JSON API under `/api/v1`.
//!
//! `router(store, config)` builds the routes and does no IO; `serve(listener,
//! router, shutdown)` runs them, so that tests can bind port 0 and stop the
//! server.

mod api;
mod cookies;
mod csrf;
mod error;
mod i18n;
mod kpi_query;
mod memo;
mod pages;
mod plan_edit;
mod ui;
mod uploads;

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::get;
use jiff::civil::Date;
use kpilot_core::ids::PlanId;
use kpilot_store::{Store, StoredPlan};
use tokio::net::TcpListener;

pub use error::AppError;

/// How the server behaves, set by the binary.
#[derive(Debug, Clone)]
pub struct Config {
    /// The day taken as today (the demo's last day of data, a test's fixed
    /// day); `None`: the real today, in UTC.
    pub today: Option<Date>,
    /// The largest request body accepted, in bytes (uploads included).
    pub upload_limit: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            today: None,
            upload_limit: 20 * 1024 * 1024,
        }
    }
}

/// How many dashboards (and as many status answers) are kept in memory: a
/// plan's current state, in two languages, at a few days.
const MEMO_CAPACITY: usize = 32;

/// Plans as parsed, by id, each with the data version it was read at.
type ParsedPlans = HashMap<String, (i64, Arc<StoredPlan>)>;

/// What every handler shares.
#[derive(Clone)]
struct AppState {
    store: Arc<dyn Store>,
    config: Arc<Config>,
    /// Files uploaded on the Import page, waiting for their confirmation.
    uploads: Arc<uploads::Uploads>,
    /// The dashboards' bodies, by plan state, day and language.
    dashboards: Arc<memo::Memo<String>>,
    /// The status API's answers (JSON), by plan state, day and language.
    statuses: Arc<memo::Memo<axum::body::Bytes>>,
    /// "This week" of a plan, by plan state, day and language: its page
    /// and the count on every plan page's navigation bar.
    weeks: Arc<memo::Memo<kpilot_workspace::week::Week>>,
    /// The plans as last parsed, by id, with the data version then.
    plans: Arc<Mutex<ParsedPlans>>,
}

impl AppState {
    fn today(&self) -> Date {
        self.config.today.unwrap_or_else(|| {
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        })
    }
}

/// The application's routes: the pages, the API and the assets, behind the
/// security headers, the same-origin check and the body limit.
pub fn router(store: Arc<dyn Store>, config: Config) -> Router {
    let limit = config.upload_limit;
    // The costly computations (a status: every objective's cube and
    // forecast) run at most one per core at a time.
    let cores = std::thread::available_parallelism().map_or(2, |cores| cores.get());
    let running = Arc::new(tokio::sync::Semaphore::new(cores));
    let state = AppState {
        store,
        config: Arc::new(config),
        // Room for a few uploads at the limit at once.
        uploads: Arc::new(uploads::Uploads::new(limit.saturating_mul(4))),
        dashboards: Arc::new(memo::Memo::new(MEMO_CAPACITY, running.clone())),
        statuses: Arc::new(memo::Memo::new(MEMO_CAPACITY, running.clone())),
        weeks: Arc::new(memo::Memo::new(MEMO_CAPACITY, running)),
        plans: Arc::default(),
    };
    let pages = pages::routes()
        .fallback(pages::not_found)
        .layer(middleware::from_fn(ui::error_pages));
    Router::new()
        .nest("/api/v1", api::routes())
        .route("/assets/{name}", get(ui::asset))
        .merge(pages)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(csrf::same_origin))
        .layer(middleware::from_fn(ui::security_headers))
        .with_state(state)
}

/// Serves `router` on `listener` until `shutdown` completes, then finishes
/// the requests under way.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

/// The week of plan `id` from `at`, computed once per state of the
/// workspace (and day and language): the "This week" page and the count
/// in the navigation bar of every plan page ask here.
async fn week_of(
    state: &AppState,
    id: String,
    at: Date,
    lang: kpilot_core::kpi::Lang,
) -> Result<(Arc<StoredPlan>, Arc<kpilot_workspace::week::Week>), AppError> {
    let (stored, data_version) = load_with_version(state.clone(), id).await?;
    let key = memo::Key {
        plan: stored.plan.id.to_string(),
        data_version,
        at,
        lang,
    };
    let store = state.store.clone();
    let read = stored.clone();
    let week = state
        .weeks
        .get(key, || async move {
            blocking(move || {
                Ok(kpilot_workspace::week::week(
                    store.as_ref(),
                    &read.plan,
                    at,
                    lang,
                )?)
            })
            .await
        })
        .await?;
    Ok((stored, week))
}

/// Runs a blocking store call off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| AppError::Internal(format!("store task failed: {error}")))?
}

/// Parses an id from the path, or answers 404: an id that cannot exist
/// names no plan.
fn plan_id(text: &str) -> Result<PlanId, AppError> {
    PlanId::parse(text).map_err(|_| AppError::NotFound(format!("no plan `{text}`")))
}

/// The stored plan `id` and the store's data version, read before it: what
/// a result computed from the plan and the data it then reads depends on
/// ([`memo::Key`]). The plan is parsed once per data version (a new
/// revision moves the version too) and shared, not copied.
async fn load_with_version(
    state: AppState,
    id: String,
) -> Result<(Arc<StoredPlan>, i64), AppError> {
    let plan_id = plan_id(&id)?;
    blocking(move || {
        let version = state.store.data_version()?;
        let lock = || {
            state
                .plans
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        if let Some((_, stored)) = lock().get(&id).filter(|(seen, _)| *seen == version) {
            return Ok((stored.clone(), version));
        }
        let stored = Arc::new(
            state
                .store
                .plan(&plan_id)?
                .ok_or_else(|| AppError::NotFound(format!("no plan `{id}`")))?,
        );
        lock().insert(id, (version, stored.clone()));
        Ok((stored, version))
    })
    .await
}

/// The stored plan `id`, or 404: a copy the caller may change.
async fn load(state: AppState, id: String) -> Result<StoredPlan, AppError> {
    Ok(StoredPlan::clone(&load_with_version(state, id).await?.0))
}
