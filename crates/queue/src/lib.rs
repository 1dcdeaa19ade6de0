//! crosscheck-queue: spreads the analysis of many articles over any number
//! of worker processes, on any number of machines, through NATS JetStream.
//!
//! - [`Queue::submit`] publishes each extracted article (the document, as
//!   JSON) to a work-queue stream, with its content hash as the message id
//!   (JetStream drops a copy sent again within its duplicate window).
//! - [`worker::run`] consumes the stream with one durable pull consumer shared
//!   by all workers: it analyses a batch, stores documents and analyses in
//!   one transaction, and only then acknowledges. A worker that dies before
//!   acknowledging gets its messages redelivered to another after the ack
//!   wait; storing is idempotent, so a redelivery changes nothing.
//! - [`link::relink`]: when the queue is drained, one worker at a time (a
//!   lease in the store) rebuilds the dossier from a consistent snapshot of
//!   the store; a dossier is only ever replaced by one built from more
//!   documents.
//! - [`status::gather`]: queue depth, per-worker throughput and failures.
//!
//! Why documents and not pointers on the stream: workers may run on other
//! machines than the one that submits, with no shared file system, so a
//! path would mean nothing to them; an extracted article is a few kB (well
//! under JetStream's 1 MB default message limit, checked at submit), and a
//! work-queue stream deletes each message once it is acknowledged, so the
//! stream holds only the backlog. Extraction (HTML to text) runs at submit;
//! the analysis, which costs far more, runs in the workers.

pub mod link;
pub mod status;
pub mod worker;

use std::future::IntoFuture;
use std::time::Duration;

use async_nats::jetstream::{self, consumer, stream};
use crosscheck_core::Document;
use futures::StreamExt;
use futures::stream::FuturesOrdered;
use serde::{Deserialize, Serialize};

/// The durable consumer all workers share.
const CONSUMER: &str = "workers";
/// Publishes awaiting the server's acknowledgement at once, per submitter.
const PUBLISH_WINDOW: usize = 512;
/// Deliveries of one message before JetStream gives up on it (the worker
/// records it as a failure on the last one).
pub const MAX_DELIVER: i64 = 20;

/// What went wrong talking to NATS. Messages name the server or the queue.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// The queue name cannot be a stream name.
    #[error("bad queue name {name:?}: use letters, digits, `-` and `_` only")]
    BadName {
        /// The name given.
        name: String,
    },
    /// Connecting to the server failed.
    #[error("cannot connect to NATS at {url}: {cause}")]
    Connect {
        /// The server URL.
        url: String,
        /// The client's error.
        cause: async_nats::ConnectError,
    },
    /// A JetStream request failed (stream or consumer set-up, info, publish).
    #[error("NATS queue {queue}: {action} failed: {cause}")]
    JetStream {
        /// The queue name.
        queue: String,
        /// What was being done.
        action: String,
        /// The client's error, as text (the client has one error type per call).
        cause: String,
    },
}

/// The message body: versioned, so that a later format can be told apart.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Work {
    /// Format version (1).
    pub v: u32,
    /// The extracted article.
    pub doc: Document,
}

/// How a submit went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Submitted {
    /// Messages the stream accepted.
    pub published: usize,
    /// Articles the stream already held (same content hash within its
    /// duplicate window): not queued twice.
    pub duplicates: usize,
    /// Articles not queued: (path, reason).
    pub refused: Vec<(String, String)>,
}

/// How much work is waiting.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Depth {
    /// Messages in the stream (not yet acknowledged by any worker).
    pub messages: u64,
    /// Of those, not yet handed to a worker.
    pub pending: u64,
    /// Handed to a worker, not yet acknowledged.
    pub in_flight: u64,
    /// Messages delivered more than once (a worker died, or handed them back).
    pub redelivered: u64,
}

impl Depth {
    /// Nothing waiting and nothing in flight.
    pub fn drained(&self) -> bool {
        self.pending == 0 && self.in_flight == 0
    }
}

/// A work queue on a NATS JetStream server: stream `NAME` on subject `NAME.work`.
#[derive(Debug, Clone)]
pub struct Queue {
    client: async_nats::Client,
    js: jetstream::Context,
    name: String,
    url: String,
}

impl Queue {
    /// Connects to the server at `url` and makes sure the stream exists
    /// (work-queue retention, kept on disk). The client reconnects by itself
    /// when the server restarts.
    pub async fn connect(url: &str, name: &str) -> Result<Queue, QueueError> {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(QueueError::BadName {
                name: name.to_string(),
            });
        }
        let client = async_nats::ConnectOptions::new()
            .name(format!("crosscheck {name}"))
            .connection_timeout(Duration::from_secs(5))
            .max_reconnects(None)
            .connect(url)
            .await
            .map_err(|cause| QueueError::Connect {
                url: url.to_string(),
                cause,
            })?;
        let js = jetstream::new(client.clone());
        let queue = Queue {
            client,
            js,
            name: name.to_string(),
            url: url.to_string(),
        };
        queue.stream().await?;
        Ok(queue)
    }

    /// The queue's name (= the stream's).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The server URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn subject(&self) -> String {
        format!("{}.work", self.name)
    }

    fn err(&self, action: &str) -> impl FnOnce(String) -> QueueError + use<> {
        let queue = self.name.clone();
        let action = action.to_string();
        move |cause| QueueError::JetStream {
            queue,
            action,
            cause,
        }
    }

    async fn stream(&self) -> Result<stream::Stream, QueueError> {
        self.js
            .get_or_create_stream(stream::Config {
                name: self.name.clone(),
                subjects: vec![self.subject()],
                retention: stream::RetentionPolicy::WorkQueue,
                storage: stream::StorageType::File,
                ..Default::default()
            })
            .await
            .map_err(|e| self.err("setting up the stream")(e.to_string()))
    }

    /// The workers' durable pull consumer (created with `ack_wait` if new;
    /// an existing consumer keeps the settings it was created with).
    pub(crate) async fn consumer(
        &self,
        ack_wait: Duration,
    ) -> Result<consumer::PullConsumer, QueueError> {
        self.stream()
            .await?
            .get_or_create_consumer(
                CONSUMER,
                consumer::pull::Config {
                    durable_name: Some(CONSUMER.to_string()),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait,
                    max_deliver: MAX_DELIVER,
                    max_ack_pending: 10_000,
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| self.err("setting up the workers' consumer")(e.to_string()))
    }

    /// Publishes every document, in order (the stream's sequence numbers
    /// keep that order: it is the order the dossier links them in). Waits
    /// until the server has stored each one.
    pub async fn submit(&self, docs: &[Document]) -> Result<Submitted, QueueError> {
        let subject = self.subject();
        let max_payload = self.client.server_info().max_payload;
        let mut out = Submitted::default();
        let mut acks = FuturesOrdered::new();
        for doc in docs {
            let work = Work {
                v: 1,
                doc: doc.clone(),
            };
            let payload = match serde_json::to_vec(&work) {
                Ok(p) => p,
                Err(e) => {
                    out.refused
                        .push((doc.path.clone(), format!("cannot encode: {e}")));
                    continue;
                }
            };
            if payload.len() > max_payload {
                out.refused.push((
                    doc.path.clone(),
                    format!(
                        "too large for the queue ({} bytes of text and metadata; the server takes at most {max_payload})",
                        payload.len()
                    ),
                ));
                continue;
            }
            let message = jetstream::message::PublishMessage::build()
                .payload(payload.into())
                .message_id(&doc.id);
            let ack = self
                .js
                .send_publish(subject.clone(), message)
                .await
                .map_err(|e| self.err("publishing")(e.to_string()))?;
            acks.push_back(ack.into_future());
            if acks.len() >= PUBLISH_WINDOW {
                self.settle(acks.next().await, &mut out)?;
            }
        }
        while let Some(ack) = acks.next().await {
            self.settle(Some(ack), &mut out)?;
        }
        Ok(out)
    }

    fn settle(
        &self,
        ack: Option<Result<jetstream::publish::PublishAck, jetstream::context::PublishError>>,
        out: &mut Submitted,
    ) -> Result<(), QueueError> {
        match ack {
            Some(Ok(ack)) if ack.duplicate => out.duplicates += 1,
            Some(Ok(_)) => out.published += 1,
            Some(Err(e)) => return Err(self.err("publishing")(e.to_string())),
            None => {}
        }
        Ok(())
    }

    /// How much work is waiting and in flight.
    pub async fn depth(&self) -> Result<Depth, QueueError> {
        let mut stream = self.stream().await?;
        let messages = stream
            .info()
            .await
            .map_err(|e| self.err("reading the stream's state")(e.to_string()))?
            .state
            .messages;
        let consumer: Result<consumer::PullConsumer, _> = stream.get_consumer(CONSUMER).await;
        let Ok(mut consumer) = consumer else {
            // No worker has started yet: everything is pending.
            return Ok(Depth {
                messages,
                pending: messages,
                ..Depth::default()
            });
        };
        let info = consumer
            .info()
            .await
            .map_err(|e| self.err("reading the consumer's state")(e.to_string()))?;
        Ok(Depth {
            messages,
            pending: info.num_pending,
            in_flight: info.num_ack_pending as u64,
            redelivered: info.num_redelivered as u64,
        })
    }

    /// Deletes the stream and its consumer (tests and benchmarks start clean with it).
    pub async fn delete(&self) -> Result<(), QueueError> {
        self.js
            .delete_stream(&self.name)
            .await
            .map_err(|e| self.err("deleting the stream")(e.to_string()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
