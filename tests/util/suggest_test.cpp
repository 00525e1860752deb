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

TEST_CASE("closest_match suggests the one key a word cut short begins") {
  std::vector<std::string> keys{"min_hours", "after_long_duty_hours", "call_frequency", "call_nights"};
  CHECK(closest_match("after_long", keys) == "after_long_duty_hours");
  CHECK(closest_match("call_", keys).empty());  // begins two keys
  CHECK(closest_match("aft", keys).empty());    // too short to tell
}
