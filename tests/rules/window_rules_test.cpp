#include "support/fixture.hpp"

using namespace rota;
using namespace rota::test;

namespace {

// May 2027 has no DST change in New York: every day is 24 h.
const char* kLongShifts =
    "  - {id: X, start: \"06:00\", hours: 16, kind: day}\n"
    "  - {id: Y, start: \"06:00\", hours: 16.25, kind: day}\n"
    "  - {id: D, start: \"07:00\", hours: 12, kind: day}\n"
    "  - {id: C, start: \"07:00\", hours: 24, kind: call}\n"
    "  - {id: H, start: \"17:00\", hours: 14, kind: home-call}\n";

}  // namespace

TEST_CASE("weekly-hours: exactly 80.0 h/week passes, a quarter hour more fails") {
  Case c = make_case(program_yaml("2027-05-03", 28, kLongShifts));
  // 20 x 16 h = 320 h in 28 days = 80.0 h/week.
  Rows at_limit = run_of("A", "2027-05-03", 20, "X");
  CHECK(findings(check(c, at_limit), "weekly-hours").empty());
  Rows over = run_of("A", "2027-05-03", 19, "X") + Rows{{"A", "2027-05-22", "Y"}};
  auto f = findings(check(c, over), "weekly-hours");
  REQUIRE(f.size() == 1);
  CHECK(f[0].resident == 0);
  CHECK(f[0].value == doctest::Approx(80.0625));
  CHECK(f[0].limit == 80);
  CHECK(f[0].from == "2027-05-03");
  CHECK(f[0].to == "2027-05-30");
}

TEST_CASE("weekly-hours: leave days leave both numerator and denominator") {
  std::string roster =
      "residents:\n  - {id: A, pgy: 2}\n"
      "leave:\n  - {resident: A, from: 2027-05-24, to: 2027-05-30, type: vacation}\n";
  Case c = make_case(program_yaml("2027-05-03", 28, kLongShifts, "", roster));
  // 21 non-leave days allow 240 h; 15 x 16 h = 240 h passes even with a shift on leave.
  Rows at_limit = run_of("A", "2027-05-03", 15, "X") + Rows{{"A", "2027-05-25", "X"}};
  auto rep = check(c, at_limit);
  CHECK(findings(rep, "weekly-hours").empty());
  CHECK(findings(rep, "leave-conflict").size() == 1);
  Rows over = run_of("A", "2027-05-03", 14, "X") + Rows{{"A", "2027-05-17", "Y"}};
  auto f = findings(check(c, over), "weekly-hours");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == doctest::Approx(240.25 / 3));
}

TEST_CASE("days-off: four free days in 28 pass, three fail") {
  Case c = make_case(program_yaml("2027-05-03", 28, kLongShifts, "  weekly_hours: false\n"));
  // Free: 05-09, 05-16, 05-23, 05-30 (Sundays).
  Rows work;
  for (int i = 0; i < 28; ++i)
    if (i % 7 != 6) work.emplace_back("A", format_date(*parse_date("2027-05-03") + date::days{i}), "D");
  CHECK(findings(check(c, work), "days-off").empty());
  auto f = findings(check(c, work + Rows{{"A", "2027-05-30", "D"}}), "days-off");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 3);
  CHECK(f[0].limit == 4);
}

TEST_CASE("days-off: the post-call day is not free, and home call uses up a free day") {
  Case c = make_case(program_yaml("2027-05-03", 28, kLongShifts, "  weekly_hours: false\n"));
  Rows work;
  for (int i = 0; i < 28; ++i)
    if (i % 7 != 6) work.emplace_back("A", format_date(*parse_date("2027-05-03") + date::days{i}), "D");
  // A 24 h call on Saturday 05-29 runs into Sunday 05-30 07:00.
  Rows post_call = work;
  std::get<2>(post_call.back()) = "C";
  REQUIRE(std::get<1>(post_call.back()) == "2027-05-29");
  CHECK(findings(check(c, post_call), "days-off").size() == 1);
  // Home call on the free Sunday 05-30.
  CHECK(findings(check(c, work + Rows{{"A", "2027-05-30", "H"}}), "days-off").size() == 1);
}

TEST_CASE("call-frequency: every third night passes, one more call fails") {
  Case c = make_case(program_yaml("2027-05-03", 28, kLongShifts, "  weekly_hours: false\n"));
  Rows calls = run_of("A", "2027-05-03", 9, "C", 3);  // 9 calls, floor(28 / 3) = 9
  CHECK(findings(check(c, calls), "call-frequency").empty());
  auto f = findings(check(c, calls + Rows{{"A", "2027-05-29", "C"}}), "call-frequency");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 10);
  CHECK(f[0].limit == 9);
}

TEST_CASE("rolling windows catch what block windows miss; violating windows merge") {
  // Heavy duty on days 14..41 of 56: 21 x 16 h = 336 h = 84 h/week there,
  // but each 28-day block holds only half of it.
  Rows heavy;
  for (int i = 14; i < 42; ++i)
    if (i % 4 != 3) heavy.emplace_back("A", format_date(*parse_date("2027-05-03") + date::days{i}), "X");
  Case rolling = make_case(program_yaml("2027-05-03", 56, kLongShifts));
  auto f = findings(check(rolling, heavy), "weekly-hours");
  REQUIRE(f.size() == 1);  // several violating windows, one finding
  CHECK(f[0].value > 80);
  Case block = make_case(program_yaml("2027-05-03", 56, kLongShifts,
                                      "  weekly_hours: {max: 80, window_days: 28, mode: block}\n"));
  CHECK(findings(check(block, heavy), "weekly-hours").empty());
}

TEST_CASE("block windows: a trailing partial block is its own window") {
  Case block = make_case(program_yaml("2027-05-03", 35, kLongShifts,
                                      "  weekly_hours: {max: 80, window_days: 28, mode: block}\n"));
  // Days 28..34 (7 days): 7 x 16 h = 112 h/week in the last block.
  auto f = findings(check(block, run_of("A", "2027-05-31", 7, "X")), "weekly-hours");
  REQUIRE(f.size() == 1);
  CHECK(f[0].from == "2027-05-31");
  CHECK(f[0].to == "2027-06-06");
  CHECK(f[0].value == 112);
}

TEST_CASE("history rows feed rolling windows and produce findings from day 0") {
  std::string roster = "residents:\n  - {id: A, pgy: 2}\nhistory:\n";
  Date start = *parse_date("2027-05-31");
  for (int i = 1; i <= 27; ++i)
    roster += "  - {resident: A, date: " + format_date(start - date::days{i}) + ", shift: D}\n";
  Case c = make_case(program_yaml("2027-05-31", 28, kLongShifts, "", roster));
  // 27 x 12 h of history + one 12 h day = 336 h in 28 days = 84 h/week.
  auto f = findings(check(c, Rows{{"A", "2027-05-31", "D"}}), "weekly-hours");
  REQUIRE(f.size() == 1);
  // Windows starting 05-04 (84 h/week) and 05-05 (81 h/week) merge.
  CHECK(f[0].from == "2027-05-04");
  CHECK(f[0].to == "2027-06-01");
  CHECK(f[0].value == 84);
  // Without the day-0 shift the first window still averages 81 h/week.
  auto g = findings(check(c, Rows{}), "weekly-hours");
  REQUIRE(g.size() == 1);
  CHECK(g[0].value == 81);
}

TEST_CASE("windows with fewer than 7 non-leave days are skipped") {
  std::string roster =
      "residents:\n  - {id: A, pgy: 2}\n"
      "leave:\n  - {resident: A, from: 2027-05-03, to: 2027-05-24, type: parental}\n";
  Case c = make_case(program_yaml("2027-05-03", 28, kLongShifts, "", roster));
  // 6 non-leave days, all worked at 16 h: no weekly-hours or days-off finding.
  auto rep = check(c, run_of("A", "2027-05-25", 6, "X"));
  CHECK(findings(rep, "weekly-hours").empty());
  CHECK(findings(rep, "days-off").empty());
}

TEST_CASE("home call counts 0 duty hours unless duty_hours says otherwise") {
  std::string shifts = std::string(kLongShifts) +
                       "  - {id: H5, start: \"17:00\", hours: 14, kind: home-call, duty_hours: 7}\n";
  Case c = make_case(program_yaml("2027-05-03", 28, shifts));
  auto rep = check(c, {{"A", "2027-05-03", "H"}, {"B", "2027-05-03", "H5"}});
  CHECK(rep.residents[0].hours == 0);
  CHECK(rep.residents[1].hours == 7);
  // 20 x 16 h = 80.0 h/week exactly; home call on top adds nothing.
  auto at_limit = run_of("A", "2027-05-03", 20, "X") + Rows{{"A", "2027-05-29", "H"}};
  CHECK(findings(check(c, at_limit), "weekly-hours").empty());
  auto over = run_of("A", "2027-05-03", 20, "X") + Rows{{"A", "2027-05-29", "H5"}};
  CHECK(findings(check(c, over), "weekly-hours").size() == 1);
}

TEST_CASE("block windows ignore history, rolling windows include it") {
  std::string roster = "residents:\n  - {id: A, pgy: 2}\nhistory:\n";
  for (int i = 1; i <= 20; ++i)
    roster += "  - {resident: A, date: " + format_date(*parse_date("2027-05-31") - date::days{i}) + ", shift: X}\n";
  Rows day0 = {{"A", "2027-05-31", "X"}};
  Case rolling = make_case(program_yaml("2027-05-31", 28, kLongShifts, "", roster));
  CHECK(findings(check(rolling, day0), "weekly-hours").size() == 1);  // 21 x 16 h in 28 days
  Case block = make_case(program_yaml("2027-05-31", 28, kLongShifts,
                                      "  weekly_hours: {max: 80, window_days: 28, mode: block}\n", roster));
  CHECK(findings(check(block, day0), "weekly-hours").empty());
}

TEST_CASE("a violating run that starts in history is reported whole, from its first window") {
  std::string roster = "residents:\n  - {id: A, pgy: 2}\nhistory:\n";
  for (int i = 1; i <= 28; ++i)
    roster += "  - {resident: A, date: " + format_date(*parse_date("2027-05-31") - date::days{i}) + ", shift: D}\n";
  Case c = make_case(program_yaml("2027-05-31", 28, kLongShifts, "", roster));
  auto f = findings(check(c, Rows{}), "weekly-hours");
  REQUIRE(f.size() == 1);
  CHECK(f[0].from == "2027-05-03");  // the all-history window (84 h/week) starts the run
  CHECK(f[0].to == "2027-05-31");    // ... and the window ending on day 0 (81 h/week) ends it
  CHECK(f[0].value == 84);
}
