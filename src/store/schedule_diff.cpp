#include "rota/store/schedule_diff.hpp"

#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "rota/util/csv.hpp"

namespace rota::store {

namespace {

using Day = std::pair<std::string, std::string>;  // date, resident

std::map<Day, std::string> by_day(const std::vector<StoredAssignment>& rows) {
  std::map<Day, std::set<std::string>> shifts;
  for (const StoredAssignment& a : rows) shifts[{a.date, a.resident}].insert(a.shift);
  std::map<Day, std::string> out;
  for (const auto& [day, set] : shifts) {
    std::string joined;
    for (const std::string& s : set) joined += (joined.empty() ? "" : "+") + s;
    out[day] = joined;
  }
  return out;
}

}  // namespace

std::vector<ChangedDay> schedule_diff(const std::vector<StoredAssignment>& before,
                                      const std::vector<StoredAssignment>& after) {
  const auto a = by_day(before), b = by_day(after);
  std::set<Day> days;
  for (const auto& [d, s] : a) days.insert(d);
  for (const auto& [d, s] : b) days.insert(d);
  std::vector<ChangedDay> out;
  for (const Day& d : days) {
    auto ia = a.find(d), ib = b.find(d);
    std::string x = ia == a.end() ? "" : ia->second, y = ib == b.end() ? "" : ib->second;
    if (x != y) out.push_back({d.first, d.second, x, y});
  }
  return out;
}

std::string schedule_diff_csv(const std::vector<ChangedDay>& changes) {
  std::string out = "date,resident,before,after\n";
  for (const ChangedDay& c : changes)
    out += fmt::format("{},{},{},{}\n", c.date, csv_field(c.resident), csv_field(c.before), csv_field(c.after));
  return out;
}

}  // namespace rota::store
