#include <doctest/doctest.h>

#include "rota/util/number_format.hpp"

using namespace rota;

TEST_CASE("format_number: two decimals, trailing zeros dropped, no minus zero") {
  CHECK(format_number(83.5) == "83.5");
  CHECK(format_number(80) == "80");
  CHECK(format_number(12.254) == "12.25");
  CHECK(format_number(-0.001) == "0");
}

TEST_CASE("format_number against a limit: a value past it never reads as the limit") {
  // 80.004 h/week is a violation of an 80 h limit (80.0 passes).
  CHECK(format_number(80.004, 80) == "80.004");
  CHECK(format_number(79.9999, 80) == "79.9999");
  CHECK(format_number(80.0000001, 80) == "80");  // past six decimals: as good as equal
  CHECK(format_number(80, 80) == "80");
  CHECK(format_number(83.5, 80) == "83.5");  // two decimals tell them apart already
}
