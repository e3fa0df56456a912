//! Credentials and the Basic scheme; Digest is in `digest.rs`.

use std::fmt;

/// HTTP authentication schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// RFC 7617: user and password in every request (use it over https only).
    Basic,
    /// RFC 7616: a hash of the password, answering the server's challenge.
    Digest,
}

impl fmt::Display for AuthScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Basic => "Basic",
            Self::Digest => "Digest",
        })
    }
}

/// Who to authenticate as.
#[derive(Clone)]
pub struct Credentials {
    /// The user name.
    pub user: String,
    /// The password.
    pub password: String,
    /// Basic or Digest.
    pub scheme: AuthScheme,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"…")
            .field("scheme", &self.scheme)
            .finish()
    }
}

pub(super) fn basic_authorization(user: &str, password: &str) -> String {
    use base64::Engine as _;
    let credentials =
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {credentials}")
}

/// 16 random bytes as hex, for Digest's client nonce.
pub(super) fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    super::digest::hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_header() {
        // RFC 7617 §2.
        assert_eq!(
            basic_authorization("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }
}
