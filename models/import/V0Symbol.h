#pragma once

#include <string>
#include <string_view>

namespace bl {

// A crate root of a v0-mangled Rust symbol: the crate's name and its disambiguator (the hash that tells two
// crates of one name apart, e.g. std's own rustc_demangle from the one a project depends on).
struct V0Crate
{
    std::string name;
    std::string disambiguator; // base-62 digits, empty when the symbol has none
    bool operator==(const V0Crate&) const = default;
};

// What the crate placement of a v0 symbol needs: the crate its path starts in (where the item is defined:
// `alloc` for `<alloc::vec::Vec<T>>::push`, the trait's crate for a provided method) and the crate that
// instantiated this copy of a generic, which rustc appends to generic instances (resolving back-references).
struct V0Symbol
{
    bool ok = false; // the whole path parsed
    V0Crate defining;
    V0Crate instantiating; // empty name when the symbol has none (not generic)
};

// Parses `_R...` (the Rust v0 mangling, RFC 2603) far enough for V0Symbol. Hostile input is safe: recursion
// is bounded and back-references must point backwards. A `.llvm.` or other vendor suffix is ignored.
V0Symbol parseV0Symbol(std::string_view mangled);

} // namespace bl
