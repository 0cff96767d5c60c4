//! The typed models on the wire: a response carrying a property and an enum member that the docs
//! do not list decodes through the generated binding, keeps both, and serializes back to the same
//! JSON value.
#![allow(clippy::unwrap_used)]

use graph_api::GraphApi;
use graph_api::v1::me::calendar::GetScheduleRequest;
use graph_api::v1::models::{DateTimeTimeZone, DayOfWeek, FreeBusyStatus};
use httpmock::MockServer;
use serde_json::json;

fn when(dt: &str) -> DateTimeTimeZone {
    DateTimeTimeZone {
        date_time: Some(dt.into()),
        time_zone: Some("UTC".into()),
        ..DateTimeTimeZone::default()
    }
}

#[tokio::test]
async fn undocumented_properties_and_members_survive_a_round_trip() {
    let answer = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
        "value": [{
            "scheduleId": "adele@contoso.com",
            "availabilityView": "0",
            "scheduleItems": [{
                "isPrivate": false,
                "status": "beyondBusy",
                "subject": "Planning",
                "start": {"dateTime": "2026-01-01T10:00:00.0000000", "timeZone": "UTC"},
                "end": {"dateTime": "2026-01-01T11:00:00.0000000", "timeZone": "UTC"},
                "undocumentedFlag": true
            }],
            "workingHours": {
                "daysOfWeek": ["monday", "caturday"],
                "startTime": "08:00:00.0000000",
                "timeZone": {"name": "UTC", "offsetFromUtc": 0}
            },
            "error": null,
            "notInTheDocs": {"nested": [1, 2]}
        }]
    });
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|w, t| {
            w.method("POST").path("/v1.0/me/calendar/getSchedule");
            t.status(200)
                .header("content-type", "application/json")
                .json_body(answer.clone());
        })
        .await;
    let client = graph_conformance::client_for(&server.base_url());
    let body = GetScheduleRequest::new(
        when("2026-01-01T00:00:00"),
        vec!["adele@contoso.com".into()],
        when("2026-01-02T00:00:00"),
    );
    let got = client
        .v1()
        .me()
        .calendar()
        .get_schedule(&body)
        .await
        .unwrap();
    mock.assert_async().await;

    let info = &got.value[0];
    let item = &info.schedule_items.as_ref().unwrap()[0];
    assert_eq!(
        item.status,
        Some(FreeBusyStatus::Undocumented("beyondBusy".into()))
    );
    assert_eq!(item.subject.as_deref(), Some("Planning"));
    assert_eq!(
        item.additional_properties.get("undocumentedFlag"),
        Some(&json!(true))
    );
    let days = info
        .working_hours
        .as_ref()
        .unwrap()
        .days_of_week
        .as_ref()
        .unwrap();
    assert_eq!(
        days,
        &[
            DayOfWeek::Monday,
            DayOfWeek::Undocumented("caturday".into())
        ]
    );
    assert_eq!(info.error, None);
    assert_eq!(info.additional_properties.get("error"), Some(&json!(null)));
    assert_eq!(
        info.additional_properties.get("notInTheDocs"),
        Some(&json!({"nested": [1, 2]}))
    );
    assert_eq!(serde_json::to_value(&got).unwrap(), answer);
}

/// A function parameter of a documented enumeration takes the models enum itself (one type, one
/// fallback variant), and an undocumented member is sent as its quoted literal.
#[test]
fn a_function_parameter_enum_is_the_models_enum() {
    use graph_api::v1::models::TimeZoneStandard;
    let from_operation: graph_api::v1::me::outlook::TimeZoneStandard = TimeZoneStandard::Iana;
    let value: TimeZoneStandard = from_operation;
    assert_eq!(value.as_str(), "iana");
    let other = TimeZoneStandard::from("Iana");
    assert_eq!(other, TimeZoneStandard::Undocumented("Iana".into()));
    assert_eq!(graph_runtime::Literal::from(&other).as_str(), "'Iana'");
    assert_eq!(
        serde_json::to_value(&TimeZoneStandard::Windows).unwrap(),
        json!("windows")
    );
}
