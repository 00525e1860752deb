#include "support/fixture.hpp"

using namespace rota;
using namespace rota::test;

namespace {

std::string coverage_program(const std::string& coverage) {
  return program_yaml("2027-05-03", 7, kBasicShifts, "",
                      "residents:\n  - {id: A, pgy: 1}\n  - {id: B, pgy: 1}\n  - {id: S, pgy: 3}\n"
                      "rotations:\n  - {resident: A, rotation: WARDS, from: 2027-05-03, to: 2027-05-09}\n"
                      "  - {resident: B, rotation: WARDS, from: 2027-05-03, to: 2027-05-09}\n"
                      "  - {resident: S, rotation: WARDS, from: 2027-05-03, to: 2027-05-09}\n") +
         "coverage:\n" + coverage;
}

}  // namespace

TEST_CASE("coverage: below min and above max are violations on the dates the entry applies") {
  Case c = make_case(coverage_program("  - {shift: D, days: [2027-05-04], min: 1, max: 2}\n"));
  auto rep = check(c, {{"A", "2027-05-03", "D"}, {"A", "2027-05-05", "D"}, {"B", "2027-05-05", "D"},
                       {"S", "2027-05-05", "D"}});
  auto f = findings(rep, "coverage");
  REQUIRE(f.size() == 1);  // only 05-04 is covered by the entry
  CHECK(f[0].from == "2027-05-04");
  CHECK(f[0].value == 0);
  CHECK_FALSE(f[0].resident.has_value());
  Case m = make_case(coverage_program("  - {shift: D, days: all, min: 0, max: 2}\n"));
  auto g = findings(check(m, {{"A", "2027-05-05", "D"}, {"B", "2027-05-05", "D"}, {"S", "2027-05-05", "D"}}),
                    "coverage");
  REQUIRE(g.size() == 1);
  CHECK(g[0].value == 3);
  CHECK(g[0].limit == 2);
}

TEST_CASE("coverage: target deviations are info findings that carry their cost") {
  Case c = make_case(coverage_program(
      "  - {shift: D, days: [mon, tue], target: 2, under_weight: 100, over_weight: 7}\n"));
  // Monday: 1 of 2 (cost 100); Tuesday: 3 of 2 (cost 7).
  auto rep = check(c, {{"A", "2027-05-03", "D"}, {"A", "2027-05-04", "D"}, {"B", "2027-05-04", "D"},
                       {"S", "2027-05-04", "D"}});
  auto f = findings(rep, "coverage");
  REQUIRE(f.size() == 2);
  CHECK(f[0].severity == FindingSeverity::info);
  CHECK(rep.cost.coverage == 107);
  CHECK(rep.violations == 0);
}

TEST_CASE("coverage counts only residents passing the entry's filters") {
  Case c = make_case(coverage_program("  - {shift: D, pgy: [1], min: 2}\n  - {shift: D, pgy: [3], max: 0}\n"));
  auto rep = check(c, {{"A", "2027-05-03", "D"}, {"S", "2027-05-03", "D"}});
  auto f = findings(rep, "coverage");
  // 05-03: PGY-1 count 1 < 2, PGY-3 count 1 > 0; other days: PGY-1 count 0 < 2.
  CHECK(f.size() == 8);
}

TEST_CASE("supervision counts seniors on the shift whatever the entry's filters") {
  Case c = make_case(coverage_program("  - {shift: D, pgy: [1], min: 1, senior_min: {pgy: 2, count: 1}}\n"
                                      "  - {shift: D, pgy: [3], min: 0}\n"));
  auto rep = check(c, {{"A", "2027-05-03", "D"}, {"S", "2027-05-03", "D"}, {"A", "2027-05-04", "D"}});
  auto f = findings(rep, "supervision");
  REQUIRE(f.size() == 1);
  CHECK(f[0].from == "2027-05-04");
}

TEST_CASE("supervision: judged only when someone is assigned") {
  Case c = make_case(coverage_program("  - {shift: N, senior_min: {pgy: 2, count: 1}}\n"));
  auto rep = check(c, {{"A", "2027-05-03", "N"}, {"A", "2027-05-04", "N"}, {"S", "2027-05-04", "N"}});
  auto f = findings(rep, "supervision");
  REQUIRE(f.size() == 1);  // 05-03 has no senior; 05-04 has one; other nights nobody
  CHECK(f[0].from == "2027-05-03");
  CHECK(f[0].value == 0);
  CHECK(f[0].limit == 1);
}
