fn main() { println!("cargo:rustc-env=BUILT_WITH={}", shared::describe()); }
