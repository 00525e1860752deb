#include <doctest/doctest.h>

#include "rota/model/program_clock.hpp"

using namespace rota;

TEST_CASE("ProgramClock: fall-back repeats take the first occurrence") {
  ProgramClock clock("America/New_York");
  Date d = *parse_date("2027-11-07");
  CHECK(clock.format_local(clock.at(d, 90)) == "2027-11-07T01:30-04:00");
  CHECK((clock.at(d, 24 * 60) - clock.midnight(d)).count() == 25 * 3600);
}

TEST_CASE("ProgramClock: spring-forward gaps move forward") {
  ProgramClock clock("America/New_York");
  Date d = *parse_date("2027-03-14");
  CHECK(clock.format_local(clock.at(d, 150)) == "2027-03-14T03:30-04:00");
  CHECK((clock.at(d, 24 * 60) - clock.midnight(d)).count() == 23 * 3600);
}

TEST_CASE("ProgramClock: unknown zones are refused") {
  CHECK_THROWS(ProgramClock("Mars/Olympus_Mons"));
  ProgramClock utc("UTC");
  CHECK(utc.format_local(utc.midnight(*parse_date("2027-01-01"))) == "2027-01-01T00:00+00:00");
}
