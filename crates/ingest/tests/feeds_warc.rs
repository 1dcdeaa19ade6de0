//! Feeds and WARC files, written by the tests themselves (broken ones
//! included), read through the public API.

use std::io::Write;
use std::path::Path;

use crosscheck_ingest::{Options, Source, read, read_each};
use flate2::Compression;
use flate2::write::GzEncoder;

const BODY: &str = "<p>The country’s largest container port reopened on Monday after a nine-day strike by dock workers ended with a pay deal, the port authority said.</p><p>Ships had queued for days outside the harbour, and exporters warned that perishable goods were spoiling in the heat.</p>";

fn page(title: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body><article><h1>{title}</h1>{BODY}</article></body></html>"
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Source {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    Source::File(path)
}

/// One WARC record with the given type, headers and block.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-11-20T08:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn response(uri: &str, title: &str) -> Vec<u8> {
    let html = page(title);
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        http.as_bytes(),
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn rss_and_atom_items_become_articles() {
    let dir = tempfile::tempdir().unwrap();
    let rss = format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
<item><title>Port reopens</title><link>https://harbour.example/port</link><author>desk@harbour.example (Ann Lee)</author>
<pubDate>Tue, 19 Nov 2019 10:00:00 +0000</pubDate><description><![CDATA[{BODY}]]></description></item>
<item><title>Empty</title><link>https://harbour.example/empty</link></item>
</channel></rss>"#
    );
    let (docs, skipped) = read(
        &write(dir.path(), "news.xml", rss.as_bytes()),
        &Options::default(),
    );
    assert_eq!(docs.len(), 1, "{skipped:?}");
    let doc = &docs[0];
    assert_eq!(doc.title.as_deref(), Some("Port reopens"));
    assert_eq!(doc.url.as_deref(), Some("https://harbour.example/port"));
    assert_eq!(doc.published.as_deref(), Some("2019-11-19"));
    assert_eq!(doc.source.as_deref(), Some("Harbour News"));
    assert!(
        doc.text.starts_with("The country’s largest"),
        "{}",
        doc.text
    );
    assert_eq!(doc.text.split("\n\n").count(), 2, "{}", doc.text);
    // The item without content is reported with its position.
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].path.ends_with("news.xml#2"), "{:?}", skipped[0]);

    let atom = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2019-11-20T00:00:00Z</updated>
<entry><title>Port reopens</title><id>urn:1</id><link href="https://atom.example/port"/><updated>2019-11-20T09:00:00Z</updated>
<author><name>Tom Hart</name></author><content type="html">{}</content></entry></feed>"#,
        BODY.replace('<', "&lt;").replace('>', "&gt;")
    );
    let (docs, skipped) = read(
        &write(dir.path(), "feed.atom", atom.as_bytes()),
        &Options::default(),
    );
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(docs[0].author.as_deref(), Some("Tom Hart"));
    assert_eq!(docs[0].published.as_deref(), Some("2019-11-20"));
    assert!(docs[0].text.contains("Ships had queued"));
}

#[test]
fn broken_feed_is_skipped_with_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, skipped) = read(
        &write(
            dir.path(),
            "bad.rss",
            b"<?xml version=\"1.0\"?><rss><channel><item><title>x",
        ),
        &Options::default(),
    );
    assert!(docs.is_empty());
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0].reason.contains("not a valid RSS or Atom feed"),
        "{:?}",
        skipped[0]
    );
}

#[test]
fn warc_plain_and_multi_member_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let request = record(
        "request",
        "https://a.example/1",
        "application/http; msgtype=request",
        b"GET / HTTP/1.1\r\n\r\n",
    );
    let image = {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        record(
            "response",
            "https://a.example/x.png",
            "application/http; msgtype=response",
            http,
        )
    };
    let records = [
        request,
        response("https://a.example/2019/11/19/port", "Port reopens"),
        image,
        response("https://b.example/strike", "Strike ends"),
    ];

    let plain: Vec<u8> = records.concat();
    let (docs, skipped) = read(
        &write(dir.path(), "crawl.warc", &plain),
        &Options::default(),
    );
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(docs.len(), 2);
    assert_eq!(
        docs[0].url.as_deref(),
        Some("https://a.example/2019/11/19/port")
    );
    assert_eq!(docs[0].published.as_deref(), Some("2019-11-19"));
    // No date on the page or in its URL: the crawl date stands in.
    assert_eq!(docs[1].published.as_deref(), Some("2019-11-20"));
    assert!(docs[1].text.contains("nine-day strike"));

    // One gzip member per record, as Common Crawl writes them; sniffed, not named.
    let gz: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let mut seen = Vec::new();
    read_each(
        &write(dir.path(), "crawl.bin", &gz),
        &Options::default(),
        &mut |item| seen.push(item),
    );
    assert_eq!(seen.iter().filter(|i| i.is_ok()).count(), 2, "{seen:?}");
}

#[test]
fn corrupt_and_truncated_records_are_reported_with_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let first = gzip(&response("https://a.example/one", "One"));
    let mut corrupt = gzip(&response("https://a.example/two", "Two"));
    // Damage the deflate data in the middle of the second member.
    let mid = corrupt.len() / 2;
    corrupt[mid..mid + 8].copy_from_slice(b"\xff\xff\xff\xff\xff\xff\xff\xff");
    let third = gzip(&response("https://a.example/three", "Three"));
    let mut truncated_record = response("https://a.example/four", "Four");
    truncated_record.truncate(truncated_record.len() - 200);
    let fourth = gzip(&truncated_record);
    let bytes = [first.clone(), corrupt.clone(), third.clone(), fourth].concat();
    let (docs, skipped) = read(
        &write(dir.path(), "damaged.warc.gz", &bytes),
        &Options::default(),
    );
    let urls: Vec<_> = docs.iter().filter_map(|d| d.url.as_deref()).collect();
    assert_eq!(
        urls,
        ["https://a.example/one", "https://a.example/three"],
        "{skipped:?}"
    );
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].path.ends_with(&format!("@{}", first.len())),
        "{:?}",
        skipped[0]
    );
    assert!(
        skipped[0].reason.contains("corrupt gzip member"),
        "{:?}",
        skipped[0]
    );
    let fourth_at = first.len() + corrupt.len() + third.len();
    assert!(
        skipped[1].path.ends_with(&format!("@{fourth_at}")),
        "{:?}",
        skipped[1]
    );
    assert!(skipped[1].reason.contains("truncated"), "{:?}", skipped[1]);

    // A plain WARC cut inside its last record, with garbage between records.
    let mut plain = response("https://a.example/one", "One");
    let garbage_at = plain.len();
    plain.extend_from_slice(b"this is not a record\r\n");
    plain.extend_from_slice(&response("https://a.example/two", "Two"));
    let cut_at = plain.len();
    let mut last = response("https://a.example/three", "Three");
    last.truncate(100);
    plain.extend_from_slice(&last);
    let (docs, skipped) = read(&write(dir.path(), "cut.warc", &plain), &Options::default());
    assert_eq!(docs.len(), 2, "{skipped:?}");
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].path.ends_with(&format!("@{garbage_at}")),
        "{skipped:?}"
    );
    assert!(
        skipped[1].path.ends_with(&format!("@{cut_at}")),
        "{skipped:?}"
    );
}

#[test]
fn warc_records_over_the_limit_are_skipped_unread() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = [
        response("https://a.example/big", "Big"),
        response("https://a.example/small", "Small"),
    ]
    .concat();
    let small_len = response("https://a.example/small", "Small").len() as u64;
    let opts = Options {
        max_bytes: small_len,
        ..Options::default()
    };
    let (docs, skipped) = read(&write(dir.path(), "x.warc", &bytes), &opts);
    // Both records are about the same size; the limit is on the HTTP block.
    assert_eq!(docs.len() + skipped.len(), 2, "{docs:?} {skipped:?}");
    let (docs, skipped) = read(
        &write(dir.path(), "y.warc", &bytes),
        &Options {
            max_bytes: 100,
            ..Options::default()
        },
    );
    assert!(docs.is_empty());
    assert_eq!(skipped.len(), 2);
    assert!(skipped[0].reason.contains("too large"), "{skipped:?}");
}
