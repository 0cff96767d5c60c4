//! National clouds and API versions.

use std::fmt;

/// A Microsoft Graph deployment (national cloud).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Cloud {
    /// The global service, `https://graph.microsoft.com`.
    #[default]
    Global,
    /// US Government L4, `https://graph.microsoft.us`.
    UsGovL4,
    /// US Government L5 (DoD), `https://dod-graph.microsoft.us`.
    UsGovL5Dod,
    /// China, operated by 21Vianet, `https://microsoftgraph.chinacloudapi.cn`.
    China,
}

impl Cloud {
    /// The root URL of this cloud's Graph endpoint, without a trailing slash.
    pub fn base_url(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5Dod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The OAuth scope asking for this cloud's Graph permissions:
    /// `{base_url}/.default`.
    pub fn default_scope(self) -> String {
        format!("{}/.default", self.base_url())
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base_url())
    }
}

/// A Graph API version: the first path segment after the base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ApiVersion {
    /// The stable `v1.0` endpoint.
    #[default]
    V1,
    /// The `beta` endpoint.
    Beta,
}

impl ApiVersion {
    /// The version's path segment: `v1.0` or `beta`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_scopes() {
        assert_eq!(Cloud::Global.base_url(), "https://graph.microsoft.com");
        assert_eq!(
            Cloud::UsGovL5Dod.default_scope(),
            "https://dod-graph.microsoft.us/.default"
        );
        assert_eq!(
            Cloud::China.default_scope(),
            "https://microsoftgraph.chinacloudapi.cn/.default"
        );
        assert_eq!(Cloud::UsGovL4.base_url(), "https://graph.microsoft.us");
        assert_eq!(ApiVersion::V1.as_str(), "v1.0");
        assert_eq!(ApiVersion::Beta.to_string(), "beta");
    }
}
