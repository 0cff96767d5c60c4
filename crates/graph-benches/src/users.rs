//! The decode benchmark's input and its hand-written baselines: a list page of users as Graph
//! sends it, and plain `#[derive(Deserialize)]` / `#[derive(Serialize)]` structs with the same
//! fields as the generated `graph_api::beta::models::User` uses.

use graph_runtime::edm::DateTimeOffset;
use serde::{Deserialize, Serialize};

/// Users on a page: `$top=999`, the largest page Graph serves for users.
pub const PAGE_USERS: usize = 999;

/// A list page of `count` users, each with 15 common properties (`mobilePhone` sent as `null`)
/// and, when `undocumented`, one the docs do not list, plus `@odata.context` and
/// `@odata.nextLink`. Without `undocumented`, `mobilePhone` is left out too, so that the
/// generated model has nothing to keep in `additional_properties`.
pub fn users_page(count: usize, undocumented: bool) -> String {
    let users: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            let mut u = user(i);
            if let (false, Some(map)) = (undocumented, u.as_object_mut()) {
                map.retain(|k, _| k != "mobilePhone" && !k.starts_with("extension_"));
            }
            u
        })
        .collect();
    serde_json::json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#users",
        "@odata.nextLink": "https://graph.microsoft.com/beta/users?$top=999&$skiptoken=RFNwdAIAAQAAAB86QWRlbGVWQGNvbnRvc28ub25taWNyb3NvZnQuY29tKVVzZXJfNmRlOGVjMDQtNmJmZi00YjRjLWFmZTgtMGMyZDE0MmI4ZmE4",
        "value": users,
    })
    .to_string()
}

fn user(i: usize) -> serde_json::Value {
    let id = crate::request_ids(i + 1).pop().unwrap_or_default();
    serde_json::json!({
        "id": id,
        "displayName": format!("Adele Vance {i}"),
        "givenName": "Adele",
        "surname": format!("Vance {i}"),
        "mail": format!("adele.vance{i}@contoso.com"),
        "userPrincipalName": format!("AdeleV{i}@contoso.onmicrosoft.com"),
        "jobTitle": "Retail Manager",
        "officeLocation": "18/2111",
        "mobilePhone": null,
        "businessPhones": [format!("+1 425 555 {:04}", i % 10_000)],
        "preferredLanguage": "en-US",
        "accountEnabled": !i.is_multiple_of(7),
        "createdDateTime": "2021-03-09T18:17:31Z",
        "department": "Retail",
        "companyName": "Contoso",
        "extension_d2ba2fb4c3b84f5ea3bb6e2f4d47c9a1_costCenter": format!("CC-{}", i % 97),
    })
}

/// The 15 properties of [`users_page`]'s users, as a plain derive would decode them.
#[allow(missing_docs)] // the fields are the wire names
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainUser {
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    pub mail: Option<String>,
    pub user_principal_name: Option<String>,
    pub job_title: Option<String>,
    pub office_location: Option<String>,
    pub mobile_phone: Option<String>,
    pub business_phones: Option<Vec<String>>,
    pub preferred_language: Option<String>,
    pub account_enabled: Option<bool>,
    pub created_date_time: Option<DateTimeOffset>,
    pub department: Option<String>,
    pub company_name: Option<String>,
}

/// A page of [`PlainUser`]s.
#[derive(Debug, Clone, Deserialize)]
pub struct PlainPage {
    /// The users.
    pub value: Vec<PlainUser>,
    /// `@odata.nextLink`.
    #[serde(rename = "@odata.nextLink")]
    pub next_link: Option<String>,
}

/// The body of `POST /users` as a plain derive would write it (fields in the generated model's
/// order, so that both write the same bytes).
#[allow(missing_docs)] // the fields are the wire names
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainCreateUser {
    pub account_enabled: bool,
    pub display_name: String,
    pub mail_nickname: String,
    pub password_profile: PlainPasswordProfile,
    pub user_principal_name: String,
}

/// The password of [`PlainCreateUser`].
#[allow(missing_docs)] // the fields are the wire names
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainPasswordProfile {
    pub force_change_password_next_sign_in: bool,
    pub password: String,
}

/// The create body of the documented example of `POST /users`.
pub fn plain_create_user() -> PlainCreateUser {
    PlainCreateUser {
        account_enabled: true,
        display_name: "Adele Vance".into(),
        mail_nickname: "AdeleV".into(),
        user_principal_name: "AdeleV@contoso.onmicrosoft.com".into(),
        password_profile: PlainPasswordProfile {
            force_change_password_next_sign_in: true,
            password: "xWwvJ]6NMw+bWH-d".into(),
        },
    }
}

/// The same body as the generated model.
pub fn create_user() -> graph_api::beta::models::User {
    use graph_api::beta::models::{PasswordProfile, User};
    User {
        account_enabled: Some(true),
        display_name: Some("Adele Vance".into()),
        mail_nickname: Some("AdeleV".into()),
        user_principal_name: Some("AdeleV@contoso.onmicrosoft.com".into()),
        password_profile: Some(Box::new(PasswordProfile {
            force_change_password_next_sign_in: Some(true),
            password: Some("xWwvJ]6NMw+bWH-d".into()),
            ..PasswordProfile::default()
        })),
        ..User::default()
    }
}
