use std::process::ExitCode;

use clap::Parser;

use carto82::config::{Cli, Command};
use carto82::dataset::Dataset;
use carto82::startup::Application;
use carto82::telemetry;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve(Box::new(cli.serve))) {
        Command::Validate { dir } => validate(&dir),
        Command::Import { file, data } => match carto82::import::import(&file, &data) {
            Ok(report) => {
                print!("{report}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
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
            telemetry::init();
            serve(*args)
        }
    }
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
