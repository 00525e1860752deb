#include "support/fixture.hpp"

using namespace rota;
using namespace rota::test;

namespace {

const char* kShifts =
    "  - {id: D, start: \"07:00\", hours: 12, kind: day}\n"
    "  - {id: N, start: \"19:00\", hours: 12, kind: night}\n"
    "  - {id: C, start: \"07:00\", hours: 24, kind: call}\n"
    "  - {id: T4, start: \"07:00\", hours: 4, kind: day}\n"
    "  - {id: T4Q, start: \"07:00\", hours: 4.25, kind: day}\n"
    "  - {id: E15, start: \"15:00\", hours: 4, kind: day}\n"
    "  - {id: E1430, start: \"14:30\", hours: 4, kind: day}\n"
    "  - {id: L21, start: \"21:00\", hours: 4, kind: day}\n"
    "  - {id: L20, start: \"20:00\", hours: 4, kind: day}\n"
    "  - {id: S16, start: \"06:00\", hours: 16, kind: day}\n"
    "  - {id: S16Q, start: \"06:00\", hours: 16.25, kind: day}\n"
    "  - {id: H, start: \"17:00\", hours: 18, kind: home-call}\n"
    "  - {id: CL, start: \"08:00\", hours: 9, kind: clinic}\n";

}  // namespace

TEST_CASE("continuous-duty: 24 h passes, past 24 h warns, past 28 h violates") {
  Case c = make_case(program_yaml("2027-05-03", 14, kShifts));
  CHECK(findings(check(c, {{"A", "2027-05-04", "C"}}), "continuous-duty").empty());
  // A call and a touching 4 h shift the next morning: one 28 h period.
  auto at_transition = findings(check(c, {{"A", "2027-05-04", "C"}, {"A", "2027-05-05", "T4"}}),
                                "continuous-duty");
  REQUIRE(at_transition.size() == 1);
  CHECK(at_transition[0].severity == FindingSeverity::warning);
  CHECK(at_transition[0].value == 28);
  auto over = findings(check(c, {{"A", "2027-05-04", "C"}, {"A", "2027-05-05", "T4Q"}}), "continuous-duty");
  REQUIRE(over.size() == 1);  // one finding, at the higher severity
  CHECK(over[0].severity == FindingSeverity::violation);
  CHECK(over[0].value == 28.25);
  CHECK(over[0].limit == 28);
  CHECK(over[0].from == "2027-05-04T07:00-04:00");
  CHECK(over[0].to == "2027-05-05T11:15-04:00");
}

TEST_CASE("continuous-duty: touching shifts form one continuous period") {
  Case c = make_case(program_yaml("2027-05-03", 14, kShifts));
  // Day 07-19 then night 19-07: exactly 24 h together.
  CHECK(findings(check(c, {{"A", "2027-05-04", "D"}, {"A", "2027-05-04", "N"}}), "continuous-duty").empty());
  auto f = findings(check(c, {{"A", "2027-05-04", "D"}, {"A", "2027-05-04", "N"}, {"A", "2027-05-05", "D"}}),
                    "continuous-duty");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 36);
}

TEST_CASE("rest: an 8 h gap passes, 7.5 h warns") {
  Case c = make_case(program_yaml("2027-05-03", 14, kShifts));
  // Night ends 07:00; next start 15:00 (8 h) or 14:30 (7.5 h).
  CHECK(findings(check(c, {{"A", "2027-05-04", "N"}, {"A", "2027-05-05", "E15"}}), "rest").empty());
  auto f = findings(check(c, {{"A", "2027-05-04", "N"}, {"A", "2027-05-05", "E1430"}}), "rest");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == FindingSeverity::warning);
  CHECK(f[0].value == 7.5);
  CHECK(f[0].from == "2027-05-05T07:00-04:00");
  CHECK(f[0].to == "2027-05-05T14:30-04:00");
  CHECK(check(c, {{"A", "2027-05-04", "N"}, {"A", "2027-05-05", "E1430"}}).cost.warnings == 100);
}

TEST_CASE("rest-after-long-duty: 14 h after a 24 h period passes, 13 h fails") {
  Case c = make_case(program_yaml("2027-05-03", 14, kShifts));
  CHECK(findings(check(c, {{"A", "2027-05-04", "C"}, {"A", "2027-05-05", "L21"}}), "rest-after-long-duty").empty());
  auto rep = check(c, {{"A", "2027-05-04", "C"}, {"A", "2027-05-05", "L20"}});
  auto f = findings(rep, "rest-after-long-duty");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == FindingSeverity::violation);
  CHECK(f[0].value == 13);
  CHECK(findings(rep, "rest").empty());  // 13 h is more than 8 h
}

TEST_CASE("DST fall-back: a night shift lasts its real 13 h") {
  Case c = make_case(program_yaml("2027-11-01", 14, kShifts, "  max_shift_hours: {2: 12}\n"));
  // 2027-11-07 02:00 EDT falls back to 01:00 EST.
  auto rep = check(c, {{"A", "2027-11-05", "N"}, {"A", "2027-11-06", "N"}, {"B", "2027-11-06", "C"}});
  auto f = findings(rep, "max-shift-hours");
  REQUIRE(f.size() == 2);  // B's 25 h call and A's 13 h night; A's 12 h night of 11-05 passes
  auto night = f[0].resident == 0 ? f[0] : f[1];
  CHECK(night.value == 13);
  CHECK(night.from == "2027-11-06T19:00-04:00");
  CHECK(night.to == "2027-11-07T07:00-05:00");
  // The 24 h call over the fall-back night lasts 25 h: one warning.
  auto cd = findings(rep, "continuous-duty");
  REQUIRE(cd.size() == 1);
  CHECK(cd[0].severity == FindingSeverity::warning);
  CHECK(cd[0].value == 25);
  CHECK(rep.residents[0].hours == 25);  // 12 + 13
}

TEST_CASE("DST spring-forward: a 23 h call is still long by its scheduled hours") {
  Case c = make_case(program_yaml("2027-03-08", 14, kShifts));
  // 2027-03-14 02:00 EST springs to 03:00 EDT: the call lasts 23 h.
  auto rep = check(c, {{"A", "2027-03-13", "C"}, {"A", "2027-03-14", "L20"}});
  CHECK(rep.residents[0].longest_duty_hours == 23);
  auto f = findings(rep, "rest-after-long-duty");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 13);
}

TEST_CASE("DST: a local time that does not exist moves forward by the gap") {
  std::string shifts = std::string(kShifts) + "  - {id: X, start: \"02:30\", hours: 2, kind: day}\n";
  Case c = make_case(program_yaml("2027-03-08", 14, shifts));
  // 02:30 does not exist that night: the shift starts at 03:30 EDT and
  // still ends at wall-clock 04:30, so it lasts 1 real hour.
  auto rep = check(c, {{"A", "2027-03-14", "X"}});
  CHECK(rep.residents[0].hours == 1);
  CHECK(rep.residents[0].longest_duty_hours == 1);
}

TEST_CASE("max-shift-hours: exactly the PGY limit passes, a quarter hour more fails; home call is exempt") {
  std::string roster = "residents:\n  - {id: A, pgy: 1}\n  - {id: B, pgy: 2}\n";
  Case c = make_case(program_yaml("2027-05-03", 14, kShifts, "  max_shift_hours: {1: 16}\n", roster));
  CHECK(findings(check(c, {{"A", "2027-05-04", "S16"}, {"A", "2027-05-06", "H"}}), "max-shift-hours").empty());
  auto f = findings(check(c, {{"A", "2027-05-04", "S16Q"}, {"B", "2027-05-04", "C"}}), "max-shift-hours");
  REQUIRE(f.size() == 1);  // PGY-2 has no limit
  CHECK(f[0].value == 16.25);
  CHECK(f[0].limit == 16);
}

TEST_CASE("assignments-per-day: two on one date, and overlapping intervals") {
  Case one = make_case(program_yaml("2027-05-03", 14, kShifts));
  auto f = findings(check(one, {{"A", "2027-05-04", "D"}, {"A", "2027-05-04", "N"}}), "assignments-per-day");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 2);
  // Day and home call dated the same date also overlap: still one finding.
  CHECK(findings(check(one, {{"A", "2027-05-04", "D"}, {"A", "2027-05-04", "H"}}), "assignments-per-day").size() == 1);
  Case two = make_case(program_yaml("2027-05-03", 14, kShifts, "  max_assignments_per_day: 2\n"));
  CHECK(findings(check(two, {{"A", "2027-05-04", "D"}, {"A", "2027-05-04", "N"}}), "assignments-per-day").empty());
  // Clinic 08-17 then home call from 17:00 touch: fine. Day 07-19 and home call overlap.
  CHECK(findings(check(two, {{"A", "2027-05-04", "CL"}, {"A", "2027-05-04", "H"}}), "assignments-per-day").empty());
  auto o = findings(check(two, {{"A", "2027-05-04", "D"}, {"A", "2027-05-04", "H"}}), "assignments-per-day");
  REQUIRE(o.size() == 1);
  CHECK(o[0].value == 2);
}

TEST_CASE("home call is not part of continuous periods or rest gaps") {
  Case c = make_case(program_yaml("2027-05-03", 14, kShifts, "  max_assignments_per_day: 2\n"));
  // Clinic 08-17 + home call 17:00-11:00 + day shift at 07:00: the clinic
  // and the day shift are 14 h apart; home call does not bridge them.
  auto rep = check(c, {{"A", "2027-05-04", "CL"}, {"A", "2027-05-04", "H"}, {"A", "2027-05-05", "D"}});
  CHECK(findings(rep, "continuous-duty").empty());
  CHECK(findings(rep, "rest").empty());
  CHECK(rep.residents[0].longest_duty_hours == 12);
}

TEST_CASE("max-shift-hours: a history shift that ends inside the horizon is reported") {
  std::string roster = "residents:\n  - {id: A, pgy: 1}\nhistory:\n  - {resident: A, date: 2027-05-02, shift: C}\n";
  Case c = make_case(program_yaml("2027-05-03", 14, kShifts, "  max_shift_hours: {1: 16}\n", roster));
  auto f = findings(check(c, {}), "max-shift-hours");
  REQUIRE(f.size() == 1);
  CHECK(f[0].from == "2027-05-02T07:00-04:00");
  Case d = make_case(program_yaml("2027-05-03", 14, kShifts, "  max_shift_hours: {1: 16}\n",
                                  "residents:\n  - {id: A, pgy: 1}\nhistory:\n  - {resident: A, date: 2027-05-01, shift: C}\n"));
  CHECK(findings(check(d, {}), "max-shift-hours").empty());  // wholly before the horizon
}

TEST_CASE("rest after history: a gap that ends at the horizon's first instant is the horizon's") {
  // A history call ends at 17:00 on the day before the horizon; M0 starts
  // at the horizon's first instant (7 h later), M1 an hour after that.
  std::string shifts = std::string(kShifts) + "  - {id: C17, start: \"17:00\", hours: 24, kind: call}\n" +
                       "  - {id: M0, start: \"00:00\", hours: 8, kind: day}\n" +
                       "  - {id: M1, start: \"01:00\", hours: 8, kind: day}\n";
  std::string roster = "residents:\n  - {id: A, pgy: 2}\nhistory:\n  - {resident: A, date: 2027-05-01, shift: C17}\n";
  Case c = make_case(program_yaml("2027-05-03", 14, shifts, "", roster));
  for (const char* shift : {"M0", "M1"}) {
    CAPTURE(shift);
    auto f = findings(check(c, {{"A", "2027-05-03", shift}}), "rest-after-long-duty");
    REQUIRE(f.size() == 1);
    CHECK(f[0].from == "2027-05-02T17:00-04:00");
  }
  // A gap that ends before the horizon is not reported: L20 ends at its start.
  Case d = make_case(program_yaml("2027-05-03", 14, shifts, "",
                                  roster + "  - {resident: A, date: 2027-05-02, shift: L20}\n"));
  CHECK(findings(check(d, {}), "rest-after-long-duty").empty());
}
