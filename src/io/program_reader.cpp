#include "rota/io/program_reader.hpp"

#include <cmath>

#include <fmt/format.h>

#include "rota/util/duration.hpp"
#include "rota/util/suggest.hpp"
#include "yaml_fields.hpp"

namespace rota {

namespace {

using yaml::Context;
using yaml::Map;

const std::vector<std::string> kWeekdayNames{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<int> hours_to_minutes(Context& ctx, const Map& m, const std::string& key,
                                    bool required, double max_hours) {
  auto hours = m.number(key, required, 0);
  if (!hours) return std::nullopt;
  if (*hours > max_hours) {
    ctx.error(*m.find(key), m.path(key), fmt::format("{} hours is more than {}", *hours, max_hours));
    return std::nullopt;
  }
  return static_cast<int>(std::lround(*hours * 60));
}

class ProgramParser {
 public:
  ProgramParser(Context& ctx) : ctx_(ctx) {}

  Program parse(const YAML::Node& root) {
    std::vector<std::string> allowed{"program", "timezone", "horizon", "shifts", "coverage",
                                     "forbidden_successions", "rules", "objective", "solver"};
    for (const auto& t : roster_table_names()) allowed.push_back(t);
    Map top(ctx_, root, "", allowed);
    if (!top.ok()) return p_;
    p_.name = top.string("program", true).value_or("");
    parse_timezone(top);
    parse_horizon(top);
    parse_shifts(top);
    if (auto* n = top.find("coverage"); n && !n->IsNull()) parse_coverage(*n);
    if (auto* n = top.find("forbidden_successions"); n && !n->IsNull()) parse_successions(*n);
    if (auto* n = top.find("rules")) parse_rules(*n);
    if (auto* n = top.find("objective")) parse_objective(*n);
    if (auto* n = top.find("solver")) parse_solver(*n);
    return p_;
  }

 private:
  void parse_timezone(const Map& top) {
    auto tz = top.string("timezone", true);
    if (!tz) return;
    try {
      ProgramClock clock(*tz);
      p_.timezone = *tz;
    } catch (const std::exception& e) {
      ctx_.error(*top.find("timezone"), "timezone",
                 fmt::format("'{}' is not an IANA time zone name (e.g. America/New_York)", *tz));
    }
  }

  void parse_horizon(const Map& top) {
    top.require("horizon");
    const YAML::Node* n = top.find("horizon");
    if (!n) return;
    Map h(ctx_, *n, "horizon", {"start", "days"});
    if (!h.ok()) return;
    if (auto d = h.date("start", true)) p_.horizon_start = *d;
    if (auto days = h.integer("days", true, 1, 3660)) p_.horizon_days = static_cast<int>(*days);
  }

  void parse_shifts(const Map& top) {
    top.require("shifts");
    const YAML::Node* list = top.find("shifts");
    if (!list) return;
    if (!list->IsSequence() || list->size() == 0) {
      ctx_.error(*list, "shifts", "expected a non-empty list of shifts");
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const YAML::Node item = (*list)[i];
      Map m(ctx_, item, fmt::format("shifts[{}]", i),
            {"id", "name", "start", "hours", "kind", "duty_hours"});
      if (!m.ok()) continue;
      ShiftType s;
      s.where = ctx_.at(item);
      auto id = m.string("id", true);
      if (id) {
        if (id->empty() || is_day_off_word(*id) || id->find_first_of(",\"| \t") != std::string::npos) {
          ctx_.error(*m.find("id"), m.path("id"),
                     fmt::format("'{}' cannot be a shift id (empty, OFF, or has a comma, quote, "
                                 "bar or space)", *id));
        } else if (p_.shift_index(*id)) {
          ctx_.error(*m.find("id"), m.path("id"), fmt::format("duplicate shift id '{}'", *id));
        }
        s.id = *id;
      }
      s.name = m.string("name").value_or(s.id);
      if (auto start = m.string("start", true)) {
        if (auto minute = parse_clock_time(*start))
          s.start_minute = *minute;
        else
          ctx_.error(*m.find("start"), m.path("start"),
                     fmt::format("expected a local time HH:MM, found '{}'", *start));
      }
      if (auto minutes = hours_to_minutes(ctx_, m, "hours", true, 72)) {
        if (*minutes <= 0)
          ctx_.error(*m.find("hours"), m.path("hours"), "a shift must last more than 0 hours");
        s.length_minutes = *minutes;
      }
      if (auto kind = m.string("kind")) {
        if (auto k = parse_shift_kind(*kind))
          s.kind = *k;
        else
          ctx_.error(*m.find("kind"), m.path("kind"),
                     fmt::format("unknown shift kind '{}'{}; kinds: day, night, call, home-call, "
                                 "clinic, other", *kind, did_you_mean(*kind, shift_kind_names())));
      }
      s.duty_minutes = hours_to_minutes(ctx_, m, "duty_hours", false, 72);
      p_.shifts.push_back(std::move(s));
    }
  }

  std::optional<int> shift_ref(const YAML::Node& n, const std::string& path) {
    auto id = yaml::as_string(ctx_, n, path);
    if (!id) return std::nullopt;
    auto idx = p_.shift_index(*id);
    if (!idx)
      ctx_.error(n, path, fmt::format("unknown shift '{}'{}", *id, did_you_mean(*id, p_.shift_ids())));
    return idx;
  }

  DaySelector parse_days(const YAML::Node& n, const std::string& path) {
    DaySelector sel;
    if (n.IsScalar()) {
      const std::string& s = n.Scalar();
      if (s == "all") sel.weekdays = 0x7f;
      else if (s == "weekdays") sel.weekdays = 0x1f;
      else if (s == "weekends") sel.weekdays = 0x60;
      else if (auto d = parse_date(s)) sel.dates.insert(*d);
      else parse_day_word(n, s, path, sel);
      return sel;
    }
    if (!n.IsSequence()) {
      ctx_.error(n, path, "expected all, weekdays, weekends or a list of weekdays and dates");
      return sel;
    }
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node item = n[i];
      std::string item_path = fmt::format("{}[{}]", path, i);
      auto s = yaml::as_string(ctx_, item, item_path);
      if (!s) continue;
      if (auto d = parse_date(*s)) sel.dates.insert(*d);
      else parse_day_word(item, *s, item_path, sel);
    }
    return sel;
  }

  void parse_day_word(const YAML::Node& n, const std::string& word, const std::string& path,
                      DaySelector& sel) {
    std::string lower;
    for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t d = 0; d < kWeekdayNames.size(); ++d) {
      if (lower == kWeekdayNames[d]) {
        sel.weekdays.set(d);
        return;
      }
    }
    std::vector<std::string> words = kWeekdayNames;
    for (const char* w : {"all", "weekdays", "weekends"}) words.emplace_back(w);
    ctx_.error(n, path, fmt::format("'{}' is not a day (all, weekdays, weekends, mon..sun or "
                                    "YYYY-MM-DD){}", word, did_you_mean(lower, words)));
  }

  void parse_coverage(const YAML::Node& list) {
    if (!list.IsSequence()) {
      ctx_.error(list, "coverage", "expected a list of coverage entries");
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node item = list[i];
      std::string path = fmt::format("coverage[{}]", i);
      Map m(ctx_, item, path,
            {"shift", "days", "rotations", "pgy", "min", "max", "target", "under_weight",
             "over_weight", "senior_min"});
      if (!m.ok()) continue;
      CoverageEntry c;
      c.where = ctx_.at(item);
      m.require("shift");
      std::optional<int> shift;
      if (auto* n = m.find("shift")) shift = shift_ref(*n, m.path("shift"));
      if (shift) c.shift = *shift;
      if (auto* n = m.find("days")) c.days = parse_days(*n, m.path("days"));
      else c.days.weekdays = 0x7f;
      if (auto* n = m.find("rotations")) {
        c.rotations.emplace();
        if (!n->IsSequence()) ctx_.error(*n, m.path("rotations"), "expected a list of rotation names");
        else
          for (std::size_t k = 0; k < n->size(); ++k)
            if (auto s = yaml::as_string(ctx_, (*n)[k], fmt::format("{}[{}]", m.path("rotations"), k)))
              c.rotations->push_back(*s);
      }
      if (auto* n = m.find("pgy")) {
        c.pgy.emplace();
        if (!n->IsSequence()) ctx_.error(*n, m.path("pgy"), "expected a list of PGY levels");
        else
          for (std::size_t k = 0; k < n->size(); ++k)
            if (auto v = yaml::as_integer(ctx_, (*n)[k], fmt::format("{}[{}]", m.path("pgy"), k), 1, 10))
              c.pgy->push_back(static_cast<int>(*v));
      }
      auto small_int = [&](const char* key) -> std::optional<int> {
        auto v = m.integer(key, false, 0, 100000);
        return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
      };
      c.min = small_int("min");
      c.max = small_int("max");
      c.target = small_int("target");
      c.under_weight = small_int("under_weight").value_or(1);
      c.over_weight = small_int("over_weight").value_or(1);
      if (c.min && c.max && *c.min > *c.max)
        ctx_.error(*m.find("min"), m.path("min"), fmt::format("min {} is above max {}", *c.min, *c.max));
      if (auto* n = m.find("senior_min")) {
        Map s(ctx_, *n, m.path("senior_min"), {"pgy", "count"});
        if (s.ok()) {
          SeniorMinimum sm;
          sm.pgy = static_cast<int>(s.integer("pgy", true, 1, 10).value_or(2));
          sm.count = static_cast<int>(s.integer("count", false, 0, 1000).value_or(1));
          c.senior_min = sm;
        }
      }
      if (shift) p_.coverage.push_back(std::move(c));
    }
  }

  void parse_successions(const YAML::Node& list) {
    if (!list.IsSequence()) {
      ctx_.error(list, "forbidden_successions", "expected a list of [A, B] pairs");
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node pair = list[i];
      std::string path = fmt::format("forbidden_successions[{}]", i);
      if (!pair.IsSequence() || pair.size() != 2) {
        ctx_.error(pair, path, fmt::format("expected a pair [A, B], found {}", yaml::describe_type(pair)));
        continue;
      }
      auto a = shift_ref(pair[0], path + "[0]");
      auto b = shift_ref(pair[1], path + "[1]");
      if (a && b) p_.forbidden_successions.emplace_back(*a, *b);
    }
  }

  // A rule value: false turns it off, true keeps the defaults, a mapping sets
  // sub-keys. Returns the mapping to read, or nullptr.
  std::unique_ptr<Map> rule_map(const Map& rules, const std::string& key,
                                std::vector<std::string> allowed, bool& enabled) {
    const YAML::Node* n = rules.find(key);
    if (!n) return nullptr;
    if (n->IsScalar()) {
      if (auto b = yaml::parse_bool_word(n->Scalar())) {
        enabled = *b;
        if (!enabled)  // every rule read through here is an ACGME rule
          ctx_.diags.warning(ctx_.at(*n), rules.path(key), "an ACGME duty-hour rule is turned off");
        return nullptr;
      }
    }
    enabled = true;
    auto m = std::make_unique<Map>(ctx_, *n, rules.path(key), std::move(allowed));
    if (!m->ok()) return nullptr;
    return m;
  }

  void parse_rules(const YAML::Node& n) {
    Map r(ctx_, n, "rules",
          {"weekly_hours", "days_off", "continuous_duty", "rest", "call_frequency",
           "consecutive_nights", "consecutive_duty_days", "max_shift_hours", "max_weekends",
           "max_assignments_per_day"});
    if (!r.ok()) return;
    Rules& rules = p_.rules;
    bool on = true;
    auto window = [&](const Map& m) {
      return static_cast<int>(m.integer("window_days", false, 1, 3660).value_or(28));
    };
    if (auto m = rule_map(r, "weekly_hours", {"max", "window_days", "mode"}, on = true)) {
      WeeklyHoursRule w;
      w.max = m->number("max").value_or(w.max);
      w.window_days = window(*m);
      if (auto mode = m->string("mode")) {
        if (*mode == "rolling") rules.mode = WindowMode::rolling;
        else if (*mode == "block") rules.mode = WindowMode::block;
        else ctx_.error(*m->find("mode"), m->path("mode"),
                        fmt::format("expected rolling or block, found '{}'{}", *mode,
                                    did_you_mean(*mode, {"rolling", "block"})));
      }
      rules.weekly_hours = w;
    } else if (!on) rules.weekly_hours.reset();

    if (auto m = rule_map(r, "days_off", {"per_days", "window_days"}, on = true)) {
      DaysOffRule d;
      d.per_days = static_cast<int>(m->integer("per_days", false, 1, 3660).value_or(d.per_days));
      d.window_days = window(*m);
      rules.days_off = d;
    } else if (!on) rules.days_off.reset();

    if (auto m = rule_map(r, "continuous_duty", {"max_hours", "transition_hours"}, on = true)) {
      ContinuousDutyRule c;
      c.max_hours = m->number("max_hours").value_or(c.max_hours);
      c.transition_hours = m->number("transition_hours").value_or(c.transition_hours);
      rules.continuous_duty = c;
    } else if (!on) rules.continuous_duty.reset();

    if (auto m = rule_map(r, "rest", {"min_hours", "after_long_duty_hours"}, on = true)) {
      RestRule s;
      s.min_hours = m->number("min_hours").value_or(s.min_hours);
      s.after_long_duty_hours = m->number("after_long_duty_hours").value_or(s.after_long_duty_hours);
      rules.rest = s;
    } else if (!on) rules.rest.reset();

    if (auto m = rule_map(r, "call_frequency", {"every_nth_night", "window_days"}, on = true)) {
      CallFrequencyRule c;
      c.every_nth_night =
          static_cast<int>(m->integer("every_nth_night", false, 1, 3660).value_or(c.every_nth_night));
      c.window_days = window(*m);
      rules.call_frequency = c;
    } else if (!on) rules.call_frequency.reset();

    rules.consecutive_nights = institutional_max(r, "consecutive_nights");
    rules.consecutive_duty_days = institutional_max(r, "consecutive_duty_days");

    if (auto* n2 = r.find("max_shift_hours")) {
      bool off = n2->IsScalar() && yaml::parse_bool_word(n2->Scalar()) == false;
      if (!off) {
        if (!n2->IsMap()) ctx_.error(*n2, "rules.max_shift_hours", "expected a mapping PGY: hours");
        else
          for (auto it = n2->begin(); it != n2->end(); ++it) {
            std::string path = "rules.max_shift_hours." + it->first.Scalar();
            auto pgy = yaml::as_integer(ctx_, it->first, path, 1, 10);
            auto hours = yaml::as_number(ctx_, it->second, path, 0);
            if (pgy && rules.max_shift_hours.count(static_cast<int>(*pgy)))
              ctx_.error(it->first, path, fmt::format("duplicate key: PGY {} is given twice", *pgy));
            else if (pgy && hours)
              rules.max_shift_hours[static_cast<int>(*pgy)] = *hours;
          }
      }
    }
    if (auto* n2 = r.find("max_weekends")) {
      bool off = n2->IsScalar() && yaml::parse_bool_word(n2->Scalar()) == false;
      if (!off)
        if (auto v = yaml::as_integer(ctx_, *n2, "rules.max_weekends", 0, 1000))
          rules.max_weekends = static_cast<int>(*v);
    }
    if (auto* n2 = r.find("max_assignments_per_day")) {
      if (n2->IsScalar() && yaml::parse_bool_word(n2->Scalar()) == false)
        rules.max_assignments_per_day = 1000;  // no count limit; overlaps still checked
      else if (auto v = yaml::as_integer(ctx_, *n2, "rules.max_assignments_per_day", 1, 10))
        rules.max_assignments_per_day = static_cast<int>(*v);
    }
  }

  // consecutive_nights: {max: 6}, a bare number, or false.
  std::optional<int> institutional_max(const Map& r, const std::string& key) {
    const YAML::Node* n = r.find(key);
    if (!n) return std::nullopt;
    if (n->IsScalar()) {
      if (yaml::parse_bool_word(n->Scalar()) == false) return std::nullopt;
      auto v = yaml::as_integer(ctx_, *n, r.path(key), 0, 3660);
      return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    }
    Map m(ctx_, *n, r.path(key), {"max"});
    if (!m.ok()) return std::nullopt;
    auto v = m.integer("max", true, 0, 3660);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  }

  void parse_objective(const YAML::Node& n) {
    Map o(ctx_, n, "objective", {"requests", "fairness", "changes", "warnings"});
    if (!o.ok()) return;
    Objective& obj = p_.objective;
    auto weight = [](const Map& m, const char* key, int fallback) {
      return static_cast<int>(m.integer(key, false, 0, 1'000'000).value_or(fallback));
    };
    obj.requests = weight(o, "requests", obj.requests);
    obj.changes = weight(o, "changes", obj.changes);
    obj.warnings = weight(o, "warnings", obj.warnings);
    if (auto* f = o.find("fairness")) {
      Map fm(ctx_, *f, "objective.fairness", {"calls", "weekends", "nights", "hours"});
      if (fm.ok()) {
        obj.fairness.calls = weight(fm, "calls", obj.fairness.calls);
        obj.fairness.weekends = weight(fm, "weekends", obj.fairness.weekends);
        obj.fairness.nights = weight(fm, "nights", obj.fairness.nights);
        obj.fairness.hours = weight(fm, "hours", obj.fairness.hours);
      }
    }
  }

  void parse_solver(const YAML::Node& n) {
    Map s(ctx_, n, "solver", {"time_limit", "threads", "seed"});
    if (!s.ok()) return;
    if (auto t = s.string("time_limit")) {
      if (auto secs = parse_duration_seconds(*t)) p_.solver.time_limit_seconds = *secs;
      else ctx_.error(*s.find("time_limit"), "solver.time_limit",
                      fmt::format("expected a duration such as 60s, 5m or 1h, found '{}'", *t));
    }
    p_.solver.threads = static_cast<int>(s.integer("threads", false, 0, 1024).value_or(0));
    p_.solver.seed = s.integer("seed", false, 0, SolverOptions::kMaxSeed).value_or(1);
  }

  Context& ctx_;
  Program p_;
};

}  // namespace

static Program program_from_node(const YAML::Node& root, const std::string& path, Diagnostics& diags);

const std::vector<std::string>& roster_table_names() {
  static const std::vector<std::string> names{"residents", "rotations", "leave",  "unavailable",
                                              "requests",  "fixed",     "history"};
  return names;
}

Program read_program_yaml(const std::string& path, Diagnostics& diags) {
  Context ctx{path, diags};
  return program_from_node(yaml::load_file(ctx, path), path, diags);
}

Program parse_program_yaml(const std::string& text, const std::string& path, Diagnostics& diags) {
  Context ctx{path, diags};
  return program_from_node(yaml::load_text(ctx, text), path, diags);
}

static Program program_from_node(const YAML::Node& root, const std::string& path, Diagnostics& diags) {
  Context ctx{path, diags};
  if (!root.IsDefined()) return Program{};
  Program p = ProgramParser(ctx).parse(root);
  p.source_file = path;
  return p;
}

}  // namespace rota
