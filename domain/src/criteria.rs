//! The 12 quality criteria of chain responsibility (KL, seed 000): the fixed
//! catalogue that every question and principle refers to.

pub struct Criterion {
    pub number: u8,
    pub da: &'static str,
    pub en: &'static str,
}

pub const CRITERIA: [Criterion; 12] = [
    Criterion { number: 1, da: "Interne samarbejdspartnere", en: "Internal partners" },
    Criterion { number: 2, da: "Eksterne samarbejdspartnere", en: "External partners" },
    Criterion { number: 3, da: "Kæden er bredere end KUI", en: "The chain is wider than KUI" },
    Criterion { number: 4, da: "Partnerskab er mere end samarbejde", en: "Partnership is more than collaboration" },
    Criterion { number: 5, da: "Relationelt og systemforankret samarbejde", en: "Relational and system-anchored collaboration" },
    Criterion { number: 6, da: "Unge inddrages i kæden", en: "Youth involvement at chain level" },
    Criterion { number: 7, da: "En sammenhængende kæde for den unge", en: "A coherent chain for each young person" },
    Criterion { number: 8, da: "Forankret i ledelsens strategi", en: "Anchored in leadership's strategy" },
    Criterion { number: 9, da: "Organisering af forløb", en: "Organisation of pathways" },
    Criterion { number: 10, da: "Fælles forståelse og klare regler", en: "Shared understanding and clear rules" },
    Criterion { number: 11, da: "Kendte rammer og ressourcer", en: "Known frames and resources" },
    Criterion { number: 12, da: "Problemer og antagelser, der skal afprøves", en: "Assumptions to be tested" },
];

pub fn criterion(number: i64) -> Option<&'static Criterion> {
    CRITERIA.iter().find(|c| i64::from(c.number) == number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_numbered_1_to_12() {
        for (i, c) in CRITERIA.iter().enumerate() {
            assert_eq!(usize::from(c.number), i + 1);
        }
        assert!(criterion(6).is_some());
        assert!(criterion(0).is_none());
        assert!(criterion(13).is_none());
    }
}
