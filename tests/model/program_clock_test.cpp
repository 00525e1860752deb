#include <doctest/doctest.h>

#include <random>
#include <vector>

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

TEST_CASE("ProgramClock: remembered offsets agree with the zone at every time of day") {
  // Local times near and far from offset changes (half-hour DST, negative
  // DST, a skipped date), in a random order and with the zones mixed, so
  // that a remembered stretch of one offset is tried on times of another.
  const char* zones[] = {"America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "Pacific/Apia"};
  std::vector<ProgramClock> clocks;
  for (const char* z : zones) clocks.emplace_back(z);
  std::mt19937 rng(7);
  const Date first = *parse_date("2011-01-01");
  int mismatches = 0;
  for (int k = 0; k < 400000; ++k) {
    const std::size_t i = rng() % 4;
    const Date d = first + date::days{static_cast<int>(rng() % 730)};
    const long long m = static_cast<long long>(rng() % (26 * 6)) * 10;
    const date::time_zone* zone = date::locate_zone(zones[i]);
    date::local_seconds local{date::local_days{d.time_since_epoch()}.time_since_epoch() + std::chrono::minutes{m}};
    Instant expected{local.time_since_epoch() - zone->get_info(local).first.offset};
    if (clocks[i].at(d, m) != expected) ++mismatches;
  }
  CHECK(mismatches == 0);
}
