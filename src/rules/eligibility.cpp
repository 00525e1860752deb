#include "rota/rules/eligibility.hpp"

#include <algorithm>
#include <type_traits>

namespace rota {

bool passes_filters(const CoverageEntry& entry, const Roster& roster, int resident, Date day) {
  const Resident& r = roster.residents[resident];
  if (entry.pgy && std::find(entry.pgy->begin(), entry.pgy->end(), r.pgy) == entry.pgy->end())
    return false;
  if (!entry.rotations) return true;
  auto [first, last] = std::equal_range(
      roster.rotations.begin(), roster.rotations.end(), resident,
      [](const auto& a, const auto& b) {
        if constexpr (std::is_same_v<std::decay_t<decltype(a)>, int>) return a < b.resident;
        else return a.resident < b;
      });
  for (auto it = first; it != last; ++it) {
    const RotationSpan& span = *it;
    if (day < span.from || day > span.to) continue;
    if (std::find(entry.rotations->begin(), entry.rotations->end(), span.rotation) !=
        entry.rotations->end())
      return true;
  }
  return false;
}

bool may_work(const Program& program, const Roster& roster, int resident, int shift, Date day) {
  bool any_entry = false, any_for_day = false;
  for (const auto& e : program.coverage) {
    if (e.shift != shift) continue;
    any_entry = true;
    if (e.days.includes(day)) any_for_day = true;
  }
  if (!any_entry) return true;
  for (const auto& e : program.coverage) {
    if (e.shift != shift || (any_for_day && !e.days.includes(day))) continue;
    if (passes_filters(e, roster, resident, day)) return true;
  }
  return false;
}

}  // namespace rota
