//! The one-call binary of `scale-build.sh` on graph-rs-sdk 3.0.1 (not a target of this crate: the
//! script copies it into a temporary workspace). Lists users, with the token in `GRAPH_TOKEN`.

fn main() -> std::process::ExitCode {
    let token = std::env::var("GRAPH_TOKEN").unwrap_or_default();
    let client = graph_rs_sdk::GraphClient::new(token);
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
    match runtime.block_on(client.users().list_user().send()) {
        Ok(response) => {
            println!("{}", response.status());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
