#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include "rota/cache/solution_cache.hpp"
#include "store/store_fixture.hpp"

using namespace rota;
using namespace rota::cache;

namespace {

CachedSolution entry(const std::string& key, const std::string& family, double time_limit, long long cost) {
  CachedSolution s;
  s.key = key;
  s.family = family;
  s.status = "feasible";
  s.cost = cost;
  s.time_limit = time_limit;
  for (int d = 10; d < 20; ++d) s.assignments.push_back({"2027-07-" + std::to_string(d), "A", "WD"});
  return s;
}

const std::string kKey(32, '1'), kFamily(32, 'f');

std::string entry_path(const SolutionCache& c) {
  return c.dir() + "/ff/" + kFamily + "-" + kKey + ".entry";
}

}  // namespace

TEST_CASE("solution cache: hit with enough effort, warm start otherwise, miss when nothing is close") {
  TempDir dir;
  SolutionCache c(dir.file("cache"));
  std::vector<std::string> w;
  CHECK(c.lookup({kKey, kFamily}, 30, w).kind == LookupKind::miss);
  c.store(entry(kKey, kFamily, 30, 500), w);
  CHECK(w.empty());
  CHECK(c.lookup({kKey, kFamily}, 30, w).kind == LookupKind::hit);
  CHECK(c.lookup({kKey, kFamily}, 10, w).kind == LookupKind::hit);   // found with more effort than asked
  CHECK(c.lookup({kKey, kFamily}, 60, w).kind == LookupKind::warm);  // asked for more
  Lookup other = c.lookup({std::string(32, '2'), kFamily}, 30, w);   // same program, other roster
  CHECK(other.kind == LookupKind::warm);
  CHECK(other.solution->cost == 500);
  CHECK(c.lookup({std::string(32, '2'), std::string(32, 'e')}, 30, w).kind == LookupKind::miss);
  CHECK(w.empty());
  CacheStats st = c.stats();
  CHECK(st.counters["hits"] == 2);
  CHECK(st.counters["warm"] == 2);
  CHECK(st.counters["misses"] == 2);
  CHECK(st.entries == 1);
  CHECK((std::filesystem::status(entry_path(c)).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
}

TEST_CASE("solution cache: a damaged entry is a miss with one warning, and is rewritten") {
  auto damage = [](const std::string& path, int how) {
    namespace fs = std::filesystem;
    std::string bytes;
    {
      std::ifstream in(path, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    if (how == 0) bytes.resize(bytes.size() / 2);  // truncated
    if (how == 1) bytes[40] = static_cast<char>(bytes[40] ^ 1);  // one flipped byte in the payload
    if (how == 2) bytes[8] = 9;  // a wrong version
    if (how == 3) bytes.clear();  // zero length
    if (how == 4) {  // a directory where the file should be
      fs::remove(path);
      fs::create_directories(path + "/inside");
      return;
    }
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  };
  for (int how = 0; how < 5; ++how) {
    CAPTURE(how);
    TempDir dir;
    SolutionCache c(dir.file("cache"));
    std::vector<std::string> w;
    c.store(entry(kKey, kFamily, 30, 500), w);
    damage(entry_path(c), how);
    Lookup l = c.lookup({kKey, kFamily}, 30, w);
    CHECK(l.kind == LookupKind::miss);
    CHECK(w.size() == 1);
    c.store(entry(kKey, kFamily, 30, 400), w);
    CHECK(w.size() == 1);
    Lookup again = c.lookup({kKey, kFamily}, 30, w);
    CHECK(again.kind == LookupKind::hit);
    CHECK(again.solution->cost == 400);
    CHECK(c.stats().counters["corrupt"] == 1);
  }
}

TEST_CASE("solution cache: verify removes bad entries, prune keeps the newest under the cap, clear empties") {
  TempDir dir;
  SolutionCache c(dir.file("cache"));
  std::vector<std::string> w;
  for (int i = 0; i < 6; ++i) c.store(entry(std::string(31, '1') + std::to_string(i), kFamily, 30, i), w);
  std::ofstream(c.dir() + "/ff/" + kFamily + "-" + std::string(32, '9') + ".entry") << "garbage";
  std::vector<std::string> problems;
  auto [good, removed] = c.verify(problems);
  CHECK(good == 6);
  CHECK(removed == 1);
  CHECK(problems.size() == 1);
  const unsigned long long one = c.stats().bytes / 6;
  CHECK(c.prune(one * 2) == 4);
  CHECK(c.stats().entries == 2);
  CHECK(c.lookup({std::string(31, '1') + "5", kFamily}, 30, w).kind == LookupKind::hit);  // the newest stays
  CHECK(c.clear() == 2);
  CHECK(c.stats().entries == 0);
}

TEST_CASE("solution cache: two processes writing one key at once never leave a torn entry") {
  TempDir dir;
  const std::string where = dir.file("cache");
  int torn = 0;
  for (int round = 0; round < 100; ++round) {
    pid_t kids[2];
    for (int k = 0; k < 2; ++k) {
      kids[k] = ::fork();
      if (kids[k] == 0) {
        SolutionCache c(where);
        std::vector<std::string> w;
        CachedSolution s = entry(kKey, kFamily, 30, 1000 * k + round);
        for (int i = 0; i < 300 * (k + 1); ++i) s.assignments.push_back({"2027-07-01", "R" + std::to_string(i), "WD"});
        c.store(s, w);
        ::_exit(0);
      }
    }
    for (pid_t p : kids) ::waitpid(p, nullptr, 0);
    SolutionCache c(where);
    std::vector<std::string> w;
    Lookup l = c.lookup({kKey, kFamily}, 30, w);
    torn += l.kind == LookupKind::hit && w.empty() ? 0 : 1;
  }
  CHECK(torn == 0);
  // No temporary file is left behind.
  int others = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(where))
    others += e.is_regular_file() && e.path().extension() != ".entry" && e.path().filename() != "stats" &&
                      e.path().filename() != "stats.lock"
                  ? 1
                  : 0;
  CHECK(others == 0);
}
