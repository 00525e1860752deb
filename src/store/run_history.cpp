#include "rota/store/run_history.hpp"

#include <algorithm>
#include <chrono>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "rota/store/database.hpp"
#include "rota/util/atomic_file.hpp"
#include "rota/util/csv.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota::store {

namespace {

const char* kRunColumns =
    "id, started, finished, program, program_name, horizon_start, horizon_days, inputs_hash, options, status, "
    "cost, coverage, requests, fairness, changes, warnings, violations, seconds, seconds_to_first, "
    "seconds_to_best, effort, baseline, freeze_until, timezone, "
    "(SELECT count(*) FROM run_assignments a WHERE a.run = runs.id)";

RunRecord read_run(SQLite::Statement& q) {
  RunRecord r;
  int i = 0;
  auto text = [&]() {
    SQLite::Column c = q.getColumn(i++);
    return c.isNull() ? std::string() : c.getString();
  };
  auto integer = [&]() { return q.getColumn(i++).getInt64(); };
  auto real = [&]() { return q.getColumn(i++).getDouble(); };
  r.id = integer();
  r.started = text();
  r.finished = text();
  r.program = text();
  r.program_name = text();
  r.horizon_start = text();
  r.horizon_days = static_cast<int>(integer());
  r.inputs_hash = text();
  r.options = text();
  r.status = text();
  if (!q.getColumn(i).isNull()) r.cost = q.getColumn(i).getInt64();
  ++i;
  r.breakdown.coverage = integer();
  r.breakdown.requests = integer();
  r.breakdown.fairness = integer();
  r.breakdown.changes = integer();
  r.breakdown.warnings = integer();
  r.violations = integer();
  r.seconds = real();
  r.seconds_to_first = real();
  r.seconds_to_best = real();
  r.effort = static_cast<unsigned long long>(integer());
  r.baseline = text();
  r.freeze_until = text();
  r.timezone = text();
  r.assignments = integer();
  return r;
}

}  // namespace

namespace {

long long insert_run(Database& db, const RunRecord& run, const std::vector<StoredAssignment>& schedule,
                     const std::vector<ComplianceFinding>& findings, const std::vector<std::string>& resident_ids) {
  SQLite::Transaction tx(db.sql());
  SQLite::Statement ins(db.sql(),
                        "INSERT INTO runs (started, finished, program, program_name, horizon_start, horizon_days, "
                        "inputs_hash, options, status, cost, coverage, requests, fairness, changes, warnings, "
                        "violations, seconds, seconds_to_first, seconds_to_best, effort, baseline, freeze_until, timezone) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  int i = 1;
  ins.bind(i++, run.started);
  ins.bind(i++, run.finished);
  ins.bind(i++, run.program);
  ins.bind(i++, run.program_name);
  ins.bind(i++, run.horizon_start);
  ins.bind(i++, run.horizon_days);
  ins.bind(i++, run.inputs_hash);
  ins.bind(i++, run.options);
  ins.bind(i++, run.status);
  if (run.cost) ins.bind(i++, static_cast<int64_t>(*run.cost));
  else ins.bind(i++);
  for (long long v : {run.breakdown.coverage, run.breakdown.requests, run.breakdown.fairness,
                      run.breakdown.changes, run.breakdown.warnings, run.violations})
    ins.bind(i++, static_cast<int64_t>(v));
  ins.bind(i++, run.seconds);
  ins.bind(i++, run.seconds_to_first);
  ins.bind(i++, run.seconds_to_best);
  ins.bind(i++, static_cast<int64_t>(run.effort));
  if (run.baseline.empty()) ins.bind(i++);
  else ins.bind(i++, run.baseline);
  if (run.freeze_until.empty()) ins.bind(i++);
  else ins.bind(i++, run.freeze_until);
  if (run.timezone.empty()) ins.bind(i++);
  else ins.bind(i++, run.timezone);
  ins.exec();
  const long long id = db.sql().getLastInsertRowid();

  SQLite::Statement row(db.sql(), "INSERT INTO run_assignments VALUES (?,?,?,?,?,?,?)");
  for (const StoredAssignment& a : schedule) {
    row.bind(1, static_cast<int64_t>(id));
    row.bind(2, a.date);
    row.bind(3, a.resident);
    row.bind(4, a.shift);
    row.bind(5, a.start);
    row.bind(6, a.end);
    row.bind(7, a.hours);
    row.exec();
    row.reset();
  }
  SQLite::Statement fnd(db.sql(), "INSERT INTO run_findings VALUES (?,?,?,?,?,?,?,?,?)");
  for (const ComplianceFinding& f : findings) {
    fnd.bind(1, static_cast<int64_t>(id));
    fnd.bind(2, f.rule);
    fnd.bind(3, f.severity == FindingSeverity::violation ? "violation" : "warning");
    if (f.resident) fnd.bind(4, resident_ids.at(static_cast<std::size_t>(*f.resident)));
    else fnd.bind(4);
    fnd.bind(5, f.from);
    fnd.bind(6, f.to);
    fnd.bind(7, f.value);
    fnd.bind(8, f.limit);
    fnd.bind(9, f.message);
    fnd.exec();
    fnd.reset();
  }
  tx.commit();
  return id;
}

}  // namespace

long long record_run(Database& db, const RunRecord& run, const std::vector<StoredAssignment>& schedule,
                     const std::vector<ComplianceFinding>& findings, const std::vector<std::string>& resident_ids) {
  try {
    return insert_run(db, run, schedule, findings, resident_ids);
  } catch (const SQLite::Exception& e) {  // the transaction was rolled back
    throw OutputError(fmt::format("{}: cannot record the run: {}", db.path(), e.what()));
  }
}

std::vector<RunRecord> list_runs(Database& db) {
  SQLite::Statement q(db.sql(), fmt::format("SELECT {} FROM runs ORDER BY id", kRunColumns));
  std::vector<RunRecord> out;
  while (q.executeStep()) out.push_back(read_run(q));
  return out;
}

std::optional<RunRecord> find_run(Database& db, long long id) {
  SQLite::Statement q(db.sql(), fmt::format("SELECT {} FROM runs WHERE id = ?", kRunColumns));
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_run(q);
}

std::optional<long long> latest_run_with_schedule(Database& db) {
  SQLite::Statement q(db.sql(), "SELECT max(run) FROM run_assignments");
  if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

std::vector<StoredAssignment> found_schedule(Database& db, long long id, const std::string& db_path,
                                             const std::string& key) {
  const std::optional<RunRecord> run = find_run(db, id);
  if (!run) throw InputError({db_path, 0, 0}, key, fmt::format("no run {} in the database", id));
  std::vector<StoredAssignment> rows = run_schedule(db, id);
  if (run->status == "infeasible" || run->status == "no-solution" || (run->status == "interrupted" && rows.empty()))
    throw InputError({db_path, 0, 0}, key, fmt::format("run {} has no schedule (status {})", id, run->status));
  return rows;
}

std::vector<StoredAssignment> run_schedule(Database& db, long long id) {
  // The CSV's own order: by date, then resident, then the shift's start.
  SQLite::Statement q(db.sql(),
                      "SELECT date, resident, shift, start, \"end\", hours FROM run_assignments WHERE run = ? "
                      "ORDER BY date, resident, start, shift");
  q.bind(1, static_cast<int64_t>(id));
  std::vector<StoredAssignment> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString()});
  return out;
}

std::string stored_schedule_csv(const std::vector<StoredAssignment>& rows) {
  std::string out = "date,resident,shift,start,end,hours\n";
  for (const StoredAssignment& a : rows)
    out += fmt::format("{},{},{},{},{},{}\n", a.date, csv_field(a.resident), csv_field(a.shift), a.start, a.end,
                       a.hours);
  return out;
}

std::vector<StoredAssignment> parse_stored_schedule(const std::string& text, const std::string& path) {
  CsvReader reader(text);
  std::optional<CsvRecord> header;
  try {
    header = reader.next();
  } catch (const CsvError& e) {
    throw InputError({path, e.line, e.column}, "", e.what());
  }
  if (!header) throw InputError({path, 1, 0}, "", "empty file: expected the header date,resident,shift");
  auto find = [&](const char* name) -> int {
    auto it = std::find(header->fields.begin(), header->fields.end(), name);
    return it == header->fields.end() ? -1 : static_cast<int>(it - header->fields.begin());
  };
  const int date = find("date"), resident = find("resident"), shift = find("shift");
  const int start = find("start"), end = find("end"), hours = find("hours");
  for (auto [col, name] : {std::pair{date, "date"}, {resident, "resident"}, {shift, "shift"}})
    if (col < 0) throw InputError({path, header->line, 0}, name, fmt::format("missing column '{}'", name));
  std::vector<StoredAssignment> out;
  try {
    while (auto rec = reader.next()) {
      auto at = [&](int c) { return c >= 0 && c < static_cast<int>(rec->fields.size()) ? rec->fields[c] : ""; };
      if (rec->fields.size() != header->fields.size())
        throw InputError({path, rec->line, 0}, "",
                         fmt::format("expected {} fields as in the header, found {}", header->fields.size(),
                                     rec->fields.size()));
      if (!parse_date(at(date)))
        throw InputError({path, rec->line, 0}, "date",
                         fmt::format("expected a date YYYY-MM-DD, found '{}'", at(date)));
      out.push_back({at(date), at(resident), at(shift), at(start), at(end), at(hours)});
    }
  } catch (const CsvError& e) {
    throw InputError({path, e.line, e.column}, "", e.what());
  }
  std::sort(out.begin(), out.end(), [](const StoredAssignment& a, const StoredAssignment& b) {
    return std::tie(a.date, a.resident, a.shift) < std::tie(b.date, b.resident, b.shift);
  });
  return out;
}

std::string utc_now() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto day = std::chrono::floor<std::chrono::days>(now);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss<std::chrono::seconds> t{now - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), t.hours().count(),
                     t.minutes().count(), t.seconds().count());
}

}  // namespace rota::store
