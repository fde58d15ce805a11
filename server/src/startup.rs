//! Building and running the HTTP server, the same way for `carto82` and for the tests
//! (which bind port 0 and read the chosen address back).

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use leptos::prelude::*;
use leptos_actix::{LeptosRoutes, generate_route_list};

use app::catalogue::{PublicOrigin, SharedCatalogue};
use app::{ShellConfig, shell};

use crate::background::Background;
use crate::client::SiteAddress;
use crate::config::ServeArgs;
use crate::dataset::{DatasetErrors, LoadOptions, Store};
use crate::security_headers::{self, SecurityHeaders};
use crate::static_files;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("Le jeu de données est invalide :\n{0}")]
    Dataset(#[from] DatasetErrors),
    #[error("Réglage invalide : {0}")]
    Setting(String),
    #[error("{0}")]
    Contributions(#[from] crate::participation::StoreError),
    #[error("Impossible d'écouter sur {address} : {source}")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
}

pub struct Application {
    address: SocketAddr,
    server: Server,
    stopping: Stopping,
    /// The data folder's watch and the scheduled import, stopped with the application.
    _watch: Option<Background>,
    _import: Option<Background>,
}

/// Connections served at once by each worker (one per core); more wait in the backlog.
/// Each open connection may hold a compressor's state: this bounds the memory they take.
const MAX_CONNECTIONS_PER_WORKER: usize = 256;
const BACKLOG: u32 = 1024;
/// A client that takes longer than this to send its request's head is dropped (slow clients
/// holding connections open).
const REQUEST_HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// On SIGTERM, the server goes on answering for this long, each answer closing its
/// connection, so that every client learns to stop before the server does.
const LAME_DUCK: Duration = Duration::from_secs(1);
/// Then requests being answered get this long to finish.
const SHUTDOWN_GRACE_S: u64 = 10;

/// Answers computed at once (pages rendered, API answers built), all workers together.
/// Each holds its data and output in memory until it is done; the others wait their turn
/// with nothing but their request. A render is busy on a core the whole time: more at
/// once would not be faster, only larger.
const ANSWERS_AT_ONCE: usize = 16;

/// Lets [`ANSWERS_AT_ONCE`] dynamic answers be computed at a time; files are not counted.
async fn one_of_a_few_at_a_time(
    request: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let file = request.path().starts_with("/pkg/") || request.path().starts_with("/assets/");
    let turn = request
        .app_data::<web::Data<tokio::sync::Semaphore>>()
        .cloned()
        .filter(|_| !file);
    let _permit = match &turn {
        Some(turns) => Some(turns.acquire().await.expect("never closed")),
        None => None,
    };
    next.call(request).await
}

/// Set once the server is asked to stop: every answer then closes its connection.
#[derive(Clone, Default)]
pub struct Stopping(Arc<AtomicBool>);

impl Stopping {
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// While the server stops, each answer says `Connection: close`: a client sends nothing
/// more on a connection that is about to close.
async fn close_when_stopping(
    request: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let stopping = request.app_data::<web::Data<Stopping>>().cloned();
    let mut response = next.call(request).await?;
    if stopping.is_some_and(|s| s.is_set()) {
        response
            .response_mut()
            .head_mut()
            .set_connection_type(actix_web::http::ConnectionType::Close);
    }
    Ok(response)
}

impl Application {
    pub async fn build(args: ServeArgs) -> Result<Application, StartError> {
        let options = LoadOptions {
            examples: args.examples,
        };
        let store =
            Arc::new(Store::open(&args.data, options)?.allowing_large_drops(args.force_reload));
        let dataset = store.current();
        tracing::info!(
            lieux = dataset.records.places.len(),
            communes = dataset.territory.communes.len(),
            dossier = %args.data.display(),
            "jeu de données chargé"
        );
        let watch = store
            .watch()
            .inspect_err(|e| tracing::warn!("modifications des données non suivies : {e}"))
            .ok();
        let imports = Arc::new(crate::import::schedule::Imports::default());
        let import = match (&args.import_schedule, &args.import.import_source) {
            (None, _) => None,
            (Some(_), None) => {
                return Err(StartError::Setting(
                    "CARTO82_IMPORT_SCHEDULE est réglé : réglez aussi CARTO82_IMPORT_SOURCE, l'adresse des lieux à importer".to_owned(),
                ));
            }
            (Some(schedule), Some(source)) => Some(
                crate::import::schedule::start(
                    source.clone(),
                    schedule.clone(),
                    args.data.clone(),
                    args.import.options(),
                    imports.clone(),
                )
                .map_err(|e| StartError::Setting(format!("import programmé impossible : {e}")))?,
            ),
        };
        let pkg_dir = built_pkg_dir(&args.site).unwrap_or_else(|| {
            tracing::warn!(
                site = %args.site.display(),
                "site non construit (lancez `cargo xtask site`) : les pages s'afficheront sans carte"
            );
            "pkg".to_owned()
        });
        let listener = TcpListener::bind(args.bind).map_err(|source| StartError::Bind {
            address: args.bind,
            source,
        })?;
        let address = listener.local_addr().map_err(|source| StartError::Bind {
            address: args.bind,
            source,
        })?;
        let shell_config = ShellConfig {
            tiles: args.tile_layer(),
            addresses: args
                .address_api
                .as_deref()
                .map(|u| u.trim().trim_end_matches('/').to_owned())
                .filter(|u| !u.is_empty()),
        };
        let security = SecurityHeaders::new(
            shell_config.tiles.as_ref().map(|t| t.url.as_str()),
            shell_config.addresses.as_deref(),
            &args.frame_ancestors,
        )
        .map_err(StartError::Setting)?;
        if args.smtp.is_some() && args.url.is_none() {
            // A link in a mail would otherwise come from the Host header of whoever sends
            // the form: a forged one would send people to another site.
            return Err(StartError::Setting(
                "CARTO82_SMTP est réglé : réglez aussi CARTO82_URL, l'adresse publique du site, qui sert aux liens des courriels".to_owned(),
            ));
        }
        if args.url.is_none() {
            tracing::warn!(
                proxys = !args.proxies.is_empty(),
                "adresse publique non réglée (CARTO82_URL) : le code d'intégration et oEmbed \
                 prennent l'adresse de chaque requête (en-tête Host vérifié, et en-têtes \
                 X-Forwarded-* des seuls CARTO82_PROXIES) ; réglez-la en production"
            );
        }
        let site = Site {
            root: args.site,
            pkg_dir,
            shell: shell_config,
            address: SiteAddress {
                configured: args.url,
                proxies: args.proxies,
            },
            security,
            metrics: crate::observe::MetricsAccess {
                allowed: args.metrics_allow,
                token: args.metrics_token.filter(|t| !t.trim().is_empty()),
            },
            imports,
        };
        crate::request_log::log_every_request(args.log_requests);
        let reports = crate::reports::Reports::default();
        let contributions = crate::participation::Contributions::open(&args.base).await?;
        store.set_contributions(contributions.published().await?);
        let mailer = match (&args.smtp, &args.courriel) {
            (None, _) => None,
            (Some(relay), Some(from)) => {
                Some(crate::participation::Mailer::new(relay, from).map_err(StartError::Setting)?)
            }
            (Some(_), None) => {
                return Err(StartError::Setting(
                    "CARTO82_SMTP est réglé : réglez aussi CARTO82_COURRIEL, l'adresse d'expéditeur".to_owned(),
                ));
            }
        };
        let participation = crate::participation::Participation::new(contributions, mailer);
        let stopping = Stopping::default();
        let writes = Writes {
            reports,
            participation,
        };
        let server = run(listener, address, store, writes, site, stopping.clone())
            .map_err(|source| StartError::Bind { address, source })?;
        Ok(Application {
            address,
            server,
            stopping,
            _watch: watch,
            _import: import,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    /// Serves until SIGTERM or SIGINT, then stops without dropping a request: answers go on
    /// for [`LAME_DUCK`], each closing its connection; then the server stops accepting and
    /// gives the requests it holds [`SHUTDOWN_GRACE_S`] seconds to finish.
    pub async fn run_until_signal(self) -> std::io::Result<()> {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        let handle = self.server.handle();
        let stopping = self.stopping.clone();
        let server = actix_web::rt::spawn(self.server);
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
        tracing::info!("arrêt demandé : les requêtes en cours sont terminées avant l'arrêt");
        stopping.0.store(true, Ordering::Relaxed);
        actix_web::rt::time::sleep(LAME_DUCK).await;
        handle.stop(true).await;
        server
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))?
    }
}

/// `pkg/{version}`, where the browser code xtask built sits under the site and in URLs, as
/// the site's `version` file names it.
pub fn built_pkg_dir(site: &std::path::Path) -> Option<String> {
    let version = std::fs::read_to_string(site.join("version")).ok()?;
    let version = version.trim();
    let plain = !version.is_empty() && version.chars().all(|c| c.is_ascii_hexdigit());
    plain.then(|| format!("pkg/{version}"))
}

/// Where what people send is kept.
struct Writes {
    reports: crate::reports::Reports,
    participation: crate::participation::Participation,
}

/// What the server needs to know about the site it serves.
struct Site {
    /// The built site (`pkg/`, `assets/`).
    root: PathBuf,
    /// Where the browser code is, under `root` and in URLs: `pkg/{version}`.
    pkg_dir: String,
    shell: ShellConfig,
    address: SiteAddress,
    security: SecurityHeaders,
    /// Who may read `/metrics`.
    metrics: crate::observe::MetricsAccess,
    /// What the scheduled import did, for `/healthz` and `/metrics`.
    imports: Arc<crate::import::schedule::Imports>,
}

fn run(
    listener: TcpListener,
    bound: SocketAddr,
    store: Arc<Store>,
    writes: Writes,
    site: Site,
    stopping: Stopping,
) -> std::io::Result<Server> {
    let Writes {
        reports,
        participation,
    } = writes;
    let participation = web::Data::new(participation);
    crate::participation::follow_decisions(&participation, store.clone());
    let Site {
        root: site,
        pkg_dir,
        shell: shell_config,
        address,
        security,
        metrics: metrics_access,
        imports,
    } = site;
    let imports = web::Data::from(imports);
    let metrics = web::Data::new(crate::observe::Metrics::default());
    let metrics_access = web::Data::new(metrics_access);
    let reports = web::Data::new(reports);
    let address = web::Data::new(address);
    let security = web::Data::new(security);
    let stopping = web::Data::new(stopping);
    let turns = web::Data::new(tokio::sync::Semaphore::new(ANSWERS_AT_ONCE));
    let data = web::Data::from(store.clone());
    let leptos_options = LeptosOptions::builder()
        .output_name("app")
        .site_root(site.to_string_lossy().into_owned())
        .site_pkg_dir(pkg_dir)
        .site_addr(bound)
        .build();
    let routes = route_list();

    let server = HttpServer::new(move || {
        let options = leptos_options.clone();
        let shell_config = shell_config.clone();
        let store = store.clone();
        let address = address.clone();
        App::new()
            .wrap(from_fn(crate::page_cache::middleware))
            .wrap(from_fn(crate::compression::middleware))
            .wrap(from_fn(security_headers::middleware))
            .wrap(from_fn(crate::request_log::middleware))
            .wrap(from_fn(crate::methods::middleware))
            .wrap(from_fn(close_when_stopping))
            .wrap(from_fn(one_of_a_few_at_a_time))
            .app_data(turns.clone())
            .app_data(stopping.clone())
            .app_data(security.clone())
            // Bodies the server reads whole (server functions, reports): small.
            .app_data(web::PayloadConfig::new(64 * 1024))
            .app_data(data.clone())
            .app_data(web::Data::new(leptos_options.clone()))
            .app_data(web::Data::new(shell_config.clone()))
            .configure(crate::api::configure)
            .app_data(reports.clone())
            .service(
                web::resource("/signaler")
                    .app_data(
                        web::FormConfig::default()
                            .limit(crate::reports::MAX_BODY_BYTES)
                            .error_handler(crate::reports::form_error),
                    )
                    .route(web::post().to(crate::reports::post)),
            )
            .service(
                web::resource(security_headers::REPORT_PATH)
                    .app_data(web::PayloadConfig::new(8 * 1024))
                    .route(web::post().to(security_headers::report)),
            )
            .app_data(address.clone())
            .app_data(participation.clone())
            .app_data(metrics.clone())
            .app_data(metrics_access.clone())
            .app_data(imports.clone())
            .route("/readyz", web::get().to(crate::observe::ready))
            .route("/metrics", web::get().to(crate::observe::metrics))
            .configure(crate::participation::configure)
            .configure(crate::kit::configure)
            .route("/oembed", web::get().to(crate::oembed::oembed))
            .route(
                app::LEGAL_NOTICE,
                web::get().to(crate::legal_pages::legal_notice),
            )
            .route(
                app::ACCESSIBILITY,
                web::get().to(crate::legal_pages::accessibility_statement),
            )
            // `pkg/{version}/` is named after its content (see xtask): kept for good.
            .service(static_files::service(
                "/pkg",
                site.join("pkg"),
                "public, max-age=31536000, immutable",
            ))
            .service(static_files::service(
                "/assets",
                site.join("assets"),
                "public, max-age=3600",
            ))
            .leptos_routes_with_context(
                routes.clone(),
                move || {
                    // One version of the data for the whole request.
                    let catalogue: SharedCatalogue = store.current();
                    provide_context(catalogue);
                    if let Some(request) = use_context::<leptos_actix::Request>() {
                        security_headers::provide_nonce_of(&request);
                        provide_context(PublicOrigin(address.origin(&request)));
                    }
                },
                move || shell(options.clone(), shell_config.clone()),
            )
            .default_service(web::to(page_not_found))
    })
    // Without it, the last small write of an answer (the end of a compressed body) waits
    // for the client's delayed acknowledgement: 40 ms on every kept-alive answer (issue 18).
    .tcp_nodelay(true)
    .max_connections(MAX_CONNECTIONS_PER_WORKER)
    .backlog(BACKLOG)
    .client_request_timeout(REQUEST_HEAD_TIMEOUT)
    .shutdown_timeout(SHUTDOWN_GRACE_S)
    .disable_signals()
    .listen(listener)?
    .run();
    Ok(server)
}

/// The app's routes, listed once per process. While Leptos lists them it sets a
/// process-wide flag that makes every resource first polled meanwhile wait forever
/// (leptos-rs/leptos#4773): a page another server of the same process was rendering never
/// answered (the tests run many servers in one process). Listed before any of them
/// answers, and never again.
fn route_list() -> Vec<leptos_actix::ActixRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_actix::ActixRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

async fn page_not_found(req: HttpRequest) -> HttpResponse {
    HttpResponse::NotFound()
        .content_type("text/html; charset=utf-8")
        .body(crate::plain_page::document(
            &req,
            "Page introuvable – Carto82",
            None,
            "<h1>Cette page n'existe pas</h1><p><a href=\"/\">Revenir à la carte des lieux</a></p>",
        ))
}
