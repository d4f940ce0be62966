//! The single sign-on file (`--sso-config`, TOML): one table per
//! municipality slug, read once at start-up. A mistake stops the server
//! with a message that names the table and the key. Client secrets come
//! from the environment or a file, never from this file or the database.

use app::domain::staff::Role;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One municipality's identity provider. `Debug` leaves the secret out.
#[derive(Clone, PartialEq, Eq)]
pub struct ProviderConfig {
    pub municipality: String,
    /// The sign-in button's text.
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// The ID token claim holding the person's groups (or roles).
    pub roles_claim: String,
    /// Scopes asked for besides `openid email profile`.
    pub scopes: Vec<String>,
    /// A claim value (a group's id or name) and the role it gives.
    pub roles: BTreeMap<String, Role>,
    /// The e-mail domains the municipality owns: an address elsewhere is
    /// refused, so nobody can claim a colleague's address at another
    /// organisation through a provider that lets users set their e-mail.
    pub email_domains: Vec<String>,
}

impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("municipality", &self.municipality)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"…")
            .field("roles", &self.roles)
            .field("email_domains", &self.email_domains)
            .finish()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    label: Option<String>,
    issuer: String,
    client_id: String,
    client_secret_env: Option<String>,
    client_secret_file: Option<PathBuf>,
    roles_claim: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
    roles: BTreeMap<String, String>,
    email_domains: Vec<String>,
}

/// Reads and checks the file at `path`.
pub fn load(path: &Path) -> Result<Vec<ProviderConfig>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the SSO file {}: {e}", path.display()))?;
    parse(&text, |name| std::env::var(name).ok(), |p| std::fs::read_to_string(p))
}

/// Parses the file's text; `env` and `read` look up the secrets.
pub fn parse(
    text: &str,
    env: impl Fn(&str) -> Option<String>,
    read: impl Fn(&Path) -> std::io::Result<String>,
) -> Result<Vec<ProviderConfig>, String> {
    let tables: BTreeMap<String, Raw> = toml::from_str(text).map_err(|e| format!("the SSO file is not valid: {e}"))?;
    tables.into_iter().map(|(slug, raw)| provider(&slug, raw, &env, &read).map_err(|e| format!("SSO file, [{slug}]: {e}"))).collect()
}

fn provider(
    slug: &str,
    raw: Raw,
    env: &impl Fn(&str) -> Option<String>,
    read: &impl Fn(&Path) -> std::io::Result<String>,
) -> Result<ProviderConfig, String> {
    if !app::domain::slug::is_valid_municipality_slug(slug) {
        return Err("the table's name must be a municipality's slug (lowercase letters, digits and -)".into());
    }
    // Exactly as the provider writes it (discovery compares it as it is;
    // some issuers end in "/").
    let issuer = raw.issuer.trim().to_string();
    let local = ["http://127.0.0.1:", "http://localhost:"].iter().any(|p| issuer.starts_with(p));
    if !(issuer.starts_with("https://") || local) {
        return Err(format!("issuer {issuer} must be an https:// address (http:// only on this machine, for tests)"));
    }
    let secret = match (raw.client_secret_env, raw.client_secret_file) {
        (Some(name), None) => env(&name).ok_or_else(|| format!("the environment variable {name} (client_secret_env) is not set"))?,
        (None, Some(file)) => read(&file).map_err(|e| format!("cannot read client_secret_file {}: {e}", file.display()))?,
        _ => return Err("give exactly one of client_secret_env and client_secret_file".into()),
    };
    let secret = secret.trim().to_string();
    if secret.is_empty() || raw.client_id.trim().is_empty() {
        return Err("the client id and the client secret must not be empty".into());
    }
    let mut roles = BTreeMap::new();
    for (value, role) in raw.roles {
        match Role::parse(&role) {
            Some(r) if r != Role::Operator => roles.insert(value, r),
            _ => return Err(format!("role {role:?} for {value:?}: use admin, manager, facilitator or moderator")),
        };
    }
    if roles.is_empty() {
        return Err("[roles] must map at least one group to a role".into());
    }
    let email_domains: Vec<String> = raw.email_domains.iter().map(|d| d.trim().trim_start_matches('@').to_lowercase()).collect();
    if email_domains.is_empty() || email_domains.iter().any(|d| !d.contains('.') || d.contains('@') || d.contains(char::is_whitespace)) {
        return Err("email_domains must list the municipality's e-mail domains, e.g. [\"aarhus.dk\"]".into());
    }
    Ok(ProviderConfig {
        municipality: slug.to_string(),
        label: raw.label.unwrap_or_else(|| "Log ind med kommunens konto".into()),
        issuer,
        client_id: raw.client_id.trim().to_string(),
        client_secret: secret,
        roles_claim: raw.roles_claim.unwrap_or_else(|| "groups".into()),
        scopes: raw.scopes,
        roles,
        email_domains,
    })
}

impl ProviderConfig {
    /// Whether `email` (normalised) is at one of the municipality's domains.
    pub fn owns(&self, email: &str) -> bool {
        email.rsplit_once('@').is_some_and(|(_, domain)| self.email_domains.iter().any(|d| d == domain))
    }

    /// The roles the claim's values give, each once, sorted by name. The
    /// claim may be a list of strings or one string (Keycloak, Entra ID and
    /// KOMBIT-style brokers send either); anything else gives none.
    pub fn roles_for(&self, claim: Option<&serde_json::Value>) -> Vec<Role> {
        let values: Vec<&str> = match claim {
            Some(serde_json::Value::String(s)) => vec![s.as_str()],
            Some(serde_json::Value::Array(items)) => items.iter().filter_map(|v| v.as_str()).collect(),
            _ => vec![],
        };
        let mut roles: Vec<Role> = values.iter().filter_map(|v| self.roles.get(*v).copied()).collect();
        roles.sort_by_key(|r| r.as_str());
        roles.dedup();
        roles
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FILE: &str = r#"
        [demo]
        label = "Demo Kommune (Entra ID)"
        issuer = "https://login.microsoftonline.com/tenant/v2.0/"
        client_id = "stemme"
        client_secret_env = "DEMO_SECRET"
        email_domains = ["demo.dk", "@Demo-Kommune.dk"]
        [demo.roles]
        "grp-admins" = "admin"
        "grp-leaders" = "manager"
        "grp-both" = "manager"

        [odense]
        issuer = "http://127.0.0.1:8080/realms/odense"
        client_id = "stemme"
        client_secret_file = "/run/secrets/odense"
        roles_claim = "roles"
        email_domains = ["odense.dk"]
        [odense.roles]
        moderator = "moderator"
    "#;

    fn parse_with(text: &str) -> Result<Vec<ProviderConfig>, String> {
        parse(
            text,
            |n| (n == "DEMO_SECRET").then(|| "s3cret\n".into()),
            |p| if p == Path::new("/run/secrets/odense") { Ok("file-secret\n".into()) } else { Err(std::io::ErrorKind::NotFound.into()) },
        )
    }

    #[test]
    fn a_file_gives_one_provider_per_municipality_with_its_secret() {
        let p = parse_with(FILE).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].municipality.as_str(), p[0].client_secret.as_str()), ("demo", "s3cret"));
        assert_eq!(p[0].issuer, "https://login.microsoftonline.com/tenant/v2.0/", "as written: discovery compares it exactly");
        assert!(p[0].owns("anne@demo.dk") && p[0].owns("bo@demo-kommune.dk"));
        assert!(!p[0].owns("anne@demo.dk.evil.com") && !p[0].owns("anne@sub.demo.dk") && !p[0].owns("demo.dk"));
        assert!(!format!("{:?}", p[0]).contains("s3cret"), "Debug leaves the secret out");
        assert_eq!((p[1].client_secret.as_str(), p[1].roles_claim.as_str()), ("file-secret", "roles"));
        assert_eq!(p[1].label, "Log ind med kommunens konto");
    }

    #[test]
    fn claims_map_to_roles_once_and_unknown_groups_give_nothing() {
        let p = &parse_with(FILE).unwrap()[0];
        let roles = p.roles_for(Some(&json!(["grp-leaders", "grp-both", "grp-admins", "grp-other", 7])));
        assert_eq!(roles, vec![Role::Admin, Role::Manager]);
        assert_eq!(p.roles_for(Some(&json!("grp-admins"))), vec![Role::Admin]);
        assert_eq!(p.roles_for(Some(&json!(["grp-other"]))), vec![]);
        assert_eq!(p.roles_for(Some(&json!({"grp-admins": true}))), vec![]);
        assert_eq!(p.roles_for(None), vec![]);
    }

    #[test]
    fn mistakes_are_refused_with_the_table_named() {
        let cases = [
            (FILE.replace("https://login", "http://login"), "[demo]: issuer"),
            (FILE.replace("client_secret_env = \"DEMO_SECRET\"", "client_secret_env = \"MISSING\""), "MISSING"),
            (FILE.replace("client_secret_env = \"DEMO_SECRET\"", ""), "exactly one"),
            (FILE.replace("\"grp-admins\" = \"admin\"", "\"grp-admins\" = \"operator\""), "\"operator\""),
            (FILE.replace("\"grp-admins\" = \"admin\"", "\"grp-admins\" = \"boss\""), "\"boss\""),
            (FILE.replace("[demo]\n", "[Demo]\n").replace("[demo.roles]", "[Demo.roles]"), "[Demo]"),
            (
                FILE.replace("client_id = \"stemme\"\n        client_secret_env", "client_ide = \"x\"\n        client_secret_env"),
                "not valid",
            ),
            (FILE.replace("/run/secrets/odense", "/nowhere"), "[odense]: cannot read client_secret_file"),
            (FILE.replace("email_domains = [\"odense.dk\"]", "email_domains = []"), "[odense]: email_domains"),
            (FILE.replace("email_domains = [\"odense.dk\"]", ""), "not valid"),
        ];
        for (text, expected) in cases {
            let e = parse_with(&text).unwrap_err();
            assert!(e.contains(expected), "{expected:?} not in {e:?}");
        }
    }
}
