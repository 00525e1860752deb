#include <doctest/doctest.h>

#include "../support/fixture.hpp"
#include "rota/report/report_format.hpp"

using namespace rota;
using namespace rota::test;

TEST_CASE("JSON and CSV reports: a weekly average just past the limit is not printed as the limit") {
  // 15 twelve-hour days and one of 12 h 1 min over 28 days: 48.004 h/week
  // against a limit of 48 (48.0 would pass).
  const std::string shifts =
      "  - {id: D, start: \"07:00\", hours: 12, kind: day}\n"
      "  - {id: X, start: \"07:00\", hours: 12.0167, kind: day}\n";
  auto c = rota::test::make_case(rota::test::program_yaml(
      "2027-05-03", 28, shifts, "  weekly_hours: {max: 48, window_days: 28}\n", "residents:\n  - {id: A, pgy: 2}\n"));
  // Four days a week, Monday to Thursday; the first is X.
  rota::test::Rows rows = rota::test::run_of("A", "2027-05-03", 1, "X") + rota::test::run_of("A", "2027-05-04", 3, "D");
  for (const char* monday : {"2027-05-10", "2027-05-17", "2027-05-24"}) rows = rows + rota::test::run_of("A", monday, 4, "D");
  auto schedule = rota::test::make_schedule(c, rows);
  rota::ComplianceReport report = rota::check_compliance(c.program, c.roster, schedule);
  REQUIRE(report.violations == 1);
  const rota::ReportInput in{c.program, c.roster, report, &schedule};
  const std::string json = rota::render_report(rota::ReportFormat::json, in);
  CHECK(json.find(R"("value":48.004,"limit":48)") != std::string::npos);
  CHECK(json.find(R"("max_weekly_avg":48.004)") != std::string::npos);
  const std::string csv = rota::render_report(rota::ReportFormat::csv, in);
  CHECK(csv.find(",48.004,48,48.004 h/week on average") != std::string::npos);
}
