#pragma once

// The known span (history + horizon) and each resident's duty laid out on
// it: what the rule checks read. Internal to the rules layer.

#include <set>
#include <vector>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/model/schedule.hpp"
#include "rota/rules/finding.hpp"
#include "rota/util/number_format.hpp"

namespace rota::rules {

// Program-wide calendar: day 0 is the earliest history date (or the
// horizon start); local midnights are precomputed.
struct KnownSpan {
  Date start;
  int days = 0;
  int horizon_offset = 0;           // span index of the horizon start
  std::vector<Instant> midnights;   // days + 1 entries

  Date date(int index) const { return start + date::days{index}; }
  int index(Date d) const { return static_cast<int>((d - start).count()); }
  bool in_horizon(int index) const { return index >= horizon_offset; }
  Instant horizon_start() const { return midnights[horizon_offset]; }
};

struct DutyInterval {
  Instant start;
  Instant end;
  int day = 0;    // span index of the assignment's date
  int shift = 0;
  double hours() const { return static_cast<double>((end - start).count()) / 3600.0; }
};

// Intervals (home call excluded) that touch or overlap, merged.
struct ContinuousPeriod {
  Instant start;
  Instant end;
  double scheduled_hours = 0;
  double hours() const { return static_cast<double>((end - start).count()) / 3600.0; }
};

struct ResidentTimeline {
  std::vector<std::vector<int>> shifts_on_day;  // shift indexes by span day
  std::vector<char> leave;
  std::vector<char> unavailable;
  // By local day: touched by some duty interval (home call included), and
  // the duty counted toward hour limits. History is left out in block mode.
  std::vector<char> touched;
  std::vector<double> duty_seconds;
  std::vector<DutyInterval> intervals;   // all, by start
  std::vector<ContinuousPeriod> periods;
};

// Everything a rule check needs, built once per check.
struct CheckInput {
  const Program& program;
  const Roster& roster;
  const Schedule& schedule;
  ProgramClock clock;
  KnownSpan span;
  std::vector<ResidentTimeline> residents;

  CheckInput(const Program& p, const Roster& r, const Schedule& s);
  const ShiftType& shift(int index) const { return program.shifts[index]; }
};

// Collects findings and knows how to word their dates.
class FindingList {
 public:
  explicit FindingList(const CheckInput& in) : in_(in) {}

  // A finding over span days [first, last] (inclusive).
  void add_days(const char* rule, FindingSeverity severity, std::optional<int> resident,
                int first, int last, double value, double limit, std::string message);
  // A finding over absolute instants.
  void add_instants(const char* rule, FindingSeverity severity, std::optional<int> resident,
                    Instant from, Instant to, double value, double limit, std::string message);

  std::vector<ComplianceFinding> take() { return std::move(items_); }

 private:
  const CheckInput& in_;
  std::vector<ComplianceFinding> items_;
};


// The rule checks, one family per file.
void check_window_rules(const CheckInput& in, FindingList& out);
void check_period_rules(const CheckInput& in, FindingList& out);
void check_run_rules(const CheckInput& in, FindingList& out);
void check_assignment_rules(const CheckInput& in, FindingList& out);
void check_coverage_rules(const CheckInput& in, FindingList& out);
void check_person_limits(const CheckInput& in, FindingList& out);

// Average weekly duty hours over span days [a, b) with leave taken out;
// nullopt when fewer than 7 non-leave days remain.
std::optional<double> weekly_average(const ResidentTimeline& t, int a, int b);

// Weekends worked in the horizon (a Saturday or Sunday with an assignment),
// each named by its Saturday.
std::set<Date> weekends_worked(const CheckInput& in, int resident);

// Who is on a coverage entry's shift on one date: those passing the entry's
// filters (coverage), and everyone with the seniors among them (supervision
// is a property of the shift, whoever staffs it).
struct ShiftHeadcount {
  int filtered = 0;
  int everyone = 0;
  int seniors = 0;
};
ShiftHeadcount count_on_shift(const CheckInput& in, const CoverageEntry& entry, int d);
// The entry's target cost when n residents pass its filters.
long long coverage_cost(const CoverageEntry& entry, int n);

// Duty hours of the assignments dated in the horizon (duty_hours or real length).
double horizon_duty_hours(const CheckInput& in, int resident);

// The windows (span index ranges [first, end)) that a windowed rule with
// this length examines, in order. Rolling windows cover the whole known
// span, so runs of violating windows merge across the horizon start.
std::vector<std::pair<int, int>> rule_windows(const CheckInput& in, int window_days);

}  // namespace rota::rules
