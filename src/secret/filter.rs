//! `secret ls --filter`: podman's IfPassesSecretsFilter (`name` and `id`, each a regular
//! expression; several values of one key: any matches; several keys: all must).

use std::collections::BTreeMap;

use regex::Regex;

use super::Secret;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FilterError {
    #[error("filter input must be in the form of filter=value: {0} is invalid")]
    Form(String),
    #[error("invalid filter {0:?}")]
    Key(String),
}

#[derive(Debug, Default)]
pub struct SecretFilter {
    by_key: BTreeMap<String, Vec<Regex>>,
}

impl SecretFilter {
    pub fn compile(raw: &[String]) -> Result<SecretFilter, FilterError> {
        let mut f = SecretFilter::default();
        for r in raw {
            let (k, v) = r
                .split_once('=')
                .ok_or_else(|| FilterError::Form(r.clone()))?;
            let k = k.to_lowercase();
            if k != "name" && k != "id" {
                return Err(FilterError::Key(k));
            }
            let list = f.by_key.entry(k).or_default();
            // podman's: a value that is no regular expression matches nothing.
            if let Ok(re) = Regex::new(v) {
                list.push(re);
            }
        }
        Ok(f)
    }

    pub fn matches(&self, s: &Secret) -> bool {
        self.by_key.iter().all(|(k, res)| {
            let field = if k == "name" { &s.name } else { &s.id };
            res.iter().any(|re| re.is_match(field))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(name: &str, id: &str) -> Secret {
        serde_json::from_value(serde_json::json!({
            "name": name, "id": id, "createdAt": "2026-01-01T00:00:00Z", "driver": "file"
        }))
        .unwrap()
    }

    fn f(raw: &[&str]) -> Result<SecretFilter, FilterError> {
        SecretFilter::compile(&raw.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn names_and_ids_by_regular_expression() {
        let a = secret("confidential-db", "abc123");
        let b = secret("other", "def456");
        let by_name = f(&["name=confidential"]).unwrap();
        assert!(by_name.matches(&a) && !by_name.matches(&b));
        let by_id = f(&["id=^def"]).unwrap();
        assert!(!by_id.matches(&a) && by_id.matches(&b));
        let either = f(&["name=^other$", "name=^conf"]).unwrap();
        assert!(either.matches(&a) && either.matches(&b));
        let both = f(&["name=other", "id=^abc"]).unwrap();
        assert!(!both.matches(&a) && !both.matches(&b));
        assert!(f(&[]).unwrap().matches(&a));
    }

    #[test]
    fn bad_filters_in_podmans_words() {
        assert_eq!(
            f(&["label=a"]).unwrap_err().to_string(),
            "invalid filter \"label\""
        );
        assert_eq!(
            f(&["name"]).unwrap_err().to_string(),
            "filter input must be in the form of filter=value: name is invalid"
        );
    }
}
