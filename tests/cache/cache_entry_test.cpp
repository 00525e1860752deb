#include <doctest/doctest.h>

#include "rota/cache/cache_entry.hpp"

using namespace rota::cache;

namespace {

CachedSolution sample() {
  CachedSolution s;
  s.key = std::string(32, 'a');
  s.family = std::string(32, 'b');
  s.status = "feasible";
  s.cost = 1234;
  s.breakdown = {1000, 34, 200, 0, 0};
  s.time_limit = 30;
  s.effort = 987654;
  s.seconds = 29.5;
  for (int d = 1; d <= 28; ++d)
    for (const char* r : {"abbott", "O'Brien, Siobhan", "x\"y"})
      s.assignments.push_back({"2027-11-" + std::string(d < 10 ? "0" : "") + std::to_string(d), r, "WD"});
  return s;
}

}  // namespace

TEST_CASE("cache entry: what is written reads back the same, smaller than its text") {
  const CachedSolution s = sample();
  const std::string bytes = encode_entry(s);
  std::string why;
  auto back = decode_entry(bytes, why);
  REQUIRE_MESSAGE(back, why);
  CHECK(back->key == s.key);
  CHECK(back->family == s.family);
  CHECK(back->status == s.status);
  CHECK(back->cost == s.cost);
  CHECK(back->breakdown == s.breakdown);
  CHECK(back->time_limit == s.time_limit);
  CHECK(back->effort == s.effort);
  CHECK(back->assignments.size() == s.assignments.size());
  CHECK(back->assignments[1].resident == "O'Brien, Siobhan");
  CHECK(back->assignments[2].resident == "x\"y");
  CHECK(bytes.size() < *entry_raw_size(bytes));
}

TEST_CASE("cache entry: every kind of damage is refused with a reason") {
  const std::string good = encode_entry(sample());
  std::string why;
  CHECK_FALSE(decode_entry("", why));
  CHECK(why.find("shorter") != std::string::npos);
  CHECK_FALSE(decode_entry(good.substr(0, good.size() / 2), why));  // truncated
  CHECK_FALSE(decode_entry(good + "x", why));                       // padded
  int refused = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {  // one flipped bit anywhere
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x10);
    refused += decode_entry(bad, why) ? 0 : 1;
  }
  CHECK(refused == static_cast<int>(good.size()));
  std::string newer = good;
  newer[8] = 2;  // format version 2
  CHECK_FALSE(decode_entry(newer, why));
  CHECK(why.find("version 2") != std::string::npos);
}
