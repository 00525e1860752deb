#pragma once

#include <bitset>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rota/model/program_clock.hpp"
#include "rota/util/civil_date.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota {

enum class ShiftKind { day, night, call, home_call, clinic, other };

std::string to_string(ShiftKind kind);
std::optional<ShiftKind> parse_shift_kind(const std::string& text);
const std::vector<std::string>& shift_kind_names();

// "OFF" in any case (YAML's unquoted off included): the day-off marker in
// schedules, requests and history, never a shift id.
bool is_day_off_word(const std::string& text);

struct ShiftType {
  std::string id;
  std::string name;
  int start_minute = 0;        // local wall-clock minutes after midnight
  int length_minutes = 0;      // scheduled length ("hours")
  ShiftKind kind = ShiftKind::day;
  std::optional<int> duty_minutes;  // counted toward hour limits; default: real length
  SourceLocation where;

  bool is_home_call() const { return kind == ShiftKind::home_call; }
  // Seconds counted toward hour limits for an interval of `real_seconds`:
  // duty_hours when set, else 0 for home call and the real length otherwise.
  double duty_seconds(double real_seconds) const {
    if (duty_minutes) return *duty_minutes * 60.0;
    return is_home_call() ? 0.0 : real_seconds;
  }
};

// The dates a coverage entry applies to: a weekday mask plus listed dates.
struct DaySelector {
  std::bitset<7> weekdays;  // bit 0 = Monday
  std::set<Date> dates;

  bool includes(Date d) const { return weekdays.test(iso_weekday_index(d)) || dates.count(d); }
};

struct SeniorMinimum {
  int pgy = 2;
  int count = 1;
};

struct CoverageEntry {
  int shift = 0;  // index into Program::shifts
  DaySelector days;
  std::optional<std::vector<std::string>> rotations;  // nullopt = anyone
  std::optional<std::vector<int>> pgy;                 // nullopt = any PGY
  std::optional<int> min;
  std::optional<int> max;
  std::optional<int> target;
  int under_weight = 1;
  int over_weight = 1;
  std::optional<SeniorMinimum> senior_min;
  SourceLocation where;
};

enum class WindowMode { rolling, block };

struct WeeklyHoursRule {
  double max = 80;
  int window_days = 28;
};
struct DaysOffRule {
  int per_days = 7;
  int window_days = 28;
};
struct ContinuousDutyRule {
  double max_hours = 24;
  double transition_hours = 4;
};
struct RestRule {
  double min_hours = 8;
  double after_long_duty_hours = 14;
};
struct CallFrequencyRule {
  int every_nth_night = 3;
  int window_days = 28;
};

// Every rule with its defaults filled in; nullopt = turned off / not set.
struct Rules {
  WindowMode mode = WindowMode::rolling;  // set under weekly_hours, used by every window
  std::optional<WeeklyHoursRule> weekly_hours = WeeklyHoursRule{};
  std::optional<DaysOffRule> days_off = DaysOffRule{};
  std::optional<ContinuousDutyRule> continuous_duty = ContinuousDutyRule{};
  std::optional<RestRule> rest = RestRule{};
  std::optional<CallFrequencyRule> call_frequency = CallFrequencyRule{};
  std::optional<int> consecutive_nights;
  std::optional<int> consecutive_duty_days;
  std::map<int, double> max_shift_hours;  // PGY -> hours
  std::optional<int> max_weekends;
  int max_assignments_per_day = 1;
};

struct FairnessWeights {
  int calls = 20;
  int weekends = 10;
  int nights = 10;
  int hours = 1;
};

struct Objective {
  int requests = 1;
  FairnessWeights fairness;
  int changes = 50;
  int warnings = 100;
};

struct SolverOptions {
  double time_limit_seconds = 60;
  int threads = 0;
  long long seed = 1;
  // Seeds run from 0 to this, in the program file and on the command line.
  static constexpr long long kMaxSeed = 4'000'000'000LL;
};

// The program file, parsed once, every default filled in. Immutable after
// loading; the checker and the solver both read it.
struct Program {
  std::string name;
  std::string timezone;
  Date horizon_start;
  int horizon_days = 0;
  std::vector<ShiftType> shifts;
  std::vector<CoverageEntry> coverage;
  std::vector<std::pair<int, int>> forbidden_successions;
  Rules rules;
  Objective objective;
  SolverOptions solver;
  std::string source_file;

  Date horizon_end() const { return horizon_start + date::days{horizon_days}; }  // exclusive
  bool in_horizon(Date d) const { return d >= horizon_start && d < horizon_end(); }
  std::optional<int> shift_index(const std::string& id) const;
  std::vector<std::string> shift_ids() const;
};

}  // namespace rota
