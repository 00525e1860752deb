#include <doctest/doctest.h>

#include "rota/util/duration.hpp"

using namespace rota;

TEST_CASE("parse_duration_seconds: decimal numbers with s, m, h or no unit") {
  CHECK(parse_duration_seconds("60s") == 60);
  CHECK(parse_duration_seconds("90") == 90);
  CHECK(parse_duration_seconds("1.5m") == 90);
  CHECK(parse_duration_seconds("2h") == 7200);
  CHECK(parse_duration_seconds(".5s") == 0.5);
}

TEST_CASE("parse_duration_seconds: anything else is refused, not read as something else") {
  for (const char* bad : {"", "s", "nan", "inf", "infs", "0x10", "1e3", "-5s", "+5s", "1.2.3s", "5 s", "5ms", "5d",
                          "367d", "8785h", "10000000000000000000"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_duration_seconds(bad));
  }
}
