//! Building and running the HTTP server, the same way for `carto82` and for the tests
//! (which bind port 0 and read the chosen address back).

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, DefaultHeaders};
use actix_web::{App, HttpResponse, HttpServer, web};
use leptos::prelude::*;
use leptos_actix::{LeptosRoutes, generate_route_list};
use tracing_actix_web::TracingLogger;

use actix_web::dev::Service;
use app::catalogue::{PublicUrl, SharedCatalogue};
use app::{ShellConfig, shell};

use crate::config::ServeArgs;
use crate::dataset::{DatasetErrors, LoadOptions, Store, WatchGuard};
use crate::framing::{self, FrameAncestors};
use crate::static_files;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("Le jeu de données est invalide :\n{0}")]
    Dataset(#[from] DatasetErrors),
    #[error("Impossible d'écouter sur {address} : {source}")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
}

pub struct Application {
    address: SocketAddr,
    server: Server,
    _watch: Option<WatchGuard>,
}

impl Application {
    pub async fn build(args: ServeArgs) -> Result<Application, StartError> {
        let options = LoadOptions {
            examples: args.exemples,
        };
        let store = Arc::new(Store::open(&args.data, options)?);
        let dataset = store.current();
        tracing::info!(
            lieux = dataset.places.len(),
            communes = dataset.territory.communes.len(),
            dossier = %args.data.display(),
            "jeu de données chargé"
        );
        let watch = store
            .watch()
            .inspect_err(|e| tracing::warn!("modifications des données non suivies : {e}"))
            .ok();
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
                .adresses
                .as_deref()
                .map(|u| u.trim().trim_end_matches('/').to_owned())
                .filter(|u| !u.is_empty()),
        };
        let site = Site {
            root: args.site,
            pkg_dir,
            shell: shell_config,
            public_url: PublicUrl(args.url),
            frame_ancestors: args.integration,
        };
        let reports = crate::reports::Reports::new(args.signalements.clone());
        let server = run(listener, address, store, reports, site)
            .map_err(|source| StartError::Bind { address, source })?;
        Ok(Application {
            address,
            server,
            _watch: watch,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
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

/// What the server needs to know about the site it serves.
struct Site {
    /// The built site (`pkg/`, `assets/`).
    root: PathBuf,
    /// Where the browser code is, under `root` and in URLs: `pkg/{version}`.
    pkg_dir: String,
    shell: ShellConfig,
    public_url: PublicUrl,
    frame_ancestors: FrameAncestors,
}

fn run(
    listener: TcpListener,
    address: SocketAddr,
    store: Arc<Store>,
    reports: crate::reports::Reports,
    site: Site,
) -> std::io::Result<Server> {
    let Site {
        root: site,
        pkg_dir,
        shell: shell_config,
        public_url,
        frame_ancestors,
    } = site;
    let reports = web::Data::new(reports);
    let public = web::Data::new(public_url.clone());
    let embed_policy = frame_ancestors.header_value();
    let catalogue: SharedCatalogue = store.clone();
    let data = web::Data::from(store);
    let leptos_options = LeptosOptions::builder()
        .output_name("app")
        .site_root(site.to_string_lossy().into_owned())
        .site_pkg_dir(pkg_dir)
        .site_addr(address)
        .build();
    let routes = generate_route_list(app::App);

    let server = HttpServer::new(move || {
        let options = leptos_options.clone();
        let shell_config = shell_config.clone();
        let catalogue = catalogue.clone();
        let public_url = public_url.clone();
        let embed_policy = embed_policy.clone();
        App::new()
            .wrap(Compress::default())
            .wrap(
                DefaultHeaders::new()
                    .add(("X-Content-Type-Options", "nosniff"))
                    .add(("Referrer-Policy", "strict-origin-when-cross-origin")),
            )
            // Only the embed may be framed by other sites.
            .wrap_fn(move |request, service| {
                let path = request.path().to_owned();
                let policy = embed_policy.clone();
                let answer = service.call(request);
                async move {
                    let mut answer = answer.await?;
                    framing::set_headers(&path, &policy, answer.headers_mut());
                    Ok(answer)
                }
            })
            .wrap(TracingLogger::default())
            .app_data(data.clone())
            .app_data(web::Data::new(leptos_options.clone()))
            .configure(crate::api::configure)
            .app_data(reports.clone())
            // A report is a few lines of text.
            .app_data(web::FormConfig::default().limit(16 * 1024))
            .route("/signaler", web::post().to(crate::reports::post))
            .app_data(public.clone())
            .route("/oembed", web::get().to(crate::oembed::oembed))
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
                    provide_context(catalogue.clone());
                    provide_context(public_url.clone());
                },
                move || shell(options.clone(), shell_config.clone()),
            )
            .default_service(web::to(page_not_found))
    })
    .listen(listener)?
    .run();
    Ok(server)
}

async fn page_not_found() -> HttpResponse {
    HttpResponse::NotFound()
        .content_type("text/html; charset=utf-8")
        .body(crate::plain_page::document(
            "Page introuvable – Carto82",
            None,
            "<h1>Cette page n'existe pas</h1><p><a href=\"/\">Revenir à la carte des lieux</a></p>",
        ))
}
