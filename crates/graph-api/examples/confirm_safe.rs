//! Marks Microsoft Entra sign-in events as safe:
//! `POST /beta/auditLogs/signIns/confirmSafe` through the generated binding.
//!
//! ```sh
//! GRAPH_TOKEN=eyJ0... cargo run -p graph-api --example confirm_safe -- <request-id>...
//! cargo run -p graph-api --example confirm_safe -- --dry-run <request-id>...
//! ```
//!
//! The token comes from `GRAPH_TOKEN` (a Graph access token with
//! `IdentityRiskEvent.ReadWrite.All`, e.g. `az account get-access-token --resource-type ms-graph`).
//! `--dry-run` prints the exact request (token redacted) and sends nothing; it needs no token.
//! `--cloud` picks a national cloud (`global`, `usgov-l4`, `usgov-l5-dod`, `china`), `--base-url`
//! any other base URL (plain http only for loopback, e.g. a mock server).

use std::io::Write;
use std::process::ExitCode;

use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_api::{Client, Cloud, Error, GraphApi};

const USAGE: &str = "usage: confirm_safe [--dry-run] [--cloud global|usgov-l4|usgov-l5-dod|china] \
                     [--base-url URL] <request-id>...\n\
                     The token is read from GRAPH_TOKEN (not needed with --dry-run).";

/// What the command line asked for.
#[derive(Debug, PartialEq)]
struct Options {
    dry_run: bool,
    cloud: Cloud,
    base_url: Option<String>,
    request_ids: Vec<String>,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        dry_run: false,
        cloud: Cloud::Global,
        base_url: None,
        request_ids: Vec::new(),
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dry-run" => options.dry_run = true,
            "--cloud" => {
                options.cloud = match args.next().as_deref() {
                    Some("global") => Cloud::Global,
                    Some("usgov-l4") => Cloud::UsGovL4,
                    Some("usgov-l5-dod") => Cloud::UsGovL5Dod,
                    Some("china") => Cloud::China,
                    other => return Err(format!("unknown cloud {other:?}")),
                }
            }
            "--base-url" => {
                options.base_url = Some(args.next().ok_or("--base-url needs a URL")?);
            }
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            id => options.request_ids.push(id.to_owned()),
        }
    }
    if options.request_ids.is_empty() {
        return Err("give at least one sign-in request id".to_owned());
    }
    Ok(options)
}

/// Calls (or, with `--dry-run`, prints) `confirmSafe`; what it did goes to `out`.
async fn run(options: &Options, token: Option<String>, out: &mut dyn Write) -> Result<(), String> {
    let token = match (token, options.dry_run) {
        (Some(token), _) => token,
        // Nothing is sent and the header is redacted: no token is needed.
        (None, true) => "dry-run".to_owned(),
        (None, false) => return Err("set GRAPH_TOKEN to a Graph access token".to_owned()),
    };
    let mut builder = Client::builder()
        .cloud(options.cloud)
        .static_token(token)
        .dry_run(options.dry_run);
    if let Some(url) = &options.base_url {
        builder = builder.base_url(url);
    }
    let client = builder.build().map_err(|e| e.to_string())?;

    let body = ConfirmSafeRequest::new(options.request_ids.clone());
    let written = match client
        .beta()
        .audit_logs()
        .sign_ins()
        .confirm_safe(&body)
        .await
    {
        Ok(()) => writeln!(
            out,
            "Marked {} sign-in event(s) as safe.",
            options.request_ids.len()
        ),
        Err(Error::DryRun(request)) => write!(out, "{request}"),
        Err(e) => return Err(e.to_string()),
    };
    written.map_err(|e| format!("could not write the output: {e}"))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let token = std::env::var("GRAPH_TOKEN").ok().filter(|t| !t.is_empty());
    match run(&options, token, &mut std::io::stdout()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn options(list: &[&str]) -> Options {
        parse_args(args(list)).expect("valid arguments")
    }

    #[test]
    fn arguments_are_parsed() {
        assert_eq!(
            options(&["--dry-run", "a", "--cloud", "china", "b"]),
            Options {
                dry_run: true,
                cloud: Cloud::China,
                base_url: None,
                request_ids: args(&["a", "b"]),
            }
        );
        assert!(parse_args(args(&["--dry-run"])).is_err());
        assert!(parse_args(args(&["--cloud", "mars", "a"])).is_err());
        assert!(parse_args(args(&["--verbose", "a"])).is_err());
        assert!(parse_args(args(&["a", "--base-url"])).is_err());
    }

    #[tokio::test]
    async fn dry_run_prints_the_request_and_never_the_token() {
        let options = options(&["--dry-run", "id-1", "id-2"]);
        let mut out = Vec::new();
        run(&options, Some("secret-token-value".to_owned()), &mut out)
            .await
            .expect("dry run");
        let text = String::from_utf8(out).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines.first(),
            Some(&"POST https://graph.microsoft.com/beta/auditLogs/signIns/confirmSafe")
        );
        assert!(
            lines.contains(&"authorization: Bearer [redacted]"),
            "{text}"
        );
        assert!(lines.contains(&"content-type: application/json"), "{text}");
        assert!(
            lines.iter().any(|l| l.starts_with("client-request-id: ")),
            "{text}"
        );
        assert_eq!(lines.last(), Some(&r#"{"requestIds":["id-1","id-2"]}"#));
        assert!(!text.contains("secret-token-value"), "{text}");
    }

    #[tokio::test]
    async fn dry_run_needs_no_token_and_follows_the_cloud() {
        let options = options(&["--dry-run", "--cloud", "usgov-l4", "id-1"]);
        let mut out = Vec::new();
        run(&options, None, &mut out).await.expect("dry run");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(
            text.starts_with(
                "POST https://graph.microsoft.us/beta/auditLogs/signIns/confirmSafe\n"
            ),
            "{text}"
        );
    }

    #[tokio::test]
    async fn a_real_run_needs_a_token() {
        let mut out = Vec::new();
        let err = run(&options(&["id-1"]), None, &mut out)
            .await
            .expect_err("no token");
        assert!(err.contains("GRAPH_TOKEN"), "{err}");
        assert!(out.is_empty());
    }

    #[tokio::test]
    async fn a_real_run_sends_the_body_to_the_server() {
        let server = httpmock::MockServer::start_async().await;
        let mock = server
            .mock_async(|when, then| {
                when.method(httpmock::Method::POST)
                    .path("/beta/auditLogs/signIns/confirmSafe")
                    .header("authorization", "Bearer test-token")
                    .json_body(serde_json::json!({"requestIds": ["id-1"]}));
                then.status(204);
            })
            .await;
        let options = options(&["--base-url", &server.base_url(), "id-1"]);
        let mut out = Vec::new();
        run(&options, Some("test-token".to_owned()), &mut out)
            .await
            .expect("sent");
        mock.assert_calls_async(1).await;
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "Marked 1 sign-in event(s) as safe.\n"
        );
    }
}
