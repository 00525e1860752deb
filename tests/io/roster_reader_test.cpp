#include <doctest/doctest.h>

#include "rota/io/program_reader.hpp"
#include "rota/io/roster_source.hpp"

using namespace rota;

namespace {

Program program() {
  Diagnostics d;
  Program p = parse_program_yaml(
      "program: X\ntimezone: UTC\nhorizon: {start: 2027-07-01, days: 7}\n"
      "shifts:\n  - {id: WD, start: \"07:00\", hours: 12}\n  - {id: WN, start: \"19:00\", hours: 12, kind: night}\n",
      "p.yaml", d);
  REQUIRE_FALSE(d.has_errors());
  return p;
}

}  // namespace

TEST_CASE("roster reader: every table, requests spelled three ways") {
  Program p = program();
  Diagnostics d;
  Roster r = parse_roster_yaml(
      "residents:\n  - {id: R1, name: Ann, pgy: 1, max_shifts: {WN: 2}}\n  - {id: R2, pgy: 3}\n"
      "rotations:\n  - {resident: R2, rotation: ICU, from: 2027-07-01, to: 2027-07-07}\n"
      "  - {resident: R1, rotation: WARDS, from: 2027-07-01, to: 2027-07-07}\n"
      "leave:\n  - {resident: R1, from: 2027-07-02, to: 2027-07-03, type: conference}\n"
      "unavailable:\n  - {resident: R2, date: 2027-07-05}\n"
      "requests:\n  - {resident: R1, date: 2027-07-05, shift: WD, weight: 2}\n"
      "  - {resident: R1, date: 2027-07-06, shift: OFF}\n"
      "  - {resident: R2, date: 2027-07-06, shift: WN, off: yes}\n"
      "fixed:\n  - {resident: R2, date: 2027-07-01, shift: WD}\n"
      "history:\n  - {resident: R2, date: 2027-06-30, shift: WN}\n",
      "r.yaml", p, d);
  REQUIRE_FALSE(d.has_errors());
  CHECK(r.residents.size() == 2);
  CHECK(r.residents[0].limits.max_shifts.at(1) == 2);
  CHECK(r.rotations[0].resident == 0);  // sorted by resident
  CHECK(r.leave[0].type == LeaveType::conference);
  REQUIRE(r.requests.size() == 3);
  CHECK(r.requests[0].shift == 0);
  CHECK_FALSE(r.requests[0].off);
  CHECK(r.requests[1].off);
  CHECK_FALSE(r.requests[1].shift);
  CHECK(r.requests[2].off);
  CHECK(r.requests[2].shift == 1);
  CHECK(r.history.size() == 1);
}

TEST_CASE("roster reader: a shift given twice in max_shifts is an error, in either spelling") {
  Program p = program();
  for (const char* limits : {"{WD: 1, WD: 5}", "\"WD=1|WD=5\""}) {
    CAPTURE(limits);
    Diagnostics d;
    parse_roster_yaml(std::string("residents:\n  - {id: R1, pgy: 1, max_shifts: ") + limits + "}\n", "r.yaml", p, d);
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].key == "residents[0].max_shifts");
    CHECK(d.all()[0].message.find("duplicate") != std::string::npos);
  }
}

TEST_CASE("roster reader: unknown resident, duplicate id, bad type, history in the horizon") {
  Program p = program();
  Diagnostics d;
  parse_roster_yaml("residents:\n  - {id: R1, pgy: 1}\n  - {id: R1, pgy: 2}\n"
                    "leave:\n  - {resident: R2, from: 2027-07-02, to: 2027-07-01, type: holiday}\n"
                    "requests:\n  - {resident: R1, date: 2027-07-02, shift: WD, weight: 0}\n"
                    "history:\n  - {resident: R1, date: 2027-07-01, shift: WD}\n",
                    "r.yaml", p, d);
  std::vector<std::string> keys;
  for (const auto& x : d.all()) keys.push_back(x.key + "@" + std::to_string(x.where.line));
  auto has = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
  CHECK(has("residents[1].id@3"));
  CHECK(has("leave[0].resident@5"));
  CHECK(has("leave[0].to@5"));
  CHECK(has("leave[0].type@5"));
  CHECK(has("requests[0].weight@7"));
  CHECK(has("history[0].date@9"));
}

TEST_CASE("roster reader: off in any case is a day off in requests and history") {
  Program p = program();
  Diagnostics d;
  Roster r = parse_roster_yaml("residents:\n  - {id: R1, pgy: 1}\n"
                               "requests:\n  - {resident: R1, date: 2027-07-02, shift: off, weight: 3}\n"
                               "history:\n  - {resident: R1, date: 2027-06-30, shift: Off}\n",
                               "r.yaml", p, d);
  REQUIRE_FALSE(d.has_errors());
  REQUIRE(r.requests.size() == 1);
  CHECK(r.requests[0].off);
  CHECK_FALSE(r.requests[0].shift);
  CHECK(r.history.empty());
}
