#include "rota/io/schedule_grid.hpp"

#include <map>
#include <set>

#include "rota/util/csv.hpp"

namespace rota {

std::string format_schedule_grid(const std::vector<std::string>& residents, Date start, int days,
                                 const std::vector<GridEntry>& entries) {
  std::vector<std::string> rows = residents;
  std::set<std::string> seen(residents.begin(), residents.end());
  std::map<std::pair<std::string, std::string>, std::string> cell;
  for (const GridEntry& e : entries) {
    if (seen.insert(e.resident).second) rows.push_back(e.resident);
    std::string& c = cell[{e.resident, e.date}];
    c += (c.empty() ? "" : "+") + e.shift;
  }
  std::vector<std::string> dates;
  for (int d = 0; d < days; ++d) dates.push_back(format_date(start + date::days{d}));
  std::string out = "resident";
  for (const std::string& d : dates) out += "," + d;
  out += "\n";
  for (const std::string& r : rows) {
    out += csv_field(r);
    for (const std::string& d : dates) {
      auto it = cell.find({r, d});
      out += "," + (it == cell.end() ? std::string() : csv_field(it->second));
    }
    out += "\n";
  }
  return out;
}

}  // namespace rota
