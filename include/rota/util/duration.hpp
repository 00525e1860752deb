#pragma once

#include <optional>
#include <string>

namespace rota {

// "60s", "5m", "1.5h" or "90" (seconds) as seconds: a decimal number
// (digits, at most one point) and an optional unit s, m or h. Anything
// else ("nan", "inf", "0x10", "1e3", "-5s", ""), and anything past
// kMaxDurationSeconds, is nullopt.
constexpr double kMaxDurationSeconds = 366.0 * 24 * 3600;
std::optional<double> parse_duration_seconds(const std::string& text);

}  // namespace rota
