#include "rota/store/roster_tables.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "rota/model/roster.hpp"
#include "rota/util/civil_date.hpp"

namespace rota::store {

namespace {

Column col(std::string name, ColumnKind kind, bool required = false, bool key = false) {
  Column c;
  c.name = std::move(name);
  c.kind = kind;
  c.required = required;
  c.key = key;
  return c;
}
Column count(std::string name, long long min, long long max, bool required = false) {
  Column c = col(std::move(name), ColumnKind::integer, required);
  c.min = min;
  c.max = max;
  return c;
}

std::vector<TableSpec> make_tables() {
  using K = ColumnKind;
  std::vector<TableSpec> t;
  t.push_back({"residents",
               {col("id", K::text, true, true), col("name", K::text), count("pgy", 1, 10, true),
                col("max_shifts", K::max_shifts), col("min_hours", K::real), col("max_hours", K::real),
                count("min_consecutive", 0, 3660), count("max_consecutive", 0, 3660),
                count("min_days_off_run", 0, 3660), count("max_weekends", 0, 3660)}});
  t.push_back({"rotations",
               {col("resident", K::resident, true, true), col("rotation", K::text, true, true),
                col("from", K::date, true, true), col("to", K::date, true)}});
  Column type = col("type", K::leave_type);
  type.fill = "vacation";
  t.push_back({"leave", {col("resident", K::resident, true, true), col("from", K::date, true, true),
                         col("to", K::date, true), type}});
  t.push_back({"unavailable", {col("resident", K::resident, true, true), col("date", K::date, true, true)}});
  // A request without a shift is stored with an empty shift, so that the
  // natural key (resident, date, shift) never holds a NULL.
  Column shift = col("shift", K::text, false, true);
  shift.fill = "";
  Column weight = count("weight", 1, 1'000'000);
  weight.fill = "1";
  t.push_back({"requests", {col("resident", K::resident, true, true), col("date", K::date, true, true), shift,
                            col("off", K::boolean), weight}});
  t.push_back({"fixed", {col("resident", K::resident, true, true), col("date", K::date, true, true),
                         col("shift", K::text, true)}});
  t.push_back({"history", {col("resident", K::resident, true, true), col("date", K::date, true, true),
                           col("shift", K::text, true)}});
  return t;
}

bool whole_number(const std::string& s, long long& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtoll(s.c_str(), &end, 10);
  return *end == '\0' && errno == 0;
}

}  // namespace

const Column* TableSpec::column(const std::string& n) const {
  for (const Column& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

std::vector<std::string> TableSpec::column_names() const {
  std::vector<std::string> out;
  for (const Column& c : columns) out.push_back(c.name);
  return out;
}

const std::vector<TableSpec>& roster_tables() {
  static const std::vector<TableSpec> tables = make_tables();
  return tables;
}

const TableSpec* find_roster_table(const std::string& name) {
  for (const TableSpec& t : roster_tables())
    if (t.name == name) return &t;
  return nullptr;
}

std::vector<std::string> roster_table_names_in_order() {
  std::vector<std::string> out;
  for (const TableSpec& t : roster_tables()) out.push_back(t.name);
  return out;
}

std::string quoted_identifier(const std::string& name) { return "\"" + name + "\""; }

std::string check_cell(const Column& c, const std::string& v) {
  switch (c.kind) {
    case ColumnKind::text:
    case ColumnKind::resident:
      if (c.name == "id" && v.find_first_of(",\"") != std::string::npos)
        return fmt::format("'{}' cannot be a resident id", v);
      return "";
    case ColumnKind::integer: {
      long long n = 0;
      if (!whole_number(v, n) || n < c.min || n > c.max)
        return fmt::format("expected a whole number from {} to {}, found '{}'", c.min, c.max, v);
      return "";
    }
    case ColumnKind::real: {
      char* end = nullptr;
      double x = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(x >= 0)) return fmt::format("expected a number >= 0, found '{}'", v);
      return "";
    }
    case ColumnKind::date:
      if (!parse_date(v)) return fmt::format("expected a date YYYY-MM-DD, found '{}'", v);
      return "";
    case ColumnKind::boolean:
      if (v != "true" && v != "false") return fmt::format("expected true or false, found '{}'", v);
      return "";
    case ColumnKind::leave_type:
      if (!parse_leave_type(v))
        return fmt::format("unknown leave type '{}'; types: vacation, sick, conference, parental, other", v);
      return "";
    case ColumnKind::max_shifts: {
      std::size_t pos = 0;
      std::vector<std::string> named;
      while (pos <= v.size()) {
        std::size_t bar = v.find('|', pos);
        std::string part = v.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos);
        auto eq = part.find('=');
        long long n = 0;
        if (eq == std::string::npos || eq == 0 || !whole_number(part.substr(eq + 1), n) || n < 0)
          return fmt::format("expected SHIFT=N|SHIFT=N, found '{}'", v);
        const std::string shift = part.substr(0, eq);
        if (std::find(named.begin(), named.end(), shift) != named.end())
          return fmt::format("shift '{}' is given twice in '{}'", shift, v);
        named.push_back(shift);
        if (bar == std::string::npos) break;
        pos = bar + 1;
      }
      return "";
    }
  }
  return "";
}

}  // namespace rota::store
