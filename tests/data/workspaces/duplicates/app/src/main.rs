fn main() { println!("{} {}", shim_old::value(), shim_new::value()); }
