//! Unit tests on small invented pages written in the Graph docs format (a fictional `widget: polish`).

use std::collections::BTreeMap;

use graph_spec::{ApiVersion, EdmType, FactSource, HttpMethod, Primitive, SpecFile};
use serde_json::json;

use super::*;

const PAGE: &str = "api-reference/beta/api/widget-polish.md";

/// The base page. Tests change one part of it with `replace` and look lines up with [`line_of`].
const BASE: &str = r#"---
title: "widget: polish"
description: "Polish a widget until it shines."
author: someone
ms.date: '01/02/2025'
---

# widget: polish

Namespace: microsoft.graph

[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]

Polish a [widget](../resources/widget.md) until   it
shines. See the [polishing guide](/graph/polish-guide).

[!INCLUDE [national-cloud-support](../../includes/global-us.md)]

## Permissions

Pick the least privileged permission.

<!-- { "blockType": "permissions", "name": "widget_polish" } -->
[!INCLUDE [permissions-table](../includes/permissions/widget-polish-permissions.md)]

[!INCLUDE [rbac-widget-write](../includes/rbac-for-apis/rbac-widget-write.md)]

## HTTP request

<!-- { "blockType": "ignored" } -->
``` http
POST /widgets/{widget-id}/polish
```

## Request headers

|Name|Description|
|:---|:---|
|Authorization|Bearer {token}. Required.|
|Content-Type|application/json. Required.|

## Request body

In the request body, supply a JSON object with the following parameters.

|Parameter|Type|Description|
|:---|:---|:---|
|shineLevel|Int32|How shiny the widget gets. Required.|
|cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|
|note|String|A note for the polisher. Optional.|

## Response

If successful, this action returns a `204 No Content` response code.

## Examples

### Request

# [HTTP](#tab/http)
<!-- {
  "blockType": "request",
  "name": "widget_polish"
}
-->
``` http
POST https://graph.microsoft.com/beta/widgets/42/polish
Content-Type: application/json

{
  "shineLevel": 3,
  "cloths": [{"fabric": "silk"}]
}
```

# [C#](#tab/csharp)
[!INCLUDE [sample-code](../includes/snippets/csharp/widget-polish-csharp-snippets.md)]

---

### Response
<!-- {
  "blockType": "response",
  "truncated": true
}
-->
``` http
HTTP/1.1 204 No Content
```
"#;

const PERMISSIONS: &str = "---
description: generated
---

|Permission type|Least privileged permissions|Higher privileged permissions|
|:---|:---|:---|
|Delegated (work or school account)|Widget.Polish.All|Widget.ReadWrite.All, Directory.ReadWrite.All|
|Delegated (personal Microsoft account)|Not supported.|Not supported.|
|Application|Widget.Polish.All|Not available.|
";

const RBAC: &str = "---
ms.topic: include
---

> [!IMPORTANT]
> For delegated access, the signed-in user needs a supported [role](/roles). *Widget Polisher* is the least privileged role supported for this operation.
";

fn clouds(l4: &str, l5: &str, china: &str) -> String {
    format!(
        "This API is available in these [clouds](/graph/deployments).\n\n\
         | Global service | US Government L4 | US Government L5 (DOD) | China operated by 21Vianet |\n\
         |---|---|---|---|\n\
         | :white_check_mark: | {l4} | {l5} | {china} |\n"
    )
}

fn includes() -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert(
        "api-reference/beta/includes/permissions/widget-polish-permissions.md".to_string(),
        PERMISSIONS.to_string(),
    );
    m.insert(
        "api-reference/beta/includes/rbac-for-apis/rbac-widget-write.md".to_string(),
        RBAC.to_string(),
    );
    m.insert(
        "api-reference/includes/global-us.md".to_string(),
        clouds(":white_check_mark:", ":white_check_mark:", ":x:"),
    );
    m
}

fn extract_with(text: &str, files: &BTreeMap<String, String>) -> Result<SpecFile, ExtractError> {
    extract_str(PAGE, text, &|p: &str| files.get(p).cloned())
}

fn extract(text: &str) -> SpecFile {
    match extract_with(text, &includes()) {
        Ok(spec) => spec,
        Err(e) => panic!("extraction failed: {e}"),
    }
}

fn extract_err(text: &str) -> ExtractError {
    match extract_with(text, &includes()) {
        Ok(spec) => panic!("expected an error, got {spec:#?}"),
        Err(e) => e,
    }
}

/// The 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("`{needle}` not in the page"))
}

/// Replaces exactly one occurrence.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

fn warning_at(spec: &SpecFile, line: usize, part: &str) {
    assert!(
        spec.warnings
            .iter()
            .any(|w| w.line == line && w.message.contains(part)),
        "no warning at line {line} containing `{part}`; warnings: {:#?}",
        spec.warnings
    );
}

fn no_warnings(spec: &SpecFile) {
    assert!(
        spec.warnings.is_empty(),
        "unexpected warnings: {:#?}",
        spec.warnings
    );
}

fn ty(s: &str) -> EdmType {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

fn with_response(sentence: &str, example_status: &str) -> String {
    let text = edit(
        BASE,
        "If successful, this action returns a `204 No Content` response code.",
        sentence,
    );
    edit(&text, "HTTP/1.1 204 No Content", example_status)
}

mod errors;
mod examples;
mod function;
mod http_lines;
mod kinds;
mod lenient;
mod page;
mod path_forms;
mod permissions;
mod request;
mod response;
mod robust;
