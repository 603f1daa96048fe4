//! The Equimark server binary: reads configuration, opens and migrates the
//! database, seeds the demo on first start, and serves until told to stop.
//!
//! Commands:
//!   equimark                        serve (the default)
//!   equimark import-framework FILE… check and publish framework files
//!   equimark export-framework ID VERSION   print a published framework file
//!   equimark generate [--schools N] [--seed S]   add a generated network
//!   equimark backup FILE            write a backup of the whole database
//!   equimark restore FILE           replace the database with a backup

mod config;

use app::http::{router, AppState, Settings};
use app::store::audit::Actor;
use app::store::seed::{Demo, Seeded, DEMO_ACCOUNTS, DEMO_PASSWORD};
use app::store::Store;
use config::Config;
use leptos::prelude::LeptosOptions;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("equimark: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(&config.log))
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            format!(
                "cannot create the data directory {}: {e}",
                config.data_dir.display()
            )
        })?;
    }
    // A restore replaces the database before anything opens it.
    if args.first().map(String::as_str) == Some("restore") {
        let [_, file] = args.as_slice() else {
            return Err("usage: equimark restore FILE (stop the app servers first)".into());
        };
        app::store::backup::restore(&config.database_url, std::path::Path::new(file))
            .await
            .map_err(|e| format!("cannot restore: {e}"))?;
        println!("restored the database from {file}");
    }
    let store = Store::connect_with(&config.database_url, config.db_connections)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    store
        .migrate()
        .await
        .map_err(|e| format!("cannot migrate the database: {e}"))?;

    match args.first().map(String::as_str) {
        None | Some("serve") => serve(config, store).await,
        Some("import-framework") => import_frameworks(&store, &args[1..]).await,
        Some("export-framework") => match &args[1..] {
            [id, version] => {
                let source = store
                    .framework_source(id, version)
                    .await
                    .map_err(|e| e.to_string())?;
                print!("{source}");
                Ok(())
            }
            _ => Err("usage: equimark export-framework ID VERSION".into()),
        },
        Some("generate") => generate(&store, &args[1..]).await,
        Some("backup") => match &args[1..] {
            [file] => {
                store
                    .backup(std::path::Path::new(file))
                    .await
                    .map_err(|e| format!("cannot back up: {e}"))?;
                println!("wrote a backup of the database to {file}");
                Ok(())
            }
            _ => Err("usage: equimark backup FILE".into()),
        },
        // Done above, and the database migrated to this version.
        Some("restore") => Ok(()),
        Some(other) => Err(format!(
            "unknown command {other:?}; the commands are serve, import-framework, export-framework, generate, backup, restore"
        )),
    }
}

/// Who the audit log names for changes made from the command line.
fn command_line() -> Actor {
    Actor {
        account: None,
        email: "command line".to_owned(),
        ip: "local".to_owned(),
    }
}

/// Adds a reproducible network of generated schools (see
/// `app::store::generate`), printing progress.
async fn generate(store: &Store, args: &[String]) -> Result<(), String> {
    use app::store::generate::GenerateOptions;
    use std::io::Write;
    const USAGE: &str = "usage: equimark generate [--schools N] [--seed S]";
    let mut options = GenerateOptions {
        schools: 5_000,
        seed: 1,
    };
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or(USAGE)?;
        match flag.as_str() {
            "--schools" => options.schools = value.parse().map_err(|_| USAGE)?,
            "--seed" => options.seed = value.parse().map_err(|_| USAGE)?,
            _ => return Err(USAGE.into()),
        }
    }
    let started = std::time::Instant::now();
    let made = store
        .generate_network(options, |done, total| {
            eprint!(
                "\r{done} of {total} schools ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
            let _ = std::io::stderr().flush();
        })
        .await
        .map_err(|e| e.to_string())?;
    eprintln!();
    println!(
        "{}: {} schools, {} self-assessments, {} answers, {} reviews, {} awards, {} clusters, {} cards in {:.1} s",
        made.network,
        made.schools,
        made.assessments,
        made.responses,
        made.reviews,
        made.awards,
        made.clusters,
        made.cards,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn import_frameworks(store: &Store, files: &[String]) -> Result<(), String> {
    if files.is_empty() {
        return Err("usage: equimark import-framework FILE…".into());
    }
    for file in files {
        let source = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let published = store
            .publish_framework(file, &source, &command_line())
            .await
            .map_err(|e| e.to_string())?;
        println!("published {} version {}", published.id, published.version);
    }
    Ok(())
}

async fn serve(config: Config, store: Store) -> Result<(), String> {
    if let Some(demo) = config.demo {
        store
            .seed_frameworks(&command_line())
            .await
            .map_err(|e| e.to_string())?;
        if let Seeded::Fresh = store.seed_demo_as(demo).await.map_err(|e| e.to_string())? {
            tracing::info!("seeded the demo dataset");
        }
    }
    // Earlier versions kept uploads on disk: bring them into the database.
    let old_files = config.data_dir.join("evidence");
    match store.import_files(&old_files).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            "brought {n} files from {} into the database; the folder can be removed",
            old_files.display()
        ),
        Err(error) => {
            return Err(format!(
                "cannot import the files in {}: {error}",
                old_files.display()
            ))
        }
    }
    match &config.smtp_url {
        Some(url) => {
            let mailer =
                app::mailer::Mailer::new(url, &config.mail_from).map_err(|e| e.to_string())?;
            mailer.spawn(store.clone(), std::time::Duration::from_secs(10));
            tracing::info!("sending the outbox over SMTP every 10 s");
        }
        None => {
            let folder = config.data_dir.join("mail");
            let mailer = app::mailer::Mailer::into_folder(&folder, &config.mail_from)
                .map_err(|e| e.to_string())?;
            mailer.spawn(store.clone(), std::time::Duration::from_secs(1));
            tracing::info!(
                "no EQUIMARK_SMTP_URL: messages are written to {} as .eml files",
                folder.display()
            );
        }
    }
    // The calendar's reminders: checked at start and then every hour.
    app::notifications::reminders::spawn(
        store.clone(),
        config.public_url.clone(),
        std::time::Duration::from_secs(3600),
    );
    let leptos_options = LeptosOptions::builder()
        .output_name(app::http::output_name(&config.site_root))
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build();
    let app = router(AppState {
        leptos_options,
        store: store.clone(),
        settings: Settings {
            secure_cookies: config.public_url.starts_with("https:"),
            public_url: config.public_url.clone(),
            trust_forwarded: config.trust_forwarded,
            contact_email: config.contact_email.clone(),
        },
    });
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    tracing::info!(
        backend = store.backend_name(),
        "Equimark is listening on http://{}",
        config.addr
    );
    if let Some(demo) = config.demo {
        println!("\nEquimark is running at http://{}", config.addr);
        println!("Demo accounts (password: {DEMO_PASSWORD}):");
        for account in DEMO_ACCOUNTS {
            let roles: Vec<&str> = account
                .roles
                .iter()
                .map(|(role, _)| role.as_str())
                .collect();
            println!("  {:<36} {}", account.email, roles.join(", "));
        }
        if demo == Demo::Full {
            let (email, _) = app::store::showcase::OAK_TREE_COORDINATOR;
            println!("  {email:<36} coordinator");
        }
        println!();
    }
    app::http::serve(listener, app, store, shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so requests in flight can finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
