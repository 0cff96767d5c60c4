//! [`NarrowUser`]: the 15 properties of [`crate::users::users_page`]'s users as a generated model
//! decodes them (a [`graph_runtime::model::Model`], unknown properties and `null`s kept), but
//! without the other 100 properties of the beta `User`. Decoding a page of these against the
//! plain derive separates the cost of the one-pass decoder from the cost of the model's width.

use graph_runtime::edm::DateTimeOffset;
use graph_runtime::model::{Model, Property};
use serde::de::MapAccess;
use serde_json::{Map, Value};

/// The 15 properties, written as the generator writes a model.
#[allow(missing_docs)] // the fields are the wire names
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NarrowUser {
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
    pub additional_properties: Map<String, Value>,
}

impl Model for NarrowUser {
    const NAME: &'static str = "NarrowUser";

    fn decode_property<'de, A: MapAccess<'de>>(
        &mut self,
        property: Property<'_, 'de, A>,
    ) -> Result<(), A::Error> {
        match property.key() {
            "id" => property.decode(&mut self.id),
            "displayName" => property.decode(&mut self.display_name),
            "givenName" => property.decode(&mut self.given_name),
            "surname" => property.decode(&mut self.surname),
            "mail" => property.decode(&mut self.mail),
            "userPrincipalName" => property.decode(&mut self.user_principal_name),
            "jobTitle" => property.decode(&mut self.job_title),
            "officeLocation" => property.decode(&mut self.office_location),
            "mobilePhone" => property.decode(&mut self.mobile_phone),
            "businessPhones" => property.decode(&mut self.business_phones),
            "preferredLanguage" => property.decode(&mut self.preferred_language),
            "accountEnabled" => property.decode(&mut self.account_enabled),
            "createdDateTime" => property.decode(&mut self.created_date_time),
            "department" => property.decode(&mut self.department),
            "companyName" => property.decode(&mut self.company_name),
            _ => property.keep(),
        }
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl<'de> serde::Deserialize<'de> for NarrowUser {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        graph_runtime::model::deserialize(deserializer)
    }
}
