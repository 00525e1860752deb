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

TEST_CASE("format_date: zero-padded ISO dates that parse back to the same day") {
  CHECK(format_date(*parse_date("0005-01-09")) == "0005-01-09");
  CHECK(format_date(*parse_date("9999-12-31")) == "9999-12-31");
  int mismatches = 0;
  for (Date d = *parse_date("1899-12-25"); d < *parse_date("2101-01-07"); d += date::days{13}) {
    auto back = parse_date(format_date(d));
    if (!back || *back != d) ++mismatches;
  }
  CHECK(mismatches == 0);
}
