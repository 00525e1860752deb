#include <regex>

#include <doctest/doctest.h>

#include "../support/fixture.hpp"
#include "rota/report/report_format.hpp"

namespace {

const char* kProgram = R"(
program: "Ward <A> & co"
timezone: America/Chicago
horizon: {start: 2027-07-05, days: 7}
shifts:
  - {id: D, start: "07:00", hours: 12, kind: day}
  - {id: N, start: "19:00", hours: 12, kind: night}
residents:
  - {id: "<b>x</b>", name: "Dr \"Quote\"", pgy: 1}
  - {id: r2, pgy: 2}
leave:
  - {resident: r2, from: 2027-07-06, to: 2027-07-07}
)";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("HTML report: one cell per resident-day, input text escaped, findings and leave marked") {
  auto c = rota::test::make_case(kProgram);
  // r2 works on a leave day: a leave-conflict violation on 07-06.
  auto schedule = rota::test::make_schedule(c, {{"<b>x</b>", "2027-07-05", "D"}, {"r2", "2027-07-06", "N"}});
  rota::ComplianceReport report = rota::check_compliance(c.program, c.roster, schedule);
  REQUIRE(report.violations > 0);
  const std::string html =
      rota::render_report(rota::ReportFormat::html, rota::ReportInput{c.program, c.roster, report, &schedule});
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(html, "<td class=\"cell") == 2 * 7);
  CHECK(html.find("<b>x</b>") == std::string::npos);
  CHECK(html.find("&lt;b&gt;x&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("Ward &lt;A&gt; &amp; co") != std::string::npos);
  CHECK(html.find("Dr &quot;Quote&quot;") != std::string::npos);
  CHECK(std::regex_search(html, std::regex(R"(<td class="cell k-night[^"]* leave bad" data-resident="r2" data-date="2027-07-06")")));
  CHECK(std::regex_search(html, std::regex(R"(<td class="cell off[^"]* leave" data-resident="r2" data-date="2027-07-07")")));
  // Nothing the browser would fetch.
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}
