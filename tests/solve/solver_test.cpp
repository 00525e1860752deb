#include <random>

#include <fmt/format.h>

#include "support/fixture.hpp"

#include "rota/solve/solver.hpp"
#include "solve/local_search.hpp"

using namespace rota;
using namespace rota::test;

namespace {

// A small random program: a few residents, one to three weeks (sometimes
// across the 2027-11-07 fall-back night), a random subset of shifts and
// rules, leave, requests, fixed rows and history.
std::string random_program(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  const int residents = 3 + pick(5);
  const int days = 7 * (1 + pick(2));
  const std::string start = pick(2) ? "2027-11-01" : "2027-05-03";
  std::string y = fmt::format("program: Random\ntimezone: America/New_York\nhorizon: {{start: {}, days: {}}}\nshifts:\n",
                              start, days);
  std::vector<std::string> ids;
  const char* pool[] = {"  - {id: D, start: \"07:00\", hours: 12, kind: day}\n",
                        "  - {id: N, start: \"19:00\", hours: 12, kind: night}\n",
                        "  - {id: C, start: \"07:00\", hours: 24, kind: call}\n",
                        "  - {id: CL, start: \"08:00\", hours: 9, kind: clinic}\n",
                        "  - {id: H, start: \"17:00\", hours: 14, kind: home-call}\n"};
  const char* names[] = {"D", "N", "C", "CL", "H"};
  for (int i = 0; i < 5; ++i)
    if (i < 2 || pick(2)) {
      y += pool[i];
      ids.push_back(names[i]);
    }
  y += "coverage:\n";
  for (const auto& id : ids) {
    if (pick(3) == 0) continue;
    y += fmt::format("  - {{shift: {}, days: {}, min: {}, target: {}", id, pick(2) ? "all" : "weekdays", pick(2),
                     1 + pick(2));
    if (pick(3) == 0) y += fmt::format(", max: {}", 2 + pick(2));
    if (id == "C") y += ", pgy: [2, 3]";
    if (id == "N" && pick(2)) y += ", senior_min: {pgy: 2, count: 1}";
    y += "}\n";
  }
  y += "forbidden_successions: [[N, D]]\nrules:\n";
  if (pick(2)) y += "  consecutive_nights: {max: 3}\n";
  if (pick(2)) y += "  consecutive_duty_days: {max: 5}\n";
  if (pick(2)) y += "  max_shift_hours: {1: 16}\n";
  if (pick(2)) y += "  max_weekends: 1\n";
  if (pick(2)) y += "  weekly_hours: {max: 60, window_days: 7, mode: " + std::string(pick(2) ? "rolling" : "block") + "}\n";
  y += "residents:\n";
  for (int r = 0; r < residents; ++r) y += fmt::format("  - {{id: R{}, pgy: {}}}\n", r, 1 + pick(3));
  Date d0 = *parse_date(start);
  auto day = [&](int k) { return format_date(d0 + date::days{k}); };
  y += "leave:\n";
  if (pick(2)) y += fmt::format("  - {{resident: R0, from: {}, to: {}}}\n", day(2), day(3 + pick(3)));
  y += "requests:\n";
  for (int i = 0; i < 4; ++i)
    y += fmt::format("  - {{resident: R{}, date: {}, {}, weight: {}}}\n", pick(residents), day(pick(days)),
                     pick(2) ? "shift: D" : "off: true", 1 + pick(5));
  y += "history:\n";
  if (pick(2)) y += fmt::format("  - {{resident: R1, date: {}, shift: N}}\n", format_date(d0 - date::days{1}));
  if (pick(2)) y += fmt::format("  - {{resident: R2, date: {}, shift: D}}\n", format_date(d0 - date::days{2}));
  return y;
}

SolveOptions quick(double seconds = 1.0) {
  SolveOptions o;
  o.time_limit_seconds = seconds;
  return o;
}

}  // namespace

TEST_CASE("property: every schedule the solver returns passes the checker at the same cost") {
  std::mt19937 rng(20271107);
  int solved = 0, infeasible = 0;
  for (int i = 0; i < 16; ++i) {
    std::string yaml = random_program(rng);
    CAPTURE(yaml);
    Case c = make_case(yaml);
    SolveResult res = solve_schedule(c.program, c.roster, quick(0.5));
    if (res.status == SolveStatus::infeasible) {
      ++infeasible;
      CHECK_FALSE(res.diagnosis.empty());
      continue;
    }
    if (res.solutions == 0) continue;
    ++solved;
    ComplianceReport rep = check_compliance(c.program, c.roster, res.schedule);
    for (const auto& f : rep.findings)
      if (f.severity == FindingSeverity::violation) FAIL_CHECK(f.rule << " " << f.from << " " << f.message);
    CHECK(rep.violations == 0);
    CHECK(rep.cost.total() == res.cost);
    CHECK(rep.cost.coverage == res.breakdown[0]);
    CHECK(rep.cost.requests == res.breakdown[1]);
    CHECK(rep.cost.fairness == res.breakdown[2]);
    CHECK(rep.cost.warnings == res.breakdown[4]);
  }
  MESSAGE("solved " << solved << ", infeasible " << infeasible);
  CHECK(solved >= 8);
}

TEST_CASE("property: the local search keeps every hard rule and prices schedules as the checker does") {
  std::mt19937 rng(20271125);
  int improved = 0, runs = 0;
  for (int i = 0; i < 12; ++i) {
    std::string yaml = random_program(rng);
    CAPTURE(yaml);
    Case c = make_case(yaml);
    // A first schedule only: the local search is to improve it.
    SolveOptions o = quick(0.05);
    SolveResult start = solve_schedule(c.program, c.roster, o);
    if (start.solutions == 0) continue;
    SolveProblem pb(c.program, c.roster);
    Domains domains = prune_domains(pb);
    std::vector<std::vector<int>> values(pb.residents, std::vector<int>(pb.days, 0));
    for (const Assignment& a : start.schedule.assignments)
      values[a.resident][(a.date - c.program.horizon_start).count()] = a.shift + 1;
    solve::LocalSearch ls(pb, domains, {});
    long long cost = ls.improve(values, 7, 20000, [] { return false; });
    REQUIRE(cost >= 0);
    ++runs;
    CHECK(cost <= start.cost);
    improved += cost < start.cost ? 1 : 0;
    Schedule s;
    for (int r = 0; r < pb.residents; ++r)
      for (int d = 0; d < pb.days; ++d)
        if (values[r][d] > 0) s.assignments.push_back({r, pb.date(d), values[r][d] - 1});
    std::sort(s.assignments.begin(), s.assignments.end());
    ComplianceReport rep = check_compliance(c.program, c.roster, s);
    for (const auto& f : rep.findings)
      if (f.severity == FindingSeverity::violation) FAIL_CHECK(f.rule << " " << f.from << " " << f.message);
    CHECK(rep.cost.total() == cost);
  }
  MESSAGE("local search runs " << runs << ", improved " << improved);
  CHECK(runs >= 6);
}

TEST_CASE("solver: the family-medicine example solves to a compliant schedule, on one thread and on two") {
  std::string dir = std::string(ROTA_SOURCE_DIR) + "/examples/family-medicine";
  Diagnostics d;
  Program p = parse_program_yaml(read_file_text(dir + "/program.yaml"), dir + "/program.yaml", d);
  Roster r = parse_roster_yaml(read_file_text(dir + "/roster.yaml"), dir + "/roster.yaml", p, d);
  REQUIRE_FALSE(d.has_errors());
  for (int threads : {1, 2}) {
    CAPTURE(threads);
    SolveOptions o = quick(3.0);
    o.threads = threads;
    SolveResult res = solve_schedule(p, r, o);
    REQUIRE(res.solutions > 0);
    CHECK((res.threads == threads || res.status == SolveStatus::optimal));  // optimal before the portfolio
    ComplianceReport rep = check_compliance(p, r, res.schedule);
    CHECK(rep.violations == 0);
    CHECK(rep.cost.total() == res.cost);
    CHECK(rep.cost.fairness == res.breakdown[2]);
  }
}

TEST_CASE("solver: one seed, one schedule") {
  Case c = make_case(program_yaml("2027-05-03", 7, kBasicShifts, "",
                                  "residents:\n  - {id: A, pgy: 2}\n  - {id: B, pgy: 2}\n  - {id: C, pgy: 1}\n") +
                     "coverage:\n  - {shift: D, min: 1, target: 2}\n  - {shift: N, target: 1}\n");
  SolveOptions o = quick(5.0);
  SolveResult a = solve_schedule(c.program, c.roster, o);
  SolveResult b = solve_schedule(c.program, c.roster, o);
  REQUIRE(a.solutions > 0);
  CHECK_FALSE(a.wall_clock_stop);
  CHECK(a.schedule.assignments == b.schedule.assignments);
  CHECK(a.cost == b.cost);
}

TEST_CASE("solver: infeasible programs are diagnosed with the date and shift") {
  Case c = make_case(program_yaml("2027-05-03", 7, kBasicShifts, "",
                                  "residents:\n  - {id: A, pgy: 2}\n  - {id: B, pgy: 2}\n"
                                  "leave:\n  - {resident: B, from: 2027-05-05, to: 2027-05-05}\n") +
                     "coverage:\n  - {shift: D, min: 2}\n");
  SolveResult res = solve_schedule(c.program, c.roster, quick(2.0));
  CHECK(res.status == SolveStatus::infeasible);
  CHECK(res.diagnosis.find("2027-05-05 D needs 2 residents; only 1") != std::string::npos);
}

TEST_CASE("solver: rest after a history call binds a shift at the horizon's first instant") {
  // A's call ends 7 h before the horizon starts; M0 starts at its first
  // instant and must be covered on the first date.
  const std::string shifts = std::string(kBasicShifts) + "  - {id: C17, start: \"17:00\", hours: 24, kind: call}\n" +
                             "  - {id: M0, start: \"00:00\", hours: 8, kind: day}\n";
  const std::string history = "history:\n  - {resident: A, date: 2027-05-01, shift: C17}\n";
  const std::string coverage = "coverage:\n  - {shift: M0, days: [2027-05-03], min: 1}\n";
  Case alone = make_case(program_yaml("2027-05-03", 7, shifts, "", "residents:\n  - {id: A, pgy: 2}\n" + history) +
                         coverage);
  CHECK(solve_schedule(alone.program, alone.roster, quick(2.0)).status == SolveStatus::infeasible);
  Case two = make_case(program_yaml("2027-05-03", 7, shifts, "",
                                    "residents:\n  - {id: A, pgy: 2}\n  - {id: B, pgy: 2}\n" + history) +
                       coverage);
  SolveResult res = solve_schedule(two.program, two.roster, quick(2.0));
  REQUIRE(res.solutions > 0);
  ComplianceReport rep = check_compliance(two.program, two.roster, res.schedule);
  CHECK(rep.violations == 0);
  CHECK(rep.cost.total() == res.cost);
}

TEST_CASE("pruning: leave, fixed rows and eligibility leave the domains") {
  Case c = make_case(program_yaml("2027-05-03", 7, kBasicShifts, "  max_shift_hours: {1: 16}\n",
                                  "residents:\n  - {id: A, pgy: 1}\n"
                                  "leave:\n  - {resident: A, from: 2027-05-04, to: 2027-05-04}\n"
                                  "fixed:\n  - {resident: A, date: 2027-05-05, shift: CL}\n"));
  SolveProblem pb(c.program, c.roster);
  Domains d = prune_domains(pb);
  CHECK(d.allowed[0][1] == std::vector<int>{0});
  CHECK(d.allowed[0][2] == std::vector<int>{5});  // CL is the fifth shift
  // PGY-1: the 24 h call is too long.
  CHECK(std::find(d.allowed[0][0].begin(), d.allowed[0][0].end(), 3) == d.allowed[0][0].end());
  CHECK(d.removed[static_cast<int>(PruneReason::shift_length)] > 0);
  CHECK(d.log10_space_after < d.log10_space_before);
}
