//! HTTP Digest authentication, client side (RFC 7616, with RFC 2069's answer when
//! the server offers no qop).

use md5::Md5;
use sha2::{Digest as _, Sha256};

/// One challenge of a `WWW-Authenticate` header: its scheme and parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub scheme: String,
    pub params: Vec<(String, String)>,
}

impl Challenge {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a `WWW-Authenticate` value, which may hold several challenges:
/// `Digest realm="a, b", qop="auth", Basic realm="x"` (RFC 9110 §11.6.1).
pub fn parse_challenges(header: &str) -> Vec<Challenge> {
    let mut challenges: Vec<Challenge> = Vec::new();
    let mut rest = header.trim_start();
    while !rest.is_empty() {
        let token_end = rest
            .find(|c: char| c.is_whitespace() || c == ',' || c == '=')
            .unwrap_or(rest.len());
        let token = &rest[..token_end];
        let after = rest[token_end..].trim_start();
        if let Some(value_start) = after.strip_prefix('=') {
            // name=value: a parameter of the current challenge.
            let value_start = value_start.trim_start();
            let (value, remainder) = if let Some(quoted) = value_start.strip_prefix('"') {
                let mut value = String::new();
                let mut chars = quoted.char_indices();
                let mut end = quoted.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some((_, escaped)) = chars.next() {
                                value.push(escaped);
                            }
                        }
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        _ => value.push(c),
                    }
                }
                (value, &quoted[end..])
            } else {
                let end = value_start.find(',').unwrap_or(value_start.len());
                (value_start[..end].trim().to_owned(), &value_start[end..])
            };
            if let Some(current) = challenges.last_mut() {
                current.params.push((token.to_owned(), value));
            }
            rest = remainder.trim_start().trim_start_matches(',').trim_start();
        } else if token.is_empty() {
            rest = after.trim_start_matches(',').trim_start();
        } else {
            // A bare token starts a new challenge (token68 values are ignored).
            challenges.push(Challenge {
                scheme: token.to_owned(),
                params: Vec::new(),
            });
            rest = after.trim_start_matches(',').trim_start();
        }
    }
    challenges
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Algorithm {
    Md5,
    Sha256,
}

/// What a Digest challenge set up: reused for later requests with a growing
/// nonce count, so they need no round trip.
#[derive(Debug, Clone)]
pub struct Session {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    algorithm: Algorithm,
    algorithm_name: String,
    session: bool,
    qop_auth: bool,
    nc: u32,
}

impl Session {
    pub fn new(challenge: &Challenge) -> Result<Self, String> {
        let algorithm_name = challenge.param("algorithm").unwrap_or("MD5").to_owned();
        let upper = algorithm_name.to_ascii_uppercase();
        let (base, session) = match upper.strip_suffix("-SESS") {
            Some(base) => (base, true),
            None => (upper.as_str(), false),
        };
        let algorithm = match base {
            "MD5" => Algorithm::Md5,
            "SHA-256" => Algorithm::Sha256,
            other => {
                return Err(format!(
                    "algorithm {other} is not supported (MD5 and SHA-256 are)"
                ));
            }
        };
        let qop_auth = match challenge.param("qop") {
            None => false,
            Some(list)
                if list
                    .split(',')
                    .any(|q| q.trim().eq_ignore_ascii_case("auth")) =>
            {
                true
            }
            Some(list) => return Err(format!("qop {list:?} is not supported (auth is)")),
        };
        Ok(Self {
            realm: challenge.param("realm").unwrap_or_default().to_owned(),
            nonce: challenge
                .param("nonce")
                .ok_or("the challenge has no nonce")?
                .to_owned(),
            opaque: challenge.param("opaque").map(str::to_owned),
            algorithm,
            algorithm_name,
            session,
            qop_auth,
            nc: 0,
        })
    }

    fn hash(&self, text: &str) -> String {
        match self.algorithm {
            Algorithm::Md5 => hex(&Md5::digest(text.as_bytes())),
            Algorithm::Sha256 => hex(&Sha256::digest(text.as_bytes())),
        }
    }

    /// The `Authorization` value for one request; `target` is the request's
    /// path and query as sent.
    pub fn authorization(
        &mut self,
        user: &str,
        password: &str,
        method: &str,
        target: &str,
        cnonce: &str,
    ) -> String {
        self.nc += 1;
        let nc = format!("{:08x}", self.nc);
        let mut ha1 = self.hash(&format!("{user}:{}:{password}", self.realm));
        if self.session {
            ha1 = self.hash(&format!("{ha1}:{}:{cnonce}", self.nonce));
        }
        let ha2 = self.hash(&format!("{method}:{target}"));
        let response = if self.qop_auth {
            self.hash(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", self.nonce))
        } else {
            self.hash(&format!("{ha1}:{}:{ha2}", self.nonce))
        };
        let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        let mut header = format!(
            "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm={}, response=\"{response}\"",
            quote(user),
            quote(&self.realm),
            quote(&self.nonce),
            quote(target),
            self.algorithm_name,
        );
        if let Some(opaque) = &self.opaque {
            header.push_str(&format!(", opaque=\"{}\"", quote(opaque)));
        }
        if self.qop_auth {
            header.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
        }
        header
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_response(header: &str, method: &str, target: &str, cnonce: &str, expected: &str) {
        let challenge = &parse_challenges(header)[0];
        let mut session = Session::new(challenge).unwrap();
        let authorization = session.authorization("Mufasa", PASSWORD_7616, method, target, cnonce);
        let response = authorization
            .split("response=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap();
        assert_eq!(response, expected, "{authorization}");
    }

    const PASSWORD_7616: &str = "Circle of Life";

    #[test]
    fn rfc7616_examples() {
        // RFC 7616 §3.9.1, the MD5 and SHA-256 answers to the same challenge.
        let challenge = |algorithm: &str| {
            format!(
                r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#
            )
        };
        let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        check_response(
            &challenge("MD5"),
            "GET",
            "/dir/index.html",
            cnonce,
            "8ca523f5e9506fed4657c9700eebdbec",
        );
        check_response(
            &challenge("SHA-256"),
            "GET",
            "/dir/index.html",
            cnonce,
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
        );
    }

    #[test]
    fn rfc2617_example() {
        let challenge = parse_challenges(
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        );
        let mut session = Session::new(&challenge[0]).unwrap();
        let header = session.authorization(
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            "0a4f113b",
        );
        assert_eq!(
            header,
            r#"Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", algorithm=MD5, response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41", qop=auth, nc=00000001, cnonce="0a4f113b""#
        );
        // The next request counts up.
        assert!(
            session
                .authorization("Mufasa", "Circle Of Life", "GET", "/", "x")
                .contains("nc=00000002")
        );
    }

    #[test]
    fn several_challenges_and_quoted_commas() {
        let parsed = parse_challenges(
            r#"Digest realm="a, \"b\"", nonce=abc, stale=TRUE, Basic realm="x",Bearer"#,
        );
        let schemes: Vec<&str> = parsed.iter().map(|c| c.scheme.as_str()).collect();
        assert_eq!(schemes, ["Digest", "Basic", "Bearer"]);
        assert_eq!(parsed[0].param("realm"), Some(r#"a, "b""#));
        assert_eq!(parsed[0].param("nonce"), Some("abc"));
        assert_eq!(parsed[0].param("STALE"), Some("TRUE"));
        assert_eq!(parsed[1].param("realm"), Some("x"));
    }

    #[test]
    fn virtuoso_challenge() {
        let parsed = parse_challenges(
            r#"Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="3933a30c1fe040945087a01f9f944787", opaque="5ebe2294ecd0e0f08eab7690d2a6ee69", stale="false", qop="auth", algorithm="MD5""#,
        );
        let session = Session::new(&parsed[0]).unwrap();
        assert!(session.qop_auth && session.algorithm == Algorithm::Md5 && !session.session);
    }

    #[test]
    fn unsupported_challenges() {
        let sha512 = &parse_challenges(r#"Digest realm="r", nonce="n", algorithm=SHA-512-256"#)[0];
        assert!(Session::new(sha512).unwrap_err().contains("SHA-512-256"));
        let auth_int = &parse_challenges(r#"Digest realm="r", nonce="n", qop="auth-int""#)[0];
        assert!(Session::new(auth_int).unwrap_err().contains("auth-int"));
    }
}
