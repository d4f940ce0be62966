use clap::{Args, Parser, Subcommand};

pub const DEFAULT_DATABASE_URL: &str = "sqlite:data/stemme.db";

#[derive(Parser, Debug)]
#[command(name = "stemme", version, about = "Stemme: young people's voice in the municipal youth chain")]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Without a subcommand, `stemme` serves with these options.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web app and the API (the default).
    Serve(ServeArgs),
    /// Create or update the database schema, then exit.
    Migrate(DbArgs),
}

#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// `sqlite:path/to/file.db` (created on first start) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "STEMME_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: std::net::SocketAddr,
    #[command(flatten)]
    pub db: DbArgs,
    /// Create the demo municipality (slug `demo`) if it is absent.
    #[arg(long, env = "STEMME_DEMO")]
    pub demo: bool,
    /// Public base URL, used in QR codes (e.g. https://stemme.example.dk).
    #[arg(long, env = "STEMME_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Mark cookies Secure (set this when served over https).
    #[arg(long, env = "STEMME_SECURE_COOKIES")]
    pub secure_cookies: bool,
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            addr: ([127, 0, 0, 1], 3000).into(),
            db: DbArgs { database_url: DEFAULT_DATABASE_URL.into() },
            demo: false,
            public_url: None,
            secure_cookies: false,
        }
    }
}
