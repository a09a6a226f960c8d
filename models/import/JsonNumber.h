#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <optional>

namespace bl::detail {

// A JSON number as a count: a non-negative integer, or a float without a fraction, that fits in 64 bits;
// nothing for anything else. (nlohmann's get<std::uint64_t>() of a float out of range is undefined
// behaviour: a crafted `1e32` must be refused, not converted.)
inline std::optional<std::uint64_t> jsonCount(const nlohmann::json& v)
{
    if (v.is_number_unsigned())
        return v.get<std::uint64_t>();
    if (v.is_number_integer()) {
        const std::int64_t i = v.get<std::int64_t>();
        return i >= 0 ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(i)) : std::nullopt;
    }
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && d >= 0 && d < 18446744073709551616.0 && d == std::floor(d))
            return static_cast<std::uint64_t>(d);
    }
    return std::nullopt;
}

// An integer field of `obj` within [lo, hi]: `fallback` when it is absent, not a number, fractional or out
// of range (json::value<int>() of `1e300` would be undefined behaviour).
inline std::int64_t jsonInt(const nlohmann::json& obj, const char* key, std::int64_t fallback,
                            std::int64_t lo = -(std::int64_t(1) << 53),
                            std::int64_t hi = std::int64_t(1) << 53)
{
    if (!obj.is_object())
        return fallback;
    const auto it = obj.find(key);
    if (it == obj.end())
        return fallback;
    if (it->is_number_unsigned()) {
        const std::uint64_t u = it->get<std::uint64_t>();
        return u <= static_cast<std::uint64_t>(hi) && static_cast<std::int64_t>(u) >= lo
                   ? static_cast<std::int64_t>(u)
                   : fallback;
    }
    if (it->is_number_integer()) {
        const std::int64_t i = it->get<std::int64_t>();
        return i >= lo && i <= hi ? i : fallback;
    }
    if (it->is_number_float()) {
        const double d = it->get<double>();
        if (std::isfinite(d) && d == std::floor(d) && d >= double(lo) && d <= double(hi))
            return static_cast<std::int64_t>(d);
    }
    return fallback;
}

} // namespace bl::detail
