//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030/GBK
//! detected with `chardetng`. Offsets in the graph always refer to the decoded text.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    /// The bytes hold NUL characters or other binary control bytes.
    Binary,
    /// No encoding decodes the bytes without errors.
    Undecodable,
}

/// The decoded text and the name of the encoding it was read in.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without any byte order mark.
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8` or `gb18030`.
    pub encoding: &'static str,
}

/// Decodes a file's bytes.
///
/// ```
/// use policykg::source::decode::decode;
/// let (gbk, _, _) = encoding_rs::GB18030.encode("中国工会在广泛发展同各国工会的友好关系中");
/// let d = decode(&gbk).unwrap();
/// assert_eq!(d.text, "中国工会在广泛发展同各国工会的友好关系中");
/// assert_eq!(d.encoding, "gb18030");
/// assert_eq!(decode("\u{feff}一是".as_bytes()).unwrap().text, "一是");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeProblem> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DecodeProblem::Undecodable);
        }
        return finish(text.into_owned(), encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_owned(), UTF_8);
    }
    if looks_binary(bytes) {
        return Err(DecodeProblem::Binary);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // Chinese text that is not UTF-8 is almost always GBK or GB18030; GB18030 is a
    // superset of GBK, so decode with it whenever the detector points that way.
    let encoding = if guess == encoding_rs::GBK {
        GB18030
    } else {
        guess
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeProblem::Undecodable);
    }
    finish(text.into_owned(), encoding)
}

fn finish(text: String, encoding: &'static Encoding) -> Result<Decoded, DecodeProblem> {
    if looks_binary(text.as_bytes()) {
        return Err(DecodeProblem::Binary);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
    })
}

/// NUL bytes or a high share of control bytes mean the file is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("中国".as_bytes()).unwrap().text, "中国");
        let d = decode(b"\xEF\xBB\xBF\xE4\xB8\xAD").unwrap();
        assert_eq!(d.text, "中");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn gb18030_detected() {
        let text = "第一条 为了保护专利权人的合法权益，鼓励发明创造，制定本法。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn binary_rejected() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            DecodeProblem::Binary
        );
    }
}
