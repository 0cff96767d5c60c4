//! Permissions, the least privileged role and national clouds, from includes and inline tables.

use super::*;

#[test]
fn permissions_from_the_include() {
    let spec = extract(BASE);
    let Some(p) = &spec.operation.permissions else {
        panic!("no permissions")
    };
    assert!(p.delegated_work_or_school.supported);
    assert_eq!(
        p.delegated_work_or_school.least_privileged,
        ["Widget.Polish.All"]
    );
    assert_eq!(
        p.delegated_work_or_school.higher_privileged,
        ["Widget.ReadWrite.All", "Directory.ReadWrite.All"]
    );
    assert!(!p.delegated_personal.supported);
    assert!(p.delegated_personal.least_privileged.is_empty());
    assert!(p.delegated_personal.higher_privileged.is_empty());
    assert!(p.application.supported);
    assert_eq!(p.application.least_privileged, ["Widget.Polish.All"]);
    assert!(p.application.higher_privileged.is_empty());
}

#[test]
fn inline_permissions_tables_old_form_and_footnotes() {
    let text = edit(
        BASE,
        "<!-- { \"blockType\": \"permissions\", \"name\": \"widget_polish\" } -->\n\
         [!INCLUDE [permissions-table](../includes/permissions/widget-polish-permissions.md)]\n",
        "|Permission type | Permissions (from least to most privileged) |\n|:---|:---|\n\
         |Delegated (work or school account) | Widget.Read.All, Widget.ReadWrite.All* |\n\
         |Delegated (personal Microsoft account) | Not supported. |\n\
         |Application | Widget.ReadWrite.All |\n\n\
         ### For gadgets\n\n\
         |Permission type | Permissions (from least to most privileged) |\n|:---|:---|\n\
         |Delegated (work or school account) | Gadget.Read.All |\n\
         |Delegated (personal Microsoft account) | Not supported. |\n\
         |Application | Gadget.Read.All |\n",
    );
    let spec = extract(&text);
    let Some(p) = &spec.operation.permissions else {
        panic!("no permissions")
    };
    assert_eq!(
        p.delegated_work_or_school.least_privileged,
        ["Widget.Read.All"]
    );
    assert_eq!(
        p.delegated_work_or_school.higher_privileged,
        ["Widget.ReadWrite.All"]
    );
    assert!(!p.delegated_personal.supported);
    assert_eq!(p.application.least_privileged, ["Widget.ReadWrite.All"]);
    let table_line = line_of(&text, "|Permission type | Permissions");
    warning_at(&spec, table_line, "footnote markers");
    warning_at(&spec, table_line, "the page has 2 permissions tables");
}

#[test]
fn least_privileged_role_from_the_rbac_include() {
    let spec = extract(BASE);
    assert_eq!(
        spec.operation.least_privileged_role.as_deref(),
        Some("Widget Polisher")
    );

    let mut files = includes();
    files.insert(
        "api-reference/beta/includes/rbac-for-apis/rbac-widget-write.md".to_string(),
        "For delegated calls, the user must hold at least the *Gadget Admin* [role](/roles).\n"
            .to_string(),
    );
    let spec = extract_with(BASE, &files).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        spec.operation.least_privileged_role.as_deref(),
        Some("Gadget Admin")
    );
}

#[test]
fn national_clouds_are_read_from_the_table_not_the_file_name() {
    let spec = extract(BASE);
    assert_eq!(
        spec.operation.national_clouds,
        Some(graph_spec::NationalClouds {
            global: true,
            us_gov_l4: true,
            us_gov_l5_dod: true,
            china: false
        })
    );
    // An include named all-clouds.md whose table says otherwise: the table wins.
    let text = edit(
        BASE,
        "../../includes/global-us.md",
        "../../includes/all-clouds.md",
    );
    let mut files = includes();
    files.insert(
        "api-reference/includes/all-clouds.md".to_string(),
        clouds(":x:", ":heavy_check_mark:", ":x:"),
    );
    let spec = extract_with(&text, &files).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        spec.operation.national_clouds,
        Some(graph_spec::NationalClouds {
            global: true,
            us_gov_l4: false,
            us_gov_l5_dod: true,
            china: false
        })
    );
}
