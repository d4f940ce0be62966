use serde::{Deserialize, Serialize};

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// An integer from `min` to `max`, shown as faces with words.
    Scale,
    /// One of the `options` (by key).
    Choice,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Scale => "scale",
            QuestionKind::Choice => "choice",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "scale" => Some(QuestionKind::Scale),
            "choice" => Some(QuestionKind::Choice),
            _ => None,
        }
    }
}

/// One answer option (for `choice`) or the words under each face (for `scale`,
/// one per point from `min` to `max`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionOption {
    pub key: String,
    pub da: String,
    pub en: String,
}

/// A rating question. `key` is stable: answers, exports and the API use it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub key: String,
    pub criterion: i64,
    pub text_da: String,
    pub text_en: String,
    pub kind: QuestionKind,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub options: Vec<QuestionOption>,
}

impl Question {
    pub fn text(&self, locale: super::Locale) -> &str {
        locale.pick(&self.text_da, &self.text_en)
    }

    /// The (value, label) pairs the form shows, in order.
    pub fn choices(&self, locale: super::Locale) -> Vec<(String, String)> {
        match self.kind {
            QuestionKind::Scale => {
                let (min, max) = (self.min.unwrap_or(1), self.max.unwrap_or(5));
                (min..=max)
                    .enumerate()
                    .map(|(i, v)| {
                        let label = self.options.get(i).map(|o| locale.pick(&o.da, &o.en).to_string()).unwrap_or_else(|| v.to_string());
                        (v.to_string(), label)
                    })
                    .collect()
            }
            QuestionKind::Choice => self.options.iter().map(|o| (o.key.clone(), locale.pick(&o.da, &o.en).to_string())).collect(),
        }
    }

    /// Checks that a question definition is usable (admin input, seeds).
    pub fn check(&self) -> Result<(), &'static str> {
        if !super::slug::is_valid_slug(&self.key.replace('_', "-")) {
            return Err("key must be lowercase ASCII");
        }
        if super::criteria::criterion(self.criterion).is_none() {
            return Err("criterion must be 1-12");
        }
        match self.kind {
            QuestionKind::Scale => match (self.min, self.max) {
                (Some(min), Some(max)) if min < max && max - min <= 10 => Ok(()),
                _ => Err("scale needs min < max, at most 11 points"),
            },
            QuestionKind::Choice if self.options.len() >= 2 => Ok(()),
            QuestionKind::Choice => Err("choice needs at least two options"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;

    fn scale() -> Question {
        Question {
            key: "listened".into(),
            criterion: 6,
            text_da: "Lyttede de til dig?".into(),
            text_en: "Did they listen to you?".into(),
            kind: QuestionKind::Scale,
            min: Some(1),
            max: Some(3),
            options: vec![
                QuestionOption { key: "1".into(), da: "Nej".into(), en: "No".into() },
                QuestionOption { key: "2".into(), da: "Lidt".into(), en: "A bit".into() },
            ],
        }
    }

    #[test]
    fn scale_choices_fall_back_to_numbers() {
        let c = scale().choices(Locale::En);
        assert_eq!(c, vec![("1".into(), "No".into()), ("2".into(), "A bit".into()), ("3".into(), "3".into())]);
    }

    #[test]
    fn check_rejects_bad_definitions() {
        assert!(scale().check().is_ok());
        let mut q = scale();
        q.criterion = 13;
        assert!(q.check().is_err());
        let mut q = scale();
        q.max = Some(1);
        assert!(q.check().is_err());
        let mut q = scale();
        q.kind = QuestionKind::Choice;
        q.options.truncate(1);
        assert!(q.check().is_err());
    }
}
