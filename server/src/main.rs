use clap::Parser;

/// mimalloc instead of glibc's malloc: rendering a page allocates many small
/// strings, and glibc's allocator was a quarter of the rating page's CPU
/// (`perf`, BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use server::config::{Cli, Command, ServeArgs};

#[tokio::main]
async fn main() {
    server::observability::init_logging();
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(args) => serve(args).await,
        Command::Migrate(db) => {
            app::store::connect(&db.database_url).await.map(|_| println!("migrated {}", app::store::redact(&db.database_url)))
        }
        Command::Municipality(cmd) => server::cli::municipality(cmd).await,
        Command::User(cmd) => server::cli::user(cmd).await,
        Command::Token(cmd) => server::cli::token(cmd).await,
        Command::SeedLoad(args) => server::cli::seed_load(args).await,
        Command::Backup(args) => app::store::backup::backup(&args.db.database_url, &args.path).await.map(|m| println!("{m}")),
        Command::Restore(args) => app::store::backup::restore(&args.db.database_url, &args.path).await.map(|m| println!("{m}")),
    };
    if let Err(reason) = result {
        eprintln!("stemme: {reason}");
        std::process::exit(1);
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let started = server::start(args).await?;
    let addr = started.addr;
    println!("Stemme kører på http://{addr}  (Stemme is running on http://{addr})");
    if let Some(m) = started.metrics_addr {
        println!("Metrics: http://{m}/metrics");
    }
    started.handle.await.map_err(|e| e.to_string())
}
