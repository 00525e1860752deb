#include "support/fixture.hpp"

using namespace rota;
using namespace rota::test;

namespace {

Case limits_case(const std::string& limits) {
  return make_case(program_yaml("2027-05-03", 14, kBasicShifts, "",
                                "residents:\n  - {id: A, pgy: 2" + limits + "}\n"));
}

}  // namespace

TEST_CASE("person-limits: max shifts per type, in YAML or CSV spelling") {
  Case c = limits_case(", max_shifts: \"D=2|N=0\"");
  CHECK(findings(check(c, run_of("A", "2027-05-03", 2, "D")), "person-limits").empty());
  CHECK(findings(check(c, run_of("A", "2027-05-03", 3, "D", 2)), "person-limits").size() == 1);
  CHECK(findings(check(c, {{"A", "2027-05-03", "N"}}), "person-limits").size() == 1);
  Case m = limits_case(", max_shifts: {D: 2}");
  CHECK(findings(check(m, run_of("A", "2027-05-03", 3, "D", 2)), "person-limits").size() == 1);
}

TEST_CASE("person-limits: min and max hours over the horizon") {
  Case c = limits_case(", min_hours: 24, max_hours: 36");
  CHECK(findings(check(c, run_of("A", "2027-05-03", 2, "D", 2)), "person-limits").empty());
  CHECK(findings(check(c, run_of("A", "2027-05-03", 3, "D", 2)), "person-limits").empty());
  auto over = findings(check(c, run_of("A", "2027-05-03", 4, "D", 2)), "person-limits");
  REQUIRE(over.size() == 1);
  CHECK(over[0].value == 48);
  auto under = findings(check(c, run_of("A", "2027-05-03", 1, "D")), "person-limits");
  REQUIRE(under.size() == 1);
  CHECK(under[0].value == 12);
}

TEST_CASE("person-limits: max consecutive working days, measured from the horizon edge") {
  Case c = limits_case(", max_consecutive: 3");
  CHECK(findings(check(c, run_of("A", "2027-05-03", 3, "D")), "person-limits").empty());
  CHECK(findings(check(c, run_of("A", "2027-05-14", 3, "D")), "person-limits").empty());
  CHECK(findings(check(c, run_of("A", "2027-05-05", 4, "D")), "person-limits").size() == 1);
}

TEST_CASE("person-limits: min consecutive working days, blocks at the edges exempt") {
  Case c = limits_case(", min_consecutive: 2");
  CHECK(findings(check(c, {{"A", "2027-05-03", "D"}}), "person-limits").empty());  // starts on day 0
  CHECK(findings(check(c, {{"A", "2027-05-16", "D"}}), "person-limits").empty());  // ends on the last day
  auto f = findings(check(c, {{"A", "2027-05-05", "D"}}), "person-limits");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 1);
  CHECK(f[0].limit == 2);
}

TEST_CASE("person-limits: min consecutive days off, blocks at the edges exempt") {
  Case c = limits_case(", min_days_off_run: 2");
  // Off 05-03 (edge, exempt), work 05-04..05-06, off 05-07 (one day: fails),
  // work 05-08, off 05-09..05-16 (edge, exempt).
  auto f = findings(check(c, run_of("A", "2027-05-04", 3, "D") + Rows{{"A", "2027-05-08", "D"}}), "person-limits");
  REQUIRE(f.size() == 1);
  CHECK(f[0].from == "2027-05-07");
  CHECK(f[0].to == "2027-05-07");
}
