#include <doctest/doctest.h>

#include "rota/io/program_reader.hpp"
#include "rota/io/roster_source.hpp"
#include "rota/io/schedule_csv.hpp"

using namespace rota;

namespace {

struct Inputs {
  Program p;
  Roster r;
  Inputs() {
    Diagnostics d;
    std::string yaml =
        "program: X\ntimezone: America/New_York\nhorizon: {start: 2027-11-06, days: 2}\n"
        "shifts:\n  - {id: WD, start: \"07:00\", hours: 12}\n  - {id: WN, start: \"19:00\", hours: 12, kind: night}\n"
        "residents:\n  - {id: R1, pgy: 1}\n  - {id: \"R 2\", pgy: 2}\n";
    p = parse_program_yaml(yaml, "p.yaml", d);
    r = parse_roster_yaml(yaml, "p.yaml", p, d);
    REQUIRE_FALSE(d.has_errors());
  }
};

}  // namespace

TEST_CASE("schedule CSV: BOM, CRLF, any column order, extra columns, OFF and duplicates") {
  Inputs in;
  Diagnostics d;
  Schedule s = parse_schedule_csv(
      "\xEF\xBB\xBFshift,note,resident,date\r\nWD,x,R1,2027-11-06\r\nWD,x,R1,2027-11-06\r\n"
      "OFF,,R1,2027-11-07\r\n,,R 2,2027-11-07\r\nWN,\"a, b\",R 2,2027-11-06\r\n",
      "s.csv", in.p, in.r, d);
  REQUIRE_FALSE(d.has_errors());
  REQUIRE(s.assignments.size() == 2);
  CHECK(s.assignments[0].resident == 0);
  CHECK(s.assignments[1].shift == 1);
}

TEST_CASE("schedule CSV: unknown resident or shift and dates outside the horizon name line and key") {
  Inputs in;
  Diagnostics d;
  parse_schedule_csv("date,resident,shift\n2027-11-06,R3,WD\n2027-11-06,R1,WX\n2027-11-08,R1,WD\n2027-13-01,R1,WD\n",
                     "s.csv", in.p, in.r, d);
  REQUIRE(d.all().size() == 4);
  CHECK(d.all()[0].to_string() == "s.csv:2:2: error: key 'resident': unknown resident 'R3' (did you mean 'R1'?)");
  CHECK(d.all()[1].where.line == 3);
  CHECK(d.all()[1].key == "shift");
  CHECK(d.all()[2].where.line == 4);
  CHECK(d.all()[2].key == "date");
  CHECK(d.all()[2].message.find("outside the horizon") != std::string::npos);
  CHECK(d.all()[3].key == "date");
}

TEST_CASE("schedule CSV: empty file and missing columns") {
  Inputs in;
  Diagnostics a;
  parse_schedule_csv("", "s.csv", in.p, in.r, a);
  REQUIRE(a.all().size() == 1);
  CHECK(a.all()[0].key == "header");
  Diagnostics b;
  parse_schedule_csv("date,person,shift\n", "s.csv", in.p, in.r, b);
  REQUIRE(b.all().size() == 1);
  CHECK(b.all()[0].key == "resident");
}

TEST_CASE("schedule CSV: a row cut short and a bad quote are errors at their line and column, not days off") {
  Inputs in;
  Diagnostics a;
  Schedule s = parse_schedule_csv("date,resident,shift\n2027-11-06,R1\n2027-11-07,R1,WD\n", "s.csv", in.p, in.r, a);
  REQUIRE(a.all().size() == 1);
  CHECK(a.all()[0].to_string() == "s.csv:2:3: error: key 'shift': the row has 2 of the header's 3 fields: no 'shift'");
  Diagnostics b;
  parse_schedule_csv("date,resident,shift\n2027-11-06,R1,WD\n2027-11-07,\"R1,WD\n", "s.csv", in.p, in.r, b);
  REQUIRE(b.all().size() == 1);
  CHECK(b.all()[0].to_string() == "s.csv:3:2: error: key 'resident': a quoted field is not closed");
  Diagnostics c;
  parse_schedule_csv("date,resident,shift\n\"2027-11-06\"x,R1,WD\n", "s.csv", in.p, in.r, c);
  REQUIRE(c.all().size() == 1);
  CHECK(c.all()[0].to_string() == "s.csv:2:1: error: key 'date': text after the closing quote of a field");
  // The first missing column in the header's order; the quote's own line.
  Diagnostics e;
  parse_schedule_csv("shift,resident,date\nWD\n", "s.csv", in.p, in.r, e);
  REQUIRE(e.all().size() == 1);
  CHECK(e.all()[0].key == "resident");
  CHECK(e.all()[0].where.column == 2);
  Diagnostics f;
  parse_schedule_csv("date,resident,shift,note\n2027-11-06,R1,WD,\"a\nb\"\n2027-11-07,R1,\"WD\n", "s.csv", in.p, in.r, f);
  REQUIRE(f.all().size() == 1);
  CHECK(f.all()[0].where.line == 4);
}

TEST_CASE("schedule CSV output: sorted, with local times and real lengths across DST") {
  Inputs in;
  Schedule s{{{1, *parse_date("2027-11-06"), 1}, {0, *parse_date("2027-11-06"), 0}}};
  std::sort(s.assignments.begin(), s.assignments.end());
  CHECK(format_schedule_csv(s, in.p, in.r) ==
        "date,resident,shift,start,end,hours\n"
        "2027-11-06,R 2,WN,2027-11-06T19:00-04:00,2027-11-07T07:00-05:00,13\n"
        "2027-11-06,R1,WD,2027-11-06T07:00-04:00,2027-11-06T19:00-04:00,12\n");
}
