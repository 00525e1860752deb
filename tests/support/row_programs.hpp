#pragma once

// Random programs whose hard rules all live within one resident's row, for
// the tests of the compiled row tables and of the rows built from them.

#include <random>
#include <string>

#include <fmt/format.h>

#include "rota/util/civil_date.hpp"

namespace rota::test {

// A random program whose hard rules all live within rows: the duty-hour
// rules off, per-person limits, forbidden successions, a night that
// overlaps the next date's early shift, eligibility by PGY, sometimes
// per-PGY shift lengths and a weekend limit, across a DST change.
inline std::string random_row_program(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  const int residents = 3 + pick(5);
  const int days = 7 * (1 + pick(3)) + pick(3);
  const std::string start = pick(2) ? "2027-11-01" : "2027-03-10";
  std::string y = fmt::format("program: Rows\ntimezone: America/New_York\nhorizon: {{start: {}, days: {}}}\n", start,
                              days);
  y += "shifts:\n"
       "  - {id: D, start: \"07:00\", hours: 8, kind: day}\n"
       "  - {id: E, start: \"05:00\", hours: 6, kind: clinic}\n"
       "  - {id: N, start: \"22:00\", hours: 9, kind: night}\n"
       "  - {id: C, start: \"08:00\", hours: 14, kind: call}\n"
       "  - {id: H, start: \"18:00\", hours: 10, kind: home-call}\n";
  y += "coverage:\n  - {shift: C, days: all, target: 1, pgy: [2, 3]}\n  - {shift: D, days: all, target: 2}\n";
  y += "forbidden_successions: [[N, D], [C, C]]\n";
  y += "rules:\n  weekly_hours: false\n  days_off: false\n  continuous_duty: false\n  rest: false\n"
       "  call_frequency: false\n";
  if (pick(2)) y += "  max_shift_hours: {1: 12}\n";
  if (pick(2)) y += fmt::format("  max_weekends: {}\n", pick(3));
  y += fmt::format("objective: {{requests: {}, fairness: {{calls: 3, weekends: 2, nights: 1, hours: 1}}, changes: 7}}\n",
                   1 + pick(3));
  y += "residents:\n";
  for (int r = 0; r < residents; ++r) {
    y += fmt::format("  - {{id: R{}, pgy: {}", r, 1 + pick(3));
    if (pick(2)) y += fmt::format(", max_shifts: \"D={}|N={}|C={}|E={}|H={}\"", pick(days), pick(4), pick(5), pick(3), pick(4));
    if (pick(2)) y += fmt::format(", min_hours: {}", 8 * pick(days / 2));
    if (pick(2)) y += fmt::format(", max_hours: {}", 8 * (days / 4 + pick(days)));
    if (pick(2)) y += fmt::format(", min_consecutive: {}", 1 + pick(3));
    if (pick(2)) y += fmt::format(", max_consecutive: {}", pick(6));
    if (pick(2)) y += fmt::format(", min_days_off_run: {}", 1 + pick(3));
    if (pick(3) == 0) y += fmt::format(", max_weekends: {}", pick(3));
    y += "}\n";
  }
  Date d0 = *parse_date(start);
  auto day = [&](int k) { return format_date(d0 + date::days{k}); };
  y += "leave:\n";
  for (int i = pick(3); i > 0; --i) {
    int from = pick(days);
    y += fmt::format("  - {{resident: R{}, from: {}, to: {}}}\n", pick(residents), day(from), day(std::min(days - 1, from + pick(4))));
  }
  y += "unavailable:\n";
  for (int i = pick(4); i > 0; --i) y += fmt::format("  - {{resident: R{}, date: {}}}\n", pick(residents), day(pick(days)));
  const char* ids[] = {"D", "E", "N", "C", "H"};
  y += "fixed:\n";
  for (int i = pick(3); i > 0; --i)
    y += fmt::format("  - {{resident: R{}, date: {}, shift: {}}}\n", pick(residents), day(pick(days)), ids[pick(5)]);
  y += "requests:\n";
  for (int i = 0; i < 3 * residents; ++i) {
    const int kind = pick(3);
    y += fmt::format("  - {{resident: R{}, date: {}, {}, weight: {}}}\n", pick(residents), day(pick(days)),
                     kind == 0   ? fmt::format("shift: {}", ids[pick(5)])
                     : kind == 1 ? fmt::format("shift: {}, off: true", ids[pick(5)])
                                 : std::string("off: true"),
                     1 + pick(3));
  }
  return y;
}

}  // namespace rota::test
