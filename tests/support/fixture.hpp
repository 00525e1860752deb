#pragma once

// Builds programs, rosters and schedules from short YAML and row lists so
// each test states only what it is about.

#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "rota/io/program_reader.hpp"
#include "rota/io/roster_source.hpp"
#include "rota/rules/compliance_check.hpp"

namespace rota::test {

// A program + roster written in one YAML document (roster tables included).
struct Case {
  Program program;
  Roster roster;
};

inline Case make_case(const std::string& yaml) {
  Case c;
  Diagnostics diags;
  c.program = parse_program_yaml(yaml, "test.yaml", diags);
  if (!diags.has_errors()) c.roster = parse_roster_yaml(yaml, "test.yaml", c.program, diags);
  for (const auto& d : diags.all())
    if (d.severity == Severity::error) FAIL_CHECK(d.to_string());
  REQUIRE_FALSE(diags.has_errors());
  return c;
}

// Rows of (resident id, date, shift id).
using Rows = std::vector<std::tuple<std::string, std::string, std::string>>;

inline Schedule make_schedule(const Case& c, const Rows& rows) {
  Schedule s;
  for (const auto& [who, day, shift] : rows) {
    auto r = c.roster.resident_index(who);
    auto d = parse_date(day);
    auto sh = c.program.shift_index(shift);
    REQUIRE(r);
    REQUIRE(d);
    REQUIRE(sh);
    s.assignments.push_back({*r, *d, *sh});
  }
  std::sort(s.assignments.begin(), s.assignments.end());
  return s;
}

// `count` consecutive days of `shift` for `who` from `first`.
inline Rows run_of(const std::string& who, const std::string& first, int count, const std::string& shift,
                   int step = 1) {
  Rows rows;
  Date d = *parse_date(first);
  for (int i = 0; i < count; ++i) rows.emplace_back(who, format_date(d + date::days{i * step}), shift);
  return rows;
}

inline Rows operator+(Rows a, const Rows& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

inline std::vector<ComplianceFinding> findings(const ComplianceReport& rep, const std::string& rule) {
  std::vector<ComplianceFinding> out;
  for (const auto& f : rep.findings)
    if (f.rule == rule) out.push_back(f);
  return out;
}

inline ComplianceReport check(const Case& c, const Rows& rows) {
  return check_compliance(c.program, c.roster, make_schedule(c, rows));
}

// A program header: one resident per id, PGY 2, every ACGME rule at its
// default unless `rules` says otherwise.
inline std::string program_yaml(const std::string& start, int days, const std::string& shifts,
                                const std::string& rules = "", const std::string& roster = "",
                                const std::string& zone = "America/New_York") {
  return "program: Test\ntimezone: " + zone + "\nhorizon: {start: " + start +
         ", days: " + std::to_string(days) + "}\nshifts:\n" + shifts + (rules.empty() ? "" : "rules:\n" + rules) +
         (roster.empty() ? "residents:\n  - {id: A, pgy: 2}\n  - {id: B, pgy: 2}\n" : roster);
}

inline std::string read_file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline const char* kBasicShifts =
    "  - {id: D, start: \"07:00\", hours: 12, kind: day}\n"
    "  - {id: N, start: \"19:00\", hours: 12, kind: night}\n"
    "  - {id: C, start: \"07:00\", hours: 24, kind: call}\n"
    "  - {id: H, start: \"17:00\", hours: 14, kind: home-call}\n"
    "  - {id: CL, start: \"08:00\", hours: 9, kind: clinic}\n";

}  // namespace rota::test
