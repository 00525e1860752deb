#include "rota/io/schedule_csv.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "rota/util/csv.hpp"
#include "rota/util/number_format.hpp"
#include "rota/util/suggest.hpp"

namespace rota {

namespace {

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}


}  // namespace

Schedule read_schedule_csv(const std::string& path, const Program& program, const Roster& roster,
                           Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error({path, 0, 0}, "", "cannot open file");
    return {};
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_schedule_csv(buffer.str(), path, program, roster, diags);
}

Schedule parse_schedule_csv(const std::string& text, const std::string& path,
                            const Program& program, const Roster& roster, Diagnostics& diags) {
  Schedule schedule;
  CsvReader reader(text);
  std::optional<CsvRecord> header;
  try {
    header = reader.next();
  } catch (const CsvError& e) {
    diags.error({path, e.line, e.column}, "header", e.what());
    return schedule;
  }
  if (!header) {
    diags.error({path, 1, 1}, "header", "file is empty; expected a header row date,resident,shift");
    return schedule;
  }
  int col_date = -1, col_resident = -1, col_shift = -1;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < header->fields.size(); ++i) {
    std::string name = lower(trim(header->fields[i]));
    names.push_back(name);
    if (name == "date") col_date = static_cast<int>(i);
    else if (name == "resident") col_resident = static_cast<int>(i);
    else if (name == "shift") col_shift = static_cast<int>(i);
  }
  for (auto [col, name] : {std::pair{col_date, "date"}, std::pair{col_resident, "resident"},
                           std::pair{col_shift, "shift"}}) {
    if (col < 0) {
      std::string hint;
      for (const auto& n : names)
        if (closest_match(n, {name}) == name) hint = fmt::format(" (found '{}')", n);
      diags.error({path, header->line, 0}, name,
                  fmt::format("the header has no '{}' column{}; expected date,resident,shift", name, hint));
    }
  }
  if (diags.has_errors()) return schedule;

  std::unordered_map<std::string, int> resident_index;
  for (std::size_t i = 0; i < roster.residents.size(); ++i)
    resident_index[roster.residents[i].id] = static_cast<int>(i);
  std::unordered_map<std::string, int> shift_index;
  for (std::size_t i = 0; i < program.shifts.size(); ++i)
    shift_index[program.shifts[i].id] = static_cast<int>(i);

  auto column_of = [](int col) { return col + 1; };
  for (;;) {
    std::optional<CsvRecord> rec;
    try {
      rec = reader.next();
    } catch (const CsvError& e) {
      const std::size_t at = static_cast<std::size_t>(e.column - 1);
      diags.error({path, e.line, e.column}, at < header->fields.size() ? lower(trim(header->fields[at])) : "",
                  e.what());
      break;
    }
    if (!rec) break;
    // A row cut short is malformed, not a day off (an empty shift is).
    // The first needed column past the row's end, in the header's order.
    int missing = -1;
    const char* missing_name = "";
    for (auto [col, name] : {std::pair{col_date, "date"}, {col_resident, "resident"}, {col_shift, "shift"}})
      if (col >= static_cast<int>(rec->fields.size()) && (missing < 0 || col < missing)) {
        missing = col;
        missing_name = name;
      }
    if (missing >= 0) {
      diags.error({path, rec->line, static_cast<int>(rec->fields.size()) + 1}, missing_name,
                  fmt::format("the row has {} of the header's {} fields: no '{}'", rec->fields.size(),
                              header->fields.size(), missing_name));
      continue;
    }
    auto field = [&](int col) {
      return col < static_cast<int>(rec->fields.size()) ? trim(rec->fields[col]) : std::string();
    };
    std::string date_text = field(col_date), who = field(col_resident), shift = field(col_shift);
    bool ok = true;
    auto d = parse_date(date_text);
    if (!d) {
      diags.error({path, rec->line, column_of(col_date)}, "date",
                  fmt::format("expected a date YYYY-MM-DD, found '{}'", date_text));
      ok = false;
    } else if (!program.in_horizon(*d)) {
      diags.error({path, rec->line, column_of(col_date)}, "date",
                  fmt::format("{} is outside the horizon {} .. {}", date_text,
                              format_date(program.horizon_start),
                              format_date(program.horizon_end() - date::days{1})));
      ok = false;
    }
    auto r = resident_index.find(who);
    if (r == resident_index.end()) {
      diags.error({path, rec->line, column_of(col_resident)}, "resident",
                  fmt::format("unknown resident '{}'{}", who, did_you_mean(who, roster.resident_ids())));
      ok = false;
    }
    if (shift.empty() || is_day_off_word(shift)) continue;
    auto s = shift_index.find(shift);
    if (s == shift_index.end()) {
      diags.error({path, rec->line, column_of(col_shift)}, "shift",
                  fmt::format("unknown shift '{}'{}", shift, did_you_mean(shift, program.shift_ids())));
      ok = false;
    }
    if (ok) schedule.assignments.push_back({r->second, *d, s->second});
  }
  std::sort(schedule.assignments.begin(), schedule.assignments.end());
  schedule.assignments.erase(std::unique(schedule.assignments.begin(), schedule.assignments.end()),
                             schedule.assignments.end());
  return schedule;
}

std::string format_schedule_csv(const Schedule& schedule, const Program& program,
                                const Roster& roster) {
  ProgramClock clock(program.timezone);
  std::vector<Assignment> rows = schedule.assignments;
  std::sort(rows.begin(), rows.end(), [&](const Assignment& a, const Assignment& b) {
    if (a.date != b.date) return a.date < b.date;
    const auto& ia = roster.residents[a.resident].id;
    const auto& ib = roster.residents[b.resident].id;
    if (ia != ib) return ia < ib;
    return program.shifts[a.shift].start_minute < program.shifts[b.shift].start_minute;
  });
  std::string out = "date,resident,shift,start,end,hours\n";
  for (const auto& a : rows) {
    const ShiftType& s = program.shifts[a.shift];
    Instant start = clock.at(a.date, s.start_minute);
    Instant end = clock.at(a.date, s.start_minute + s.length_minutes);
    double hours = static_cast<double>((end - start).count()) / 3600.0;
    out += fmt::format("{},{},{},{},{},{}\n", format_date(a.date),
                       csv_field(roster.residents[a.resident].id), csv_field(s.id),
                       clock.format_local(start), clock.format_local(end), format_number(hours));
  }
  return out;
}

}  // namespace rota
