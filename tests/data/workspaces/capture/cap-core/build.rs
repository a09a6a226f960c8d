// Generates a lookup table so that the crate has a build script that compiles and runs.
use std::{env, fs, path::Path};

fn main() {
    // the tests make the build slow enough to be cancelled in the middle
    if let Ok(ms) = env::var("CAP_SLEEP_MS") {
        std::thread::sleep(std::time::Duration::from_millis(ms.parse().unwrap_or(0)));
    }
    println!("cargo:rerun-if-env-changed=CAP_SLEEP_MS");
    let out = env::var("OUT_DIR").unwrap();
    let mut table = String::from("pub const SQUARES: [u64; 64] = [");
    for i in 0..64u64 {
        table.push_str(&format!("{}, ", i * i));
    }
    table.push_str("];\n");
    fs::write(Path::new(&out).join("table.rs"), table).unwrap();
    println!("cargo:rerun-if-changed=build.rs");
}
