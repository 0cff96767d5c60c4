//! Adapter from `azure_core` credentials (e.g. from `azure_identity`).

use std::fmt;
use std::sync::Arc;

use azure_core::credentials::TokenCredential;

use crate::auth::BoxFuture;
use crate::{AccessToken, Error, TokenProvider};

/// A [`TokenProvider`] backed by an `azure_core` [`TokenCredential`], such as
/// `azure_identity::DeveloperToolsCredential` or `ClientSecretCredential`.
///
/// Azure credentials cache and refresh their tokens themselves.
#[derive(Clone)]
pub struct AzureTokenCredential {
    credential: Arc<dyn TokenCredential>,
}

impl AzureTokenCredential {
    /// Wraps `credential`.
    pub fn new(credential: Arc<dyn TokenCredential>) -> AzureTokenCredential {
        AzureTokenCredential { credential }
    }
}

impl fmt::Debug for AzureTokenCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AzureTokenCredential")
            .finish_non_exhaustive()
    }
}

impl TokenProvider for AzureTokenCredential {
    fn token<'a>(&'a self, scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async move {
            let token = self
                .credential
                .get_token(&[scope], None)
                .await
                .map_err(|e| Error::Auth(format!("the Azure credential failed: {e}")))?;
            Ok(AccessToken::new(token.token.secret()))
        })
    }
}
