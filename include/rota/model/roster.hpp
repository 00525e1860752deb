#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rota/util/civil_date.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota {

// Per-person limits in the Curtois & Qu model (all optional).
struct PersonLimits {
  std::map<int, int> max_shifts;  // shift index -> most assignments in the horizon
  std::optional<double> min_hours;
  std::optional<double> max_hours;
  std::optional<int> min_consecutive;
  std::optional<int> max_consecutive;
  std::optional<int> min_days_off_run;
  std::optional<int> max_weekends;
};

struct Resident {
  std::string id;
  std::string name;
  int pgy = 1;
  PersonLimits limits;
  SourceLocation where;
};

struct RotationSpan {
  int resident = 0;
  std::string rotation;
  Date from, to;  // inclusive
};

enum class LeaveType { vacation, sick, conference, parental, other };
std::string to_string(LeaveType type);
std::optional<LeaveType> parse_leave_type(const std::string& text);
const std::vector<std::string>& leave_type_names();

struct Leave {
  int resident = 0;
  Date from, to;  // inclusive
  LeaveType type = LeaveType::vacation;
};

struct Unavailability {
  int resident = 0;
  Date date;
};

// A wish: work `shift` (off = false), avoid `shift` (off = true), or have the
// day off altogether (no shift, off = true).
struct Request {
  int resident = 0;
  Date date;
  std::optional<int> shift;
  bool off = false;
  int weight = 1;
};

// A pre-assignment (fixed) or a past assignment (history): same shape.
struct DatedShift {
  int resident = 0;
  Date date;
  int shift = 0;
};

// The people and their calendars, parsed once and validated against the
// program (shift ids resolved to indexes, resident ids to indexes).
struct Roster {
  std::vector<Resident> residents;
  std::vector<RotationSpan> rotations;  // sorted by resident, then from
  std::vector<Leave> leave;
  std::vector<Unavailability> unavailable;
  std::vector<Request> requests;
  std::vector<DatedShift> fixed;
  std::vector<DatedShift> history;

  std::optional<int> resident_index(const std::string& id) const;
  std::vector<std::string> resident_ids() const;
};

struct Program;
// The roster as text, one line per row, the lines sorted: the same rows in
// any order give the same text (for fingerprints).
std::string roster_text(const Program& program, const Roster& roster);

// Warns, at the coverage entry, of each rotation a coverage entry admits
// that no row of the roster's rotations table names: most likely a typo,
// which leaves the shift to no one on that rotation.
void warn_unknown_rotations(const Program& program, const Roster& roster, Diagnostics& diags);

}  // namespace rota
