// rota export --db FILE [--run ID] --format csv|grid|json|ics: a stored schedule.

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "commands.hpp"
#include "rota/exit_code.hpp"
#include "rota/io/schedule_grid.hpp"
#include "rota/report/ics_calendar.hpp"
#include "rota/store/database.hpp"
#include "rota/store/duty_events.hpp"
#include "rota/store/run_history.hpp"
#include "rota/util/atomic_file.hpp"
#include "rota/util/civil_date.hpp"
#include "rota/util/csv.hpp"
#include "rota/util/diagnostics.hpp"
#include "rota/util/json_writer.hpp"

namespace rota::cli {

namespace {

struct ExportOptions {
  std::string db;
  long long run = 0;  // 0: the newest run with a schedule
  std::string format = "csv";
  std::string out;
  std::string per_resident;  // ics: one calendar per resident in this directory
};

// The residents of the database's roster, then any other resident of the run.
std::vector<std::string> run_residents(store::Database& db, const std::vector<store::StoredAssignment>& rows) {
  std::vector<std::string> residents;
  std::set<std::string> seen;
  SQLite::Statement q(db.sql(), "SELECT id FROM residents ORDER BY rowid");
  while (q.executeStep())
    if (seen.insert(q.getColumn(0).getString()).second) residents.push_back(q.getColumn(0).getString());
  for (const auto& a : rows)
    if (seen.insert(a.resident).second) residents.push_back(a.resident);
  return residents;
}

// One row per resident (in the residents table's order, then any other
// resident of the run), one column per date of the run's horizon.
std::string grid_csv(store::Database& db, const store::RunRecord& run, const std::vector<store::StoredAssignment>& rows) {
  std::vector<GridEntry> entries;
  for (const auto& a : rows) entries.push_back({a.resident, a.date, a.shift});
  const auto start = parse_date(run.horizon_start);
  if (!start)
    throw InputError({db.path(), 0, 0}, "runs.horizon_start",
                     fmt::format("run {} has no valid horizon start ('{}')", run.id, run.horizon_start));
  return format_schedule_grid(run_residents(db, rows), *start, run.horizon_days, entries);
}

std::string json_export(const store::RunRecord& run, const std::vector<store::StoredAssignment>& rows) {
  JsonWriter j;
  j.begin_object().key("run").value(run.id).key("program").value(run.program).key("status").value(run.status);
  j.key("cost");
  if (run.cost) j.value(*run.cost);
  else j.null();
  j.key("horizon").begin_object().key("start").value(run.horizon_start).key("days").value(run.horizon_days).end_object();
  j.key("assignments").begin_array();
  for (const auto& a : rows)
    j.begin_object().key("date").value(a.date).key("resident").value(a.resident).key("shift").value(a.shift)
        .key("start").value(a.start).key("end").value(a.end).key("hours").value(a.hours).end_object();
  j.end_array().end_object();
  return j.str() + "\n";
}

// A resident's calendar file name: the id, with any byte but letters,
// digits, '-', '_' and an inner '.' written as %XX (ids come from input
// data and must not name another directory).
std::string calendar_file_name(const std::string& resident) {
  std::string out;
  for (std::size_t i = 0; i < resident.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(resident[i]);
    if (std::isalnum(c) || c == '-' || c == '_' || (c == '.' && i > 0)) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out + ".ics";
}

Calendar calendar_of(const store::RunRecord& run, const std::vector<store::DutyEvent>& events,
                     const std::string* resident) {
  Calendar cal;
  cal.name = resident ? fmt::format("{} ({})", *resident, run.program_name) : run.program_name;
  cal.timezone = run.timezone;
  cal.stamp = run.finished.empty() ? run.started : run.finished;
  for (const store::DutyEvent& e : events) {
    if (resident && e.row.resident != *resident) continue;
    CalendarEvent ce;
    ce.uid = e.uid;
    ce.sequence = e.sequence;
    ce.start = e.row.start;
    ce.end = e.row.end;
    ce.summary = resident ? e.row.shift : fmt::format("{}: {}", e.row.resident, e.row.shift);
    ce.description = fmt::format("{} on {} ({} duty hours), {}", e.row.resident, e.row.shift, e.row.hours,
                                 run.program_name);
    cal.events.push_back(std::move(ce));
  }
  return cal;
}

int export_ics(store::Database& db, const ExportOptions& opt, const store::RunRecord& run,
               const std::vector<store::StoredAssignment>& rows) {
  const auto events = store::duty_events(db, run, rows);
  if (run.timezone.empty())
    fmt::print(stderr, "rota: warning: run {} was recorded before time zones were kept: times are in UTC\n", run.id);
  if (opt.per_resident.empty()) {
    const std::string text = format_ics(calendar_of(run, events, nullptr));
    if (opt.out.empty() || opt.out == "-") fmt::print("{}", text);
    else write_file_atomically(opt.out, text);
    return to_int(ExitCode::ok);
  }
  // Every calendar is made before any is written.
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& r : run_residents(db, rows))
    files.emplace_back(calendar_file_name(r), format_ics(calendar_of(run, events, &r)));
  std::error_code ec;
  std::filesystem::create_directories(opt.per_resident, ec);
  if (ec) throw OutputError(fmt::format("{}: cannot create the directory: {}", opt.per_resident, ec.message()));
  for (const auto& [name, text] : files) write_file_atomically((std::filesystem::path(opt.per_resident) / name).string(), text);
  return to_int(ExitCode::ok);
}

int run_export(const ExportOptions& opt) {
  store::Database db(opt.db, store::Database::Mode::read_only);
  long long id = opt.run;
  if (id == 0) {
    auto latest = store::latest_run_with_schedule(db);
    if (!latest) throw InputError({opt.db, 0, 0}, "--run", "no run with a schedule in the database");
    id = *latest;
  }
  const auto rows = store::found_schedule(db, id, opt.db, "--run");
  const auto run = store::find_run(db, id);
  if (opt.format == "ics") return export_ics(db, opt, *run, rows);
  const std::string text = opt.format == "grid"   ? grid_csv(db, *run, rows)
                           : opt.format == "json" ? json_export(*run, rows)
                                                  : store::stored_schedule_csv(rows);
  if (opt.out.empty() || opt.out == "-") fmt::print("{}", text);
  else write_file_atomically(opt.out, text);
  return to_int(ExitCode::ok);
}

}  // namespace

void add_export_command(CLI::App& app, const CommonOptions&, Action& action) {
  auto opt = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "write a schedule stored by an earlier solve --db");
  cmd->add_option("--db", opt->db, "the rota database")->required();
  cmd->add_option("--run", opt->run, "the run's id (default: the newest run with a schedule)")->check(CLI::PositiveNumber);
  cmd->add_option("-f,--format", opt->format,
                  "csv (the schedule CSV), grid (residents x dates), json, or ics (an iCalendar file)")
      ->check(CLI::IsMember({"csv", "grid", "json", "ics"}));
  auto* out = cmd->add_option("-o,--out", opt->out, "write to FILE (atomically) instead of stdout");
  cmd->add_option("--per-resident", opt->per_resident, "with --format ics: one calendar per resident, DIR/RESIDENT.ics")
      ->excludes(out);
  cmd->callback([&action, opt] {
    if (!opt->per_resident.empty() && opt->format != "ics")
      throw CLI::ValidationError("--per-resident", "writes calendars: it needs --format ics");
    action = [opt] { return run_export(*opt); };
  });
}

}  // namespace rota::cli
