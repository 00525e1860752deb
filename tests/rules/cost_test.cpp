#include "support/fixture.hpp"

using namespace rota;
using namespace rota::test;

TEST_CASE("cost: each kind of request, weighted by objective.requests") {
  std::string yaml = program_yaml("2027-05-03", 7, kBasicShifts, "",
                                  "residents:\n  - {id: A, pgy: 2}\n"
                                  "requests:\n"
                                  "  - {resident: A, date: 2027-05-03, shift: D, weight: 1}\n"   // met
                                  "  - {resident: A, date: 2027-05-04, shift: D, weight: 2}\n"   // unmet
                                  "  - {resident: A, date: 2027-05-05, shift: N, off: true, weight: 4}\n"  // met: works D
                                  "  - {resident: A, date: 2027-05-06, off: true, weight: 8}\n"  // unmet
                                  "  - {resident: A, date: 2027-05-07, shift: OFF, weight: 16}\n"  // met
                                  "  - {resident: A, date: 2027-06-01, shift: D, weight: 32}\n") +  // outside
                     "objective: {requests: 3, fairness: {calls: 0, weekends: 0, nights: 0, hours: 0}}\n";
  Case c = make_case(yaml);
  auto rep = check(c, {{"A", "2027-05-03", "D"}, {"A", "2027-05-04", "N"}, {"A", "2027-05-05", "D"},
                       {"A", "2027-05-06", "CL"}});
  CHECK(rep.cost.requests == 3 * (2 + 8));
  CHECK(rep.cost.total() == 30);
}

TEST_CASE("cost: fairness spreads scaled counts within each PGY class") {
  std::string yaml = program_yaml("2027-05-03", 14, kBasicShifts, "",
                                  "residents:\n  - {id: A, pgy: 2}\n  - {id: B, pgy: 2}\n  - {id: P, pgy: 1}\n"
                                  "leave:\n  - {resident: B, from: 2027-05-10, to: 2027-05-16}\n") +
                     "objective: {fairness: {calls: 20, weekends: 10, nights: 10, hours: 1}}\n";
  Case c = make_case(yaml);
  // A: 2 calls in 14 non-leave days; B: 1 call in 7 non-leave days = 2 when
  // scaled; calls are even. Nights: A 1, B 0. Hours: A 60, B 24 -> 48.
  // Weekends: A works Sat 05-08 (1), B none. P is alone in PGY 1.
  auto rep = check(c, {{"A", "2027-05-03", "C"}, {"A", "2027-05-05", "C"}, {"A", "2027-05-08", "N"},
                       {"B", "2027-05-04", "C"}, {"P", "2027-05-04", "C"}});
  CHECK(rep.cost.fairness == 20 * 0 + 10 * 1 + 10 * 1 + 1 * (60 - 48));
}

TEST_CASE("cost: changes against a baseline and warnings by weight") {
  std::string yaml = program_yaml("2027-05-03", 7, kBasicShifts) +
                     "objective: {changes: 50, warnings: 7, fairness: {calls: 0, weekends: 0, nights: 0, hours: 0}}\n";
  Case c = make_case(yaml);
  Schedule base = make_schedule(c, {{"A", "2027-05-03", "D"}, {"A", "2027-05-04", "D"}, {"B", "2027-05-05", "N"}});
  Schedule now = make_schedule(c, {{"A", "2027-05-03", "D"}, {"A", "2027-05-04", "N"}, {"B", "2027-05-06", "N"}});
  auto rep = check_compliance(c.program, c.roster, now, &base);
  CHECK(rep.cost.changes == 50 * 3);  // A 05-04, B 05-05, B 05-06
  // A: N 05-04 ends 07:00 05-05; nothing else. B: no warnings.
  CHECK(rep.cost.warnings == 0);
  auto warn = check(c, {{"A", "2027-05-03", "N"}, {"A", "2027-05-04", "CL"}});  // 1 h rest
  CHECK(warn.warnings == 1);
  CHECK(warn.cost.warnings == 7);
}
