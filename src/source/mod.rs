//! READ: files, folders, stdin and collections (CSV, JSONL) become [`Document`]s.
//!
//! A document is an id, where it came from, its metadata and its decoded text.
//! This module knows nothing of structure, extraction or RDF.

pub mod collection;
pub mod decode;

use indexmap::IndexMap;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One document to convert: the unit that gets its own named graph.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Stable id from the file name (and row for collections), e.g. `中国工会国际工作`
    /// or `2026_上海市_政府工作报告/1`. The same input always gets the same id.
    pub id: String,
    /// Where it came from, as given: a path, `path#row=N`, or `-` for stdin.
    pub source: String,
    /// The title: a title column, else a Markdown `#` heading, else the file name.
    pub title: String,
    /// Metadata columns other than the text, in file order.
    pub meta: IndexMap<String, String>,
    /// The decoded text; every offset in the graph refers to it (code points).
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: &'static str,
    /// What was odd about reading it (a CSV row that swallowed others).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

impl Document {
    /// Builds a document from text already in memory.
    ///
    /// ```
    /// let doc = policykg::source::Document::from_text("demo", "（一）标题\n正文。");
    /// assert_eq!(doc.id, "demo");
    /// assert_eq!(doc.sha256().len(), 64);
    /// ```
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        let text = text.into();
        Self {
            title: markdown_title(&text).unwrap_or_else(|| id.clone()),
            source: id.clone(),
            id,
            meta: IndexMap::new(),
            text,
            encoding: "UTF-8",
            diagnostics: Vec::new(),
        }
    }

    /// Hex SHA-256 of the decoded text: unchanged documents are skipped on reload.
    pub fn sha256(&self) -> String {
        let digest = Sha256::digest(self.text.as_bytes());
        let mut hex = String::with_capacity(64);
        for byte in digest {
            use std::fmt::Write;
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }
}

/// What kind of file an input is, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum InputKind {
    /// Plain text (`.txt`, or anything given explicitly).
    Text,
    /// Markdown (`.md`, `.markdown`).
    Markdown,
    /// Comma-separated rows, one document per row.
    Csv,
    /// JSON Lines, one document per line.
    Jsonl,
}

impl InputKind {
    /// The kind a format name or extension stands for: txt, md, csv, jsonl.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "txt" | "text" => Self::Text,
            "md" | "markdown" => Self::Markdown,
            "csv" => Self::Csv,
            "jsonl" | "ndjson" => Self::Jsonl,
            _ => return None,
        })
    }

    /// The kind for a file name, or `None` when a folder walk should skip it.
    pub fn from_path(path: &Path) -> Option<Self> {
        Self::from_name(path.extension()?.to_str()?)
    }
}

/// A file found by [`discover`], with the id its documents will get.
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    /// The file to read, or `-` for stdin.
    pub path: PathBuf,
    /// The document id (for collections, the prefix before `/row`).
    pub id: String,
    /// How to read it.
    pub kind: InputKind,
}

/// Options for reading inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The column that holds the text; detected when `None`.
    pub text_column: Option<String>,
    /// Inputs larger than this many bytes are refused before they are read
    /// ([`ReadError::TooLarge`]): memory grows with one document's size.
    pub max_input_bytes: u64,
}

/// The default of [`ReadOptions::max_input_bytes`], 50 MiB: the largest
/// document it lets in (a Markdown file of 52 MB) is converted and loaded in
/// under 1 GiB (BENCHMARKS.md, "One large document").
pub const MAX_INPUT_BYTES: u64 = 50 << 20;

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            text_column: None,
            max_input_bytes: MAX_INPUT_BYTES,
        }
    }
}

/// Why an input could not be read. Every variant names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path does not exist.
    #[error("{path}: no such file or folder; check the path")]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// The operating system refused to read the path.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path as given.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A folder that holds no file policykg reads.
    #[error(
        "{path}: no documents found (looked for .txt, .md, .csv, .jsonl files); point at a file or a folder that holds some"
    )]
    NoDocuments {
        /// The folder.
        path: PathBuf,
    },
    /// The file is empty or holds only whitespace.
    #[error("{path}: the file is empty; nothing to convert")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The bytes are not text in any encoding policykg knows.
    #[error(
        "{path}: not a text file ({reason}); policykg reads UTF-8 or GB18030/GBK text, Markdown, CSV and JSONL"
    )]
    NotText {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        reason: &'static str,
    },
    /// The input is larger than the limit; nothing of it was read.
    #[error(
        "{path}: {bytes} bytes, more than the limit of {limit} bytes for one input; nothing of it was read. Split it into smaller files (a collection into several, a long text at its chapters), or raise the limit with --max-input-size (memory grows by about 10 bytes per byte of a document's text)"
    )]
    TooLarge {
        /// The file, or `-`.
        path: PathBuf,
        /// Its size, or how much of stdin was read before giving up.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// A collection is malformed.
    #[error("{path}:{line}: {message}")]
    Collection {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: u64,
        /// What is wrong and what to do.
        message: String,
    },
}

/// Finds the documents under a path: the file itself, or every readable file in a
/// folder (recursively, in name order, hidden files skipped). `-` means stdin.
///
/// Ids are the path relative to the folder without its extension, so the same
/// folder always yields the same ids wherever it lives. An entry of the folder
/// that cannot be read (a dangling or looping symlink) is an error here; see
/// [`discover_each`] to go on past it.
pub fn discover(path: &Path) -> Result<Vec<Input>, ReadError> {
    let (inputs, mut errors) = discover_each(path)?;
    match errors.is_empty() {
        true => Ok(inputs),
        false => Err(errors.swap_remove(0)),
    }
}

/// Like [`discover`], but an entry of a folder that cannot be read (a dangling or
/// looping symlink, a folder without permission) is returned as an error beside
/// the inputs that could be found, so a caller can report it and go on with the
/// rest. A missing path, or a folder with no document at all, is still an error.
pub fn discover_each(path: &Path) -> Result<(Vec<Input>, Vec<ReadError>), ReadError> {
    if path == Path::new("-") {
        let stdin = Input {
            path: path.to_owned(),
            id: "stdin".into(),
            kind: InputKind::Text,
        };
        return Ok((vec![stdin], Vec::new()));
    }
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound {
            path: path.to_owned(),
        },
        _ => ReadError::Io {
            path: path.to_owned(),
            source: e,
        },
    })?;
    if !meta.is_dir() {
        let input = Input {
            path: path.to_owned(),
            id: id_from_relative(Path::new(path.file_name().unwrap_or(path.as_os_str()))),
            kind: InputKind::from_path(path).unwrap_or(InputKind::Text),
        };
        return Ok((vec![input], Vec::new()));
    }
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(ReadError::Io {
                    path: e.path().map_or_else(|| path.to_owned(), Path::to_owned),
                    source: e.into(),
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(kind) = InputKind::from_path(entry.path()) else {
            continue;
        };
        let relative = entry.path().strip_prefix(path).unwrap_or(entry.path());
        inputs.push(Input {
            path: entry.path().to_owned(),
            id: id_from_relative(relative),
            kind,
        });
    }
    if inputs.is_empty() && errors.is_empty() {
        return Err(ReadError::NoDocuments {
            path: path.to_owned(),
        });
    }
    Ok((inputs, errors))
}

fn id_from_relative(relative: &Path) -> String {
    let without_ext = relative.with_extension("");
    without_ext
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads the documents of one input: one for a text file, one per row for a collection.
///
/// What comes on stdin has no name to take an id from: its id is `stdin-` and
/// the first 12 hex digits of the SHA-256 of its bytes (after any
/// `--id-prefix`), so different inputs get different ids and the same input
/// the same one.
pub fn read(input: &Input, options: &ReadOptions) -> Result<Vec<Document>, ReadError> {
    let limit = options.max_input_bytes;
    let too_large = |bytes| ReadError::TooLarge {
        path: input.path.clone(),
        bytes,
        limit,
    };
    if input.path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin().lock(), limit.saturating_add(1)),
            &mut bytes,
        )
        .map_err(|e| ReadError::Io {
            path: input.path.clone(),
            source: e,
        })?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64));
        }
        let named = Input {
            id: stdin_id(&input.id, &bytes),
            ..input.clone()
        };
        return read_bytes(&named, &bytes, options);
    }
    let io = |e| ReadError::Io {
        path: input.path.clone(),
        source: e,
    };
    let file = std::fs::File::open(&input.path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // Read no more than the limit, should the file grow meanwhile.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, limit.saturating_add(1)),
        &mut bytes,
    )
    .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    read_bytes(input, &bytes, options)
}

/// The id of input read from stdin: the id it was given (`stdin`, or
/// `PREFIX/stdin`), `-`, and 12 hex digits of the bytes' SHA-256.
///
/// ```
/// let id = policykg::source::stdin_id("stdin", "第一条 正文。".as_bytes());
/// assert!(id.starts_with("stdin-") && id.len() == "stdin-".len() + 12);
/// assert_ne!(id, policykg::source::stdin_id("stdin", "第二条 正文。".as_bytes()));
/// ```
pub fn stdin_id(id: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("{id}-{hex}")
}

/// Reads the documents of one input from bytes already in memory.
pub fn read_bytes(
    input: &Input,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<Vec<Document>, ReadError> {
    let decoded = decode::decode(bytes).map_err(|problem| ReadError::NotText {
        path: input.path.clone(),
        reason: match problem {
            decode::DecodeProblem::Binary => "it holds binary data",
            decode::DecodeProblem::Undecodable => "its bytes are not valid in any known encoding",
        },
    })?;
    if decoded.text.trim().is_empty() {
        return Err(ReadError::Empty {
            path: input.path.clone(),
        });
    }
    let source = input.path.to_string_lossy().into_owned();
    match input.kind {
        InputKind::Text | InputKind::Markdown => {
            let title = markdown_title(&decoded.text).unwrap_or_else(|| file_title(input));
            Ok(vec![Document {
                id: input.id.clone(),
                source,
                title,
                meta: IndexMap::new(),
                text: decoded.text,
                encoding: decoded.encoding,
                diagnostics: Vec::new(),
            }])
        }
        InputKind::Csv => collection::read_csv(input, &decoded, options),
        InputKind::Jsonl => collection::read_jsonl(input, &decoded, options),
    }
}

/// The file name without extension (the last part of the id).
fn file_title(input: &Input) -> String {
    input.id.rsplit('/').next().unwrap_or(&input.id).to_owned()
}

/// The text of a leading Markdown level-1 heading (`# 中华人民共和国专利法`), if any.
fn markdown_title(text: &str) -> Option<String> {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())?;
    let title = first.trim().strip_prefix("# ")?.trim();
    (!title.is_empty()).then(|| title.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_input(id: &str) -> Input {
        Input {
            path: PathBuf::from(format!("{id}.txt")),
            id: id.into(),
            kind: InputKind::Text,
        }
    }

    #[test]
    fn empty_and_binary_are_errors_naming_the_file() {
        let err = read_bytes(&text_input("a"), b" \n\n", &ReadOptions::default()).unwrap_err();
        assert!(matches!(err, ReadError::Empty { .. }));
        assert!(err.to_string().starts_with("a.txt: "));
        let err = read_bytes(&text_input("b"), b"\0\0\x01", &ReadOptions::default()).unwrap_err();
        assert!(matches!(err, ReadError::NotText { .. }), "{err}");
    }

    #[test]
    fn title_from_markdown_heading_or_file_name() {
        let docs = read_bytes(
            &text_input("x"),
            "# 中华人民共和国专利法\n\n第一条 为了。".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(docs[0].title, "中华人民共和国专利法");
        let docs = read_bytes(
            &text_input("dir/文件"),
            "正文。".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(docs[0].title, "文件");
    }

    #[test]
    fn ids_are_relative_paths_without_extension() {
        assert_eq!(id_from_relative(Path::new("刑法/修正案.md")), "刑法/修正案");
        assert_eq!(id_from_relative(Path::new("a.txt")), "a");
    }
}
