#include "support/fixture.hpp"

using namespace rota;
using namespace rota::test;

TEST_CASE("leave-conflict and unavailable: duty on such a date is a violation") {
  std::string roster =
      "residents:\n  - {id: A, pgy: 2}\n"
      "leave:\n  - {resident: A, from: 2027-05-10, to: 2027-05-12, type: sick}\n"
      "unavailable:\n  - {resident: A, date: 2027-05-20}\n";
  Case c = make_case(program_yaml("2027-05-03", 28, kBasicShifts, "", roster));
  auto rep = check(c, {{"A", "2027-05-09", "D"}, {"A", "2027-05-12", "D"}, {"A", "2027-05-13", "D"},
                       {"A", "2027-05-20", "D"}});
  auto leave = findings(rep, "leave-conflict");
  REQUIRE(leave.size() == 1);  // "to" is inclusive
  CHECK(leave[0].from == "2027-05-12");
  auto u = findings(rep, "unavailable");
  REQUIRE(u.size() == 1);
  CHECK(u[0].from == "2027-05-20");
}

TEST_CASE("unavailable days stay in the averages, leave days do not") {
  std::string shifts = std::string(kBasicShifts) + "  - {id: X, start: \"06:00\", hours: 16, kind: day}\n";
  std::string leave =
      "residents:\n  - {id: A, pgy: 2}\nleave:\n  - {resident: A, from: 2027-05-24, to: 2027-05-30}\n";
  std::string unavailable =
      "residents:\n  - {id: A, pgy: 2}\nunavailable:\n" ;
  for (int d = 24; d <= 30; ++d) unavailable += "  - {resident: A, date: 2027-05-" + std::to_string(d) + "}\n";
  Rows work = run_of("A", "2027-05-03", 16, "X");  // 256 h
  CHECK(findings(check(make_case(program_yaml("2027-05-03", 28, shifts, "", leave)), work), "weekly-hours").size() == 1);
  CHECK(findings(check(make_case(program_yaml("2027-05-03", 28, shifts, "", unavailable)), work), "weekly-hours").empty());
}

TEST_CASE("succession: a forbidden pair on consecutive dates, history included") {
  std::string yaml = program_yaml("2027-05-03", 14, kBasicShifts, "",
                                  "residents:\n  - {id: A, pgy: 2}\n"
                                  "history:\n  - {resident: A, date: 2027-05-02, shift: N}\n") +
                     "forbidden_successions: [[N, D], [N, CL]]\n";
  Case c = make_case(yaml);
  auto rep = check(c, {{"A", "2027-05-03", "D"}, {"A", "2027-05-05", "N"}, {"A", "2027-05-06", "CL"},
                       {"A", "2027-05-08", "D"}, {"A", "2027-05-09", "N"}});
  auto f = findings(rep, "succession");
  REQUIRE(f.size() == 2);
  CHECK(f[0].from == "2027-05-02");
  CHECK(f[0].to == "2027-05-03");
  CHECK(f[1].from == "2027-05-05");
}

TEST_CASE("fixed: every fixed row must appear") {
  Case c = make_case(program_yaml("2027-05-03", 14, kBasicShifts, "",
                                  "residents:\n  - {id: A, pgy: 2}\n"
                                  "fixed:\n  - {resident: A, date: 2027-05-04, shift: CL}\n"
                                  "  - {resident: A, date: 2027-05-05, shift: D}\n"));
  auto f = findings(check(c, {{"A", "2027-05-04", "CL"}, {"A", "2027-05-05", "N"}}), "fixed");
  REQUIRE(f.size() == 1);
  CHECK(f[0].from == "2027-05-05");
}

TEST_CASE("eligibility: rotation and PGY filters, date-specific entries first") {
  std::string yaml = program_yaml("2027-05-03", 14, kBasicShifts, "",
                                  "residents:\n  - {id: A, pgy: 1}\n  - {id: B, pgy: 2}\n"
                                  "rotations:\n  - {resident: A, rotation: WARDS, from: 2027-05-03, to: 2027-05-09}\n"
                                  "  - {resident: B, rotation: CLINIC, from: 2027-05-03, to: 2027-05-16}\n") +
                     "coverage:\n"
                     "  - {shift: D, rotations: [WARDS]}\n"
                     "  - {shift: C, pgy: [2, 3]}\n"
                     "  - {shift: N, days: weekdays, rotations: [WARDS]}\n"
                     "  - {shift: N, days: weekends, pgy: [2]}\n";
  Case c = make_case(yaml);
  auto rep = check(c, {{"A", "2027-05-04", "D"},    // on WARDS: ok
                       {"A", "2027-05-11", "D"},    // rotation over: not eligible
                       {"B", "2027-05-05", "D"},    // CLINIC: not eligible
                       {"A", "2027-05-06", "C"},    // PGY-1 on call: not eligible
                       {"B", "2027-05-08", "C"},    // ok
                       {"B", "2027-05-15", "N"},    // Saturday: PGY-2 entry admits B
                       {"A", "2027-05-07", "N"},    // Friday: WARDS entry admits A
                       {"B", "2027-05-13", "H"}});  // no entry: open to all
  auto f = findings(rep, "eligibility");
  REQUIRE(f.size() == 3);
  CHECK(f[0].from == "2027-05-05");
  CHECK(f[1].from == "2027-05-06");
  CHECK(f[2].from == "2027-05-11");
}
