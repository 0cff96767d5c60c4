//! OData path forms through the generated bindings: an item path (`root:/{item-path}:`) and a
//! function called mid-path with an optional parameter. A dry-run client shows the exact URL
//! each call would send, and a value that would change the path fails before anything is sent.

use graph_api::v1::drives::item::items::item::AssignSensitivityLabelRequest;
use graph_api::{Client, Error, GraphApi};
use percent_encoding::percent_decode_str;

fn dry_run() -> Client {
    Client::builder()
        .dry_run(true)
        .static_token("t")
        .build()
        .expect("a dry-run client")
}

/// The URL a call would have sent; any other outcome fails the test.
fn sent_url<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::DryRun(request)) => request.url().to_string(),
        other => panic!("expected a dry run, got {other:?}"),
    }
}

const ROOT: &str = "https://graph.microsoft.com/v1.0";

#[tokio::test]
async fn an_item_path_keeps_its_slashes_and_nothing_else() {
    let client = dry_run();
    let body = AssignSensitivityLabelRequest::new("label-1".into());
    let url = |item_path: &'static str| {
        let client = client.clone();
        let body = body.clone();
        async move {
            client
                .v1()
                .me()
                .drive()
                .root_path(item_path)
                .assign_sensitivity_label(&body)
                .await
        }
    };
    assert_eq!(
        sent_url(url("Docs/Q1 report.docx").await),
        format!("{ROOT}/me/drive/root:/Docs/Q1%20report.docx:/assignSensitivityLabel")
    );
    // A leading `/` is the same path.
    assert_eq!(
        sent_url(url("/Docs/x.txt").await),
        format!("{ROOT}/me/drive/root:/Docs/x.txt:/assignSensitivityLabel")
    );
    // `:`, `?`, `#` and `%` stay inside their segment: the address ends where the binding says.
    for evil in ["a:/b:/c", "a?$top=1", "a#frag", "a%3A", "x:/../../users"] {
        let result = url(evil).await;
        if evil.contains("..") {
            assert!(
                matches!(result, Err(Error::InvalidRequest(_))),
                "{evil:?}: {result:?}"
            );
            continue;
        }
        let sent = sent_url(result);
        let inner = sent
            .strip_prefix(&format!("{ROOT}/me/drive/root:/"))
            .and_then(|r| r.strip_suffix(":/assignSensitivityLabel"))
            .unwrap_or_else(|| panic!("{evil:?} moved the address: {sent}"));
        assert!(!inner.contains([':', '?', '#']), "{evil:?} -> {sent}");
        let back: Vec<String> = inner
            .split('/')
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        assert_eq!(back.join("/"), evil);
    }
    for bad in ["", "a//b", "..", "a/./b"] {
        let result = url(bad).await;
        assert!(
            matches!(result, Err(Error::InvalidRequest(_))),
            "{bad:?}: {result:?}"
        );
    }
}

#[tokio::test]
async fn a_function_mid_path_sends_its_arguments_as_literals_and_leaves_out_none() {
    let client = dry_run();
    let transcripts = |start: Option<graph_runtime::edm::DateTimeOffset>| {
        let client = client.clone();
        async move {
            client
                .v1()
                .users()
                .by_id("u1")
                .online_meetings()
                .get_all_transcripts("O'Brien')/x?$top=1#", start)
                .delta()
                .await
        }
    };
    let sent = sent_url(transcripts(None).await);
    let decoded = percent_decode_str(&sent).decode_utf8_lossy().into_owned();
    assert_eq!(
        decoded,
        format!(
            "{ROOT}/users/u1/onlineMeetings/getAllTranscripts(meetingOrganizerUserId='O''Brien'')/x?$top=1#')/delta"
        )
    );
    // Encoded, the value cannot close the call or start a query or a fragment.
    let call = sent
        .split_once("getAllTranscripts(")
        .map(|(_, rest)| rest)
        .expect("the call");
    assert!(call.ends_with(")/delta"), "{sent}");
    assert!(!sent.contains(['?', '#']), "{sent}");
    let start: graph_runtime::edm::DateTimeOffset =
        "2024-01-02T03:04:05Z".parse().expect("an instant");
    let sent = sent_url(transcripts(Some(start)).await);
    let decoded = percent_decode_str(&sent).decode_utf8_lossy().into_owned();
    assert!(
        decoded.ends_with(&format!(",startDateTime={start})/delta")),
        "{decoded}"
    );
}
