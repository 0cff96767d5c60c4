//! URL resolution in a small CSDL of these tests' own (also the metadata of the `resources` tests).

use crate::Schema;
use crate::resolve::{Suffix, resolve, segments};

/// The current metadata of these tests; [`CSDL_2021`] is it without `user.drive`.
pub(super) const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="directoryObject" BaseType="graph.entity" />
      <EntityType Name="user" BaseType="graph.directoryObject">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="mailboxSettings" Type="graph.mailboxSettings" />
        <NavigationProperty Name="messages" Type="Collection(graph.message)" ContainsTarget="true" />
        <NavigationProperty Name="memberOf" Type="Collection(graph.directoryObject)" />
        <NavigationProperty Name="manager" Type="graph.directoryObject" />
        <NavigationProperty Name="drive" Type="graph.drive" />
      </EntityType>
      <EntityType Name="group" BaseType="graph.directoryObject">
        <NavigationProperty Name="members" Type="Collection(graph.directoryObject)" />
      </EntityType>
      <EntityType Name="message" BaseType="graph.entity">
        <NavigationProperty Name="attachments" Type="Collection(graph.attachment)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="eventMessage" BaseType="graph.message">
        <NavigationProperty Name="event" Type="graph.event" />
      </EntityType>
      <EntityType Name="event" BaseType="graph.entity" />
      <EntityType Name="attachment" BaseType="graph.entity" />
      <EntityType Name="drive" BaseType="graph.entity">
        <NavigationProperty Name="root" Type="graph.driveItem" />
        <NavigationProperty Name="items" Type="Collection(graph.driveItem)" />
      </EntityType>
      <EntityType Name="driveItem" BaseType="graph.entity" HasStream="true">
        <Property Name="content" Type="Edm.Stream" />
        <NavigationProperty Name="children" Type="Collection(graph.driveItem)" />
      </EntityType>
      <ComplexType Name="mailboxSettings">
        <Property Name="timeZone" Type="Edm.String" />
      </ComplexType>
      <Function Name="delta" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.user)" />
        <ReturnType Type="Collection(graph.user)" />
      </Function>
      <EntityContainer Name="GraphService">
        <EntitySet Name="users" EntityType="microsoft.graph.user" />
        <EntitySet Name="groups" EntityType="microsoft.graph.group" />
        <Singleton Name="me" Type="microsoft.graph.user" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

pub(super) fn schema() -> Schema {
    Schema::parse(CSDL).unwrap()
}

pub(super) fn schema_2021() -> Schema {
    Schema::parse(&CSDL.replace(
        r#"<NavigationProperty Name="drive" Type="graph.drive" />"#,
        "",
    ))
    .unwrap()
}

/// `template` resolved: what it reaches, with `/$ref`-style suffixes.
fn reach(template: &str) -> String {
    let r = resolve(&schema(), template).unwrap_or_else(|u| panic!("{template}: {u:?}"));
    let suffix = match r.suffix {
        Some(Suffix::Ref) => "/$ref",
        Some(Suffix::Value) => "/$value",
        Some(Suffix::Count) => "/$count",
        None => "",
    };
    format!("{}{suffix}", r.type_name())
}

#[test]
fn the_container_types_and_derived_types_are_read_once() {
    let s = schema();
    assert_eq!(s.root_count(), 3);
    assert!(s.root("USERS").unwrap().collection);
    assert!(!s.root("me").unwrap().collection);
    assert_eq!(s.operations.len(), 1);
    let derived: Vec<&str> = s
        .derived_types("microsoft.graph.directoryObject")
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(derived, ["microsoft.graph.group", "microsoft.graph.user"]);
    assert!(s.derives_from("microsoft.graph.user", "microsoft.graph.entity"));
    assert!(!s.derives_from("microsoft.graph.entity", "microsoft.graph.user"));
    let found = s.property("microsoft.graph.message", "EVENT").unwrap();
    assert_eq!(found.derived, Some("microsoft.graph.eventMessage"));
    assert_eq!(
        s.property("microsoft.graph.user", "id").unwrap().derived,
        None,
        "inherited from entity"
    );
}

#[test]
fn segments_split_outside_quotes_and_drop_version_and_query() {
    assert_eq!(
        segments("/v1.0/users('a/b')/messages?$select=x/y"),
        ["users('a/b')", "messages"]
    );
    assert_eq!(
        segments("/users/{id | userPrincipalName}"),
        ["users", "{id | userPrincipalName}"]
    );
}

#[test]
fn paths_resolve_through_sets_keys_properties_casts_and_suffixes() {
    assert_eq!(reach("/users"), "Collection(microsoft.graph.user)");
    assert_eq!(
        reach("/users/{id | userPrincipalName}"),
        "microsoft.graph.user"
    );
    assert_eq!(reach("/Users('a@b.com')"), "microsoft.graph.user");
    assert_eq!(
        reach("/users(id='1')/manager"),
        "microsoft.graph.directoryObject"
    );
    assert_eq!(reach("/me"), "microsoft.graph.user");
    assert_eq!(
        reach("/v1.0/me/mailboxSettings?$select=timeZone"),
        "microsoft.graph.mailboxSettings"
    );
    assert_eq!(reach("/me/mailboxSettings/timeZone"), "Edm.String");
    assert_eq!(
        reach("/groups/{id}/members/$ref"),
        "Collection(microsoft.graph.directoryObject)/$ref"
    );
    assert_eq!(
        reach("/groups/{id}/members/{id}/$ref"),
        "microsoft.graph.directoryObject/$ref"
    );
    assert_eq!(
        reach("/groups/{id}/members/$count"),
        "Collection(microsoft.graph.directoryObject)/$count"
    );
    assert_eq!(
        reach("/users/{id}/memberOf/microsoft.graph.group"),
        "Collection(microsoft.graph.group)"
    );
    assert_eq!(reach("/users/delta()"), "Collection(microsoft.graph.user)");
    assert_eq!(
        reach("/me/drive/root:/{item-path}:/children"),
        "Collection(microsoft.graph.driveItem)"
    );
    assert_eq!(
        reach("/me/drive/root:/a/b.txt"),
        "microsoft.graph.driveItem"
    );
    let content = resolve(&schema(), "/me/drive/items/{id}:/{file}:/content").unwrap();
    assert_eq!(content.type_name(), "Edm.Stream");
    assert_eq!(content.holder.as_deref(), Some("microsoft.graph.driveItem"));
    let value = resolve(&schema(), "/me/messages/{id}/attachments/{id}/$value").unwrap();
    assert_eq!(value.suffix, Some(Suffix::Value));
    assert_eq!(value.holder.as_deref(), Some("microsoft.graph.attachment"));
}

#[test]
fn literal_keys_and_ellipses_resolve() {
    assert_eq!(
        reach("/users/a@b.com/messages"),
        "Collection(microsoft.graph.message)"
    );
    assert_eq!(
        reach("/me/messages/AAMkAG=/attachments"),
        "Collection(microsoft.graph.attachment)"
    );
    assert_eq!(reach("/users/roleTemplateId=42"), "microsoft.graph.user");
    assert_eq!(
        reach("/me/messages/{id}/.../attachments/{id}"),
        "microsoft.graph.attachment"
    );
    assert_eq!(
        resolve(&schema(), "/users/delta").unwrap().type_name(),
        "Collection(microsoft.graph.user)",
        "a bound function before a literal key"
    );
}

#[test]
fn a_property_of_a_derived_type_resolves_and_says_so() {
    let r = resolve(&schema(), "/me/messages/{id}/event").unwrap();
    assert_eq!(r.type_name(), "microsoft.graph.event");
    assert_eq!(r.via_derived, ["event (on microsoft.graph.eventMessage)"]);
    assert!(
        resolve(
            &schema(),
            "/me/messages/{id}/microsoft.graph.eventMessage/event"
        )
        .unwrap()
        .via_derived
        .is_empty()
    );
}

#[test]
fn paths_that_do_not_resolve_name_the_segment_and_why() {
    let fails = |t: &str| resolve(&schema(), t).unwrap_err();
    let u = fails("/people/{id}");
    assert_eq!((u.index, u.segment.as_str()), (0, "people"));
    assert!(
        u.reason.contains("no entity set or singleton"),
        "{}",
        u.reason
    );
    let u = fails("/me/calendar");
    assert_eq!((u.index, u.segment.as_str()), (1, "calendar"));
    assert!(
        u.reason.contains("no property of microsoft.graph.user"),
        "{}",
        u.reason
    );
    assert!(fails("/users/displayName").reason.contains("without a key"));
    assert!(fails("/me/{id}").reason.contains("single-valued"));
    assert!(fails("/me/messages/$count/x").reason.contains("after"));
    assert!(fails("/me/displayName/x").reason.contains("primitive"));
    assert!(fails("").reason.contains("empty"));
}
