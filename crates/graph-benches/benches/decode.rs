//! Benchmark: decoding a list page of 999 users (15 common properties and one undocumented each,
//! `@odata.context`, `@odata.nextLink`) as `Page<graph_api::beta::models::User>`, as a plain
//! `#[derive(Deserialize)]` struct of the same 15 fields, and as `serde_json::Value`; and
//! serializing the create body of `POST /users` (generated `User` against a plain derive).
//! All sides are checked to agree before anything is measured.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use graph_api::beta::models::User;
use graph_benches::narrow::NarrowUser;
use graph_benches::users::{self, PlainPage};
use graph_runtime::Page;

fn decode(c: &mut Criterion) {
    let page = users::users_page(users::PAGE_USERS, true);
    let bytes = page.as_bytes();

    let typed: Page<User> = serde_json::from_slice(bytes).expect("decodes");
    let plain: PlainPage = serde_json::from_slice(bytes).expect("decodes");
    assert_eq!(typed.value.len(), users::PAGE_USERS);
    assert_eq!(plain.value.len(), users::PAGE_USERS);
    assert_eq!(typed.next_link, plain.next_link);
    for (t, p) in typed.value.iter().zip(&plain.value) {
        assert_eq!(t.display_name, p.display_name);
        assert_eq!(t.created_date_time, p.created_date_time);
        // The undocumented property and the `null` are kept.
        assert_eq!(t.additional_properties.len(), 2);
    }

    let mut group = c.benchmark_group("decode_users_999");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::from_slice::<Page<User>>(std::hint::black_box(bytes)))
    });
    group.bench_function("plain_derive", |b| {
        b.iter(|| serde_json::from_slice::<PlainPage>(std::hint::black_box(bytes)))
    });
    group.bench_function("json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(std::hint::black_box(bytes)))
    });
    // Informative: the generated decoder on a model of the same 15 fields only (the page's
    // undocumented property and `null` kept, as the generated `User` keeps them): the one-pass
    // decoder's own cost, without the other 100 properties of `User`.
    let narrow: Page<NarrowUser> = serde_json::from_slice(bytes).expect("decodes");
    for (n, t) in narrow.value.iter().zip(&typed.value) {
        assert_eq!(n.display_name, t.display_name);
        assert_eq!(n.additional_properties, t.additional_properties);
    }
    group.bench_function("generated_15_fields", |b| {
        b.iter(|| serde_json::from_slice::<Page<NarrowUser>>(std::hint::black_box(bytes)))
    });
    // Informative: the same page without the undocumented property and the `null`, so that the
    // generated model keeps nothing in `additional_properties` (what the plain derive drops).
    let documented = users::users_page(users::PAGE_USERS, false);
    let documented = documented.as_bytes();
    let typed: Page<User> = serde_json::from_slice(documented).expect("decodes");
    assert!(
        typed
            .value
            .iter()
            .all(|u| u.additional_properties.is_empty())
    );
    group.bench_function("generated_documented_only", |b| {
        b.iter(|| serde_json::from_slice::<Page<User>>(std::hint::black_box(documented)))
    });
    group.bench_function("plain_derive_documented_only", |b| {
        b.iter(|| serde_json::from_slice::<PlainPage>(std::hint::black_box(documented)))
    });
    group.finish();
}

fn serialize(c: &mut Criterion) {
    let typed = users::create_user();
    let plain = users::plain_create_user();
    let expected = serde_json::to_vec(&plain).expect("serializes");
    assert_eq!(serde_json::to_vec(&typed).expect("serializes"), expected);

    let mut group = c.benchmark_group("serialize_create_user");
    group.throughput(Throughput::Bytes(expected.len() as u64));
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::to_vec(std::hint::black_box(&typed)))
    });
    group.bench_function("plain_derive", |b| {
        b.iter(|| serde_json::to_vec(std::hint::black_box(&plain)))
    });
    group.finish();
}

criterion_group!(benches, decode, serialize);
criterion_main!(benches);
