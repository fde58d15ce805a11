use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use app::TileLayerConfig;

use crate::client::TrustedProxies;
use crate::framing::{FrameAncestors, parse_origin};

/// Written as browsers write an origin (`https://Carto82.fr:443/` → `https://carto82.fr`),
/// so that oEmbed recognises the links of the site.
fn public_url(value: &str) -> Result<String, String> {
    let origin = parse_origin(value, false)?;
    url::Url::parse(&origin)
        .map(|u| u.origin().ascii_serialization())
        .map_err(|e| format!("« {value} » : {e}"))
}

#[derive(Debug, Parser)]
#[command(
    name = "carto82",
    version,
    about = "Carte des lieux d'aide au numérique du Tarn-et-Garonne",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sert la carte et l'API (par défaut).
    Serve(Box<ServeArgs>),
    /// Vérifie un jeu de données sans rien servir ; code de sortie 0 seulement s'il est valide.
    Validate {
        #[arg(default_value = "data")]
        dir: PathBuf,
    },
    /// Fusionne dans le jeu de données les lieux d'une source au standard national (l'API de
    /// la cartographie nationale ou l'export data.gouv.fr, par une adresse http(s), ou un
    /// fichier CSV), sans rien perdre de l'existant ; affiche ce qui est ajouté, mis à jour ou
    /// laissé, et pourquoi.
    Import {
        /// Adresse http(s) ou fichier. Par défaut : le réglage `import_source`.
        source: Option<crate::import::Source>,
        /// Dossier du jeu de données.
        #[arg(long, env = "CARTO82_DATA", default_value = "data")]
        data: PathBuf,
        #[command(flatten)]
        settings: ImportSettings,
    },
    /// Écrit un jeu de données synthétique à l'échelle nationale (35 000 communes, 30 000 lieux,
    /// 20 000 événements par défaut), pour mesurer les calculs ; il n'est pas réel.
    Synthetic(SyntheticArgs),
    /// Écrit tout ce qui est publié (le dossier des données, avec les propositions
    /// publiées) dans un nouveau dossier, au même format : à vérifier, versionner, publier.
    #[command(name = "exporter")]
    Export {
        /// Dossier à écrire (nouveau, ou vide).
        dir: PathBuf,
        /// Dossier du jeu de données.
        #[arg(long, env = "CARTO82_DATA", default_value = "data")]
        data: PathBuf,
        #[arg(long, env = "CARTO82_BASE", default_value = "sqlite:carto82.sqlite")]
        base: String,
    },
    /// Sauvegarde la base des contributions (SQLite) dans un nouveau fichier, même pendant
    /// que le serveur tourne. Pour restaurer : arrêter le serveur, supprimer les fichiers
    /// `-wal` et `-shm` de la base, mettre la copie à sa place.
    #[command(name = "sauvegarder")]
    BackUp {
        /// Fichier à écrire (il ne doit pas exister).
        file: PathBuf,
        #[arg(long, env = "CARTO82_BASE", default_value = "sqlite:carto82.sqlite")]
        base: String,
    },
    /// Affiche les réglages en vigueur (ligne de commande, environnement, fichier
    /// CARTO82_CONFIG, défaut), mots de passe cachés ; `--tableau` : le tableau de
    /// docs/configuration.md.
    Config {
        /// Écrire le tableau de tous les réglages (Markdown) au lieu des valeurs.
        #[arg(long = "tableau")]
        table: bool,
        #[command(flatten)]
        serve: Box<ServeArgs>,
    },
    /// Gère les comptes des coordinateurs.
    #[command(name = "utilisateur")]
    User {
        #[command(subcommand)]
        action: UserAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Crée un compte. Le mot de passe (12 caractères au moins) est lu sur l'entrée standard,
    /// une ligne, ou dans CARTO82_MOT_DE_PASSE ; il n'est jamais écrit en clair.
    #[command(name = "ajouter")]
    Add {
        /// Identifiant de connexion (lettres, chiffres, « . », « - », « _ », « @ »).
        identifiant: String,
        /// `coordinateur` (tout) ou `referent` (les propositions d'une zone).
        #[arg(long, value_parser = ["coordinateur", "referent"])]
        role: String,
        /// La zone d'un référent : Est, Ouest ou Centre.
        #[arg(long)]
        zone: Option<String>,
        #[arg(long, env = "CARTO82_BASE", default_value = "sqlite:carto82.sqlite")]
        base: String,
    },
}

/// Sizes of `carto82 synthetic` (defaults: national scale).
#[derive(Debug, Args)]
pub struct SyntheticArgs {
    /// Dossier où écrire le jeu (créé au besoin).
    pub dir: PathBuf,
    #[arg(long, default_value_t = 35_000)]
    pub communes: usize,
    #[arg(long, default_value_t = 30_000)]
    pub places: usize,
    #[arg(long, default_value_t = 20_000)]
    pub events: usize,
    /// Graine du tirage : la même graine écrit les mêmes fichiers.
    #[arg(long, default_value_t = 82)]
    pub seed: u64,
}

/// How the places of the national sources are imported, by `carto82 import` and the server.
#[derive(Debug, Clone, Args)]
pub struct ImportSettings {
    /// Source des lieux à importer : l'API de la cartographie nationale
    /// (`https://…/lieux-inclusion-numerique`), l'export au standard sur data.gouv.fr (CSV,
    /// gzip ou non), ou un fichier. Aucune par défaut.
    #[arg(long, env = "CARTO82_IMPORT_SOURCE")]
    pub import_source: Option<crate::import::Source>,
    /// Département dont les lieux sont gardés (le début de leur code INSEE).
    #[arg(long, env = "CARTO82_IMPORT_DEPARTEMENT", default_value = "82")]
    pub import_departement: crate::import::Departement,
    /// Temps laissé à la source pour chaque réponse, en secondes.
    #[arg(long, env = "CARTO82_IMPORT_TIME_LIMIT", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub import_time_limit: u64,
}

impl ImportSettings {
    pub fn options(&self) -> crate::import::Options {
        crate::import::Options {
            departement: self.import_departement.clone(),
            time_limit: std::time::Duration::from_secs(self.import_time_limit),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Fichier de réglages (TOML) : chaque réglage ci-dessous peut y être écrit sous son nom
    /// sans « CARTO82_ », en minuscules (`bind = "127.0.0.1:8082"`). L'environnement et la
    /// ligne de commande passent avant lui.
    #[arg(long, env = "CARTO82_CONFIG")]
    pub config: Option<PathBuf>,
    /// Adresse d'écoute.
    #[arg(long, env = "CARTO82_BIND", default_value = "127.0.0.1:8082")]
    pub bind: SocketAddr,
    /// Dossier du jeu de données.
    #[arg(long, env = "CARTO82_DATA", default_value = "data")]
    pub data: PathBuf,
    /// Dossier du site construit (pkg/ et assets/), produit par `cargo xtask site`.
    #[arg(long, env = "CARTO82_SITE", default_value = "target/site")]
    pub site: PathBuf,
    /// Montrer le programme d'exemple (événements marqués « exemple ») : `true` ou `false`.
    #[arg(
        long,
        env = "CARTO82_EXAMPLES",
        default_value_t = true,
        action = clap::ArgAction::Set,
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub examples: bool,
    /// Fond de carte en tuiles : `osm`, `ign`, ou un modèle d'URL Leaflet. Aucun par défaut :
    /// la carte n'appelle alors aucun autre serveur que le nôtre.
    #[arg(long, env = "CARTO82_TILES")]
    pub tiles: Option<String>,
    /// API Adresse nationale (BAN) pour chercher une adresse précise, par exemple
    /// `https://api-adresse.data.gouv.fr`. Aucune par défaut : le navigateur ne l'appelle
    /// qu'avec ce réglage ; sans lui, la recherche se fait sur les communes seulement.
    #[arg(long, env = "CARTO82_ADDRESS_API")]
    pub address_api: Option<String>,
    /// Base des contributions (propositions des structures et leur suivi) : un fichier
    /// SQLite, créé s'il n'existe pas, ou `postgres://…` pour plusieurs serveurs.
    #[arg(long, env = "CARTO82_BASE", default_value = "sqlite:carto82.sqlite")]
    pub base: String,
    /// Relais SMTP pour écrire aux structures (leur lien de suivi, les décisions de
    /// l'équipe) : `smtp://hôte:port`, un relais de la machine ou du réseau interne ; demande
    /// aussi CARTO82_URL. Aucun par défaut : rien n'est envoyé, la page de suivi suffit.
    #[arg(long, env = "CARTO82_SMTP")]
    pub smtp: Option<String>,
    /// Adresse d'expéditeur de ces courriels, par exemple `Carto82 <carto82@exemple.fr>`
    /// (nécessaire avec CARTO82_SMTP).
    #[arg(long, env = "CARTO82_COURRIEL")]
    pub courriel: Option<String>,
    /// Adresse publique du site, par exemple `https://carto82.tarnetgaronne.fr`, pour le code
    /// d'intégration et oEmbed. Par défaut : celle par laquelle arrive chaque requête.
    #[arg(long, env = "CARTO82_URL", value_parser = public_url)]
    pub url: Option<String>,
    /// Sites qui peuvent intégrer la carte (`/embed`) dans un cadre : `*` (tous), `aucun`, ou
    /// des adresses séparées par des espaces (`https://www.moissac.fr https://*.exemple.fr`).
    /// Les autres pages ne peuvent jamais être intégrées.
    #[arg(long, env = "CARTO82_FRAME_ANCESTORS", default_value = "*")]
    pub frame_ancestors: FrameAncestors,
    /// Accepter un rechargement des données qui retire plus de la moitié des lieux. Par
    /// défaut il est refusé (la version précédente reste servie) : un export coupé ou un
    /// mauvais dossier ne doit pas vider la carte. Un redémarrage l'accepte toujours.
    #[arg(
        long,
        env = "CARTO82_FORCE_RELOAD",
        default_value_t = false,
        action = clap::ArgAction::Set,
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub force_reload: bool,
    /// Proxys inverses (nginx…) dont on croit les en-têtes `Forwarded` et `X-Forwarded-*` :
    /// adresses IP ou réseaux séparés par des espaces (`127.0.0.1 10.0.0.0/8`). Aucun par
    /// défaut : ces en-têtes sont alors ignorés, car n'importe qui peut les écrire.
    #[arg(long, env = "CARTO82_PROXIES", default_value = "")]
    pub proxies: TrustedProxies,
    /// Qui peut lire `/metrics` (la supervision) : adresses IP ou réseaux séparés par des
    /// espaces (`127.0.0.1 10.1.2.0/24`), l'adresse du client telle que `proxies` la donne.
    /// Personne par défaut.
    #[arg(long, env = "CARTO82_METRICS_ALLOW", default_value = "")]
    pub metrics_allow: crate::client::Networks,
    /// Jeton qui ouvre aussi `/metrics` (en-tête `Authorization: Bearer …`). Aucun par défaut.
    #[arg(long, env = "CARTO82_METRICS_TOKEN")]
    pub metrics_token: Option<String>,
    /// Format du journal : `texte` (lisible) ou `json` (une ligne JSON par évènement, pour
    /// un outil qui les lit).
    #[arg(long, env = "CARTO82_LOG_FORMAT", default_value = "texte", value_parser = ["texte", "json"])]
    pub log_format: String,
    /// Une ligne de journal par requête (méthode, route, statut, durée ; jamais l'adresse
    /// tapée ni le client) : `true` ou `false`.
    #[arg(
        long,
        env = "CARTO82_LOG_REQUESTS",
        default_value_t = false,
        action = clap::ArgAction::Set,
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub log_requests: bool,
    /// Mention des sources du fond de carte, pour un modèle d'URL personnel.
    #[arg(long, env = "CARTO82_TILES_ATTRIBUTION", default_value = "")]
    pub tiles_attribution: String,
    /// Quand le serveur importe lui-même `import_source` : une heure de Paris (`03:30`, chaque
    /// nuit) ou un intervalle (`6h`, `30min`). Jamais par défaut. Un import qui échoue ne change
    /// rien : les données d'avant restent servies, et `/healthz` et `/metrics` le disent.
    #[arg(long, env = "CARTO82_IMPORT_SCHEDULE")]
    pub import_schedule: Option<crate::import::schedule::Schedule>,
    #[command(flatten)]
    pub import: ImportSettings,
}

impl ServeArgs {
    pub fn tile_layer(&self) -> Option<TileLayerConfig> {
        let choice = self.tiles.as_deref()?.trim();
        let (url, attribution) = match choice {
            "" => return None,
            "osm" => (
                "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                "© les contributeurs d'OpenStreetMap",
            ),
            "ign" => (
                "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&FORMAT=image/png&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
                "© IGN – Géoplateforme",
            ),
            url => (url, self.tiles_attribution.as_str()),
        };
        Some(TileLayerConfig {
            url: url.to_owned(),
            attribution: attribution.to_owned(),
        })
    }
}
