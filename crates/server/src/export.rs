//! List answers: a page of JSON items, the whole list as JSON, or CSV.
//!
//! Every list endpoint takes [`ListOptions`]; the pages link to the same
//! endpoints with `format=csv` or `all=true` for their export buttons.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;

/// Most items one page may hold.
pub(crate) const MAX_PER_PAGE: usize = 500;
/// Items on a page when `per_page` is not given.
pub(crate) const DEFAULT_PER_PAGE: usize = 50;

/// Paging and output format, shared by every list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListOptions {
    /// Page number, from 1.
    pub page: Option<usize>,
    /// Items per page (default 50, at most 500).
    pub per_page: Option<usize>,
    /// Every item in one answer (export), ignoring `page` and `per_page`.
    pub all: Option<bool>,
    /// `json` (default) or `csv` (the whole list, for spreadsheets).
    pub format: Option<ListFormat>,
}

/// How a list is answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ListFormat {
    #[default]
    Json,
    Csv,
}

impl ListOptions {
    /// The page (from 1) and its size, validated.
    pub(crate) fn paging(&self) -> Result<(usize, usize), ApiError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(ApiError::bad_request("`page` counts from 1"));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(ApiError::bad_request(format!(
                "`per_page` must be between 1 and {MAX_PER_PAGE} (use `all=true` for everything)"
            )));
        }
        Ok((page, per_page))
    }

    fn whole(&self) -> bool {
        self.all == Some(true) || self.format == Some(ListFormat::Csv)
    }
}

/// One page of a list.
#[derive(Debug, Serialize)]
pub(crate) struct ListPage<T> {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub items: Vec<T>,
}

/// The schema of every list answer (`items` as described by the endpoint).
#[derive(Debug, ToSchema)]
#[schema(as = ListPage)]
#[allow(dead_code, reason = "only describes the JSON for the OpenAPI document")]
pub(crate) struct ListPageSchema {
    /// Items matching the filters, on all pages.
    total: usize,
    /// This page's number (from 1).
    page: usize,
    /// Items per page (equal to `total` for `all=true`).
    per_page: usize,
    /// The items of this page, in the dossier's JSON contract v1.
    items: Vec<serde_json::Value>,
}

/// A list: one CSV header and a row maker for each item.
pub(crate) struct Table<'a, T> {
    pub name: &'a str,
    pub header: &'a [&'a str],
    pub row: fn(&T) -> Vec<String>,
}

/// Answers `items` (already filtered) as `options` asks.
pub(crate) fn answer<T: Serialize>(
    items: Vec<T>,
    options: &ListOptions,
    table: &Table<'_, T>,
) -> Result<Response, ApiError> {
    let (page, per_page) = options.paging()?;
    if options.format == Some(ListFormat::Csv) {
        return csv_answer(&items, table);
    }
    let total = items.len();
    if options.whole() {
        let per_page = total;
        return Ok(axum::Json(ListPage {
            total,
            page: 1,
            per_page,
            items,
        })
        .into_response());
    }
    let items: Vec<T> = items
        .into_iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .collect();
    Ok(axum::Json(ListPage {
        total,
        page,
        per_page,
        items,
    })
    .into_response())
}

fn csv_answer<T>(items: &[T], table: &Table<'_, T>) -> Result<Response, ApiError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let written = out.write_record(table.header).and_then(|()| {
        items.iter().try_for_each(|item| {
            out.write_record((table.row)(item).iter().map(|c| defuse(c).into_owned()))
        })
    });
    written.map_err(|e| ApiError::internal(&e))?;
    let bytes = out
        .into_inner()
        .map_err(|e| ApiError::internal(&e.error().to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.csv\"", table.name),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR at the
/// start) gets a leading apostrophe: article text must not become a formula
/// on the analyst's machine.
fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Joins names for one CSV cell.
pub(crate) fn joined(names: &[String]) -> String {
    names.join("; ")
}

/// An optional value as a CSV cell.
pub(crate) fn cell<T: ToString>(value: Option<&T>) -> String {
    value.map(ToString::to_string).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_plain_text_is_not() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("-5 troops"), "'-5 troops");
        assert_eq!(defuse("North Korea"), "North Korea");
    }

    #[test]
    fn paging_is_validated() {
        let bad = ListOptions {
            page: Some(0),
            ..ListOptions::default()
        };
        assert!(bad.paging().is_err());
        let too_many = ListOptions {
            per_page: Some(MAX_PER_PAGE + 1),
            ..ListOptions::default()
        };
        assert!(too_many.paging().is_err());
        assert_eq!(
            ListOptions::default().paging().ok(),
            Some((1, DEFAULT_PER_PAGE))
        );
    }
}
