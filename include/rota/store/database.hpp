#pragma once

// The SQLite database of a program: its roster tables (SPEC.md section 3)
// and, later, its run history. Opening it applies the connection settings
// (foreign keys, WAL, a busy timeout) and every forward migration the file
// lacks; `PRAGMA user_version` records the schema version.

#include <memory>
#include <string>

namespace SQLite {
class Database;
}

namespace rota::store {

// True for an SQLite result code (primary or extended) that means the
// database could not be written: full, I/O error, read-only, no permission.
bool is_write_failure(int sqlite_code);

class Database {
 public:
  enum class Mode { read_only, read_write };
  // The schema version this build writes.
  static int current_version();

  // Throws std::runtime_error naming the file: it cannot be opened, is not
  // a rota database, or was written by a newer rota. read_only never
  // creates nor migrates; read_write creates the file when missing and
  // migrates it to `version` (tests build older versions with it).
  Database(const std::string& path, Mode mode, int version = current_version());
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  SQLite::Database& sql() { return *db_; }
  const std::string& path() const { return path_; }
  int version() const;

 private:
  void migrate_to(int target);
  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace rota::store
