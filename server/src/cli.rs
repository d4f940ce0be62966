//! `stemme municipality|user|token …`: the first accounts and tokens, made
//! on the server itself (there are no default accounts, ever).

use crate::config::{DbArgs, MunicipalityCommand, SeedLoadArgs, TokenCommand, UserCommand};
use app::domain::staff::{normalize_email, Role};
use app::domain::{password, Locale};
use app::staff as accounts;
use app::state::{AppState, Settings};
use std::io::Read;
use std::sync::Arc;

const ACTOR: &str = "cli";

async fn state(database_url: &str) -> Result<AppState, String> {
    let store = app::store::connect(database_url).await?;
    Ok(AppState {
        leptos_options: crate::leptos_options(([127, 0, 0, 1], 0).into()),
        live: app::workshop::live::Hub::new(store.clone()),
        store,
        settings: Arc::new(Settings::default()),
        comparisons: Default::default(),
    })
}

fn failed(e: app::store::StoreError) -> String {
    format!("database error: {e}")
}

async fn municipality_id(state: &AppState, slug: &str) -> Result<i64, String> {
    match app::municipality::by_slug(&state.store, slug).await.map_err(failed)? {
        Some(m) => Ok(m.id),
        None => Err(format!("no municipality with slug {slug:?} (create it with `stemme municipality add`)")),
    }
}

pub async fn municipality(cmd: MunicipalityCommand) -> Result<(), String> {
    let MunicipalityCommand::Add { slug, name, db } = cmd;
    if !app::domain::slug::is_valid_municipality_slug(&slug) {
        return Err(format!("{slug:?} is not a valid slug: use lower-case a-z, digits and dashes"));
    }
    if name.trim().is_empty() {
        return Err("--name must not be empty".into());
    }
    let state = state(&db.database_url).await?;
    if app::municipality::create(&state.store, &slug, name.trim(), ACTOR).await.map_err(failed)?.is_none() {
        return Err(format!("a municipality with slug {slug:?} already exists"));
    }
    println!("created municipality {slug} ({})", name.trim());
    Ok(())
}

/// `stemme user reset-factor`: the operator's way to help anyone who lost
/// their phone and their recovery codes (an admin can only help people who
/// work in their municipality alone).
async fn reset_factor(email: &str, db: &DbArgs) -> Result<(), String> {
    let email = normalize_email(email).ok_or_else(|| format!("{email:?} is not an e-mail address"))?;
    let state = state(&db.database_url).await?;
    let account = state.store.staff_by_email(&email).await.map_err(failed)?.ok_or_else(|| format!("no account for {email}"))?;
    if state.store.remove_second_factor(account.id).await.map_err(failed)? {
        // In the log of every municipality the person works in (or the installation's).
        let grants = state.store.grants(account.id).await.map_err(failed)?;
        let cli = app::domain::staff::Staff { id: 0, email: ACTOR.into(), grants };
        accounts::audit_staff(&state.store, &cli, "second factor reset", &email).await.map_err(failed)?;
        println!("{email}: the authenticator app and recovery codes are removed; they set up a new app at their next sign-in");
    } else {
        println!("{email} had no authenticator app; nothing changed");
    }
    Ok(())
}

pub async fn user(cmd: UserCommand) -> Result<(), String> {
    let (email, municipality, roles, password_stdin, public_url, db) = match cmd {
        UserCommand::Add { email, municipality, roles, password_stdin, public_url, db } => {
            (email, municipality, roles, password_stdin, public_url, db)
        }
        UserCommand::ResetFactor { email, db } => return reset_factor(&email, &db).await,
    };
    let email = normalize_email(&email).ok_or_else(|| format!("{email:?} is not an e-mail address"))?;
    let roles = roles.iter().map(|r| Role::parse(r).ok_or_else(|| format!("unknown role {r:?}"))).collect::<Result<Vec<_>, _>>()?;
    let operator = roles.contains(&Role::Operator);
    if operator && roles.len() > 1 {
        return Err("operator is installation-wide: give it alone, without --municipality".into());
    }
    let state = state(&db.database_url).await?;
    let mid = match (operator, municipality) {
        (true, None) => None,
        (true, Some(_)) => return Err("operator is installation-wide: leave out --municipality".into()),
        (false, Some(slug)) => Some(municipality_id(&state, &slug).await?),
        (false, None) => return Err("--municipality is required for this role".into()),
    };
    let new_password = if password_stdin {
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input).map_err(|e| format!("cannot read the password: {e}"))?;
        let pw = input.strip_suffix('\n').map(|p| p.strip_suffix('\r').unwrap_or(p)).unwrap_or(&input).to_string();
        password::check(&pw, &email).map_err(|p| p.message(Locale::En).to_string())?;
        Some(pw)
    } else {
        None
    };
    let token = match accounts::invite(&state.store, &email, mid, &roles, ACTOR, accounts::Issuer::Server).await {
        Ok(token) => token,
        Err(accounts::InviteError::SingleSignOn) => {
            return Err(format!("{email} signs in through a municipality's identity provider: its groups give the roles"))
        }
        Err(accounts::InviteError::Store(e)) => return Err(failed(e)),
    }
    .ok_or("the server may always make a link")?;
    let names = roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
    match new_password {
        Some(pw) => {
            let phc = password::hash(&pw)?;
            accounts::set_password_now(&state.store, &token, &phc).await.map_err(failed)?;
            println!("{email} has the role(s) {names} and can sign in at /login");
        }
        None => {
            println!("{email} has the role(s) {names}. Send them this link to choose a password (valid 24 hours, once):");
            println!("{}", accounts::link_url(&public_url, &token));
        }
    }
    Ok(())
}

pub async fn token(cmd: TokenCommand) -> Result<(), String> {
    let TokenCommand::Create { municipality, name, db } = cmd;
    if app::domain::staff::check_token_name(&name).is_err() {
        return Err(format!("--name must be 1 to {} characters", app::domain::staff::TOKEN_NAME_MAX));
    }
    let state = state(&db.database_url).await?;
    let id = municipality_id(&state, &municipality).await?;
    let token = accounts::create_token(&state.store, id, name.trim(), ACTOR).await.map_err(failed)?;
    println!("read-only API token {:?} for {municipality} (shown once; revoke it on the admin page):", name.trim());
    println!("{token}");
    Ok(())
}

/// Writes `count` synthetic ratings for `slug` in transactions of 10,000.
/// Above this many ratings, `seed-load` rebuilds the rollups at the end.
const BULK: u64 = 50_000;

pub async fn write_synthetic(store: &app::store::DynStore, slug: &str, count: u64, seed: u64) -> Result<(), String> {
    // A big load writes the ratings first and sums the rollups once.
    let bulk = count > BULK;
    write_ratings(store, slug, count, seed, !bulk).await?;
    if bulk {
        store.rebuild_rollups().await.map_err(failed)?;
    }
    Ok(())
}

/// The ratings, with their rollups or (`rollups: false`) for the caller to
/// sum once afterwards.
async fn write_ratings(store: &app::store::DynStore, slug: &str, count: u64, seed: u64, rollups: bool) -> Result<(), String> {
    let mun = store.municipality(slug).await.map_err(failed)?.ok_or_else(|| format!("no municipality with slug {slug:?}"))?;
    let services: Vec<i64> = store.services(mun.id).await.map_err(failed)?.iter().map(|s| s.id).collect();
    if services.is_empty() {
        return Err(format!("{slug} has no services to rate"));
    }
    let mut questions = store.questions(mun.id).await.map_err(failed)?;
    // The newest open assumption rides along, as on a rating page (one at most).
    let open = store.assumptions(mun.id).await.map_err(failed)?.into_iter().find(|a| a.open());
    questions.extend(open.map(|a| a.question()));
    let prefix = format!("synthetic-{seed}-{}", app::domain::policy::now());
    let mut generator =
        app::domain::governance::synthetic::Generator::new(&services, &questions, app::domain::policy::now(), seed, &prefix);
    let started = std::time::Instant::now();
    let mut written = 0;
    while written < count {
        let batch: Vec<_> = generator.by_ref().take((count - written).min(10_000) as usize).collect();
        store.import_ratings(mun.id, &batch, rollups).await.map_err(failed)?;
        written += batch.len() as u64;
    }
    tracing::info!(slug, ratings = written, secs = started.elapsed().as_secs_f64(), "synthetic ratings written");
    Ok(())
}

pub async fn seed_load(args: SeedLoadArgs) -> Result<(), String> {
    let store = app::store::connect(&args.db.database_url).await?;
    let started = std::time::Instant::now();
    let Some(also) = args.also else {
        write_synthetic(&store, &args.municipality, args.ratings, args.seed).await?;
        println!("wrote {} synthetic ratings for {} in {:.1} s", args.ratings, args.municipality, started.elapsed().as_secs_f64());
        return Ok(());
    };
    // A national run: the rollups are summed once, after the last
    // municipality, not once per municipality.
    let mut slugs = vec![args.municipality.clone()];
    for k in 2..=also + 1 {
        let slug = format!("{}-{k}", args.municipality);
        let mut seed = app::domain::demo::demo_municipality();
        (seed.slug, seed.name) = (slug.clone(), format!("{} {k}", seed.name));
        store.seed_municipality(&seed).await.map_err(failed)?;
        slugs.push(slug);
    }
    for (i, slug) in slugs.iter().enumerate() {
        let mid = store.municipality(slug).await.map_err(failed)?.ok_or_else(|| format!("no municipality with slug {slug:?}"))?.id;
        store.set_compare_opt_in(mid, true).await.map_err(failed)?;
        write_ratings(&store, slug, args.ratings, args.seed + i as u64, false).await?;
    }
    store.rebuild_rollups().await.map_err(failed)?;
    let total = args.ratings * slugs.len() as u64;
    println!("wrote {total} synthetic ratings for {} municipalities in {:.1} s", slugs.len(), started.elapsed().as_secs_f64());
    Ok(())
}
