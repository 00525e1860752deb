#include <doctest/doctest.h>

#include "rota/util/suggest.hpp"

using namespace rota;

TEST_CASE("closest_match suggests a plausible typo fix and nothing for unrelated words") {
  std::vector<std::string> keys{"weekly_hours", "days_off", "rest", "call_frequency"};
  CHECK(closest_match("weekly_hour", keys) == "weekly_hours");
  CHECK(closest_match("dayz_off", keys) == "days_off");
  CHECK(closest_match("Rest", keys) == "rest");
  CHECK(closest_match("supercalifragilistic", keys).empty());
  CHECK(did_you_mean("reest", keys) == " (did you mean 'rest'?)");
}
