//! The one-call downstream binary of `scale-build.sh` (not a target of this crate: the script
//! copies it into temporary workspaces). Marks the sign-ins given as arguments as safe, with the
//! token in `GRAPH_TOKEN`.

use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_api::{Client, GraphApi};

fn main() -> std::process::ExitCode {
    let token = std::env::var("GRAPH_TOKEN").unwrap_or_default();
    let client = match Client::builder().static_token(token).build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let body = ConfirmSafeRequest::new(std::env::args().skip(1).collect());
    match runtime.block_on(client.beta().audit_logs().sign_ins().confirm_safe(&body)) {
        Ok(_) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
