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
    /// Municipalities (tenants).
    #[command(subcommand)]
    Municipality(MunicipalityCommand),
    /// Staff accounts. There are no default accounts: create the first here.
    #[command(subcommand)]
    User(UserCommand),
    /// Read-only API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Write realistic synthetic ratings spread over two years (benchmarks, demos).
    SeedLoad(SeedLoadArgs),
    /// Copy the database to a new file while the server runs (SQLite: a
    /// checked snapshot; PostgreSQL: `pg_dump --format=custom`).
    Backup(FileArgs),
    /// Put a backup in place of the database. Stop the server first; it
    /// migrates the restored data when it starts.
    Restore(FileArgs),
}

#[derive(Args, Debug, Clone)]
pub struct FileArgs {
    /// The backup file.
    pub path: std::path::PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Args, Debug, Clone)]
pub struct SeedLoadArgs {
    #[arg(long)]
    pub municipality: String,
    #[arg(long)]
    pub ratings: u64,
    /// The same seed writes the same ratings.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also this many municipalities shaped like the demo (slugs
    /// `{municipality}-2`, `-3`, …), each with `--ratings` ratings; all of
    /// them join the comparison (`--also 0`: only `--municipality` joins).
    /// For national-scale benchmarks.
    #[arg(long)]
    pub also: Option<u64>,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Subcommand, Debug)]
pub enum MunicipalityCommand {
    /// Add a municipality with the default questions and no services.
    Add {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Give a person (created if new) one or more roles. Prints a one-time
    /// set-password link valid 24 hours, unless `--password-stdin` is given.
    Add {
        #[arg(long)]
        email: String,
        /// The municipality's slug (not for `--role operator`).
        #[arg(long)]
        municipality: Option<String>,
        /// admin, manager, facilitator, moderator or operator; repeatable.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Read the password from standard input instead of printing a link.
        #[arg(long)]
        password_stdin: bool,
        /// Base URL for the printed link.
        #[arg(long, env = "STEMME_PUBLIC_URL", default_value = "http://127.0.0.1:3000")]
        public_url: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Remove a person's authenticator app and recovery codes (a lost
    /// phone), for anyone, also the operator and people who work in several
    /// municipalities. They are signed out and set up a new app at their
    /// next sign-in.
    ResetFactor {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create a read-only API token; the token is the last line printed.
    Create {
        #[arg(long)]
        municipality: String,
        #[arg(long)]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
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
    /// With `--demo`: synthetic ratings written when the demo municipality
    /// is first created, so the governance view has something to show.
    #[arg(long, env = "STEMME_DEMO_RATINGS", default_value_t = 0)]
    pub demo_ratings: u64,
    /// Public base URL, used in QR codes (e.g. https://stemme.example.dk).
    #[arg(long, env = "STEMME_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Serving over https: cookies get `Secure` (the staff session cookie
    /// the `__Host-` prefix) and responses HSTS. Leave off for plain-http
    /// local development.
    #[arg(long, env = "STEMME_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Behind a reverse proxy: the header with the client's address (e.g.
    /// x-forwarded-for), for rate limits. Only set it when the proxy sets it.
    #[arg(long, env = "STEMME_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,
    /// Multiplies every per-address rate limit and stream cap: for an event
    /// with hundreds of people behind one address, or a load test from one
    /// machine (bench/workshop.sh). Per-device limits stay as they are.
    #[arg(long, env = "STEMME_ADDRESS_LIMIT_SCALE", default_value_t = 1)]
    pub address_limit_scale: u32,
    /// Serve Prometheus metrics at `/metrics` on this address (e.g.
    /// 127.0.0.1:9090, an internal one): off when not given.
    #[arg(long, env = "STEMME_METRICS_ADDR")]
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// Seconds between SIGTERM and closing the listener, while `/readyz`
    /// already answers 503: long enough for a load balancer to notice
    /// (e.g. its health-check interval).
    #[arg(long, env = "STEMME_SHUTDOWN_GRACE", default_value_t = 0)]
    pub shutdown_grace: u64,
    /// Staff single sign-on (OpenID Connect): a TOML file with a table per
    /// municipality (README, "Single sign-on"). Off when not given.
    #[arg(long, env = "STEMME_SSO_CONFIG")]
    pub sso_config: Option<std::path::PathBuf>,
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            addr: ([127, 0, 0, 1], 3000).into(),
            db: DbArgs { database_url: DEFAULT_DATABASE_URL.into() },
            demo: false,
            demo_ratings: 0,
            public_url: None,
            secure_cookies: false,
            client_ip_header: None,
            address_limit_scale: 1,
            metrics_addr: None,
            shutdown_grace: 0,
            sso_config: None,
        }
    }
}
