use cap_derive::Describe;

#[derive(Describe)]
struct Report;

fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    println!("{}: {}", Report::describe(), cap_core::sum_of_squares(10));
    for (word, count) in cap_core::word_counts(&text) {
        println!("{count} {word}");
    }
}
