#pragma once

#include "core/SelfProfile.h"

#include <QStringList>

#include <array>
#include <cstdint>
#include <memory>

namespace bl::bench {

// A rustc-like self-profile of `events` interval events: `threads` threads, each a run of top-level
// activities holding a few queries each, nested down to `maxDepth` with a branching of about one per level
// (so most chains stay shallow and a few go deep), labels from rustc's vocabulary, a third of the queries
// with arguments. Deterministic for a given seed.
inline std::shared_ptr<SelfProfile> syntheticProfile(std::size_t events, int threads = 8, int maxDepth = 30,
                                                     std::uint64_t seed = 1)
{
    static const std::array<const char*, 10> activities{"expand_crate",
                                                        "analysis",
                                                        "codegen_crate",
                                                        "LLVM_passes",
                                                        "link",
                                                        "incr_comp_save",
                                                        "type_check_crate",
                                                        "MIR_borrow_checking",
                                                        "monomorphization_collector",
                                                        "codegen_module"};
    static const std::array<const char*, 40> queries{"typeck",
                                                     "mir_borrowck",
                                                     "type_of",
                                                     "predicates_of",
                                                     "evaluate_obligation",
                                                     "layout_of",
                                                     "param_env",
                                                     "def_span",
                                                     "fn_sig",
                                                     "optimized_mir",
                                                     "mir_built",
                                                     "thir_body",
                                                     "check_mod_type_wf",
                                                     "resolve_instance",
                                                     "normalize_projection_ty",
                                                     "mir_const",
                                                     "adt_def",
                                                     "generics_of",
                                                     "explicit_predicates_of",
                                                     "associated_item",
                                                     "impl_trait_ref",
                                                     "codegen_fn_attrs",
                                                     "is_copy_raw",
                                                     "needs_drop_raw",
                                                     "specialization_graph_of",
                                                     "trait_impls_of",
                                                     "crate_inherent_impls",
                                                     "item_attrs",
                                                     "symbol_name",
                                                     "collect_and_partition_mono_items",
                                                     "LLVM_module_optimize",
                                                     "LLVM_module_codegen",
                                                     "metadata_decode_entry_type_of",
                                                     "metadata_decode_entry_fn_sig",
                                                     "incr_comp_load_result",
                                                     "incr_comp_hash_result",
                                                     "implied_outlives_bounds",
                                                     "dropck_outlives",
                                                     "upstream_monomorphizations",
                                                     "super_predicates_of"};

    auto profile = std::make_shared<SelfProfile>();
    profile->source = QStringLiteral("synthetic");
    profile->crate = QStringLiteral("synthetic");
    profile->counter = QStringLiteral("wall-time");
    profile->strings << QString();
    for (const char* a : activities)
        profile->strings << QString::fromLatin1(a);
    for (const char* q : queries)
        profile->strings << QString::fromLatin1(q);
    const std::uint32_t firstQuery = 1 + activities.size();
    const std::uint32_t firstArg = static_cast<std::uint32_t>(profile->strings.size());
    constexpr int kArgs = 2000;
    for (int i = 0; i < kArgs; ++i)
        profile->strings << QStringLiteral("synthetic::module_%1::item_%2").arg(i % 97).arg(i);
    profile->kinds << QStringLiteral("GenericActivity") << QStringLiteral("Query")
                   << QStringLiteral("IncrementalLoadResult");

    std::uint64_t state = seed * 0x9e3779b97f4a7c15ull + 1;
    auto next = [&state] { // xorshift64*: the same numbers on every platform, unlike std distributions
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545f4914f6cdd1dull;
    };
    auto uniform = [&](double lo, double hi) {
        return lo + (hi - lo) * double(next() >> 11) / double(1ull << 53);
    };
    auto below = [&](std::uint64_t n) {
        return next() % n;
    };

    ProfileIntervals& iv = profile->intervals;
    iv.start.reserve(events);
    iv.end.reserve(events);
    iv.label.reserve(events);
    iv.args.reserve(events);
    iv.thread.reserve(events);
    iv.kind.reserve(events);
    iv.depth.reserve(events);
    iv.threadBegin.push_back(0);
    std::size_t budget = 0;
    int thread = 0;
    auto addEvent = [&](std::uint64_t s, std::uint64_t e, int depth, std::uint32_t parentLabel) {
        --budget;
        iv.start.push_back(s);
        iv.end.push_back(e);
        const bool top = depth == 0;
        // a query calls a few typical others, so the merged tree has wide frames like a real one
        const std::uint32_t label =
            top ? 1 + std::uint32_t(below(activities.size()))
                : firstQuery + std::uint32_t((parentLabel * 5 + 3 + below(3) * 7) % queries.size());
        iv.label.push_back(label);
        iv.args.push_back(!top && below(3) == 0 ? firstArg + std::uint32_t(below(kArgs)) : 0);
        iv.thread.push_back(std::uint16_t(thread));
        iv.kind.push_back(top ? 0 : (below(10) == 0 ? 2 : 1));
        iv.depth.push_back(std::uint16_t(depth));
        return label;
    };
    // pre-order, children in time order: the order an importer produces (start order, parents first)
    auto fill = [&](auto&& self, std::uint64_t s, std::uint64_t e, int depth,
                    std::uint32_t parentLabel) -> void {
        const std::uint32_t label = addEvent(s, e, depth, parentLabel);
        if (depth + 1 >= maxDepth || e - s < 400 || budget == 0)
            return;
        int children;
        if (depth < 3) {
            children = 3 + int(below(10));
        } else {
            const std::uint64_t r = below(100);
            children = r < 30 ? 0 : r < 75 ? 1 : r < 93 ? 2 + int(below(2)) : 4 + int(below(5));
        }
        const double slot = double(e - s) / std::max(1, children);
        for (int c = 0; c < children && budget > 0; ++c) {
            const double len = slot * uniform(0.6, 0.98);
            const double gap = (slot - len) * uniform(0.1, 0.9);
            const std::uint64_t cs = s + std::uint64_t(c * slot + gap);
            const std::uint64_t ce = std::min(e, cs + std::max<std::uint64_t>(1, std::uint64_t(len)));
            self(self, cs, ce, depth + 1, label);
        }
    };
    for (thread = 0; thread < threads; ++thread) {
        profile->threadIds.push_back(std::uint32_t(4100 + 17 * thread));
        budget = events / threads + (thread == threads - 1 ? events % threads : 0);
        // threads start a little apart, like rustc's codegen workers
        std::uint64_t t = 2000000ull * thread;
        while (budget > 0) {
            const std::uint64_t len = std::uint64_t(uniform(0.2e9, 1.6e9));
            fill(fill, t, t + len, 0, 0);
            t += len + std::uint64_t(uniform(0.2e6, 20e6));
        }
        iv.threadBegin.push_back(std::uint32_t(iv.start.size()));
    }
    profile->intervalEvents = iv.size();
    profile->eventCount = iv.size();
    return profile;
}

} // namespace bl::bench
