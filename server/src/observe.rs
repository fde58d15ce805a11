//! What an operator watches (issue 19). `/readyz`: the data is loaded and the contributions
//! database answers (else 503, saying which). `/metrics`, in Prometheus' text format: the
//! requests and their durations per route, the answers per status, the data served and its
//! reloads, the scheduled imports, the proposals and reports waiting, the database. `/metrics` answers only the
//! addresses of `metrics_allow` and the bearer of `metrics_token`: by default, nobody.

use std::sync::Mutex;

use actix_web::{HttpRequest, HttpResponse, web};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::client::{Networks, SiteAddress};
use crate::dataset::Store;
use crate::import::schedule::Imports;
use crate::participation::{Kind, Participation};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answer {
    route: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Of {
    kind: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Outcome {
    result: String,
}

type Durations = Family<Route, Histogram, fn() -> Histogram>;

/// The server's metrics: counted as requests are answered, read again at each scrape.
pub struct Metrics {
    registry: Mutex<Registry>,
    answers: Family<Answer, Counter>,
    durations: Durations,
    records: Family<Of, Gauge>,
    loaded: Gauge,
    refused: Gauge,
    reloads: Family<Outcome, Counter>,
    waiting: Family<Of, Gauge>,
    database: Gauge,
    imports: Family<Outcome, Counter>,
    import_failing: Gauge,
    import_success: Gauge,
    import_places: Family<Of, Gauge>,
}

fn durations() -> Histogram {
    // From 1 ms to 8 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 14))
}

impl Default for Metrics {
    fn default() -> Metrics {
        let mut registry = Registry::with_prefix("carto82");
        let metrics = Metrics {
            answers: Family::default(),
            durations: Durations::new_with_constructor(durations),
            records: Family::default(),
            loaded: Gauge::default(),
            refused: Gauge::default(),
            reloads: Family::default(),
            waiting: Family::default(),
            database: Gauge::default(),
            imports: Family::default(),
            import_failing: Gauge::default(),
            import_success: Gauge::default(),
            import_places: Family::default(),
            registry: Mutex::new(Registry::default()),
        };
        registry.register(
            "answers",
            "Réponses données, par route (le modèle, jamais l'adresse tapée), méthode et statut",
            metrics.answers.clone(),
        );
        registry.register(
            "answer_duration_seconds",
            "Durée des réponses par route, en secondes",
            metrics.durations.clone(),
        );
        registry.register(
            "dataset_records",
            "Enregistrements servis, par genre (lieux, evenements, ressources, acteurs)",
            metrics.records.clone(),
        );
        registry.register(
            "dataset_loaded_timestamp_seconds",
            "Quand les données servies ont été lues (secondes Unix) : leur version",
            metrics.loaded.clone(),
        );
        registry.register(
            "dataset_reload_refused",
            "1 si les fichiers ont changé en un jeu refusé (la version précédente est servie)",
            metrics.refused.clone(),
        );
        registry.register(
            "dataset_reloads",
            "Rechargements des données depuis le démarrage : faits (fait) ou refusés (refuse)",
            metrics.reloads.clone(),
        );
        registry.register(
            "proposals_waiting",
            "Propositions et signalements reçus que personne n'a encore lus, par genre",
            metrics.waiting.clone(),
        );
        registry.register(
            "database_up",
            "1 si la base des contributions répond",
            metrics.database.clone(),
        );
        registry.register(
            "imports",
            "Imports programmés depuis le démarrage : réussis (reussi) ou échoués (echoue)",
            metrics.imports.clone(),
        );
        registry.register(
            "import_failing",
            "1 si le dernier import programmé a échoué (les données d'avant sont servies)",
            metrics.import_failing.clone(),
        );
        registry.register(
            "import_last_success_timestamp_seconds",
            "Quand le dernier import programmé a réussi (secondes Unix), 0 jamais",
            metrics.import_success.clone(),
        );
        registry.register(
            "import_places",
            "Lignes du dernier import réussi : ajoutées (ajoutes), mis à jour (mis_a_jour), laissées (laisses), dont illisibles (illisibles)",
            metrics.import_places.clone(),
        );
        *metrics.registry.lock().expect("not poisoned") = registry;
        metrics
    }
}

impl Metrics {
    /// Counts one answer.
    pub fn observe(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.answers
            .get_or_create(&Answer {
                route: route.to_owned(),
                method: method.to_owned(),
                status,
            })
            .inc();
        self.durations
            .get_or_create(&Route {
                route: route.to_owned(),
            })
            .observe(seconds);
    }

    /// The text of a scrape, after reading the data and the database again.
    async fn scrape(
        &self,
        store: &Store,
        participation: &Participation,
        imports: &Imports,
    ) -> String {
        let dataset = store.current();
        let records = &dataset.records;
        for (kind, count) in [
            ("lieux", records.places.len()),
            ("evenements", records.events.len()),
            ("ressources", records.resources.len()),
            ("acteurs", records.actors.len()),
        ] {
            self.records.get_or_create(&of(kind)).set(count as i64);
        }
        self.loaded.set(dataset.loaded_at.timestamp());
        self.refused.set(i64::from(store.last_refusal().is_some()));
        let (done, refused) = store.reloads();
        count_up(&self.reloads, [("fait", done), ("refuse", refused)]);
        let import = imports.state();
        count_up(
            &self.imports,
            [("reussi", import.succeeded), ("echoue", import.failed)],
        );
        self.import_failing.set(i64::from(import.failing()));
        if let Some((at, summary)) = import.last_success {
            self.import_success.set(at.timestamp());
            for (kind, n) in [
                ("ajoutes", summary.added),
                ("mis_a_jour", summary.updated),
                ("laisses", summary.left),
                ("illisibles", summary.unreadable),
            ] {
                self.import_places.get_or_create(&of(kind)).set(n as i64);
            }
        }
        let base = participation.contributions();
        let mut up = base.changes().await.is_ok();
        for kind in Kind::ALL {
            match base.unread(kind).await {
                Ok(n) => {
                    self.waiting.get_or_create(&of(kind.code())).set(n);
                }
                Err(_) => up = false,
            }
        }
        self.database.set(i64::from(up));
        let mut text = String::new();
        let registry = self.registry.lock().expect("not poisoned");
        if let Err(e) = prometheus_client::encoding::text::encode(&mut text, &registry) {
            tracing::error!("métriques non écrites : {e}");
        }
        text
    }
}

/// Brings counters kept elsewhere (the store's, the imports') up to their totals.
fn count_up<const N: usize>(family: &Family<Outcome, Counter>, totals: [(&str, u64); N]) {
    for (outcome, total) in totals {
        let counter = family.get_or_create(&Outcome {
            result: outcome.to_owned(),
        });
        counter.inc_by(total.saturating_sub(counter.get()));
    }
}

fn of(kind: &str) -> Of {
    Of {
        kind: kind.to_owned(),
    }
}

/// Who may read `/metrics`: `metrics_allow` (addresses or networks) and `metrics_token`.
#[derive(Clone, Debug, Default)]
pub struct MetricsAccess {
    pub allowed: Networks,
    pub token: Option<String>,
}

impl MetricsAccess {
    fn lets(&self, req: &HttpRequest, site: &SiteAddress) -> bool {
        let by_address = self.allowed.contains(site.source(req).client_ip);
        let by_token = self.token.as_deref().is_some_and(|token| {
            req.headers()
                .get(actix_web::http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .is_some_and(|given| constant_time_eq(given.as_bytes(), token.as_bytes()))
        });
        by_address || by_token
    }
}

/// Equal bytes, compared in a time that does not tell how many matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub async fn metrics(
    req: HttpRequest,
    metrics: web::Data<Metrics>,
    access: web::Data<MetricsAccess>,
    site: web::Data<SiteAddress>,
    store: web::Data<Store>,
    participation: web::Data<Participation>,
    imports: web::Data<Imports>,
) -> HttpResponse {
    if !access.lets(&req, &site) {
        return HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("Les métriques ne sont lues que par la supervision (réglages metrics_allow ou metrics_token).\n");
    }
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(metrics.scrape(&store, &participation, &imports).await)
}

/// Ready to serve: the data is loaded and the database answers.
pub async fn ready(
    store: web::Data<Store>,
    participation: web::Data<Participation>,
) -> HttpResponse {
    let dataset = store.current();
    let database = participation.contributions().changes().await.is_ok();
    let body = serde_json::json!({
        "pret": database && !dataset.records.places.is_empty(),
        "donnees": { "lieux": dataset.records.places.len(), "lues_le": dataset.loaded_at.to_rfc3339() },
        "base": if database { "répond" } else { "ne répond pas" },
    });
    if database {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
