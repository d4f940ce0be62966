//! Which staff pages need what: the paths under `/admin` and `/styring`
//! mapped to the domain's access rules (`Access`, `ADMIN_AREAS`). URL
//! structure belongs to the web layer, so the parsing lives here.

use app::domain::staff::{Access, Role, ADMIN_AREAS};

/// The access a path under `/admin` or `/styring` needs; `None` for paths outside them.
pub fn required_access(path: &str) -> Option<Access> {
    if let Some(rest) = path.strip_prefix("/styring") {
        // The governance view is for managers of that municipality only.
        return match rest.split('/').find(|p| !p.is_empty()) {
            _ if !(rest.is_empty() || rest.starts_with('/')) => None,
            Some(m) => Some(Access::Role(m.to_string(), Role::Manager)),
            None => Some(Access::SignedIn),
        };
    }
    let rest = path.strip_prefix("/admin")?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    Some(match parts.as_slice() {
        [] => Access::SignedIn,
        ["kommuner", ..] => Access::Operator,
        // One's own account: its page and its passkey calls.
        ["konto", ..] => Access::SignedIn,
        [m] => Access::Member(m.to_string()),
        [m, area, ..] => match ADMIN_AREAS.iter().find(|(a, _)| a == area) {
            Some((_, role)) => Access::Role(m.to_string(), *role),
            // Unknown areas still need membership; the page says "not found".
            None => Access::Member(m.to_string()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_paths_need_the_right_access() {
        assert_eq!(required_access("/"), None);
        assert_eq!(required_access("/administrator"), None);
        assert_eq!(required_access("/admin"), Some(Access::SignedIn));
        assert_eq!(required_access("/admin/"), Some(Access::SignedIn));
        assert_eq!(required_access("/admin/kommuner"), Some(Access::Operator));
        assert_eq!(required_access("/admin/konto"), Some(Access::SignedIn));
        assert_eq!(required_access("/admin/demo"), Some(Access::Member("demo".into())));
        assert_eq!(required_access("/admin/demo/personale"), Some(Access::Role("demo".into(), Role::Admin)));
        assert_eq!(required_access("/admin/demo/tilbud/3"), Some(Access::Role("demo".into(), Role::Admin)));
        assert_eq!(required_access("/admin/demo/ukendt"), Some(Access::Member("demo".into())));
        assert_eq!(required_access("/styring/demo"), Some(Access::Role("demo".into(), Role::Manager)));
        assert_eq!(required_access("/styring/demo/rapport"), Some(Access::Role("demo".into(), Role::Manager)));
        assert_eq!(required_access("/styringer"), None);
    }
}
