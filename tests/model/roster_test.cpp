#include <doctest/doctest.h>

#include "support/fixture.hpp"

using namespace rota;
using namespace rota::test;

TEST_CASE("a coverage entry's rotation that no roster row names is a warning at the entry, with a suggestion") {
  Case c = make_case(program_yaml("2027-07-05", 7, kBasicShifts, "",
                                  "residents:\n  - {id: A, pgy: 1}\n"
                                  "rotations:\n  - {resident: A, rotation: WARDS, from: 2027-07-05, to: 2027-07-11}\n") +
                     "coverage:\n  - {shift: D, rotations: [WARDS]}\n  - {shift: N, rotations: [WARDS, WARDZ]}\n");
  Diagnostics d;
  warn_unknown_rotations(c.program, c.roster, d);
  REQUIRE(d.all().size() == 1);
  CHECK(d.all()[0].severity == Severity::warning);
  CHECK(d.all()[0].key == "coverage[1].rotations");
  CHECK(d.all()[0].where.line > 0);
  CHECK(d.all()[0].message == "no resident is on rotation 'WARDZ' in the roster (did you mean 'WARDS'?)");
}
