#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bl {

// (parent node, label) -> child node, for building merged trees (flame graph, size treemap). Open addressing
// with linear probing: one lookup per event or symbol path component is the hot loop of a million-event
// profile, and std::unordered_map's node allocations would dominate it.
class ChildIndex
{
public:
    ChildIndex() { rehash(1024); }

    // The child of `parent` labelled `label`, or -1 after reserving a slot that `insert` must fill next.
    std::int32_t find(std::int32_t parent, std::uint32_t label)
    {
        const std::uint64_t key = makeKey(parent, label);
        std::size_t slot = slotOf(key);
        while (m_keys[slot] != kEmpty) {
            if (m_keys[slot] == key)
                return m_values[slot];
            slot = (slot + 1) & m_mask;
        }
        m_pending = slot;
        m_pendingKey = key;
        return -1;
    }

    void insert(std::int32_t node)
    {
        m_keys[m_pending] = m_pendingKey;
        m_values[m_pending] = node;
        if (++m_used * 2 > m_keys.size()) // keep probes short: at most half full
            rehash(m_keys.size() * 2);
    }

private:
    static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);

    static std::uint64_t makeKey(std::int32_t parent, std::uint32_t label)
    {
        return (std::uint64_t(std::uint32_t(parent)) << 32) | label;
    }
    std::size_t slotOf(std::uint64_t key) const
    {
        // Fibonacci hashing: parents and labels are small consecutive integers, so mix before masking.
        return std::size_t((key * 0x9e3779b97f4a7c15ull) >> m_shift) & m_mask;
    }
    void rehash(std::size_t capacity)
    {
        std::vector<std::uint64_t> keys(capacity, kEmpty);
        std::vector<std::int32_t> values(capacity);
        m_mask = capacity - 1;
        m_shift = 64 - std::countr_zero(capacity);
        for (std::size_t i = 0; i < m_keys.size(); ++i) {
            if (m_keys[i] == kEmpty)
                continue;
            std::size_t slot = slotOf(m_keys[i]);
            while (keys[slot] != kEmpty)
                slot = (slot + 1) & m_mask;
            keys[slot] = m_keys[i];
            values[slot] = m_values[i];
        }
        m_keys = std::move(keys);
        m_values = std::move(values);
    }

    std::vector<std::uint64_t> m_keys;
    std::vector<std::int32_t> m_values;
    std::size_t m_mask = 0;
    int m_shift = 0;
    std::size_t m_used = 0;
    std::size_t m_pending = 0;
    std::uint64_t m_pendingKey = 0;
};

} // namespace bl
