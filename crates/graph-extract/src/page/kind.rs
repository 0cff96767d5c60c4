//! What kind of operation a page documents ([`OperationKind`]), from its method, the last segment
//! of its first path, its title and its documented response.
//!
//! The rules, in order:
//! 1. The last segment is an OData suffix: `$count` is a count, `$ref` a reference operation by
//!    method, `$value` a media get or put.
//! 2. A title that names the last segment (or the function called there) is an action (`POST`)
//!    or a function (`GET`): `binding: name`, or a title whose first word is the segment
//!    (`assign action`, `Restore deleted item` for `.../restore`). So is a call in the last
//!    segment that is not a key (`delta()`, `reminderView(startDateTime=..,endDateTime=..)`).
//! 3. Otherwise the method decides: `GET` is a list when the response is a collection or the title
//!    says `List`, else a get (a `content` segment answering a stream is a media get); `POST` is a
//!    create when it answers `201 Created` or the title says `Create`, `Add` or `Post` (else an
//!    action named by the path, with a warning); `PATCH` an update; `PUT` a replace (a media put on
//!    `content`); `DELETE` a delete.

use graph_spec::{EdmType, HttpMethod, OperationKind, PathTemplate, Primitive, Response};

/// What the classification reads.
pub(crate) struct Facts<'a> {
    pub method: HttpMethod,
    pub paths: &'a [PathTemplate],
    /// The page title.
    pub title: &'a str,
    /// The name of a `binding: name` title, `None` when the title is not of that form.
    pub titled_name: Option<&'a str>,
    pub response: &'a Response,
}

/// The last segment of a template: its name and, for a call or key in parentheses, the text
/// between them.
fn last_segment(template: &str) -> (&str, Option<&str>) {
    let last = template
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    match last.split_once('(') {
        Some((name, rest)) => (name, Some(rest.trim_end_matches(')'))),
        None => (last, None),
    }
}

/// Whether the text between parentheses addresses an item by key (`'{id}'`, `{id}`,
/// `appId='{appId}'`) rather than calling a function: one argument, positional or named.
fn is_key(args: &str) -> bool {
    let args = args.trim();
    !args.is_empty() && graph_spec::split_call_args(args).len() == 1
}

fn title_starts_with(title: &str, words: &[&str]) -> bool {
    let first = title.split_whitespace().next().unwrap_or("");
    words.iter().any(|w| first.eq_ignore_ascii_case(w))
}

/// The kind, and a note when it was a guess worth a warning.
pub(crate) fn classify(f: &Facts<'_>) -> (OperationKind, Option<String>) {
    let template = f.paths.first().map_or("", |p| p.template.as_str());
    let (segment, call) = last_segment(template);
    let bare = segment.strip_prefix("microsoft.graph.").unwrap_or(segment);
    let by_method = |get, post, put, delete| match f.method {
        HttpMethod::Get => get,
        HttpMethod::Post => post,
        HttpMethod::Put => put,
        HttpMethod::Delete => delete,
        HttpMethod::Patch => OperationKind::Update,
    };
    use OperationKind as K;
    match segment {
        "$count" => return (K::Count, None),
        "$ref" => {
            return (
                by_method(K::RefGet, K::RefAdd, K::RefSet, K::RefRemove),
                None,
            );
        }
        "$value" => {
            return (
                by_method(K::MediaGet, K::Action, K::MediaPut, K::Delete),
                None,
            );
        }
        _ => {}
    }
    // The title names the last segment: `binding: name`, or a first word that is the segment
    // (`assign action`, `Restore deleted item` for `.../restore`).
    let first_word = f.title.split_whitespace().next().unwrap_or("");
    let named_here = f
        .titled_name
        .is_some_and(|name| name.eq_ignore_ascii_case(bare))
        || (!bare.is_empty() && first_word.eq_ignore_ascii_case(bare));
    let a_call = call.is_some_and(|args| !is_key(args));
    if named_here || a_call {
        match f.method {
            HttpMethod::Get => return (K::Function, None),
            HttpMethod::Post => return (K::Action, None),
            _ => {}
        }
    }
    let stream = matches!(
        f.response.body_type,
        Some(EdmType::Primitive(Primitive::Stream))
    );
    let kind = match f.method {
        HttpMethod::Get if bare == "content" || (stream && f.titled_name.is_none()) => K::MediaGet,
        HttpMethod::Get => {
            let collection = matches!(f.response.body_type, Some(EdmType::Collection(_)));
            if collection || title_starts_with(f.title, &["list"]) {
                K::List
            } else {
                K::Get
            }
        }
        HttpMethod::Post => {
            if f.response.status == 201 || title_starts_with(f.title, &["create", "add", "post"]) {
                K::Create
            } else {
                let note = format!(
                    "`POST {template}` answers {} and the title `{}` neither names an action nor says \
                     create: taken as an action",
                    f.response.status, f.title
                );
                return (K::Action, Some(note));
            }
        }
        HttpMethod::Put if bare == "content" => K::MediaPut,
        HttpMethod::Put => K::Replace,
        HttpMethod::Patch => K::Update,
        HttpMethod::Delete => K::Delete,
    };
    (kind, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(template: &str) -> PathTemplate {
        PathTemplate {
            template: template.to_string(),
            parameters: Vec::new(),
        }
    }

    fn kind(
        method: HttpMethod,
        template: &str,
        title: &str,
        status: u16,
        body: Option<&str>,
    ) -> OperationKind {
        let paths = [path(template)];
        let titled_name = title.split_once(':').map(|(_, n)| n.trim());
        let response = Response {
            status,
            body_type: body.map(|b| b.parse().unwrap()),
            headers: Vec::new(),
        };
        classify(&Facts {
            method,
            paths: &paths,
            title,
            titled_name,
            response: &response,
        })
        .0
    }

    use HttpMethod::*;
    use OperationKind as K;

    #[test]
    fn odata_suffixes_decide_first() {
        assert_eq!(
            kind(Get, "/users/$count", "Count users", 200, None),
            K::Count
        );
        assert_eq!(
            kind(Post, "/groups/{id}/members/$ref", "Add member", 204, None),
            K::RefAdd
        );
        assert_eq!(
            kind(
                Delete,
                "/groups/{id}/members/{id}/$ref",
                "Remove member",
                204,
                None
            ),
            K::RefRemove
        );
        assert_eq!(
            kind(Put, "/users/{id}/manager/$ref", "Assign manager", 204, None),
            K::RefSet
        );
        assert_eq!(
            kind(Get, "/users/{id}/manager/$ref", "Get manager", 200, None),
            K::RefGet
        );
        assert_eq!(
            kind(Get, "/me/photo/$value", "Get photo", 200, None),
            K::MediaGet
        );
        assert_eq!(
            kind(Put, "/me/photo/$value", "Update photo", 200, None),
            K::MediaPut
        );
    }

    #[test]
    fn titles_name_actions_and_functions() {
        assert_eq!(
            kind(
                Post,
                "/auditLogs/signIns/confirmSafe",
                "signIn: confirmSafe",
                204,
                None
            ),
            K::Action
        );
        assert_eq!(
            kind(Get, "/users/delta", "user: delta", 200, None),
            K::Function
        );
        assert_eq!(
            kind(
                Get,
                "/reports/getEmailActivityCounts(period='{period}')",
                "reportRoot: getEmailActivityCounts",
                302,
                None
            ),
            K::Function
        );
        assert_eq!(
            kind(
                Post,
                "/deviceManagement/x/{id}/assign",
                "assign action",
                200,
                None
            ),
            K::Action
        );
        assert_eq!(
            kind(
                Post,
                "/directory/deletedItems/{id}/restore",
                "Restore deleted item",
                200,
                None
            ),
            K::Action
        );
        // A call that is not a key, under a title of another form.
        assert_eq!(
            kind(
                Get,
                "/me/calendarView/delta()",
                "Delta of events",
                200,
                None
            ),
            K::Function
        );
    }

    #[test]
    fn methods_decide_resource_operations() {
        assert_eq!(
            kind(
                Get,
                "/users/{id}",
                "Get user",
                200,
                Some("microsoft.graph.user")
            ),
            K::Get
        );
        assert_eq!(
            kind(Get, "/me", "Get user", 200, Some("microsoft.graph.user")),
            K::Get
        );
        assert_eq!(
            kind(
                Get,
                "/users",
                "List users",
                200,
                Some("microsoft.graph.user")
            ),
            K::List
        );
        assert_eq!(
            kind(
                Get,
                "/me/messages",
                "Get messages",
                200,
                Some("Collection(microsoft.graph.message)")
            ),
            K::List
        );
        // A key in parentheses is a get, not a function.
        assert_eq!(
            kind(
                Get,
                "/servicePrincipals(appId='{appId}')",
                "Get servicePrincipal",
                200,
                None
            ),
            K::Get
        );
        assert_eq!(kind(Get, "/users('{id}')", "Get user", 200, None), K::Get);
        assert_eq!(kind(Post, "/users", "Create user", 201, None), K::Create);
        assert_eq!(
            kind(Post, "/me/events", "Create Event", 201, None),
            K::Create
        );
        assert_eq!(
            kind(
                Post,
                "/groups/{id}/threads",
                "Create conversation thread",
                200,
                None
            ),
            K::Create
        );
        assert_eq!(
            kind(Patch, "/users/{id}", "Update user", 204, None),
            K::Update
        );
        assert_eq!(
            kind(
                Put,
                "/groups/{id}/team",
                "Create team from group",
                201,
                None
            ),
            K::Replace
        );
        assert_eq!(
            kind(Delete, "/users/{id}", "Delete user", 204, None),
            K::Delete
        );
        assert_eq!(
            kind(
                Get,
                "/me/drive/items/{id}/content",
                "Download a file",
                302,
                None
            ),
            K::MediaGet
        );
        assert_eq!(
            kind(
                Put,
                "/me/drive/items/{id}/content",
                "Upload a file",
                201,
                None
            ),
            K::MediaPut
        );
    }

    #[test]
    fn an_untitled_post_that_creates_nothing_is_an_action_with_a_note() {
        let paths = [path("/me/messages/{id}/replyAll")];
        let response = Response {
            status: 202,
            body_type: None,
            headers: Vec::new(),
        };
        let (k, note) = classify(&Facts {
            method: Post,
            paths: &paths,
            title: "Reply all to a message",
            titled_name: None,
            response: &response,
        });
        assert_eq!(k, K::Action);
        assert!(note.unwrap().contains("taken as an action"));
    }
}
