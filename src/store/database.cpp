#include "rota/store/database.hpp"

#include <filesystem>
#include <stdexcept>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <fmt/format.h>

#include "rota/util/atomic_file.hpp"

namespace rota::store {

namespace {

bool readable(SQLite::Database& db) {
  try {
    (void)db.execAndGet("PRAGMA user_version");
    return true;
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode() & 0xff;
    if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN) return false;
    throw;
  }
}

std::string immutable_uri(const std::string& path) {
  std::string out = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else out += c;
  }
  return out + "?immutable=1";
}

// Forward migrations: entry i takes a database from version i to i + 1.
// A shipped migration never changes; a new version appends one.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> steps = {
      // 0 -> 1: the roster tables. Natural keys are the primary keys, so a
      // re-import updates rows in place; per-date tables are indexed by
      // date for the loader, which reads only the horizon's dates (so a
      // date must be a real YYYY-MM-DD date, or a range would miss it).
      R"sql(
CREATE TABLE residents (
  id TEXT NOT NULL PRIMARY KEY, name TEXT, pgy INTEGER NOT NULL,
  max_shifts TEXT, min_hours REAL, max_hours REAL, min_consecutive INTEGER, max_consecutive INTEGER,
  min_days_off_run INTEGER, max_weekends INTEGER);
CREATE TABLE rotations (
  resident TEXT NOT NULL REFERENCES residents(id) ON UPDATE CASCADE ON DELETE CASCADE,
  rotation TEXT NOT NULL, "from" TEXT NOT NULL CHECK (date("from") IS "from"), "to" TEXT NOT NULL CHECK (date("to") IS "to"),
  PRIMARY KEY (resident, rotation, "from"));
CREATE TABLE leave (
  resident TEXT NOT NULL REFERENCES residents(id) ON UPDATE CASCADE ON DELETE CASCADE,
  "from" TEXT NOT NULL CHECK (date("from") IS "from"), "to" TEXT NOT NULL CHECK (date("to") IS "to"),
  type TEXT NOT NULL DEFAULT 'vacation',
  PRIMARY KEY (resident, "from"));
CREATE TABLE unavailable (
  resident TEXT NOT NULL REFERENCES residents(id) ON UPDATE CASCADE ON DELETE CASCADE,
  date TEXT NOT NULL CHECK (date(date) IS date), PRIMARY KEY (resident, date));
CREATE TABLE requests (
  resident TEXT NOT NULL REFERENCES residents(id) ON UPDATE CASCADE ON DELETE CASCADE,
  date TEXT NOT NULL CHECK (date(date) IS date), shift TEXT NOT NULL DEFAULT '', off TEXT, weight INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (resident, date, shift));
CREATE TABLE fixed (
  resident TEXT NOT NULL REFERENCES residents(id) ON UPDATE CASCADE ON DELETE CASCADE,
  date TEXT NOT NULL CHECK (date(date) IS date), shift TEXT NOT NULL, PRIMARY KEY (resident, date));
CREATE TABLE history (
  resident TEXT NOT NULL REFERENCES residents(id) ON UPDATE CASCADE ON DELETE CASCADE,
  date TEXT NOT NULL CHECK (date(date) IS date), shift TEXT NOT NULL, PRIMARY KEY (resident, date));
CREATE INDEX unavailable_by_date ON unavailable(date);
CREATE INDEX requests_by_date ON requests(date);
CREATE INDEX fixed_by_date ON fixed(date);
)sql",
      // 1 -> 2: the run history. Each `solve --db` is one run: what it was
      // given, what it found and how long it took; its schedule as the CSV
      // rows it wrote; the checker's findings on that schedule.
      R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, program TEXT NOT NULL,
  program_name TEXT NOT NULL, horizon_start TEXT NOT NULL, horizon_days INTEGER NOT NULL,
  inputs_hash TEXT NOT NULL, options TEXT NOT NULL, status TEXT NOT NULL,
  cost INTEGER, coverage INTEGER, requests INTEGER, fairness INTEGER, changes INTEGER, warnings INTEGER,
  violations INTEGER, seconds REAL, seconds_to_first REAL, seconds_to_best REAL, effort INTEGER,
  baseline TEXT, freeze_until TEXT);
CREATE TABLE run_assignments (
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  date TEXT NOT NULL, resident TEXT NOT NULL, shift TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT NOT NULL,
  hours TEXT NOT NULL, PRIMARY KEY (run, date, resident, shift)) WITHOUT ROWID;
CREATE TABLE run_findings (
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, rule TEXT NOT NULL, severity TEXT NOT NULL,
  resident TEXT, "from" TEXT, "to" TEXT, value REAL, "limit" REAL, message TEXT NOT NULL);
CREATE INDEX run_findings_by_run ON run_findings(run);
)sql",
      // 2 -> 3: the program's time zone with each run, for calendars
      // (runs recorded before have none; their calendars are in UTC).
      R"sql(
ALTER TABLE runs ADD COLUMN timezone TEXT;
)sql",
  };
  return steps;
}

}  // namespace

bool is_write_failure(int sqlite_code) {
  const int code = sqlite_code & 0xff;
  return code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
         code == SQLITE_PERM;
}

int Database::current_version() { return static_cast<int>(migrations().size()); }

Database::Database(const std::string& path, Mode mode, int target) : path_(path) {
  const bool exists = std::filesystem::exists(path);
  if (mode == Mode::read_only && !exists) throw std::runtime_error(fmt::format("{}: no such database", path));
  try {
    db_ = std::make_unique<SQLite::Database>(
        path, mode == Mode::read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db_->setBusyTimeout(5000);
    if (mode == Mode::read_only && !readable(*db_) && !std::filesystem::exists(path + "-wal")) {
      // A WAL database in a directory this user may not write cannot be
      // read the usual way (its shared-memory file cannot be made); no
      // writer of ours can be at work there either, so it is read as an
      // immutable file (not when a WAL file holds commits the main file
      // lacks yet: those would be missed).
      db_ = std::make_unique<SQLite::Database>(immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    }
    // SQLite opens a file it may not write read-only without a word; a
    // command that means to write says so now, before any work.
    if (mode == Mode::read_write && sqlite3_db_readonly(db_->getHandle(), "main") == 1)
      throw OutputError(fmt::format("{}: cannot write the database (read-only file or directory)", path));
    db_->exec("PRAGMA foreign_keys = ON");
    if (mode == Mode::read_write) db_->exec("PRAGMA journal_mode = WAL");
    // Any read fails here when the file is not a database at all.
    (void)version();
  } catch (const SQLite::Exception& e) {
    if (mode == Mode::read_write && is_write_failure(e.getErrorCode()))
      throw OutputError(fmt::format("{}: cannot open the database for writing: {}", path, e.what()));
    throw std::runtime_error(fmt::format("{}: cannot open the database: {}", path, e.what()));
  }
  const int v = version();
  if (v > current_version())
    throw std::runtime_error(fmt::format("{}: schema version {} is newer than this rota knows ({}); "
                                         "upgrade rota",
                                         path, v, current_version()));
  if (v < target) {
    if (mode == Mode::read_only)
      throw std::runtime_error(fmt::format("{}: schema version {} is older than {}; open it once with "
                                           "`rota import` to migrate it",
                                           path, v, current_version()));
    migrate_to(target);
  }
}

Database::~Database() = default;

int Database::version() const { return db_->execAndGet("PRAGMA user_version").getInt(); }

void Database::migrate_to(int target) {
  try {
    SQLite::Transaction tx(*db_);
    for (int v = version(); v < target && v < current_version(); ++v) {
      db_->exec(migrations()[static_cast<std::size_t>(v)]);
      db_->exec(fmt::format("PRAGMA user_version = {}", v + 1));
    }
    tx.commit();
  } catch (const SQLite::Exception& e) {
    throw OutputError(fmt::format("{}: cannot migrate the schema: {}", path_, e.what()));
  }
}

}  // namespace rota::store
