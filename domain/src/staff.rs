//! Staff: the people who sign in (never the young people), their roles per
//! municipality, and which role each admin area needs.

use serde::{Deserialize, Serialize};

/// What a staff member may do. Roles are per municipality, except `Operator`,
/// which is installation-wide and only creates municipalities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Operator,
    Admin,
    Manager,
    Facilitator,
    Moderator,
}

impl Role {
    pub const MUNICIPAL: [Role; 4] = [Role::Admin, Role::Manager, Role::Facilitator, Role::Moderator];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Facilitator => "facilitator",
            Role::Moderator => "moderator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Operator, Role::Admin, Role::Manager, Role::Facilitator, Role::Moderator].into_iter().find(|r| r.as_str() == s.trim())
    }

    /// The i18n key of the role's name.
    pub fn label_key(self) -> String {
        format!("role-{}", self.as_str())
    }
}

/// One role held in one municipality (`None` for the operator role).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub municipality: Option<String>,
    pub role: Role,
}

/// A signed-in staff member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: i64,
    pub email: String,
    pub grants: Vec<Grant>,
}

impl Staff {
    pub fn has_role(&self, municipality: &str, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role && g.municipality.as_deref() == Some(municipality))
    }

    pub fn works_in(&self, municipality: &str) -> bool {
        self.grants.iter().any(|g| g.municipality.as_deref() == Some(municipality))
    }

    pub fn is_operator(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::Operator)
    }

    /// The municipalities where this person holds any role, sorted, once each.
    pub fn municipalities(&self) -> Vec<String> {
        let mut m: Vec<String> = self.grants.iter().filter_map(|g| g.municipality.clone()).collect();
        m.sort();
        m.dedup();
        m
    }

    pub fn roles_in(&self, municipality: &str) -> Vec<Role> {
        let mut r: Vec<Role> = self.grants.iter().filter(|g| g.municipality.as_deref() == Some(municipality)).map(|g| g.role).collect();
        r.sort();
        r
    }
}

/// A staff member as listed on the admin's staff page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub email: String,
    pub roles: Vec<Role>,
    pub disabled: bool,
    pub has_password: bool,
    /// A confirmed TOTP app (never which, never the secret).
    pub has_second_factor: bool,
    /// Signs in through the municipality's identity provider: no password
    /// here, and the roles follow the provider's groups at each sign-in.
    #[serde(default)]
    pub single_sign_on: bool,
}

/// A passkey as the account page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyInfo {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// A read-only API token, as listed for admins (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenInfo {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// Longer token names would not fit the admin list and the audit log.
pub const TOKEN_NAME_MAX: usize = 80;

/// An API token's name: not blank, at most `TOKEN_NAME_MAX` characters.
pub fn check_token_name(name: &str) -> Result<(), crate::rating::FieldError> {
    use crate::rating::FieldError;
    if name.trim().is_empty() {
        Err(FieldError::Required)
    } else if name.chars().count() > TOKEN_NAME_MAX {
        Err(FieldError::TooLong { max: TOKEN_NAME_MAX })
    } else {
        Ok(())
    }
}

/// One line of the audit log. `detail` names things (a role, a service, a
/// token's name), never secrets or young people's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub municipality_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub detail: String,
    pub at: i64,
}

/// Who must be signed in for a staff page, and with what (the web layer
/// maps its paths to these: `server/src/auth/access.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// Any signed-in staff member (the start page lists their municipalities).
    SignedIn,
    /// The operator role (creating municipalities).
    Operator,
    /// Any role in this municipality.
    Member(String),
    /// This role in this municipality.
    Role(String, Role),
}

/// The admin areas of a municipality and the role each needs. One table, so
/// pages and the form handlers behind them cannot disagree.
pub const ADMIN_AREAS: [(&str, Role); 11] = [
    ("workshops", Role::Facilitator),
    ("moderation", Role::Moderator),
    ("forslag", Role::Manager),
    ("antagelser", Role::Manager),
    ("tilbud", Role::Admin),
    ("principper", Role::Admin),
    ("spoergsmaal", Role::Admin),
    ("personale", Role::Admin),
    ("noegler", Role::Admin),
    ("indstillinger", Role::Admin),
    ("log", Role::Admin),
];

/// Normalises an e-mail address for sign-in: trimmed and lower-cased. `None`
/// when it cannot be an address (so it is refused before any lookup).
pub fn normalize_email(s: &str) -> Option<String> {
    let e = s.trim().to_lowercase();
    let (local, domain) = e.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && e.len() <= 254
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@');
    ok.then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_names() {
        use crate::rating::FieldError;
        assert_eq!(check_token_name("Power BI"), Ok(()));
        assert_eq!(check_token_name(&"æ".repeat(TOKEN_NAME_MAX)), Ok(()));
        assert_eq!(check_token_name(" \t"), Err(FieldError::Required));
        assert_eq!(check_token_name(&"x".repeat(TOKEN_NAME_MAX + 1)), Err(FieldError::TooLong { max: TOKEN_NAME_MAX }));
    }

    fn staff() -> Staff {
        Staff {
            id: 1,
            email: "a@b.dk".into(),
            grants: vec![
                Grant { municipality: Some("demo".into()), role: Role::Admin },
                Grant { municipality: Some("demo".into()), role: Role::Moderator },
                Grant { municipality: Some("aarhus".into()), role: Role::Facilitator },
            ],
        }
    }

    #[test]
    fn roles_are_per_municipality() {
        let s = staff();
        assert!(s.has_role("demo", Role::Admin));
        assert!(!s.has_role("aarhus", Role::Admin));
        assert!(s.works_in("aarhus"));
        assert!(!s.works_in("odense"));
        assert!(!s.is_operator());
        assert_eq!(s.municipalities(), vec!["aarhus".to_string(), "demo".to_string()]);
        assert_eq!(s.roles_in("demo"), vec![Role::Admin, Role::Moderator]);
    }

    #[test]
    fn roles_round_trip() {
        for r in [Role::Operator, Role::Admin, Role::Manager, Role::Facilitator, Role::Moderator] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn emails_are_normalised_or_refused() {
        assert_eq!(normalize_email("  Anne@Kommune.DK "), Some("anne@kommune.dk".into()));
        assert_eq!(normalize_email("anne"), None);
        assert_eq!(normalize_email("anne@kommune"), None);
        assert_eq!(normalize_email("a b@kommune.dk"), None);
        assert_eq!(normalize_email("@kommune.dk"), None);
        assert_eq!(normalize_email("a@b@c.dk"), None);
    }
}
