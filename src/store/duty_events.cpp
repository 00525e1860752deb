#include "rota/store/duty_events.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <SQLiteCpp/SQLiteCpp.h>

#include "rota/store/database.hpp"
#include "rota/util/civil_date.hpp"
#include "rota/util/fingerprint.hpp"

namespace rota::store {

namespace {

using Slot = std::tuple<std::string, std::string, int>;  // resident, date, n

// The duties of one schedule, keyed by slot: what each one is.
std::map<Slot, std::string> slots(const std::vector<StoredAssignment>& rows) {
  std::map<Slot, std::string> out;
  std::map<std::pair<std::string, std::string>, int> count;
  for (const StoredAssignment& a : rows) {
    const int n = ++count[{a.resident, a.date}];
    out[{a.resident, a.date, n}] = a.shift + '\x1f' + a.start + '\x1f' + a.end;
  }
  return out;
}

}  // namespace

std::vector<DutyEvent> duty_events(Database& db, const RunRecord& run, const std::vector<StoredAssignment>& rows) {
  const std::map<Slot, std::string> mine = slots(rows);
  // Each slot's history: what it was in each earlier run of the program
  // whose horizon covered its date ("" = a day off), oldest first.
  std::map<Slot, std::string> last;
  std::map<Slot, int> sequence;
  SQLite::Statement q(db.sql(),
                      "SELECT id, horizon_start, horizon_days FROM runs WHERE program_name = ? AND id <= ? "
                      "AND EXISTS (SELECT 1 FROM run_assignments a WHERE a.run = runs.id) ORDER BY id");
  q.bind(1, run.program_name);
  q.bind(2, static_cast<int64_t>(run.id));
  struct Past {
    long long id;
    std::string from, to;  // dates, inclusive
  };
  std::vector<Past> past;
  while (q.executeStep()) {
    const auto start = parse_date(q.getColumn(1).getString());
    if (!start) continue;
    past.push_back({q.getColumn(0).getInt64(), format_date(*start),
                    format_date(*start + date::days{q.getColumn(2).getInt() - 1})});
  }
  for (const Past& p : past) {
    const std::map<Slot, std::string> then = p.id == run.id ? mine : slots(run_schedule(db, p.id));
    for (const auto& [slot, what] : mine) {
      const std::string& day = std::get<1>(slot);
      if (day < p.from || day > p.to) continue;
      auto it = then.find(slot);
      const std::string value = it == then.end() ? std::string() : it->second;
      auto seen = last.find(slot);
      if (seen != last.end() && seen->second != value) ++sequence[slot];
      last[slot] = value;
    }
  }

  std::vector<DutyEvent> out;
  out.reserve(rows.size());
  std::map<std::pair<std::string, std::string>, int> count;
  for (const StoredAssignment& a : rows) {
    const int n = ++count[{a.resident, a.date}];
    Fingerprint who;
    who.add(run.program_name);
    who.add(a.resident);
    std::string day = a.date;
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    DutyEvent e;
    e.row = a;
    e.uid = day + "-" + std::to_string(n) + "-" + who.hex() + "@rota";
    e.sequence = sequence[{a.resident, a.date, n}];
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace rota::store
