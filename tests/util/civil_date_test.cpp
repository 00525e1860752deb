#include <doctest/doctest.h>

#include "rota/util/civil_date.hpp"

using namespace rota;

TEST_CASE("parse_date is strict") {
  CHECK(parse_date("2027-07-01"));
  CHECK(format_date(*parse_date("2028-02-29")) == "2028-02-29");
  CHECK_FALSE(parse_date("2027-02-29"));
  CHECK_FALSE(parse_date("2027-7-1"));
  CHECK_FALSE(parse_date("2027-07-01T00:00"));
  CHECK_FALSE(parse_date(""));
}

TEST_CASE("parse_clock_time reads HH:MM") {
  CHECK(parse_clock_time("07:00") == 420);
  CHECK(parse_clock_time("7:30") == 450);
  CHECK(parse_clock_time("23:59") == 1439);
  CHECK_FALSE(parse_clock_time("24:00"));
  CHECK_FALSE(parse_clock_time("07:60"));
  CHECK_FALSE(parse_clock_time("0700"));
}

TEST_CASE("weekday index: Monday is 0") {
  CHECK(iso_weekday_index(*parse_date("2024-01-01")) == 0);
  CHECK(iso_weekday_index(*parse_date("2027-07-04")) == 6);
  CHECK(is_weekend(*parse_date("2027-07-03")));
}
