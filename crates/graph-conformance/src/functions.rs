//! Replays particular to functions: report redirects (the download host must not receive
//! `Authorization`) and collections across two pages.

use graph_runtime::{Client, Error};
use serde_json::Value;

use crate::case::{Case, check_line, client_for};
use crate::wire::TOKEN;

impl Case {
    /// Replays a collection example across two mocked pages: the documented items with an
    /// `@odata.nextLink` to a second page on the same host, which answers the items again with an
    /// `@odata.deltaLink`. The pager must give both pages' items in order and the delta link, and
    /// both requests carry the token. Then the next round starts from that delta link
    /// ([`graph_runtime::Pager::from_delta_link`]), which answers with the delta link after it.
    ///
    /// Items are decoded as the binding's item type `T` (a model, or raw JSON) and compared as
    /// JSON, so a model that drops or changes anything of a documented item fails.
    pub async fn replay_pages<T>(&self, pager: impl Fn(&Client) -> graph_runtime::Pager<T>)
    where
        T: serde::de::DeserializeOwned + serde::Serialize,
    {
        let server = httpmock::MockServer::start_async().await;
        let items: Vec<Value> = self
            .example()
            .response
            .as_ref()
            .and_then(|r| r.body.as_ref())
            .and_then(|b| b.get("value"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let path = self.path();
        let next = server.url(format!("{path}?$skiptoken=conformance"));
        let delta = server.url(format!("{path}?$deltatoken=conformance"));
        let first = server
            .mock_async(|when, then| {
                when.method("GET")
                    .path(path.as_str())
                    .query_param_missing("$skiptoken")
                    .query_param_missing("$deltatoken")
                    .header("authorization", format!("Bearer {TOKEN}"));
                then.status(200).json_body(serde_json::json!({
                    "value": items.clone(),
                    "@odata.nextLink": next,
                }));
            })
            .await;
        let second = server
            .mock_async(|when, then| {
                when.method("GET")
                    .path(path.as_str())
                    .query_param("$skiptoken", "conformance")
                    .header("authorization", format!("Bearer {TOKEN}"));
                then.status(200).json_body(serde_json::json!({
                    "value": items.clone(),
                    "@odata.deltaLink": delta,
                }));
            })
            .await;
        let after = server.url(format!("{path}?$deltatoken=conformance-2"));
        let next_round = server
            .mock_async(|when, then| {
                when.method("GET")
                    .path(path.as_str())
                    .query_param("$deltatoken", "conformance")
                    .header("authorization", format!("Bearer {TOKEN}"));
                then.status(200).json_body(serde_json::json!({
                    "value": items.clone(),
                    "@odata.deltaLink": after,
                }));
            })
            .await;
        let client = client_for(&server.base_url());
        let all = pager(&client)
            .max_pages(2)
            .collect()
            .await
            .unwrap_or_else(|e| panic!("{}: paging failed: {e}", self.label()));
        let mut expected = items.clone();
        expected.extend(items.iter().cloned());
        let as_json = |items: &[T]| -> Vec<Value> {
            items
                .iter()
                .map(|item| {
                    serde_json::to_value(item).unwrap_or_else(|e| {
                        panic!("{}: an item does not serialize: {e}", self.label())
                    })
                })
                .collect()
        };
        assert_eq!(
            as_json(&all.items),
            expected,
            "{}: items of both pages",
            self.label()
        );
        assert_eq!(
            all.delta_link.as_deref(),
            Some(delta.as_str()),
            "{}",
            self.label()
        );
        first.assert_calls_async(1).await;
        second.assert_calls_async(1).await;
        let round = graph_runtime::Pager::<T>::from_delta_link(&client, &delta)
            .collect()
            .await
            .unwrap_or_else(|e| panic!("{}: the next delta round failed: {e}", self.label()));
        assert_eq!(
            as_json(&round.items),
            items,
            "{}: the next round's items",
            self.label()
        );
        assert_eq!(
            round.delta_link.as_deref(),
            Some(after.as_str()),
            "{}: the next round's delta link",
            self.label()
        );
        next_round.assert_calls_async(1).await;
        check_line(
            self,
            "two pages followed, delta link kept, next round started from it",
        );
    }

    /// Replays an example of a call documented to answer `302 Found` (a report): Graph's mock
    /// answers with a `Location` on a second mock host, the binding returns it, and
    /// [`Client::download`] fetches it there, which must not receive `Authorization`.
    pub async fn replay_redirect(
        &self,
        call: impl AsyncFn(&Client) -> Result<graph_runtime::Redirect, Error>,
    ) {
        let graph = httpmock::MockServer::start_async().await;
        let storage = httpmock::MockServer::start_async().await;
        let location = storage.url("/download/report.csv?tempauth=conformance");
        let example = self.example();
        let method = example.request.method.as_str();
        let graph_mock = graph
            .mock_async(|when, then| {
                when.method(method)
                    .path(self.path())
                    .header("authorization", format!("Bearer {TOKEN}"))
                    .header_missing("content-type");
                then.status(302).header("location", location.as_str());
            })
            .await;
        let clean = storage
            .mock_async(|when, then| {
                when.method("GET")
                    .path("/download/report.csv")
                    .header_missing("authorization");
                then.status(200)
                    .header("content-type", "application/octet-stream")
                    .body("Report Refresh Date\n");
            })
            .await;
        let leaked = storage
            .mock_async(|when, then| {
                when.header_exists("authorization");
                then.status(418);
            })
            .await;
        let client = client_for(&graph.base_url());
        let redirect = call(&client)
            .await
            .unwrap_or_else(|e| panic!("{}: the binding failed: {e}", self.label()));
        assert_eq!(redirect.location, location, "{}", self.label());
        graph_mock.assert_calls_async(1).await;
        check_line(self, "request matches documented method and path, no body");
        let content = client
            .download(&redirect.location)
            .await
            .unwrap_or_else(|e| panic!("{}: the download failed: {e}", self.label()));
        assert_eq!(content.body(), b"Report Refresh Date\n", "{}", self.label());
        clean.assert_calls_async(1).await;
        leaked.assert_calls_async(0).await;
        check_line(self, "download sent without Authorization");
        let wire = self.capture_wire(async |client| call(client).await).await;
        self.snapshot(wire);
    }
}
