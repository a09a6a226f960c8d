pub fn describe() -> &'static str {
    if cfg!(feature = "fast") { "fast" } else if cfg!(feature = "verbose") { "verbose" } else { "plain" }
}
