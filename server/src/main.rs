use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use carto82::config::{Cli, Command, UserAction};
use carto82::dataset::Dataset;
use carto82::participation::Contributions;
use carto82::startup::Application;
use carto82::{settings, telemetry};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The settings file first: its values go into the environment, under what is there.
    let args: Vec<String> = std::env::args().collect();
    let file = settings::named_file(&args);
    let from_file = match file.as_deref().map(settings::read_file) {
        None => Vec::new(),
        // SAFETY: nothing else runs yet: no thread reads the environment meanwhile.
        Some(Ok(values)) => unsafe { settings::apply(values) },
        Some(Err(e)) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let serve_matches = match matches.subcommand() {
        Some(("serve" | "config", sub)) => sub,
        _ => &matches,
    };
    let effective = settings::describe(serve_matches, &from_file, file.as_deref());
    match cli.command.unwrap_or(Command::Serve(Box::new(cli.serve))) {
        Command::Config { table, .. } => {
            if table {
                print!("{}", settings::table());
            } else {
                for line in effective {
                    println!("{line}");
                }
            }
            ExitCode::SUCCESS
        }
        Command::Validate { dir } => validate(&dir),
        Command::Import {
            source,
            data,
            settings,
        } => {
            let Some(source) = source.or(settings.import_source.clone()) else {
                eprintln!(
                    "quelle source ? Une adresse http(s) ou un fichier, ou le réglage import_source"
                );
                return ExitCode::FAILURE;
            };
            let imported = run_async(async {
                carto82::import::import(&source, &data, &settings.options())
                    .await
                    .map_err(|e| e.to_string())
            });
            match imported {
                Ok(report) => {
                    print!("{report}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("rien n'est changé : {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Synthetic(args) => {
            let size = carto82::synthetic::Size {
                communes: args.communes,
                places: args.places,
                events: args.events,
                seed: args.seed,
            };
            match carto82::synthetic::generate(&args.dir, size) {
                Ok(()) => {
                    println!("{} : jeu synthétique écrit ({size:?}).", args.dir.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{} : écriture impossible : {e}", args.dir.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve(args) => {
            telemetry::init(args.log_format == "json");
            for line in &effective {
                tracing::info!("réglage {line}");
            }
            serve(*args)
        }
        Command::Export { dir, data, base } => {
            let exported = run_async(async {
                let store = Contributions::open_existing(&base)
                    .await
                    .map_err(|e| e.to_string())?;
                let published = store.published().await.map_err(|e| e.to_string())?;
                carto82::export::export(&data, &published, &dir).map_err(|e| e.to_string())
            });
            match exported {
                Ok(done) => {
                    println!(
                        "{} : jeu de données exporté. Événements : {}, dont {} venus des propositions publiées. Lieux venus des propositions : {}. Structures venues des propositions : {}.",
                        dir.display(),
                        done.events,
                        done.contributed,
                        done.places,
                        done.actors
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("rien n'est exporté : {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::BackUp { file, base } => {
            let saved = run_async(async {
                let store = Contributions::open_existing(&base)
                    .await
                    .map_err(|e| e.to_string())?;
                store.back_up(&file).await.map_err(|e| e.to_string())
            });
            match saved {
                Ok(()) => {
                    println!("{} : base sauvegardée.", file.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("pas de sauvegarde : {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::User {
            action:
                UserAction::Add {
                    identifiant,
                    role,
                    zone,
                    base,
                },
        } => add_user(&identifiant, &role, zone.as_deref(), &base),
    }
}

fn add_user(id: &str, role: &str, zone: Option<&str>, base: &str) -> ExitCode {
    use carto82::participation::{Role, accounts};
    let role = match (role, zone.map(str::parse::<app::model::Zone>)) {
        ("coordinateur", None) => Role::Coordinator,
        ("referent", Some(Ok(zone))) => Role::Referent(zone),
        ("referent", _) => {
            eprintln!("un référent a une zone : --zone Est, Ouest ou Centre");
            return ExitCode::FAILURE;
        }
        _ => {
            eprintln!("un coordinateur n'a pas de zone : il voit tout");
            return ExitCode::FAILURE;
        }
    };
    let password = match std::env::var("CARTO82_MOT_DE_PASSE") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                eprintln!("mot de passe illisible sur l'entrée standard");
                return ExitCode::FAILURE;
            }
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let done = run_async(async {
        let store = Contributions::open(base).await.map_err(|e| e.to_string())?;
        accounts::add(&store, id, &password, role)
            .await
            .map_err(|e| e.to_string())
    });
    match done {
        Ok(()) => {
            println!("compte « {id} » créé.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("compte non créé : {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a command's work on the database, which is asynchronous.
fn run_async<T>(work: impl std::future::Future<Output = Result<T, String>>) -> Result<T, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?
        .block_on(work)
}

/// Prints every problem of the dataset, one a line; exit status 0 only when clean.
fn validate(dir: &std::path::Path) -> ExitCode {
    match Dataset::load(dir) {
        Ok(dataset) => {
            println!(
                "{} : jeu de données valide ({} lieux, {} événements, {} ressources, {} acteurs, {} communes, {} EPCI).",
                dir.display(),
                dataset.records.places.len(),
                dataset.records.events.len(),
                dataset.records.resources.len(),
                dataset.records.actors.len(),
                dataset.territory.communes.len(),
                dataset.territory.epcis.len()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for p in &problems.0 {
                eprintln!("{p}");
            }
            eprintln!("{} : {} problème(s).", dir.display(), problems.0.len());
            ExitCode::FAILURE
        }
    }
}

fn serve(args: carto82::config::ServeArgs) -> ExitCode {
    let runtime = actix_web::rt::System::new();
    runtime.block_on(async move {
        let app = match Application::build(args).await {
            Ok(app) => app,
            Err(e) => {
                eprintln!("Carto82 ne démarre pas.\n{e}");
                return ExitCode::FAILURE;
            }
        };
        println!("Carto82 est prêt : http://{}", app.address());
        match app.run_until_signal().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("Carto82 s'est arrêté : {e}");
                ExitCode::FAILURE
            }
        }
    })
}
