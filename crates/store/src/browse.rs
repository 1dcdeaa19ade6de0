//! Read queries for browsing a store page by page (the web server's needs):
//! full-text search with an offset and the number of all matches.

use crate::{Backend, Store, StoreError, search};

/// FTS5 search, one page: bm25 rank, then insertion order.
const SEARCH_PAGE_SQLITE: &str = "SELECT d.id, d.text \
     FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid \
     WHERE documents_fts MATCH $1 ORDER BY documents_fts.rank, d.seq LIMIT $2 OFFSET $3";
const SEARCH_COUNT_SQLITE: &str = "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH $1";
/// PostgreSQL search over the generated `tsv` column, one page.
const SEARCH_PAGE_POSTGRES: &str = "SELECT d.id, ts_headline('english', left(d.text, 100000), q, \
     'StartSel=[, StopSel=], MaxWords=20, MinWords=8, MaxFragments=1') \
     FROM documents d, plainto_tsquery('english', $1) q \
     WHERE d.tsv @@ q ORDER BY ts_rank(d.tsv, q) DESC, d.seq LIMIT $2 OFFSET $3";
const SEARCH_COUNT_POSTGRES: &str =
    "SELECT COUNT(*) FROM documents d WHERE d.tsv @@ plainto_tsquery('english', $1)";

impl Store {
    /// One page of a full-text search: (doc id, snippet) best first, `limit`
    /// hits from `offset`, and how many documents match in all. The query is
    /// taken as plain words, as in [`Store::search`].
    pub async fn search_page(
        &self,
        query: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<(String, String)>, u64), StoreError> {
        let (page_sql, count_sql, expr) = match self.backend {
            Backend::Sqlite => (
                SEARCH_PAGE_SQLITE,
                SEARCH_COUNT_SQLITE,
                search::fts5_query(query),
            ),
            Backend::Postgres => (
                SEARCH_PAGE_POSTGRES,
                SEARCH_COUNT_POSTGRES,
                search::plain_query(query),
            ),
        };
        let Some(expr) = expr.filter(|_| limit > 0 && offset >= 0) else {
            return Ok((Vec::new(), 0));
        };
        let action = || format!("searching for {query:?}");
        let total: i64 = sqlx::query_scalar(count_sql)
            .bind(expr.as_str())
            .fetch_one(&self.pool)
            .await
            .map_err(self.query_err(action))?;
        let hits: Vec<(String, String)> = sqlx::query_as(page_sql)
            .bind(expr)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await
            .map_err(self.query_err(action))?;
        let hits = match self.backend {
            // SQLite gives the text; the snippet is cut here (see `search::snippet`).
            Backend::Sqlite => hits
                .into_iter()
                .map(|(id, text)| (id, search::snippet(&text, query, &[])))
                .collect(),
            Backend::Postgres => hits,
        };
        Ok((hits, u64::try_from(total).unwrap_or(0)))
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use crosscheck_model::Document;

    #[tokio::test]
    async fn search_pages_cover_every_match_once() {
        let store = Store::open(":memory:").await.unwrap();
        for n in 0..5 {
            let doc = Document::new(
                format!("{n}.txt"),
                format!("Troops crossed the border, report {n}."),
            );
            store.put_document(&doc).await.unwrap();
        }
        store
            .put_document(&Document::new("x.txt", "Nothing to see here."))
            .await
            .unwrap();
        let (first, total) = store.search_page("troops border", 2, 0).await.unwrap();
        let (second, _) = store.search_page("troops border", 2, 2).await.unwrap();
        let (third, _) = store.search_page("troops border", 2, 4).await.unwrap();
        assert_eq!(total, 5);
        assert_eq!((first.len(), second.len(), third.len()), (2, 2, 1));
        let mut ids: Vec<_> = first
            .iter()
            .chain(&second)
            .chain(&third)
            .map(|h| h.0.clone())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 5);
        assert_eq!(
            store.search_page("\"(", 2, 0).await.unwrap(),
            (Vec::new(), 0)
        );
    }
}
