#pragma once

// The run history of a rota database: every `solve --db` records what it
// was given, what it found and the schedule it wrote, so that later runs
// can list, export, compare and repair published schedules.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "rota/rules/compliance_report.hpp"

namespace rota::store {

class Database;

// One row of a stored schedule, as the schedule CSV writes it.
struct StoredAssignment {
  std::string date, resident, shift, start, end, hours;
};

struct RunRecord {
  long long id = 0;
  std::string started, finished;  // UTC, 2027-07-01T02:00:00Z
  std::string program;            // the program file as given
  std::string program_name;
  std::string horizon_start;
  int horizon_days = 0;
  std::string inputs_hash;
  std::string options;            // JSON: the solver options that decide the result
  std::string status;             // optimal, feasible, infeasible, no-solution, interrupted
  std::optional<long long> cost;
  CostBreakdown breakdown;
  long long violations = 0;
  double seconds = 0, seconds_to_first = 0, seconds_to_best = 0;
  unsigned long long effort = 0;
  std::string baseline, freeze_until;  // empty when not given
  std::string timezone;                // the program's IANA zone; empty for runs before schema 3
  long long assignments = 0;           // filled by list_runs
};

// Stores a run, its schedule rows (may be empty) and findings in one
// transaction; returns the run's id.
long long record_run(Database& db, const RunRecord& run, const std::vector<StoredAssignment>& schedule,
                     const std::vector<ComplianceFinding>& findings, const std::vector<std::string>& resident_ids);

std::vector<RunRecord> list_runs(Database& db);
std::optional<RunRecord> find_run(Database& db, long long id);
// The newest run that has a schedule.
std::optional<long long> latest_run_with_schedule(Database& db);
// Sorted by date, then resident, as the schedule CSV.
std::vector<StoredAssignment> run_schedule(Database& db, long long id);
// The schedule run `id` found, for export, diff and --baseline: an
// InputError (at `db_path`, key `key`) when there is no such run or it
// found none (infeasible, or stopped first), which an empty list would
// pass off as everyone off.
std::vector<StoredAssignment> found_schedule(Database& db, long long id, const std::string& db_path,
                                             const std::string& key);

// The schedule CSV of stored rows, byte for byte what `solve` wrote.
std::string stored_schedule_csv(const std::vector<StoredAssignment>& rows);
// Parses schedule CSV text into rows (date,resident,shift and, when given,
// start,end,hours); throws InputError naming file, line and column.
std::vector<StoredAssignment> parse_stored_schedule(const std::string& text, const std::string& path);

// Current UTC time as 2027-07-01T02:00:00Z.
std::string utc_now();

}  // namespace rota::store
