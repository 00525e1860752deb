// Benchmark of `rota check`: generated programs of 50, 100, 200 and 400
// residents x 365 days. Prints CPU time per size and the time per
// resident-year relative to the 50-resident run measured in the same run
// (linear growth keeps that ratio near 1). Not part of the test suite.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <string>

#include <fmt/format.h>

#include "rota/io/program_reader.hpp"
#include "rota/io/roster_source.hpp"
#include "rota/rules/compliance_check.hpp"

using namespace rota;

namespace {

std::string program_text(int residents) {
  std::string y =
      "program: Bench\ntimezone: America/New_York\nhorizon: {start: 2027-01-04, days: 365}\n"
      "shifts:\n"
      "  - {id: WD, start: \"07:00\", hours: 12, kind: day}\n"
      "  - {id: WN, start: \"19:00\", hours: 12, kind: night}\n"
      "  - {id: CALL, start: \"07:00\", hours: 24, kind: call}\n"
      "  - {id: CL, start: \"08:00\", hours: 9, kind: clinic}\n"
      "  - {id: HC, start: \"17:00\", hours: 14, kind: home-call, duty_hours: 0}\n"
      "coverage:\n"
      "  - {shift: WD, min: 1, target: " + std::to_string(residents / 5) + ", senior_min: {pgy: 2, count: 1}}\n"
      "  - {shift: WN, min: 1, target: " + std::to_string(residents / 10) + ", rotations: [WARDS]}\n"
      "  - {shift: CALL, pgy: [2, 3]}\n"
      "forbidden_successions: [[WN, WD], [WN, CL]]\n"
      "rules:\n  consecutive_nights: {max: 6}\n  consecutive_duty_days: {max: 6}\n"
      "  max_shift_hours: {1: 16}\n  max_weekends: 30\n"
      "residents:\n";
  for (int r = 0; r < residents; ++r)
    y += fmt::format("  - {{id: R{:03}, pgy: {}, max_hours: 2400}}\n", r, 1 + r % 3);
  y += "rotations:\n";
  for (int r = 0; r < residents; ++r)
    y += fmt::format("  - {{resident: R{:03}, rotation: {}, from: 2027-01-04, to: 2028-01-02}}\n", r,
                     r % 2 ? "WARDS" : "CLINIC");
  y += "leave:\n";
  for (int r = 0; r < residents; ++r)
    y += fmt::format("  - {{resident: R{:03}, from: 2027-0{}-10, to: 2027-0{}-16}}\n", r, 3 + r % 6, 3 + r % 6);
  y += "requests:\n";
  for (int r = 0; r < residents; ++r)
    y += fmt::format("  - {{resident: R{:03}, date: 2027-02-{:02}, off: true, weight: 2}}\n", r, 1 + r % 28);
  return y;
}

Schedule schedule_for(const Program& p, const Roster& roster) {
  // A rotating pattern: WD WD WN WN off off CL, call every 9th day for seniors.
  const int pattern[7] = {0, 0, 1, 1, -1, -1, 3};
  Schedule s;
  for (int r = 0; r < static_cast<int>(roster.residents.size()); ++r)
    for (int d = 0; d < p.horizon_days; ++d) {
      int shift = pattern[(d + r) % 7];
      if (roster.residents[r].pgy > 1 && (d + r) % 9 == 0 && shift == 0) shift = 2;
      if (shift >= 0) s.assignments.push_back({r, p.horizon_start + date::days{d}, shift});
    }
  std::sort(s.assignments.begin(), s.assignments.end());
  return s;
}

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main() {
  fmt::print("{:>9} {:>8} {:>12} {:>10} {:>14} {:>22}\n", "residents", "days", "assignments",
             "findings", "check CPU s", "per resident vs 50");
  double base_per_resident = 0;
  for (int n : {50, 100, 200, 400}) {
    Diagnostics d;
    std::string text = program_text(n);
    Program p = parse_program_yaml(text, "bench.yaml", d);
    Roster roster = parse_roster_yaml(text, "bench.yaml", p, d);
    if (d.has_errors()) {
      fmt::print(stderr, "bench input invalid: {}\n", d.all().front().to_string());
      return 1;
    }
    Schedule s = schedule_for(p, roster);
    double best = 1e9;
    std::size_t findings = 0;
    for (int rep = 0; rep < 3; ++rep) {
      double t0 = cpu_seconds();
      ComplianceReport report = check_compliance(p, roster, s);
      best = std::min(best, cpu_seconds() - t0);
      findings = report.findings.size();
    }
    double per_resident = best / n;
    if (n == 50) base_per_resident = per_resident;
    fmt::print("{:>9} {:>8} {:>12} {:>10} {:>14.3f} {:>22.2f}\n", n, p.horizon_days, s.assignments.size(),
               findings, best, per_resident / base_per_resident);
  }
  return 0;
}
