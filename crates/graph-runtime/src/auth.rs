//! Access tokens and where they come from.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::Error;

/// A boxed, `Send` future, as returned by [`TokenProvider::token`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A bearer access token.
///
/// The token is a secret: `Debug` and `Display` print `AccessToken(***)`.
/// Only [`AccessToken::secret`] gives the value. Cloning is cheap (the value
/// is shared, not copied): the client asks for a token on every attempt.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(Arc<str>);

impl AccessToken {
    /// Wraps a token value.
    pub fn new(token: impl Into<String>) -> AccessToken {
        AccessToken(Arc::from(token.into()))
    }

    /// The token value. Never log it.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

impl From<String> for AccessToken {
    fn from(token: String) -> Self {
        AccessToken(Arc::from(token))
    }
}

/// A source of access tokens for Microsoft Graph.
///
/// [`crate::Client`] asks for a token before every attempt of every request,
/// so implementations should cache tokens and refresh them before they
/// expire. The `Debug` implementation must not reveal secrets.
pub trait TokenProvider: Send + Sync + fmt::Debug {
    /// Returns a token valid for `scope`, e.g. `https://graph.microsoft.com/.default`.
    ///
    /// Errors should be [`Error::Auth`] and must not contain secrets.
    fn token<'a>(&'a self, scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>>;
}

impl<T: TokenProvider + ?Sized> TokenProvider for Arc<T> {
    fn token<'a>(&'a self, scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>> {
        (**self).token(scope)
    }
}

impl<T: TokenProvider + ?Sized> TokenProvider for Box<T> {
    fn token<'a>(&'a self, scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>> {
        (**self).token(scope)
    }
}

/// A [`TokenProvider`] that always returns the same token, whatever the scope.
///
/// Useful for tests and for tokens obtained elsewhere; it never refreshes.
#[derive(Clone)]
pub struct StaticToken {
    token: AccessToken,
}

impl StaticToken {
    /// A provider returning `token`.
    pub fn new(token: impl Into<String>) -> StaticToken {
        StaticToken {
            token: AccessToken::new(token),
        }
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaticToken")
            .field("token", &self.token)
            .finish()
    }
}

impl TokenProvider for StaticToken {
    fn token<'a>(&'a self, _scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>> {
        let token = self.token.clone();
        Box::pin(async move { Ok(token) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_never_printed() {
        let t = AccessToken::new("s3cr3t-value");
        assert_eq!(format!("{t:?}"), "AccessToken(***)");
        assert_eq!(format!("{t}"), "AccessToken(***)");
        assert_eq!(t.secret(), "s3cr3t-value");
        let p = StaticToken::new("s3cr3t-value");
        let shown = format!("{p:?} {p:#?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("StaticToken"));
    }
}
