//! The hand-written floor of `floor-build.sh` (not a target of this crate: the script copies it
//! into a temporary workspace): the same call as `scale/main.rs`
//! (`POST /beta/auditLogs/signIns/confirmSafe` with the sign-in IDs given as arguments, the token
//! in `GRAPH_TOKEN`) written by hand on the stack graph-runtime builds on: reqwest, rustls with
//! *ring*, webpki-roots, tokio and serde_json. No serde derive (graph-runtime has none either).

use std::process::ExitCode;
use std::sync::Arc;

const URL: &str = "https://graph.microsoft.com/beta/auditLogs/signIns/confirmSafe";

fn client() -> Result<reqwest::Client, String> {
    let roots = rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let mut tls = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth();
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .build()
        .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let token = std::env::var("GRAPH_TOKEN").unwrap_or_default();
    let ids: Vec<String> = std::env::args().skip(1).collect();
    let body = serde_json::json!({ "requestIds": ids });
    let run = async {
        let response = client()?
            .post(URL)
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        match response.status() {
            s if s.is_success() => Ok(()),
            s => Err(format!("{s}: {}", response.text().await.unwrap_or_default())),
        }
    };
    let result = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
        .and_then(|runtime| runtime.block_on(run));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
