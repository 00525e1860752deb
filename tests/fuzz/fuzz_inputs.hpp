#pragma once

// A small program and roster the fuzz targets read their inputs against,
// and the rule every target holds: bad input is reported (InputError or
// diagnostics), anything else escaping is a bug the fuzzer should report.

#include <string>

#include "rota/io/program_reader.hpp"
#include "rota/io/roster_source.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota::fuzz {

inline const char* kProgram = R"(program: Fuzz General
timezone: America/New_York
horizon: {start: 2027-10-30, days: 14}
shifts:
  - {id: WD, start: "07:00", hours: 12, kind: day}
  - {id: WN, start: "19:00", hours: 12, kind: night}
  - {id: CALL, start: "07:00", hours: 24, kind: call}
  - {id: HC, start: "17:00", hours: 14, kind: home-call, duty_hours: 0}
coverage:
  - {shift: WD, days: [mon, tue, wed, thu, fri], min: 1, target: 2}
  - {shift: WN, days: [sat, sun], min: 1, senior_min: {pgy: 2, count: 1}}
rules:
  consecutive_nights: 4
  max_shift_hours: {1: 16}
)";

inline const char* kRoster = R"(residents:
  - {id: ana, pgy: 1}
  - {id: ben, pgy: 2, max_weekends: 2}
  - {id: cy, pgy: 3}
rotations:
  - {resident: ana, rotation: wards, from: 2027-10-30, to: 2027-11-12}
leave:
  - {resident: ben, from: 2027-11-03, to: 2027-11-04, type: sick}
requests:
  - {resident: cy, date: 2027-11-06, off: true, weight: 3}
history:
  - {resident: ana, date: 2027-10-29, shift: WN}
)";

struct Inputs {
  Program program;
  Roster roster;
};

// Built once; aborts if the fixture itself does not read (a bug in it).
inline const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs out;
    Diagnostics d;
    out.program = parse_program_yaml(kProgram, "fuzz.yaml", d);
    out.roster = parse_roster_yaml(kRoster, "fuzz-roster.yaml", out.program, d);
    if (d.has_errors()) __builtin_trap();
    return out;
  }();
  return in;
}

}  // namespace rota::fuzz
