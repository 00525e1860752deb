#include "support/fixture.hpp"

using namespace rota;
using namespace rota::test;

TEST_CASE("consecutive-nights: six pass, seven fail") {
  Case c = make_case(program_yaml("2027-05-03", 28, kBasicShifts, "  consecutive_nights: {max: 6}\n"));
  CHECK(findings(check(c, run_of("A", "2027-05-03", 6, "N")), "consecutive-nights").empty());
  auto f = findings(check(c, run_of("A", "2027-05-03", 7, "N")), "consecutive-nights");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 7);
  CHECK(f[0].from == "2027-05-03");
  CHECK(f[0].to == "2027-05-09");
}

TEST_CASE("consecutive-nights and duty days are not checked unless configured") {
  Case c = make_case(program_yaml("2027-05-03", 28, kBasicShifts));
  auto rep = check(c, run_of("A", "2027-05-03", 10, "N"));
  CHECK(findings(rep, "consecutive-nights").empty());
  CHECK(findings(rep, "consecutive-duty-days").empty());
}

TEST_CASE("consecutive-duty-days: home call counts as a duty day") {
  Case c = make_case(program_yaml("2027-05-03", 28, kBasicShifts, "  consecutive_duty_days: 6\n"));
  Rows six = run_of("A", "2027-05-03", 5, "D") + Rows{{"A", "2027-05-08", "H"}};
  CHECK(findings(check(c, six), "consecutive-duty-days").empty());
  auto f = findings(check(c, six + Rows{{"A", "2027-05-09", "CL"}}), "consecutive-duty-days");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 7);
  CHECK(f[0].limit == 6);
}

TEST_CASE("runs cross the horizon start through history; runs wholly before it are not reported") {
  std::string roster = "residents:\n  - {id: A, pgy: 2}\nhistory:\n";
  for (int i = 1; i <= 7; ++i)
    roster += "  - {resident: A, date: " + format_date(*parse_date("2027-05-03") - date::days{i}) + ", shift: N}\n";
  Case c = make_case(program_yaml("2027-05-03", 28, kBasicShifts, "  consecutive_nights: {max: 6}\n", roster));
  CHECK(findings(check(c, {}), "consecutive-nights").empty());
  auto f = findings(check(c, {{"A", "2027-05-03", "N"}}), "consecutive-nights");
  REQUIRE(f.size() == 1);
  CHECK(f[0].from == "2027-04-26");
  CHECK(f[0].to == "2027-05-03");
  CHECK(f[0].value == 8);
}

TEST_CASE("max-weekends: Saturday or Sunday makes a weekend; a resident's own limit overrides") {
  std::string roster = "residents:\n  - {id: A, pgy: 2}\n  - {id: B, pgy: 2, max_weekends: 1}\n";
  Case c = make_case(program_yaml("2027-05-03", 28, kBasicShifts, "  max_weekends: 2\n", roster));
  // 05-08 Sat, 05-16 Sun, 05-22 Sat + 05-23 Sun: three weekends.
  Rows two = {{"A", "2027-05-08", "D"}, {"A", "2027-05-16", "D"}};
  CHECK(findings(check(c, two), "max-weekends").empty());
  auto f = findings(check(c, two + Rows{{"A", "2027-05-22", "D"}, {"A", "2027-05-23", "D"}}), "max-weekends");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 3);
  CHECK(f[0].limit == 2);
  CHECK(f[0].from == "2027-05-03");  // the rule is over the horizon
  CHECK(f[0].to == "2027-05-30");
  auto b = findings(check(c, {{"B", "2027-05-08", "D"}, {"B", "2027-05-16", "D"}}), "max-weekends");
  REQUIRE(b.size() == 1);
  CHECK(b[0].limit == 1);
}

TEST_CASE("max-weekends: a horizon starting on Sunday counts that Sunday") {
  Case c = make_case(program_yaml("2027-05-02", 14, kBasicShifts, "  max_weekends: 1\n"));
  auto rep = check(c, {{"A", "2027-05-02", "D"}, {"A", "2027-05-08", "D"}});
  CHECK(rep.residents[0].weekends == 2);
  CHECK(findings(rep, "max-weekends").size() == 1);
}
