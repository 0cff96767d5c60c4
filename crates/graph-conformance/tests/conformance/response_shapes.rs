//! The response shapes the generated bindings promise (README, "Response shapes"), through
//! `graph-api` against httpmock on loopback:
//!
//! - an operation documented without a body type returns `Ok(())` (or its documented headers)
//!   whatever success body Graph sends, empty or not;
//! - an operation with a body type decodes it, and an empty body is `Error::Decode`, never a
//!   made-up value (the `Option` shape, for pages whose success example shows no body, is tested on
//!   the `codegen-fixtures` crate, as no committed page has that shape yet).
#![allow(clippy::unwrap_used)]

use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_api::v1::directory_objects::item::CheckMemberGroupsRequest;
use graph_api::{Client, GraphApi};
use graph_runtime::Error;
use httpmock::MockServer;

fn client(server: &MockServer) -> Client {
    graph_conformance::client_for(&server.base_url())
}

#[tokio::test]
async fn an_operation_without_a_body_type_ignores_any_success_body() {
    let body = ConfirmSafeRequest::new(vec!["5a0c76d2-cb57-4ece-9bc1-c323178f116a".into()]);
    for (status, answer) in [
        (204, ""),
        (200, ""),
        (200, "{\"@odata.context\": \"x\", \"value\": true}"),
        (200, "not json at all"),
    ] {
        let server = MockServer::start_async().await;
        let mock = server.mock(|when, then| {
            when.method("POST")
                .path("/beta/auditLogs/signIns/confirmSafe");
            then.status(status).body(answer);
        });
        let got = client(&server)
            .beta()
            .audit_logs()
            .sign_ins()
            .confirm_safe(&body)
            .await;
        assert!(got.is_ok(), "{status} {answer:?}: {got:?}");
        mock.assert_calls(1);
    }
}

#[tokio::test]
async fn an_empty_body_where_one_is_typed_is_a_decoding_error() {
    let server = MockServer::start_async().await;
    server.mock(|when, then| {
        when.method("POST")
            .path("/v1.0/directoryObjects/obj-1/checkMemberGroups");
        then.status(200);
    });
    let err = client(&server)
        .v1()
        .directory_objects()
        .by_id("obj-1")
        .check_member_groups(&CheckMemberGroupsRequest::new(vec!["g".into()]))
        .await
        .unwrap_err();
    match err {
        Error::Decode { message, .. } => assert!(message.contains("empty"), "{message}"),
        other => panic!("expected a decoding error, got {other:?}"),
    }
}
