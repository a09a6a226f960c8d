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

} // namespace bl::detail
