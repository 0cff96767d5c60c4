//! A URL documented with a base type answers derived types: the members of a group are
//! `directoryObject`s that are users, groups, service principals. The binding decodes the base,
//! and `downcast::<T>()` reads each member as the derived type its `@odata.type` names, with the
//! base as the fallback.
#![allow(clippy::unwrap_used)]

use graph_api::GraphApi;
use graph_api::v1::models::{DirectoryObject, Group, User};
use httpmock::MockServer;
use serde_json::json;

#[tokio::test]
async fn group_members_decode_by_odata_type_into_the_derived_types_the_docs_describe() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET").path("/v1.0/groups/g1/members");
            then.status(200).json_body(json!({
                "value": [
                    {"@odata.type": "#microsoft.graph.user", "id": "u1",
                     "displayName": "Adele Vance", "jobTitle": "Retail Manager"},
                    {"@odata.type": "#microsoft.graph.group", "id": "g2",
                     "displayName": "Sales", "mailEnabled": true},
                    {"@odata.type": "#microsoft.graph.device", "id": "d1"},
                    {"id": "x1"}
                ]
            }));
        })
        .await;
    let client = graph_conformance::client_for(&server.base_url());
    let members = client
        .v1()
        .groups()
        .by_id("g1")
        .members()
        .list()
        .await
        .unwrap()
        .value;
    mock.assert_async().await;
    assert_eq!(members.len(), 4);

    // A user, read as the User model: its own properties are typed fields now.
    let user: User = members[0].downcast().expect("names a user").unwrap();
    assert_eq!(user.job_title.as_deref(), Some("Retail Manager"));
    assert_eq!(user.id.as_deref(), Some("u1"));
    assert!(members[0].downcast::<Group>().is_none());

    let group: Group = members[1].downcast().expect("names a group").unwrap();
    assert_eq!(group.mail_enabled, Some(true));

    // A type the docs slice does not describe, and no type at all: the base is the fallback,
    // with every property kept.
    assert!(members[2].downcast::<User>().is_none());
    assert!(members[3].downcast::<Group>().is_none());
    let device: &DirectoryObject = &members[2];
    assert_eq!(
        device.odata_type.as_deref(),
        Some("#microsoft.graph.device")
    );
    assert_eq!(members[3].id.as_deref(), Some("x1"));
}

#[test]
fn a_derived_value_that_does_not_fit_its_type_is_a_decode_error() {
    let member: DirectoryObject = serde_json::from_value(json!({
        "@odata.type": "#microsoft.graph.group", "id": "g2", "mailEnabled": "yes"
    }))
    .unwrap();
    let err = member
        .downcast::<Group>()
        .expect("names a group")
        .unwrap_err();
    assert!(matches!(err, graph_runtime::Error::Decode { .. }), "{err}");
    assert!(err.to_string().contains("mailEnabled"), "{err}");
}

/// README's `downcast` example, compiled here (README code is not a doctest).
#[allow(dead_code)]
async fn readme_example(client: graph_api::Client) -> Result<(), graph_api::Error> {
    for member in client
        .v1()
        .groups()
        .by_id("g1")
        .members()
        .list()
        .await?
        .value
    {
        if let Some(user) = member.downcast::<User>() {
            println!("user {:?}", user?.user_principal_name);
        } else if let Some(group) = member.downcast::<Group>() {
            println!("group {:?}", group?.mail_enabled);
        } else {
            println!("{:?} {:?}", member.odata_type, member.id);
        }
    }
    Ok(())
}
