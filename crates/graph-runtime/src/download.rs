//! Preauthenticated downloads (a report's `302 Found` location): fetched without the token.

use crate::path::download_url;
use crate::{Client, Error, Request, Response};

/// The most redirects [`Client::download`] follows.
const MAX_DOWNLOAD_REDIRECTS: usize = 5;

impl Client {
    /// Downloads a preauthenticated URL, such as the `Location` of a report's `302 Found`
    /// ([`Response::into_redirect`]), **without** the `Authorization` header: the token is never
    /// sent there (nor asked of the token provider). The URL's host is not checked, since such a
    /// URL is on another host by design. Redirects from there (at most 5) are followed, still
    /// without the token. The body is returned as it is ([`Response::body`]), e.g. CSV.
    ///
    /// Retries, timeouts, `client-request-id` and tracing are as for [`Client::send`]; the span
    /// records the path as `(download)` (such URLs carry their credentials).
    pub async fn download(&self, url: &str) -> Result<Response, Error> {
        let mut url = url.to_owned();
        for _ in 0..=MAX_DOWNLOAD_REDIRECTS {
            let response = self
                .send(Request::download(url.clone()).keep_redirect())
                .await?;
            if !(300..400).contains(&response.status) {
                return Ok(response);
            }
            let Some(location) = response.header("location") else {
                return Ok(response);
            };
            let next = download_url(&url)?
                .join(location)
                .map_err(|e| Error::InvalidRequest(format!("invalid redirect location: {e}")))?;
            url = next.to_string();
        }
        Err(Error::InvalidRequest(format!(
            "the download redirected more than {MAX_DOWNLOAD_REDIRECTS} times"
        )))
    }
}
