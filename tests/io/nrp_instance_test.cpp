#include "support/fixture.hpp"

#include "rota/io/nrp_instance.hpp"

using namespace rota;
using namespace rota::test;

namespace {

// A week, two shift types, two staff; CRLF line ends as in the originals.
const char* kTiny =
    "# This is a comment. Comments start with #\r\nSECTION_HORIZON\r\n7\r\n\r\n"
    "SECTION_SHIFTS\r\nD,480,\r\nL,600,D\r\n\r\n"
    "SECTION_STAFF\r\nA,D=7|L=1,2400,960,3,2,2,1\r\nB,D=0|L=7,3000,0,5,1,1,1\r\n\r\n"
    "SECTION_DAYS_OFF\r\nA,6\r\n\r\n"
    "SECTION_SHIFT_ON_REQUESTS\r\nA,0,D,2\r\n\r\n"
    "SECTION_SHIFT_OFF_REQUESTS\r\nB,1,L,3\r\n\r\n"
    "SECTION_COVER\r\n0,D,1,100,1\r\n0,L,1,100,1\r\n1,D,1,100,1\r\n1,L,1,100,1\r\n2,D,1,100,1\r\n"
    "2,L,0,100,1\r\n3,D,1,100,1\r\n3,L,0,100,1\r\n4,D,0,100,1\r\n4,L,0,100,1\r\n5,D,0,100,1\r\n"
    "5,L,0,100,1\r\n6,D,0,100,1\r\n6,L,0,100,1\r\n";

Case tiny_case() {
  Diagnostics d;
  NrpInstance inst = parse_nrp_instance(kTiny, "Tiny.txt", d);
  REQUIRE_FALSE(d.has_errors());
  return make_case(nrp_program_yaml(inst) + nrp_roster_yaml(inst));
}

}  // namespace

TEST_CASE("nrp: the instance text is read section by section") {
  Diagnostics d;
  NrpInstance inst = parse_nrp_instance(kTiny, "dir/Tiny.txt", d);
  REQUIRE_FALSE(d.has_errors());
  CHECK(inst.name == "Tiny");
  CHECK(inst.days == 7);
  REQUIRE(inst.shifts.size() == 2);
  CHECK(inst.shifts[1].forbidden_next == std::vector<std::string>{"D"});
  CHECK(inst.staff[0].max_shifts.at("L") == 1);
  CHECK(inst.staff[1].max_total_minutes == 3000);
  CHECK(inst.days_off.at("A") == std::vector<int>{6});
  CHECK(inst.cover.size() == 14);
}

TEST_CASE("nrp: a malformed line names its line and section") {
  Diagnostics d;
  parse_nrp_instance("SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,x,\n", "bad.txt", d);
  REQUIRE(d.has_errors());
  CHECK(d.all()[0].where.line == 4);
  CHECK(d.all()[0].key == "SECTION_SHIFTS");
}

TEST_CASE("nrp: ids must be defined before use and plain; days inside the horizon") {
  // Found by the fuzzer: staff 'E' renamed, its days-off line kept; nrp
  // import wrote a roster rota then refused.
  auto errors = [](const std::string& text) {
    Diagnostics d;
    parse_nrp_instance(text, "t.txt", d);
    std::vector<std::string> out;
    for (const auto& x : d.all())
      if (x.severity == Severity::error) out.push_back(x.to_string());
    return out;
  };
  const std::string base = kTiny;
  CHECK(errors(base).empty());
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = base;
    t.replace(t.find(from), from.size(), to);
    return errors(t);
  };
  auto e = with("SECTION_DAYS_OFF\r\nA,6", "SECTION_DAYS_OFF\r\nE,6");
  REQUIRE(e.size() == 1);
  CHECK(e[0].find("unknown staff member 'E'") != std::string::npos);
  CHECK(e[0].find("t.txt:") == 0);
  CHECK(with("A,0,D,2", "A,0,X,2").size() == 1);                 // unknown shift in a request
  CHECK(with("A,0,D,2", "A,7,D,2").size() == 1);                 // past the horizon
  CHECK(with("A,0,D,2", "A,0,D,0").size() == 1);                 // weight 0
  CHECK(with("L,600,D", "L,600,Q").size() == 1);                 // forbids an unknown shift
  CHECK(with("B,D=0|L=7", "\xe9,D=0|L=7").size() >= 1);         // not a plain id
  CHECK(with("B,D=0|L=7", "A,D=0|L=7").size() >= 1);             // defined twice
  CHECK(with("6,L,0,100,1", "6,Z,0,100,1").size() == 1);         // cover of an unknown shift
  CHECK(with("2400,960,3,2,2,1", "2400,960,3,5362,2,1").size() == 1);  // found by the fuzzer: out of rota's range
}

TEST_CASE("nrp: a feasible roster scores cover and requests only") {
  Case c = tiny_case();
  // A: D on days 0-2 (3 x 8 h = 24 h >= 16 h); B: L on days 0-1 ... then D? B may not work D.
  auto rep = check(c, {{"A", "2024-01-01", "D"}, {"A", "2024-01-02", "D"}, {"A", "2024-01-03", "D"},
                       {"B", "2024-01-01", "L"}, {"B", "2024-01-02", "L"}});
  CHECK(rep.violations == 0);
  // Cover: day 3 D missing (100); B's off request for L on day 1 unmet (3).
  CHECK(rep.cost.coverage == 100);
  CHECK(rep.cost.requests == 3);
  CHECK(rep.cost.total() == 103);
}

TEST_CASE("nrp: hard constraints of the benchmark are violations") {
  Case c = tiny_case();
  auto rep = check(c, {{"A", "2024-01-01", "L"}, {"A", "2024-01-02", "D"},  // L then D forbidden
                       {"A", "2024-01-07", "D"},                              // day off
                       {"B", "2024-01-01", "D"}});                            // D=0 for B
  CHECK(findings(rep, "succession").size() == 1);
  CHECK(findings(rep, "unavailable").size() == 1);
  CHECK_FALSE(findings(rep, "person-limits").empty());
}
