//! OData query options (`$select`, `$filter`, `$top`, ...), for the generated per-operation query
//! builders, which offer the options an operation's page documents and no others.
//!
//! `$select`, `$expand` and `$orderby` take [`Property`] values of the entity the operation
//! returns (`User::DISPLAY_NAME`, generated on every model), so that a typo does not compile;
//! [`Property::raw`] is the escape hatch for a name the docs do not list. `$filter` is sent as
//! written; `$search` is put in double quotes unless it already starts with one, as Graph
//! requires (`$search="displayName:room"`). Every value is percent-encoded by [`Request::query`].

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use crate::{Error, Request};

/// A property of the model `T`, by its wire name: what `$select`, `$expand` and `$orderby` take.
pub struct Property<T> {
    name: Cow<'static, str>,
    of: PhantomData<fn() -> T>,
}

impl<T> Property<T> {
    /// The property `name` (the generated models' associated constants use this).
    pub const fn new(name: &'static str) -> Property<T> {
        Property {
            name: Cow::Borrowed(name),
            of: PhantomData,
        }
    }

    /// A property the generated model does not list (a newer one, or one the docs leave out):
    /// sent as written.
    pub fn raw(name: impl Into<String>) -> Property<T> {
        Property {
            name: Cow::Owned(name.into()),
            of: PhantomData,
        }
    }

    /// The wire name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl<T> Clone for Property<T> {
    fn clone(&self) -> Self {
        Property {
            name: self.name.clone(),
            of: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Property<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Property").field(&self.name).finish()
    }
}

impl<T> PartialEq for Property<T> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// The direction of one `$orderby` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Ascending (`asc`, Graph's default).
    #[default]
    Asc,
    /// Descending (`desc`).
    Desc,
}

/// The query options of one request, in the order Graph documents them. Generated builders wrap
/// it and expose only the options their operation supports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryOptions {
    select: Vec<String>,
    expand: Vec<String>,
    filter: Option<String>,
    search: Option<String>,
    orderby: Vec<String>,
    top: Option<u32>,
    skip: Option<u32>,
    count: Option<bool>,
    /// The operation documents `ConsistencyLevel: eventual` for `$count` and `$search`.
    eventual: bool,
}

impl QueryOptions {
    /// No option set.
    pub fn new() -> QueryOptions {
        QueryOptions::default()
    }

    /// Sends `ConsistencyLevel: eventual` whenever `$count` or `$search` is set (directory
    /// objects need it for those "advanced queries"; the generated builder sets this where the
    /// operation's page documents the header).
    pub fn eventual_for_advanced_queries(mut self) -> QueryOptions {
        self.eventual = true;
        self
    }

    /// `$select`: adds properties to return.
    pub fn select<T>(&mut self, properties: impl IntoIterator<Item = Property<T>>) {
        self.select
            .extend(properties.into_iter().map(|p| p.name.into_owned()));
    }

    /// `$expand`: adds relationships to return inline.
    pub fn expand<T>(&mut self, properties: impl IntoIterator<Item = Property<T>>) {
        self.expand
            .extend(properties.into_iter().map(|p| p.name.into_owned()));
    }

    /// `$filter`: an OData filter expression, sent as written (`startswith(displayName,'a')`).
    pub fn filter(&mut self, expression: impl Into<String>) {
        self.filter = Some(expression.into());
    }

    /// `$search`: put in double quotes unless it already starts with one
    /// (`displayName:room` is sent as `"displayName:room"`).
    pub fn search(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.search = Some(if text.starts_with('"') {
            text
        } else {
            format!("\"{}\"", text.replace('"', "\\\""))
        });
    }

    /// `$orderby`: adds a sort key.
    pub fn order_by<T>(&mut self, property: Property<T>, order: Order) {
        let name = property.name.into_owned();
        self.orderby.push(match order {
            Order::Asc => name,
            Order::Desc => format!("{name} desc"),
        });
    }

    /// `$top`: at most this many items (per page).
    pub fn top(&mut self, n: u32) {
        self.top = Some(n);
    }

    /// `$skip`: skips this many items.
    pub fn skip(&mut self, n: u32) {
        self.skip = Some(n);
    }

    /// `$count`: whether the response carries `@odata.count`.
    pub fn count(&mut self, count: bool) {
        self.count = Some(count);
    }

    /// The `(name, value)` pairs, unencoded, in a fixed order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let list = |v: &[String]| v.join(",");
        if !self.select.is_empty() {
            out.push(("$select", list(&self.select)));
        }
        if !self.expand.is_empty() {
            out.push(("$expand", list(&self.expand)));
        }
        if let Some(f) = &self.filter {
            out.push(("$filter", f.clone()));
        }
        if let Some(s) = &self.search {
            out.push(("$search", s.clone()));
        }
        if !self.orderby.is_empty() {
            out.push(("$orderby", list(&self.orderby)));
        }
        if let Some(n) = self.top {
            out.push(("$top", n.to_string()));
        }
        if let Some(n) = self.skip {
            out.push(("$skip", n.to_string()));
        }
        if let Some(c) = self.count {
            out.push(("$count", c.to_string()));
        }
        out
    }

    /// Adds the options to `request`, and `ConsistencyLevel: eventual` when it is needed.
    pub fn apply(&self, mut request: Request) -> Result<Request, Error> {
        for (name, value) in self.pairs() {
            request = request.query(name, &value);
        }
        if self.eventual && (self.count == Some(true) || self.search.is_some()) {
            request = request.header("ConsistencyLevel", "eventual")?;
        }
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct User;

    #[test]
    fn options_are_sent_in_order_with_search_quoted() {
        let mut q = QueryOptions::new();
        q.top(5);
        q.select([Property::<User>::new("displayName"), Property::raw("mail")]);
        q.filter("startswith(displayName,'a')");
        q.search("displayName:room");
        q.order_by(Property::<User>::new("displayName"), Order::Desc);
        q.count(true);
        assert_eq!(
            q.pairs(),
            [
                ("$select", "displayName,mail".to_string()),
                ("$filter", "startswith(displayName,'a')".to_string()),
                ("$search", "\"displayName:room\"".to_string()),
                ("$orderby", "displayName desc".to_string()),
                ("$top", "5".to_string()),
                ("$count", "true".to_string()),
            ]
        );
        let mut quoted = QueryOptions::new();
        quoted.search("\"a\" OR \"b\"");
        assert_eq!(quoted.pairs(), [("$search", "\"a\" OR \"b\"".to_string())]);
    }

    #[test]
    fn consistency_level_only_for_advanced_queries_where_documented() {
        let header = |q: &QueryOptions| {
            let request = Request::new(
                crate::Method::GET,
                crate::ApiVersion::V1,
                crate::RequestPath::new()
                    .segment("users")
                    .finish()
                    .unwrap_or_else(|e| panic!("{e}")),
            );
            let prepared = q.apply(request).unwrap_or_else(|e| panic!("{e}"));
            prepared
                .headers
                .get("consistencylevel")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let mut q = QueryOptions::new().eventual_for_advanced_queries();
        q.top(1);
        assert_eq!(header(&q), None);
        q.count(true);
        assert_eq!(header(&q).as_deref(), Some("eventual"));
        let mut plain = QueryOptions::new();
        plain.count(true);
        assert_eq!(header(&plain), None);
    }
}
