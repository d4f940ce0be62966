use serde::{Deserialize, Serialize};

/// Whether a service is run by the municipality itself or by a partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceKind {
    Internal,
    External,
}

impl ServiceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Internal => "internal",
            ServiceKind::External => "external",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "internal" => Some(ServiceKind::Internal),
            "external" => Some(ServiceKind::External),
            _ => None,
        }
    }
}

/// The partner categories named in seed 000.
pub const CATEGORIES: &[(&str, ServiceKind, &str, &str)] = &[
    ("uu", ServiceKind::Internal, "Ungdommens Uddannelsesvejledning", "Youth guidance (UU)"),
    ("jobcenter", ServiceKind::Internal, "Jobcenter og beskæftigelse", "Jobcentre and employment"),
    ("family", ServiceKind::Internal, "Familieafdeling", "Family department"),
    ("social-psychiatry", ServiceKind::Internal, "Socialpsykiatri", "Social psychiatry"),
    ("addiction", ServiceKind::Internal, "Misbrugsbehandling", "Addiction treatment"),
    ("school", ServiceKind::Internal, "Udskoling", "Lower-secondary school"),
    ("youth-club", ServiceKind::Internal, "Ungdomsklub", "Youth club"),
    ("fgu", ServiceKind::External, "FGU", "Preparatory basic education (FGU)"),
    ("vocational", ServiceKind::External, "Erhvervsuddannelse", "Vocational education"),
    ("youth-school", ServiceKind::External, "Ungdomsskole", "Youth school"),
    ("company", ServiceKind::External, "Virksomhed", "Company"),
    ("civil-society", ServiceKind::External, "Civilsamfund og familie", "Civil society and family"),
    ("association", ServiceKind::External, "Forening", "Association"),
    ("culture", ServiceKind::External, "Kulturinstitution", "Cultural institution"),
];

pub fn category_label(key: &str, da: bool) -> &str {
    CATEGORIES.iter().find(|c| c.0 == key).map(|c| if da { c.2 } else { c.3 }).unwrap_or(key)
}

/// A service in the municipality's youth chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description_da: String,
    pub description_en: String,
    pub kind: ServiceKind,
    pub category: String,
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_is_unique_and_labelled() {
        let mut keys: Vec<_> = CATEGORIES.iter().map(|c| c.0).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), CATEGORIES.len());
        assert_eq!(category_label("fgu", true), "FGU");
        assert_eq!(ServiceKind::parse("internal"), Some(ServiceKind::Internal));
        assert_eq!(ServiceKind::parse("other"), None);
    }
}
