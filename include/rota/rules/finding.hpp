#pragma once

#include <optional>
#include <string>

namespace rota {

enum class FindingSeverity { violation, warning, info };
std::string to_string(FindingSeverity severity);

// One thing `check` reports about a schedule (SPEC.md sections 5 and 6).
// `from`/`to` are dates for windows and runs, local date-times with UTC
// offset for duty periods and rest gaps.
struct ComplianceFinding {
  std::string rule;
  FindingSeverity severity = FindingSeverity::violation;
  std::optional<int> resident;  // nullopt for program-level findings
  std::string from;
  std::string to;
  double value = 0;
  double limit = 0;
  std::string message;
  long long sort_key = 0;  // seconds since the epoch of `from`, for ordering
};

}  // namespace rota
