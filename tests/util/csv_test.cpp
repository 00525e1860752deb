#include <doctest/doctest.h>

#include "rota/util/csv.hpp"

using namespace rota;

TEST_CASE("CsvReader: BOM, CRLF, quotes, embedded line breaks, blank lines") {
  CsvReader r("\xEF\xBB\xBF" "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",z\r\nlast,");
  auto h = r.next();
  REQUIRE(h);
  CHECK(h->fields == std::vector<std::string>{"a", "b"});
  auto one = r.next();
  REQUIRE(one);
  CHECK(one->line == 2);
  CHECK(one->fields == std::vector<std::string>{"x, y", "say \"hi\""});
  auto two = r.next();
  REQUIRE(two);
  CHECK(two->line == 4);
  CHECK(two->fields[0] == "two\nlines");
  auto three = r.next();
  REQUIRE(three);
  CHECK(three->line == 6);
  CHECK(three->fields == std::vector<std::string>{"last", ""});
  CHECK_FALSE(r.next());
}

TEST_CASE("CsvReader: an unterminated quote is an error, not a crash") {
  CsvReader r("a\n\"oops\n");
  CHECK(r.next());
  CHECK_THROWS_AS(r.next(), CsvError);
  CsvReader after("x,\"y\"z\n");
  try {
    after.next();
    FAIL("text after a closing quote was read");
  } catch (const CsvError& e) {
    CHECK(e.line == 1);
    CHECK(e.column == 2);
  }
}

TEST_CASE("csv_field quotes only when needed") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
}
