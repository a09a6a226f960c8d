//! `#[derive(Describe)]` gives a type `fn describe() -> &'static str` with its name, without syn or quote.
use proc_macro::TokenStream;

#[proc_macro_derive(Describe)]
pub fn derive_describe(input: TokenStream) -> TokenStream {
    let mut tokens = input.into_iter().map(|t| t.to_string());
    let mut name = String::new();
    while let Some(t) = tokens.next() {
        if t == "struct" || t == "enum" {
            name = tokens.next().unwrap_or_default();
            break;
        }
    }
    format!("impl {name} {{ pub fn describe() -> &'static str {{ \"{name}\" }} }}")
        .parse()
        .unwrap()
}
