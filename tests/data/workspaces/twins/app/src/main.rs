fn main() { println!("{} built by {}", shared::describe(), env!("BUILT_WITH")); }
