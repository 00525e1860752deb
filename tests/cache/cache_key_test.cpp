#include <doctest/doctest.h>

#include <fstream>

#include "rota/cache/cache_key.hpp"
#include "rota/io/program_reader.hpp"
#include "rota/io/roster_source.hpp"
#include "store/store_fixture.hpp"

using namespace rota;

namespace {

const char* kProgram =
    "program: X\ntimezone: UTC\nhorizon: {start: 2027-07-01, days: 14}\n"
    "shifts:\n  - {id: WD, start: \"07:00\", hours: 12}\n  - {id: WN, start: \"19:00\", hours: 12, kind: night}\n"
    "coverage:\n  - {shift: WD, min: 1, target: 2, under_weight: 10}\n";
const char* kRoster =
    "residents:\n  - {id: A, pgy: 1}\n  - {id: B, pgy: 2}\n"
    "requests:\n  - {resident: A, date: 2027-07-03, off: true, weight: 2}\n"
    "  - {resident: B, date: 2027-07-04, shift: WN, weight: 1}\n";

std::string key_of(const TempDir& dir, const std::string& program, const std::string& roster, unsigned long long seed = 1,
                   std::string* family = nullptr) {
  const std::string path = dir.file("p.yaml");
  std::ofstream(path) << program;
  Diagnostics d;
  Program p = parse_program_yaml(program, path, d);
  Roster r = parse_roster_yaml(roster, "r.yaml", p, d);
  REQUIRE_FALSE(d.has_errors());
  cache::KeyInputs in;
  in.program_path = path;
  in.program = &p;
  in.roster = &r;
  in.seed = seed;
  cache::CacheKey k = cache::make_cache_key(in);
  CHECK(k.key.size() == 32);
  if (family) *family = k.family;
  return k.key;
}

}  // namespace

TEST_CASE("cache key: the same answer's inputs in another order give the same key") {
  TempDir dir;
  const std::string base = key_of(dir, kProgram, kRoster);
  // Keys reordered, flow style turned block style, comments added.
  const std::string reordered =
      "# same program\nhorizon:\n  days: 14\n  start: 2027-07-01\ntimezone: UTC\nprogram: X\n"
      "shifts:\n  - {start: \"07:00\", id: WD, hours: 12}\n  - {kind: night, id: WN, start: \"19:00\", hours: 12}\n"
      "coverage:\n  - {under_weight: 10, target: 2, min: 1, shift: WD}\n";
  CHECK(key_of(dir, reordered, kRoster) == base);
  const std::string rows_swapped =
      "residents:\n  - {id: A, pgy: 1}\n  - {id: B, pgy: 2}\n"
      "requests:\n  - {resident: B, date: 2027-07-04, shift: WN, weight: 1}\n"
      "  - {weight: 2, resident: A, date: 2027-07-03, off: true}\n";
  CHECK(key_of(dir, kProgram, rows_swapped) == base);
  // A request outside the horizon cannot change the answer.
  CHECK(key_of(dir, kProgram, std::string(kRoster) + "  - {resident: A, date: 2027-09-01, off: true}\n") == base);
}

TEST_CASE("cache key: any value that matters changes it; the roster leaves the family alone") {
  TempDir dir;
  std::string fam, fam2;
  const std::string base = key_of(dir, kProgram, kRoster, 1, &fam);
  std::string p = kProgram;
  CHECK(key_of(dir, p.replace(p.find("target: 2"), 9, "target: 3"), kRoster) != base);
  p = kProgram;
  CHECK(key_of(dir, p.replace(p.find("days: 14"), 8, "days: 15"), kRoster) != base);
  std::string r = kRoster;
  CHECK(key_of(dir, kProgram, r.replace(r.find("weight: 2"), 9, "weight: 3"), 1, &fam2) != base);
  CHECK(fam2 == fam);  // same program: a warm start may use it
  CHECK(key_of(dir, kProgram, kRoster, 2) != base);  // another seed
}
