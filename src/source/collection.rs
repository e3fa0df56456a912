//! Collections: CSV and JSON Lines files with one document per row, one column
//! holding the text and the others metadata.

use super::decode::Decoded;
use super::{Document, Input, ReadError, ReadOptions};
use indexmap::IndexMap;

/// Column names tried, in order, when `--text-column` is not given.
pub const TEXT_COLUMNS: &[&str] = &[
    "full_text",
    "text",
    "content",
    "body",
    "fulltext",
    "正文",
    "全文",
    "内容",
    "文本",
];

/// Column names that hold a document's title.
pub const TITLE_COLUMNS: &[&str] = &["title", "name", "标题", "名称", "题目"];

pub(super) fn read_csv(
    input: &Input,
    decoded: &Decoded,
    options: &ReadOptions,
) -> Result<Vec<Document>, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(decoded.text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(input, &e))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let text_col = text_column(input, &headers, options)?;
    let mut docs = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| csv_error(input, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        let row: IndexMap<String, String> = headers
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_owned))
            .collect();
        let swallowed = swallowed_rows(&record, headers.len());
        if let Some(mut doc) = row_document(input, decoded, index + 1, line, row, &text_col)? {
            if let Some((count, first)) = swallowed {
                doc.diagnostics.push(crate::diagnostic::Diagnostic::warning(
                    1,
                    1,
                    format!(
                        "the CSV row at line {line} holds {count} line(s) that look like rows of their own (\"{first}\"); a quote is probably unbalanced, so rows were merged into this one: check the quotes from line {line} on"
                    ),
                ));
            }
            docs.push(doc);
        }
    }
    if docs.is_empty() {
        return Err(ReadError::Empty {
            path: input.path.clone(),
        });
    }
    Ok(docs)
}

/// The lines inside a record's fields that have exactly as many commas as a row
/// of the file: a quote left open swallows the rows after it into one field.
/// Returns how many there are and the first, when there are any.
fn swallowed_rows(record: &csv::StringRecord, columns: usize) -> Option<(usize, String)> {
    if columns < 2 {
        return None;
    }
    let rows: Vec<&str> = record
        .iter()
        .flat_map(|field| field.lines().skip(1))
        .filter(|l| l.matches(',').count() == columns - 1)
        .collect();
    let first: String = rows.first()?.chars().take(30).collect();
    Some((rows.len(), first))
}

pub(super) fn read_jsonl(
    input: &Input,
    decoded: &Decoded,
    options: &ReadOptions,
) -> Result<Vec<Document>, ReadError> {
    let mut docs = Vec::new();
    let mut row_number = 0;
    for (i, line) in decoded.text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_no = i as u64 + 1;
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| ReadError::Collection {
                path: input.path.clone(),
                line: line_no,
                message: format!("not a JSON object: {e}; each line must be one JSON object"),
            })?;
        let serde_json::Value::Object(object) = value else {
            return Err(ReadError::Collection {
                path: input.path.clone(),
                line: line_no,
                message: "each line must be one JSON object, e.g. {\"title\": …, \"text\": …}"
                    .into(),
            });
        };
        let row: IndexMap<String, String> = object
            .into_iter()
            .filter_map(|(k, v)| {
                let s = match v {
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Null => return None,
                    other => other.to_string(),
                };
                Some((k, s))
            })
            .collect();
        let headers: Vec<String> = row.keys().cloned().collect();
        let text_col = text_column(input, &headers, options).map_err(|e| match e {
            ReadError::Collection { path, message, .. } => ReadError::Collection {
                path,
                line: line_no,
                message,
            },
            other => other,
        })?;
        row_number += 1;
        if let Some(doc) = row_document(input, decoded, row_number, line_no, row, &text_col)? {
            docs.push(doc);
        }
    }
    if docs.is_empty() {
        return Err(ReadError::Empty {
            path: input.path.clone(),
        });
    }
    Ok(docs)
}

fn text_column(
    input: &Input,
    headers: &[String],
    options: &ReadOptions,
) -> Result<String, ReadError> {
    if let Some(wanted) = &options.text_column {
        if headers.iter().any(|h| h == wanted) {
            return Ok(wanted.clone());
        }
        return Err(ReadError::Collection {
            path: input.path.clone(),
            line: 1,
            message: format!(
                "no column named {wanted:?}; the columns are {}",
                headers.join(", ")
            ),
        });
    }
    TEXT_COLUMNS
        .iter()
        .find_map(|c| headers.iter().find(|h| h.eq_ignore_ascii_case(c)))
        .cloned()
        .ok_or_else(|| ReadError::Collection {
            path: input.path.clone(),
            line: 1,
            message: format!(
                "cannot tell which column holds the text (columns: {}); name it with --text-column",
                headers.join(", ")
            ),
        })
}

fn row_document(
    input: &Input,
    decoded: &Decoded,
    row: usize,
    line: u64,
    mut columns: IndexMap<String, String>,
    text_col: &str,
) -> Result<Option<Document>, ReadError> {
    let text = columns.shift_remove(text_col).unwrap_or_default();
    if text.trim().is_empty() {
        // An empty row is not worth failing a whole collection for; skip it.
        return Ok(None);
    }
    let title_col = TITLE_COLUMNS
        .iter()
        .find_map(|c| columns.keys().find(|h| h.eq_ignore_ascii_case(c)).cloned());
    let title = title_col
        .and_then(|c| columns.shift_remove(&c))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("{} #{row}", input.id));
    let _ = line;
    Ok(Some(Document {
        id: format!("{}/{row}", input.id),
        source: format!("{}#row={row}", input.path.to_string_lossy()),
        title: title.trim().to_owned(),
        meta: columns
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .collect(),
        text,
        encoding: decoded.encoding,
        diagnostics: Vec::new(),
    }))
}

fn csv_error(input: &Input, e: &csv::Error) -> ReadError {
    ReadError::Collection {
        path: input.path.clone(),
        line: e.position().map_or(1, |p| p.line()),
        message: format!(
            "malformed CSV: {e}; check quoting and that every row has as many fields as the header"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{InputKind, read_bytes};
    use std::path::PathBuf;

    fn input(kind: InputKind, name: &str) -> Input {
        Input {
            path: PathBuf::from(name),
            id: name.split('.').next().unwrap().into(),
            kind,
        }
    }

    #[test]
    fn csv_rows_become_documents_with_metadata() {
        let csv = "\u{feff}province,title,full_text\n上海市,报告,\"一、回顾\n正文。\"\n北京市,,正文二。\n";
        let docs = read_bytes(
            &input(InputKind::Csv, "r.csv"),
            csv.as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "r/1");
        assert_eq!(docs[0].title, "报告");
        assert_eq!(docs[0].meta["province"], "上海市");
        assert_eq!(docs[0].text, "一、回顾\n正文。");
        assert_eq!(docs[1].title, "r #2");
        assert_eq!(docs[1].source, "r.csv#row=2");
    }

    #[test]
    fn csv_without_a_text_column_says_what_to_do() {
        let err = read_bytes(
            &input(InputKind::Csv, "r.csv"),
            b"a,b\n1,2\n",
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("--text-column"), "{err}");
    }

    #[test]
    fn jsonl_rows_and_bad_lines() {
        let ok = "{\"title\":\"甲\",\"text\":\"正文。\",\"year\":2026}\n\n{\"text\":\"乙。\"}\n";
        let docs = read_bytes(
            &input(InputKind::Jsonl, "c.jsonl"),
            ok.as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].meta["year"], "2026");
        let err = read_bytes(
            &input(InputKind::Jsonl, "c.jsonl"),
            b"{\"text\":\"a\"}\nnot json\n",
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("c.jsonl:2: "), "{err}");
    }
}
