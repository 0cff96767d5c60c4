//! A value typed by a base type, read as the derived type its `@odata.type` names.
//!
//! Graph returns derived types where an operation documents a base: the members of a group are
//! `directoryObject`s that are users, groups, devices, service principals; `GET
//! /deviceAppManagement/mobileApps/{id}` answers a `webApp`, a `windowsUniversalAppX`, ...
//! A binding decodes what the docs say it returns (the base), which keeps every property (the
//! derived type's own ones in `additional_properties`) and the `@odata.type`. Generated models
//! whose type has derived types the docs describe then offer `downcast::<Derived>()`: the value
//! as that derived type when its `@odata.type` names it, `None` when it names another type (or
//! none), which leaves the base as the fallback. This is how Kiota's and the Go SDK's users read
//! `directoryObject`s, without making every response an enum of every derived type.
//!
//! ```
//! # use graph_runtime::derived::{Derived, downcast};
//! #[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
//! struct DirectoryObject {
//!     #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
//!     odata_type: Option<String>,
//!     id: Option<String>,
//!     #[serde(flatten)]
//!     additional_properties: serde_json::Map<String, serde_json::Value>,
//! }
//! #[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
//! struct User {
//!     id: Option<String>,
//!     #[serde(rename = "displayName")]
//!     display_name: Option<String>,
//! }
//! impl Derived<DirectoryObject> for User {
//!     const ODATA_TYPE: &'static str = "#microsoft.graph.user";
//! }
//! let member: DirectoryObject = serde_json::from_str(
//!     r##"{"@odata.type": "#microsoft.graph.user", "id": "1", "displayName": "Adele"}"##,
//! )?;
//! let user: User = downcast(&member, member.odata_type.as_deref()).expect("a user")?;
//! assert_eq!(user.display_name.as_deref(), Some("Adele"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;

/// A model whose type derives from `B`'s (`User: Derived<DirectoryObject>`): a value decoded as a
/// `B` whose `@odata.type` is [`Derived::ODATA_TYPE`] holds one of these.
pub trait Derived<B>: DeserializeOwned {
    /// The `@odata.type` Graph gives a value of this type (`#microsoft.graph.user`).
    const ODATA_TYPE: &'static str;
}

/// Whether two `@odata.type` values name the same type: the leading `#` is optional and the
/// comparison ignores ASCII case, as Graph's does.
pub fn same_type(a: &str, b: &str) -> bool {
    a.trim_start_matches('#')
        .eq_ignore_ascii_case(b.trim_start_matches('#'))
}

/// `base` (whose `@odata.type` is `odata_type`) as the derived type `D`, when `odata_type` names
/// `D`; `None` otherwise. The value is re-read from `base`'s JSON form (every property it was
/// decoded with, unknown ones included), so nothing is lost; a property `D` types differently
/// from what the value holds is an [`Error::Decode`].
pub fn downcast<B: Serialize, D: Derived<B>>(
    base: &B,
    odata_type: Option<&str>,
) -> Option<Result<D, Error>> {
    if !same_type(odata_type?, D::ODATA_TYPE) {
        return None;
    }
    let decode = |e: serde_json::Error| Error::Decode {
        message: format!(
            "the value whose @odata.type is {} is not a valid {}: {e}",
            D::ODATA_TYPE,
            std::any::type_name::<D>()
        ),
        snippet: String::new(),
    };
    Some(
        serde_json::to_value(base)
            .map_err(decode)
            .and_then(|v| serde_json::from_value(v).map_err(decode)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, Serialize, serde::Deserialize)]
    struct Base {
        #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
        odata_type: Option<String>,
        #[serde(flatten)]
        rest: serde_json::Map<String, serde_json::Value>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Group {
        #[serde(rename = "mailEnabled")]
        mail_enabled: bool,
    }

    impl Derived<Base> for Group {
        const ODATA_TYPE: &'static str = "#microsoft.graph.group";
    }

    fn base(json: &str) -> Base {
        serde_json::from_str(json).expect("test JSON")
    }

    #[test]
    fn a_value_downcasts_only_to_the_type_its_odata_type_names() {
        let group = base(r#"{"@odata.type": "microsoft.graph.Group", "mailEnabled": true}"#);
        let got = downcast::<_, Group>(&group, group.odata_type.as_deref());
        assert!(got.expect("names a group").expect("decodes").mail_enabled);
        let user = base(r##"{"@odata.type": "#microsoft.graph.user", "mailEnabled": true}"##);
        assert!(downcast::<_, Group>(&user, user.odata_type.as_deref()).is_none());
        let untyped = base(r#"{"mailEnabled": true}"#);
        assert!(downcast::<_, Group>(&untyped, None).is_none());
    }

    #[test]
    fn a_value_that_does_not_fit_its_derived_type_is_a_decode_error() {
        let bad = base(r##"{"@odata.type": "#microsoft.graph.group", "mailEnabled": "yes"}"##);
        let err = downcast::<_, Group>(&bad, bad.odata_type.as_deref())
            .expect("names a group")
            .expect_err("mailEnabled is not a boolean");
        let shown = err.to_string();
        assert!(shown.contains("#microsoft.graph.group"), "{shown}");
        assert!(shown.contains("invalid type"), "{shown}");
    }
}
