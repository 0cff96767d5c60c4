//! Two runtime features through generated bindings: several users read in one JSON `$batch`, and
//! a file attached to a draft message through a resumable upload session.
//!
//! ```sh
//! GRAPH_TOKEN=eyJ0... cargo run -p graph-api --features users,me --example batch_upload -- users <id>...
//! GRAPH_TOKEN=eyJ0... cargo run -p graph-api --features users,me --example batch_upload -- attach <message-id> <file>
//! ```
//!
//! The token needs `User.Read.All` (users) or `Mail.ReadWrite` (attach).

use std::process::ExitCode;

use graph_api::runtime::{ChunkSize, UploadProgress};
use graph_api::v1::me::events::item::attachments::CreateUploadSessionRequest;
use graph_api::v1::models::{AttachmentItem, User};
use graph_api::{Client, Error, GraphApi};

/// Reads the users `ids` in `$batch` calls of 20: one result per id, in order (a user that does
/// not exist is that item's `Error::Service` with status 404, not a failure of the batch).
async fn read_users(client: &Client, ids: &[String]) -> Result<Vec<Result<User, Error>>, Error> {
    let batch = client.batch();
    let mut items = Vec::new();
    for id in ids {
        // The generated binding, built with the batch's client and not awaited: the batch takes
        // its request now and hands it its answer after `send`.
        items.push(batch.add(async { batch.client().v1().users().by_id(id).get().await })?);
    }
    batch.send().await?;
    let mut users = Vec::new();
    for item in items {
        users.push(item.await);
    }
    Ok(users)
}

/// Attaches `content` as `name` to the draft message `message_id`: `createUploadSession`, then
/// the bytes in chunks of 3.2 MiB (10 x 320 KiB) to the session's URL, which gets no token.
async fn attach(
    client: &Client,
    message_id: &str,
    name: &str,
    content: Vec<u8>,
    progress: impl FnMut(UploadProgress) + Send,
) -> Result<(), Error> {
    let item = AttachmentItem {
        attachment_type: Some("file".to_owned()),
        name: Some(name.to_owned()),
        size: Some(i64::try_from(content.len()).unwrap_or(i64::MAX)),
        ..AttachmentItem::default()
    };
    let session = client
        .v1()
        .me()
        .messages()
        .by_id(message_id)
        .attachments()
        .create_upload_session(&CreateUploadSessionRequest::new(item))
        .await?;
    let Some(url) = session.upload_url else {
        return Err(Error::InvalidRequest(
            "createUploadSession answered without an uploadUrl".to_owned(),
        ));
    };
    client
        .upload_session(url)
        .chunk_size(ChunkSize::units(10)?)
        .on_progress(progress)
        .upload(content)
        .await?;
    Ok(())
}

async fn run(args: &[String], token: String) -> Result<(), String> {
    let client = Client::builder()
        .static_token(token)
        .build()
        .map_err(|e| e.to_string())?;
    match args {
        [command, ids @ ..] if command == "users" && !ids.is_empty() => {
            let users = read_users(&client, ids).await.map_err(|e| e.to_string())?;
            for (id, user) in ids.iter().zip(users) {
                match user {
                    Ok(user) => println!("{id}: {}", user.display_name.unwrap_or_default()),
                    Err(e) => println!("{id}: {e}"),
                }
            }
            Ok(())
        }
        [command, message_id, file] if command == "attach" => {
            let content = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
            let progress = |p: UploadProgress| eprintln!("{} of {} bytes", p.uploaded, p.total);
            attach(&client, message_id, file, content, progress)
                .await
                .map_err(|e| e.to_string())
        }
        _ => Err("usage: batch_upload users <id>... | attach <message-id> <file>".to_owned()),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(token) = std::env::var("GRAPH_TOKEN").ok().filter(|t| !t.is_empty()) else {
        eprintln!("error: set GRAPH_TOKEN to a Graph access token");
        return ExitCode::from(2);
    };
    match run(&args, token).await {
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
    use httpmock::prelude::*;
    use serde_json::json;

    fn client(server: &MockServer) -> Client {
        Client::builder()
            .base_url(server.base_url())
            .static_token("example-token")
            .build()
            .expect("client")
    }

    #[tokio::test]
    async fn users_are_read_in_one_batch_and_decoded_by_the_binding() {
        let server = MockServer::start_async().await;
        let batch = server
            .mock_async(|when, then| {
                when.method(POST)
                    .path("/v1.0/$batch")
                    .header("authorization", "Bearer example-token")
                    .json_body_includes(
                        r#"{"requests":[{"id":"1","method":"GET","url":"/users/adele"}]}"#,
                    );
                then.status(200).json_body(json!({ "responses": [
                    { "id": "2", "status": 404, "body": { "error": {
                        "code": "Request_ResourceNotFound", "message": "no such user" } } },
                    { "id": "1", "status": 200, "headers": { "content-type": "application/json" },
                      "body": { "id": "1", "displayName": "Adele Vance" } },
                ]}));
            })
            .await;
        let ids = ["adele".to_owned(), "ghost".to_owned()];
        let users = read_users(&client(&server), &ids).await.expect("batch");
        batch.assert_calls_async(1).await;
        let adele = users[0].as_ref().expect("adele");
        assert_eq!(adele.display_name.as_deref(), Some("Adele Vance"));
        let ghost = users[1].as_ref().expect_err("404");
        assert_eq!(ghost.status(), Some(404));
    }

    #[tokio::test]
    async fn a_file_is_attached_through_an_upload_session_without_the_token() {
        let server = MockServer::start_async().await;
        let upload_url = server.url("/upload/attachment?authtoken=preauthenticated");
        let created = server
            .mock_async(|when, then| {
                when.method(POST)
                    .path("/v1.0/me/messages/m1/attachments/createUploadSession")
                    .header("authorization", "Bearer example-token");
                then.status(201).json_body(json!({
                    "uploadUrl": upload_url, "nextExpectedRanges": ["0-"] }));
            })
            .await;
        let chunk = 10 * 327_680;
        let total = chunk + 5;
        let first = server
            .mock_async(|when, then| {
                when.method(PUT)
                    .path("/upload/attachment")
                    .header("content-range", format!("bytes 0-{}/{total}", chunk - 1))
                    .header_missing("authorization");
                then.status(200)
                    .json_body(json!({ "nextExpectedRanges": [format!("{chunk}-")] }));
            })
            .await;
        let last = server
            .mock_async(|when, then| {
                when.method(PUT)
                    .path("/upload/attachment")
                    .header(
                        "content-range",
                        format!("bytes {chunk}-{}/{total}", total - 1),
                    )
                    .header_missing("authorization");
                then.status(201);
            })
            .await;
        let mut seen = Vec::new();
        attach(&client(&server), "m1", "big.bin", vec![7; total], |p| {
            seen.push(p.uploaded)
        })
        .await
        .expect("attached");
        created.assert_calls_async(1).await;
        // Outlook answers an accepted chunk with 200 (OneDrive with 202): neither ends the upload
        // before the last byte.
        first.assert_calls_async(1).await;
        last.assert_calls_async(1).await;
        assert_eq!(seen, [chunk as u64, total as u64]);
    }
}
