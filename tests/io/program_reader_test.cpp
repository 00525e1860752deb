#include <doctest/doctest.h>

#include "rota/io/program_reader.hpp"

using namespace rota;

namespace {

const char* kMinimal =
    "program: Metro\n"
    "timezone: America/New_York\n"
    "horizon: {start: 2027-07-01, days: 28}\n"
    "shifts:\n"
    "  - {id: WD, start: \"07:00\", hours: 12, kind: day}\n"
    "  - {id: HC, start: 17:00, hours: 14, kind: home-call, duty_hours: 0}\n";

bool has_error(const Diagnostics& d, const std::string& key, int line, const std::string& text) {
  for (const auto& x : d.all())
    if (x.severity == Severity::error && x.key == key && x.where.line == line &&
        x.message.find(text) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("program reader fills in every default") {
  Diagnostics d;
  Program p = parse_program_yaml(kMinimal, "p.yaml", d);
  REQUIRE_FALSE(d.has_errors());
  CHECK(p.horizon_days == 28);
  CHECK(p.shifts[1].start_minute == 17 * 60);  // unquoted 17:00 read as meant
  CHECK(p.shifts[1].duty_minutes == 0);
  CHECK(p.rules.weekly_hours->max == 80);
  CHECK(p.rules.weekly_hours->window_days == 28);
  CHECK(p.rules.mode == WindowMode::rolling);
  CHECK(p.rules.days_off->per_days == 7);
  CHECK(p.rules.continuous_duty->max_hours == 24);
  CHECK(p.rules.continuous_duty->transition_hours == 4);
  CHECK(p.rules.rest->min_hours == 8);
  CHECK(p.rules.rest->after_long_duty_hours == 14);
  CHECK(p.rules.call_frequency->every_nth_night == 3);
  CHECK_FALSE(p.rules.consecutive_nights);
  CHECK_FALSE(p.rules.max_weekends);
  CHECK(p.rules.max_assignments_per_day == 1);
  CHECK(p.objective.requests == 1);
  CHECK(p.objective.fairness.calls == 20);
  CHECK(p.objective.changes == 50);
  CHECK(p.objective.warnings == 100);
  CHECK(p.solver.time_limit_seconds == 60);
}

TEST_CASE("program reader: rules can be turned off; lint warns about ACGME rules") {
  Diagnostics d;
  Program p = parse_program_yaml(std::string(kMinimal) + "rules: {rest: false, weekly_hours: {mode: block}}\n",
                                 "p.yaml", d);
  REQUIRE_FALSE(d.has_errors());
  CHECK_FALSE(p.rules.rest);
  CHECK(p.rules.mode == WindowMode::block);
  REQUIRE(d.all().size() == 1);
  CHECK(d.all()[0].severity == Severity::warning);
  CHECK(d.all()[0].key == "rules.rest");
  CHECK(d.all()[0].where.line == 7);
}

TEST_CASE("program reader reports every problem with line, column, key and a suggestion") {
  Diagnostics d;
  parse_program_yaml(std::string(kMinimal) +
                         "rules:\n"
                         "  weekly_hour: {max: 80}\n"       // line 8: unknown key
                         "  days_off: {per_days: seven}\n"  // line 9: wrong type
                         "coverage:\n"
                         "  - {shift: WX, min: 1}\n",       // line 11: unknown shift
                     "p.yaml", d);
  CHECK(has_error(d, "rules.weekly_hour", 8, "did you mean 'weekly_hours'"));
  CHECK(has_error(d, "rules.days_off.per_days", 9, "whole number"));
  CHECK(has_error(d, "coverage[0].shift", 11, "did you mean 'WD'"));
  for (const auto& x : d.all()) CHECK(x.where.column > 0);
}

TEST_CASE("program reader: duplicate shift ids, bad zone, bad time, missing keys") {
  Diagnostics d;
  parse_program_yaml("program: X\ntimezone: Mars/Base\nhorizon: {start: 2027-02-30}\nshifts:\n"
                     "  - {id: A, start: \"25:00\", hours: 8}\n  - {id: A, start: \"07:00\", hours: 8}\n",
                     "p.yaml", d);
  CHECK(has_error(d, "timezone", 2, "IANA"));
  CHECK(has_error(d, "horizon.start", 3, "YYYY-MM-DD"));
  CHECK(has_error(d, "horizon.days", 3, "missing"));
  CHECK(has_error(d, "shifts[0].start", 5, "HH:MM"));
  CHECK(has_error(d, "shifts[1].id", 6, "duplicate"));
}

TEST_CASE("program reader: a PGY given twice in max_shift_hours is an error, not the last one winning") {
  Diagnostics d;
  parse_program_yaml(std::string(kMinimal) + "rules:\n  max_shift_hours: {1: 16, 1: 24}\n", "p.yaml", d);
  CHECK(has_error(d, "rules.max_shift_hours.1", 8, "duplicate"));
}

TEST_CASE("program reader: malformed YAML and empty text are errors, not crashes") {
  Diagnostics a;
  parse_program_yaml("program: [unclosed\n", "p.yaml", a);
  CHECK(a.has_errors());
  Diagnostics b;
  parse_program_yaml("", "p.yaml", b);
  CHECK(has_error(b, "", 1, "empty"));
  Diagnostics c;
  parse_program_yaml("- just\n- a list\n", "p.yaml", c);
  CHECK(c.has_errors());
}

TEST_CASE("coverage days: keywords, weekday names and dates") {
  Diagnostics d;
  Program p = parse_program_yaml(std::string(kMinimal) +
                                     "coverage:\n  - {shift: WD, days: weekends}\n"
                                     "  - {shift: WD, days: [mon, Fri, 2027-07-04]}\n"
                                     "  - {shift: WD}\n",
                                 "p.yaml", d);
  REQUIRE_FALSE(d.has_errors());
  CHECK(p.coverage[0].days.includes(*parse_date("2027-07-03")));
  CHECK_FALSE(p.coverage[0].days.includes(*parse_date("2027-07-05")));
  CHECK(p.coverage[1].days.includes(*parse_date("2027-07-05")));
  CHECK(p.coverage[1].days.includes(*parse_date("2027-07-09")));
  CHECK(p.coverage[1].days.includes(*parse_date("2027-07-04")));
  CHECK_FALSE(p.coverage[1].days.includes(*parse_date("2027-07-06")));
  CHECK(p.coverage[2].days.includes(*parse_date("2027-07-06")));
}
