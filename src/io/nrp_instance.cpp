#include "rota/io/nrp_instance.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "rota/util/atomic_file.hpp"
#include "rota/util/civil_date.hpp"

namespace rota {

namespace {

const char* const kSections[] = {"SECTION_HORIZON",           "SECTION_SHIFTS",
                                 "SECTION_STAFF",             "SECTION_DAYS_OFF",
                                 "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS",
                                 "SECTION_COVER"};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

class NrpParser {
 public:
  NrpParser(const std::string& path, Diagnostics& diags) : path_(path), diags_(diags) {}

  NrpInstance parse(const std::string& text) {
    inst_.name = std::filesystem::path(path_).stem().string();
    std::string section;
    int line_no = 0;
    std::size_t pos = 0;
    std::set<std::string> seen;
    while (pos <= text.size()) {
      std::size_t end = text.find('\n', pos);
      std::string line = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      pos = end == std::string::npos ? text.size() + 1 : end + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      bool is_section = false;
      for (const char* s : kSections) is_section = is_section || line == s;
      if (is_section) {
        section = line;
        seen.insert(line);
        continue;
      }
      line_ = line_no;
      section_ = section;
      data_line(section, split(line, ','));
    }
    for (std::size_t i = 0; i < inst_.shifts.size(); ++i)
      for (const std::string& next : inst_.shifts[i].forbidden_next)
        if (!shift_ids_.count(next))
          diags_.error({path_, forbidden_lines_[i], 0}, "SECTION_SHIFTS", fmt::format("unknown shift '{}'", next));
    for (const char* s : kSections)
      if (!seen.count(s)) diags_.error({path_, line_no, 0}, s, "section missing");
    if (inst_.days <= 0 && seen.count("SECTION_HORIZON"))
      diags_.error({path_, 0, 0}, "SECTION_HORIZON", "no horizon length");
    return inst_;
  }

 private:
  void error(const std::string& message) { diags_.error({path_, line_, 0}, section_, message); }

  int number(const std::string& s, const char* what) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < 0) {
      error(fmt::format("expected a non-negative whole number for {}, found '{}'", what, s));
      return 0;
    }
    return v;
  }

  bool fields(const std::vector<std::string>& f, std::size_t n) {
    if (f.size() == n) return true;
    error(fmt::format("expected {} comma-separated fields, found {}", n, f.size()));
    return false;
  }

  // Ids become resident and shift ids in YAML and CSV: letters, digits,
  // '_', '-' and '.', as in every published instance.
  bool new_id(const std::string& id, std::set<std::string>& ids, const char* what) {
    const bool plain = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
    if (!plain) error(fmt::format("a {} id is 1 to 64 letters, digits, '_', '-' or '.', not '{}'", what, id));
    else if (!ids.insert(id).second) error(fmt::format("{} '{}' is defined twice", what, id));
    return plain;
  }
  bool known(const std::string& id, const std::set<std::string>& ids, const char* what) {
    if (ids.count(id)) return true;
    error(fmt::format("unknown {} '{}' (not defined in an earlier section)", what, id));
    return false;
  }
  // Numbers within the ranges rota's own files allow.
  int bounded(const std::string& s, const char* what, int most) {
    const int v = number(s, what);
    if (v > most) error(fmt::format("{} is at most {}, not {}", what, most, v));
    return v;
  }
  // Counts of days or shifts: at most ten years' worth.
  int count(const std::string& s, const char* what) { return bounded(s, what, 3660); }
  int day(const std::string& s) {
    const int d = number(s, "a day index");
    if (d >= inst_.days) error(fmt::format("day {} is past the horizon ({} days)", d, inst_.days));
    return d;
  }

  void data_line(const std::string& section, const std::vector<std::string>& f) {
    if (section == "SECTION_HORIZON") {
      if (fields(f, 1)) inst_.days = number(f[0], "the horizon length");
      if (inst_.days > 3660) error("a horizon of at most 3660 days (ten years)");
    } else if (section == "SECTION_SHIFTS") {
      if (!fields(f, 3) || !new_id(f[0], shift_ids_, "shift")) return;
      NrpInstance::Shift s{f[0], number(f[1], "the shift length"), {}};
      if (s.minutes < 1 || s.minutes > 24 * 60) error(fmt::format("a shift lasts 1 to 1440 minutes, not {}", s.minutes));
      if (!f[2].empty()) s.forbidden_next = split(f[2], '|');
      // The shifts a shift forbids next are checked once all are known.
      forbidden_lines_.push_back(line_);
      inst_.shifts.push_back(std::move(s));
    } else if (section == "SECTION_STAFF") {
      if (!fields(f, 8) || !new_id(f[0], staff_ids_, "staff member")) return;
      NrpInstance::Staff s;
      s.id = f[0];
      for (const auto& part : split(f[1], '|')) {
        auto eq = part.find('=');
        if (eq == std::string::npos) error(fmt::format("expected SHIFT=N in MaxShifts, found '{}'", part));
        else if (known(part.substr(0, eq), shift_ids_, "shift"))
          s.max_shifts[part.substr(0, eq)] = count(part.substr(eq + 1), "MaxShifts");
      }
      s.max_total_minutes = number(f[2], "MaxTotalMinutes");
      s.min_total_minutes = number(f[3], "MinTotalMinutes");
      s.max_consecutive = count(f[4], "MaxConsecutiveShifts");
      s.min_consecutive = count(f[5], "MinConsecutiveShifts");
      s.min_consecutive_days_off = count(f[6], "MinConsecutiveDaysOff");
      s.max_weekends = count(f[7], "MaxWeekends");
      inst_.staff.push_back(std::move(s));
    } else if (section == "SECTION_DAYS_OFF") {
      if (f.size() < 2) return error("expected EmployeeID,day,...");
      if (!known(f[0], staff_ids_, "staff member")) return;
      for (std::size_t i = 1; i < f.size(); ++i) inst_.days_off[f[0]].push_back(day(f[i]));
    } else if (section == "SECTION_SHIFT_ON_REQUESTS" || section == "SECTION_SHIFT_OFF_REQUESTS") {
      if (!fields(f, 4) || !known(f[0], staff_ids_, "staff member") || !known(f[2], shift_ids_, "shift")) return;
      NrpInstance::ShiftRequest r{f[0], day(f[1]), f[2], number(f[3], "the weight")};
      if (r.weight < 1 || r.weight > 1000000) error("a request's weight is a whole number from 1 to 1000000");
      (section == "SECTION_SHIFT_ON_REQUESTS" ? inst_.on_requests : inst_.off_requests).push_back(r);
    } else if (section == "SECTION_COVER") {
      if (!fields(f, 5) || !known(f[1], shift_ids_, "shift")) return;
      inst_.cover.push_back({day(f[0]), f[1], bounded(f[2], "the requirement", 100000),
                             bounded(f[3], "WeightUnder", 100000), bounded(f[4], "WeightOver", 100000)});
    } else {
      error("data before the first section");
    }
  }

  std::string path_;
  Diagnostics& diags_;
  NrpInstance inst_;
  int line_ = 0;
  std::string section_;
  std::set<std::string> staff_ids_, shift_ids_;
  std::vector<int> forbidden_lines_;
};

std::string day_date(int day) { return format_date(*parse_date("2024-01-01") + date::days{day}); }

// Exact enough that minutes / 60 reads back as the same double.
std::string hours_text(int minutes) {
  if (minutes % 60 == 0) return std::to_string(minutes / 60);
  return fmt::format("{:.17g}", minutes / 60.0);
}

}  // namespace

NrpInstance parse_nrp_instance(const std::string& text, const std::string& path, Diagnostics& diags) {
  return NrpParser(path, diags).parse(text);
}

NrpInstance read_nrp_instance(const std::string& path, Diagnostics& diags) {
  std::string text;
  try {
    text = read_file(path);
  } catch (const std::exception& e) {
    diags.error({path, 0, 0}, "", "cannot open file");
    return {};
  }
  return parse_nrp_instance(text, path, diags);
}

std::string nrp_program_yaml(const NrpInstance& in) {
  std::string y = fmt::format(
      "# Curtois & Qu {} ({} days, {} staff, {} shift types), made by `rota nrp import`.\n"
      "# Day 0 is 2024-01-01, a Monday. Only the benchmark's own rules apply.\n"
      "program: \"Curtois & Qu {}\"\ntimezone: UTC\nhorizon: {{start: 2024-01-01, days: {}}}\nshifts:\n",
      in.name, in.days, in.staff.size(), in.shifts.size(), in.name, in.days);
  for (const auto& s : in.shifts)
    y += fmt::format("  - {{id: \"{}\", start: \"00:00\", hours: {}, kind: day}}\n", s.id, hours_text(s.minutes));
  // One coverage entry per shift and (requirement, weights): the dates it holds.
  std::map<std::tuple<std::string, int, int, int>, std::vector<int>> groups;
  for (const auto& c : in.cover) groups[{c.shift, c.requirement, c.weight_under, c.weight_over}].push_back(c.day);
  y += "coverage:\n";
  for (const auto& s : in.shifts)
    for (const auto& [key, days] : groups) {
      const auto& [shift, req, under, over] = key;
      if (shift != s.id) continue;
      y += fmt::format("  - shift: \"{}\"\n    target: {}\n    under_weight: {}\n    over_weight: {}\n    days: [",
                       shift, req, under, over);
      for (std::size_t i = 0; i < days.size(); ++i) y += (i ? ", " : "") + day_date(days[i]);
      y += "]\n";
    }
  y += "forbidden_successions:\n";
  bool any = false;
  for (const auto& s : in.shifts)
    for (const auto& next : s.forbidden_next) {
      y += fmt::format("  - [\"{}\", \"{}\"]\n", s.id, next);
      any = true;
    }
  if (!any) y.replace(y.size() - 1, 1, " []\n");
  y += "rules:\n  weekly_hours: false\n  days_off: false\n  continuous_duty: false\n  rest: false\n"
       "  call_frequency: false\n"
       "objective: {requests: 1, fairness: {calls: 0, weekends: 0, nights: 0, hours: 0}, changes: 0, warnings: 0}\n";
  return y;
}

std::string nrp_roster_yaml(const NrpInstance& in) {
  std::string y = fmt::format("# Staff of Curtois & Qu {}, made by `rota nrp import`.\nresidents:\n", in.name);
  for (const auto& s : in.staff) {
    std::string max_shifts;
    for (const auto& sh : in.shifts) {
      auto it = s.max_shifts.find(sh.id);
      if (it == s.max_shifts.end()) continue;
      max_shifts += (max_shifts.empty() ? "" : "|") + sh.id + "=" + std::to_string(it->second);
    }
    y += fmt::format(
        "  - {{id: \"{}\", pgy: 1, max_shifts: \"{}\", min_hours: {}, max_hours: {}, min_consecutive: {}, "
        "max_consecutive: {}, min_days_off_run: {}, max_weekends: {}}}\n",
        s.id, max_shifts, hours_text(s.min_total_minutes), hours_text(s.max_total_minutes), s.min_consecutive,
        s.max_consecutive, s.min_consecutive_days_off, s.max_weekends);
  }
  y += "unavailable:\n";
  for (const auto& [who, days] : in.days_off)
    for (int d : days) y += fmt::format("  - {{resident: \"{}\", date: {}}}\n", who, day_date(d));
  y += "requests:\n";
  for (const auto& r : in.on_requests)
    y += fmt::format("  - {{resident: \"{}\", date: {}, shift: \"{}\", weight: {}}}\n", r.staff, day_date(r.day),
                     r.shift, r.weight);
  for (const auto& r : in.off_requests)
    y += fmt::format("  - {{resident: \"{}\", date: {}, shift: \"{}\", off: true, weight: {}}}\n", r.staff,
                     day_date(r.day), r.shift, r.weight);
  return y;
}

}  // namespace rota
