//! Reading gold JSON by hand, with errors that name the missing or
//! ill-typed field by its path ("claims[2].evidence[0].snippet").
//!
//! The gold formats are read field by field rather than through serde
//! structs so that an optional field behaves exactly as in the Python
//! scorers (`.get(key, default)`) and every error names its JSON path.

use serde_json::{Map, Value};

use crate::EvalError;

/// A JSON value together with its path from the gold document's root.
#[derive(Clone)]
pub(crate) struct At<'a> {
    pub value: &'a Value,
    path: String,
}

impl<'a> At<'a> {
    /// The gold document's root.
    pub fn root(value: &'a Value) -> Self {
        At {
            value,
            path: String::new(),
        }
    }

    fn child(&self, key: &str, value: &'a Value) -> At<'a> {
        let path = if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        };
        At { value, path }
    }

    fn wrong(&self, expected: &'static str) -> EvalError {
        let path = if self.path.is_empty() {
            "(root)".to_string()
        } else {
            self.path.clone()
        };
        EvalError::WrongType { path, expected }
    }

    fn missing(&self, key: &str) -> EvalError {
        EvalError::Missing(self.child(key, &Value::Null).path)
    }

    /// This value as an object.
    pub fn object(&self) -> Result<&'a Map<String, Value>, EvalError> {
        self.value
            .as_object()
            .ok_or_else(|| self.wrong("an object"))
    }

    /// The member if the key is present at all, `null` included
    /// (Python's `obj[key]` / `key in obj`).
    pub fn raw_field(&self, key: &str) -> Result<Option<At<'a>>, EvalError> {
        Ok(self.object()?.get(key).map(|v| self.child(key, v)))
    }

    /// A required member of an object (it may be `null`).
    pub fn field(&self, key: &str) -> Result<At<'a>, EvalError> {
        self.raw_field(key)?.ok_or_else(|| self.missing(key))
    }

    /// An optional member of an object: `None` when absent or `null`.
    pub fn opt_field(&self, key: &str) -> Result<Option<At<'a>>, EvalError> {
        Ok(self.raw_field(key)?.filter(|a| !a.value.is_null()))
    }

    /// This value as a string.
    pub fn str(&self) -> Result<&'a str, EvalError> {
        self.value.as_str().ok_or_else(|| self.wrong("a string"))
    }

    /// This value as a string, or `None` for `null`.
    pub fn opt_str(&self) -> Result<Option<&'a str>, EvalError> {
        match self.value {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            _ => Err(self.wrong("a string or null")),
        }
    }

    /// This value as a number, `None` for `null`.
    pub fn opt_number(&self) -> Result<Option<f64>, EvalError> {
        match self.value {
            Value::Null => Ok(None),
            Value::Number(n) => n
                .as_f64()
                .map(Some)
                .ok_or_else(|| self.wrong("a number or null")),
            _ => Err(self.wrong("a number or null")),
        }
    }

    /// The elements of an array, each with its path.
    pub fn items(&self) -> Result<Vec<At<'a>>, EvalError> {
        let arr = self
            .value
            .as_array()
            .ok_or_else(|| self.wrong("an array"))?;
        Ok(arr
            .iter()
            .enumerate()
            .map(|(i, value)| At {
                value,
                path: format!("{}[{i}]", self.path),
            })
            .collect())
    }

    /// The members of an object in the map's order, each with its path.
    pub fn entries(&self) -> Result<Vec<(&'a str, At<'a>)>, EvalError> {
        Ok(self
            .object()?
            .iter()
            .map(|(k, v)| (k.as_str(), self.child(k, v)))
            .collect())
    }

    /// The elements of an optional array member (absent or `null`: none).
    pub fn opt_items(&self, key: &str) -> Result<Vec<At<'a>>, EvalError> {
        self.opt_field(key)?.map_or(Ok(Vec::new()), |a| a.items())
    }

    /// A required member that must be a string.
    pub fn str_field(&self, key: &str) -> Result<&'a str, EvalError> {
        self.field(key)?.str()
    }

    /// A required member that must be a string or `null`.
    pub fn opt_str_field(&self, key: &str) -> Result<Option<&'a str>, EvalError> {
        self.field(key)?.opt_str()
    }
}

/// Python truthiness of a JSON value (`if g.get("partial")`).
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}
