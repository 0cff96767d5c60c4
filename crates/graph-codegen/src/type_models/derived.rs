//! Derived types: `impl graph_runtime::derived::Derived<Base> for T` for every described base of
//! a model, and a `downcast::<T>()` method on each model that has derived types, so that a value
//! a binding decodes as its documented base type can be read as the derived type its
//! `@odata.type` names (`graph_runtime::derived`).

use std::collections::BTreeSet;

use graph_spec::TypeKind;
use proc_macro2::TokenStream;
use quote::quote;

use super::{Models, ident};

impl<'t> Models<'t> {
    /// The `Derived` impls and `downcast` methods of the version's models.
    pub(super) fn derived_items(&self) -> Vec<TokenStream> {
        let mut items = Vec::new();
        let mut bases: BTreeSet<&str> = BTreeSet::new();
        for (t, id) in self.types.values() {
            if t.kind == TypeKind::Enum {
                continue;
            }
            let odata_type = format!("#{}", t.name);
            let derived = ident(id);
            let mut seen = BTreeSet::from([t.name.as_str()]);
            let mut at = t.base_type.as_deref();
            while let Some(base) = at {
                let Some((bt, bid)) = self.named(base) else {
                    break;
                };
                if bt.kind == TypeKind::Enum || !seen.insert(bt.name.as_str()) {
                    break;
                }
                bases.insert(bid);
                let base_ident = ident(bid);
                items.push(quote! {
                    impl graph_runtime::derived::Derived<#base_ident> for #derived {
                        const ODATA_TYPE: &'static str = #odata_type;
                    }
                });
                at = bt.base_type.as_deref();
            }
        }
        for base in bases {
            let base_ident = ident(base);
            items.push(quote! {
                impl #base_ident {
                    /// This value as the derived type `T` when its `@odata.type` names `T` (Graph
                    /// answers a derived type where the docs name this one); `None` when it names
                    /// another type, or none: then this value is the fallback. See
                    /// [`graph_runtime::derived`].
                    pub fn downcast<T: graph_runtime::derived::Derived<Self>>(
                        &self,
                    ) -> Option<Result<T, graph_runtime::Error>> {
                        graph_runtime::derived::downcast(self, self.odata_type.as_deref())
                    }
                }
            });
        }
        items
    }
}
