//! Who may call an operation (permissions per scenario) and where (national clouds).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The permissions table of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work_or_school: PermissionEntry,
    /// Delegated (personal Microsoft account).
    pub delegated_personal: PermissionEntry,
    /// Application.
    pub application: PermissionEntry,
}

/// One row of a permissions table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PermissionEntry {
    /// `false` when the table says "Not supported.".
    pub supported: bool,
    /// The least privileged permissions, in table order.
    #[serde(default)]
    pub least_privileged: Vec<String>,
    /// The higher privileged permissions, in table order (empty for "Not available.").
    #[serde(default)]
    pub higher_privileged: Vec<String>,
}

/// Which national clouds serve an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalClouds {
    /// Global service, `https://graph.microsoft.com`.
    pub global: bool,
    /// US Government L4, `https://graph.microsoft.us`.
    pub us_gov_l4: bool,
    /// US Government L5 (DOD), `https://dod-graph.microsoft.us`.
    pub us_gov_l5_dod: bool,
    /// China operated by 21Vianet, `https://microsoftgraph.chinacloudapi.cn`.
    pub china: bool,
}
