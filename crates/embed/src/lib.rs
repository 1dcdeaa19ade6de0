//! crosscheck-embed: sentence embeddings computed in-process with
//! potion-base-8M, a model2vec static embedding model (256 dimensions, MIT;
//! see docs/models.md).
//!
//! A static model has no transformer to run: a text is tokenised
//! (WordPiece, the bge-base-en-v1.5 vocabulary) and the vectors of its tokens
//! are averaged, so a sentence costs a few microseconds on one core and the
//! result depends only on the text. The weights (30 MB) are not in the
//! repository: `bash scripts/fetch-models.sh` puts them in `models/`.
//!
//! ```no_run
//! use crosscheck_embed::{Embedder, cosine};
//! let embedder = Embedder::default_model()?;
//! let v = embedder.embed(&[
//!     "Pyongyang has dispatched soldiers to Russia",
//!     "North Korean troops are now in Russia",
//!     "The central bank raised interest rates",
//! ]);
//! println!("{:.2}", cosine(&v[0], &v[1])); // 0.54: a paraphrase
//! println!("{:.2}", cosine(&v[0], &v[2])); // -0.01: unrelated
//! # Ok::<(), crosscheck_embed::EmbedError>(())
//! ```

use std::path::{Path, PathBuf};

use model2vec_rs::model::StaticModel;
use rayon::prelude::*;

/// The model folder's name, under `models/` or `$CROSSCHECK_MODELS`.
pub const MODEL_NAME: &str = "potion-base-8M";

/// The environment variable naming the folder that holds [`MODEL_NAME`]/
/// (read here and by scripts/fetch-models.sh).
pub const MODELS_ENV: &str = "CROSSCHECK_MODELS";

/// The files [`Embedder::load`] reads: checked up front so that a missing
/// one is reported by name rather than as model2vec's "no valid model
/// layout" (which also goes looking in the parent folder).
const REQUIRED_FILES: [&str; 3] = ["model.safetensors", "tokenizer.json", "config.json"];

/// Below this many texts [`Embedder::embed`] stays on the calling thread:
/// waking rayon's pool costs more than it saves (and a caller that already
/// runs on the pool, one article per task, gains nothing from nesting).
const PARALLEL_MIN: usize = 256;

/// Texts per rayon task in [`Embedder::embed`].
const CHUNK: usize = 64;

const FETCH_HINT: &str = "run `bash scripts/fetch-models.sh` from the repository root to fetch it";

/// Why the model could not be loaded. Messages name the path.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// No model folder was found where [`Embedder::locate`] looks.
    #[error(
        "the sentence-embedding model {MODEL_NAME} was not found (looked in ${MODELS_ENV}/{MODEL_NAME}, \
         models/{MODEL_NAME} in the current folder and its parents, and beside the executable): {FETCH_HINT}"
    )]
    NotFound,
    /// A file the model needs is not in the folder.
    #[error("{}: missing ({FETCH_HINT})", path.display())]
    MissingFile {
        /// The file that is missing.
        path: PathBuf,
    },
    /// The files are there but model2vec could not read them.
    #[error("cannot load the embedding model from {}: {cause} (to fetch a verified copy again: bash scripts/fetch-models.sh)", path.display())]
    Load {
        /// The model folder.
        path: PathBuf,
        /// model2vec's error, with its chain of causes, as text.
        cause: String,
    },
}

/// A loaded potion-base-8M model. Cheap to clone (the tables are shared)
/// and usable from many threads at once.
#[derive(Debug, Clone)]
pub struct Embedder {
    model: StaticModel,
}

impl Embedder {
    /// Loads the model from `dir`, a folder holding `model.safetensors`,
    /// `tokenizer.json` and `config.json` (such as `models/potion-base-8M`).
    pub fn load(dir: &Path) -> Result<Embedder, EmbedError> {
        for name in REQUIRED_FILES {
            let path = dir.join(name);
            if !path.is_file() {
                return Err(EmbedError::MissingFile { path });
            }
        }
        // normalize = Some(true) whatever config.json says: callers compare
        // vectors with a dot product and rely on unit length.
        let model = StaticModel::from_pretrained(dir, None, Some(true), None).map_err(|e| {
            EmbedError::Load {
                path: dir.to_path_buf(),
                cause: format!("{e:#}"),
            }
        })?;
        Ok(Embedder { model })
    }

    /// Where the model folder is, first match wins:
    /// 1. `$CROSSCHECK_MODELS/potion-base-8M` when the variable is set (and
    ///    not empty), whether or not it exists: an explicit setting is not
    ///    silently overridden, and [`Embedder::load`] then names what is
    ///    missing;
    /// 2. `models/potion-base-8M` in the current folder or the nearest of its
    ///    parents that has one (a test runs in its crate's folder);
    /// 3. the same beside the executable or any of its ancestors, so that
    ///    `target/release/crosscheck` finds the repository's `models/` from
    ///    any current folder.
    ///
    /// A folder counts in 2 and 3 only if it holds `model.safetensors`.
    pub fn locate() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os(MODELS_ENV).filter(|v| !v.is_empty()) {
            return Some(PathBuf::from(dir).join(MODEL_NAME));
        }
        let from_cwd = std::env::current_dir()
            .ok()
            .and_then(|cwd| find_upwards(&cwd));
        from_cwd.or_else(|| {
            let exe = std::env::current_exe().ok()?;
            // The executable may be a symlink (an installed `crosscheck` on
            // PATH pointing into a checkout): look beside its target too.
            let real = exe.canonicalize().ok();
            exe.parent().and_then(find_upwards).or_else(|| {
                real.as_deref()
                    .and_then(Path::parent)
                    .and_then(find_upwards)
            })
        })
    }

    /// [`Embedder::locate`] then [`Embedder::load`]; the error says how to
    /// fetch the model when it is nowhere to be found.
    pub fn default_model() -> Result<Embedder, EmbedError> {
        let dir = Self::locate().ok_or(EmbedError::NotFound)?;
        Self::load(&dir)
    }

    /// Dimension of the vectors (256 for potion-base-8M).
    pub fn dim(&self) -> usize {
        self.model.dim()
    }

    /// One vector per text, in order: L2-normalised, except that a text with
    /// no known token (the empty string, say) gets the zero vector. The same
    /// text always gives the same vector, bit for bit, whatever the batch or
    /// the thread count (each vector is summed by one thread, in token order).
    ///
    /// From a few hundred texts on, the work is spread over rayon's global
    /// pool; fewer stay on the calling thread.
    pub fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        if texts.len() < PARALLEL_MIN {
            return texts.iter().map(|t| self.embed_one(t)).collect();
        }
        // Chunks of CHUNK texts per rayon task: a sentence takes ~3 µs, too
        // little to hand out one at a time. model2vec's own batch encoder
        // (encode_with_args) is not used: it wants owned Strings and splits
        // per text.
        texts
            .par_chunks(CHUNK)
            .flat_map_iter(|chunk| chunk.iter().map(|t| self.embed_one(t)))
            .collect()
    }

    /// The vector of one text, as [`Embedder::embed`] gives it, computed on
    /// the calling thread.
    pub fn embed_one(&self, text: &str) -> Vec<f32> {
        // Only the first 512 tokens count (model2vec's default, in Python as
        // in Rust): far more than a sentence, and
        // the text is cut on characters first (512 times the vocabulary's
        // median token length), so a huge text costs no more than a long one.
        self.model.encode_single(text)
    }
}

/// Cosine similarity of two vectors: their dot product over the product of
/// their norms; 0 when either is the zero vector. For the unit vectors
/// [`Embedder::embed`] returns it is simply the dot product. Extra entries of
/// the longer slice are ignored.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut dot, mut aa, mut bb) = (0.0_f32, 0.0_f32, 0.0_f32);
    for (&x, &y) in a.iter().zip(b) {
        dot += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        return 0.0;
    }
    dot / (aa.sqrt() * bb.sqrt())
}

/// `start/models/potion-base-8M` or the same in the nearest ancestor of
/// `start`, if it holds the weights.
fn find_upwards(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join("models").join(MODEL_NAME))
        .find(|candidate| candidate.join("model.safetensors").is_file())
}

/// The process's model, loaded once on first use ([`Embedder::default_model`]);
/// the error (as text) when it could not be loaded, every time it is asked.
pub fn shared() -> Result<std::sync::Arc<Embedder>, String> {
    static SHARED: std::sync::OnceLock<Result<std::sync::Arc<Embedder>, String>> =
        std::sync::OnceLock::new();
    SHARED
        .get_or_init(|| {
            Embedder::default_model()
                .map(std::sync::Arc::new)
                .map_err(|e| e.to_string())
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_known_vectors() {
        assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 1.0]).abs() < 1e-6);
        assert!((cosine(&[3.0, 4.0], &[-3.0, -4.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 2.0]), 0.0);
        assert_eq!(cosine(&[], &[]), 0.0);
    }

    #[test]
    fn missing_folder_names_the_file() {
        let dir = std::env::temp_dir().join("crosscheck-embed-no-such-model");
        let err = Embedder::load(&dir).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, EmbedError::MissingFile { .. }), "{msg}");
        assert!(
            msg.contains("model.safetensors") && msg.contains("fetch-models.sh"),
            "{msg}"
        );
    }
}
