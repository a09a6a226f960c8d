include!(concat!(env!("OUT_DIR"), "/table.rs"));

/// Sums the squares below `n` from the generated table.
pub fn sum_of_squares(n: usize) -> u64 {
    SQUARES.iter().take(n.min(SQUARES.len())).sum()
}

/// Words in `text`, counted, most frequent first.
pub fn word_counts(text: &str) -> Vec<(String, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word.to_lowercase()).or_insert(0usize) += 1;
    }
    let mut out: Vec<_> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}
