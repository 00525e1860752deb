#include "rota/model/roster.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rota/model/program.hpp"
#include "rota/util/suggest.hpp"

namespace rota {

const std::vector<std::string>& leave_type_names() {
  static const std::vector<std::string> names{"vacation", "sick", "conference", "parental", "other"};
  return names;
}

std::string to_string(LeaveType type) { return leave_type_names()[static_cast<int>(type)]; }

std::optional<LeaveType> parse_leave_type(const std::string& text) {
  const auto& names = leave_type_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<LeaveType>(i);
  return std::nullopt;
}

std::optional<int> Roster::resident_index(const std::string& id) const {
  for (std::size_t i = 0; i < residents.size(); ++i)
    if (residents[i].id == id) return static_cast<int>(i);
  return std::nullopt;
}

std::vector<std::string> Roster::resident_ids() const {
  std::vector<std::string> ids;
  for (const auto& r : residents) ids.push_back(r.id);
  return ids;
}

std::string roster_text(const Program& program, const Roster& roster) {
  std::vector<std::string> lines;
  auto id = [&](int r) { return roster.residents[static_cast<std::size_t>(r)].id; };
  auto shift = [&](int s) { return program.shifts[static_cast<std::size_t>(s)].id; };
  for (const Resident& r : roster.residents) {
    const PersonLimits& l = r.limits;
    std::string limits;
    for (auto [s, n] : l.max_shifts) limits += fmt::format("{}={}|", shift(s), n);
    auto opt = [](const auto& v) { return v ? fmt::format("{}", *v) : std::string("-"); };
    lines.push_back(fmt::format("resident {:?} {:?} {} {} {} {} {} {} {} {}", r.id, r.name, r.pgy, limits,
                                opt(l.min_hours), opt(l.max_hours), opt(l.min_consecutive), opt(l.max_consecutive),
                                opt(l.min_days_off_run), opt(l.max_weekends)));
  }
  for (const auto& x : roster.rotations)
    lines.push_back(fmt::format("rotation {:?} {:?} {} {}", id(x.resident), x.rotation, format_date(x.from), format_date(x.to)));
  for (const auto& x : roster.leave)
    lines.push_back(fmt::format("leave {:?} {} {} {}", id(x.resident), format_date(x.from), format_date(x.to), to_string(x.type)));
  for (const auto& x : roster.unavailable) lines.push_back(fmt::format("unavailable {:?} {}", id(x.resident), format_date(x.date)));
  for (const auto& x : roster.requests)
    lines.push_back(fmt::format("request {:?} {} {} {} {}", id(x.resident), format_date(x.date),
                                x.shift ? shift(*x.shift) : std::string("-"), x.off, x.weight));
  for (const auto& x : roster.fixed) lines.push_back(fmt::format("fixed {:?} {} {}", id(x.resident), format_date(x.date), shift(x.shift)));
  for (const auto& x : roster.history) lines.push_back(fmt::format("history {:?} {} {}", id(x.resident), format_date(x.date), shift(x.shift)));
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

void warn_unknown_rotations(const Program& program, const Roster& roster, Diagnostics& diags) {
  std::vector<std::string> known;
  for (const RotationSpan& span : roster.rotations)
    if (std::find(known.begin(), known.end(), span.rotation) == known.end()) known.push_back(span.rotation);
  for (std::size_t i = 0; i < program.coverage.size(); ++i) {
    const CoverageEntry& e = program.coverage[i];
    if (!e.rotations) continue;
    for (const std::string& rotation : *e.rotations)
      if (std::find(known.begin(), known.end(), rotation) == known.end())
        diags.warning(e.where, fmt::format("coverage[{}].rotations", i),
                      fmt::format("no resident is on rotation '{}' in the roster{}", rotation,
                                  did_you_mean(rotation, known)));
  }
}

}  // namespace rota
