#pragma once

// `rota import TABLE FILE.csv --db FILE`: loads one roster table from CSV
// in one transaction, matching rows on the table's natural key (an upsert),
// so importing the same file twice changes nothing.

#include <string>
#include <vector>

#include "rota/util/diagnostics.hpp"

namespace rota::store {

class Database;

struct ImportOptions {
  bool skip_bad = false;  // load the good rows, report the bad ones as warnings
};

struct ImportResult {
  long long rows = 0;       // data rows in the file
  long long written = 0;    // rows inserted or changed
  long long unchanged = 0;  // rows already stored with the same values
  long long skipped = 0;    // bad rows left out (with skip_bad)
  Diagnostics problems;     // one per bad cell or row: file, line, column
  bool loaded = false;      // false: nothing was written
};

// Throws std::runtime_error when the file cannot be read. A bad header
// loads nothing, even with skip_bad.
ImportResult import_table(Database& db, const std::string& table, const std::string& csv_path,
                          const ImportOptions& options);

}  // namespace rota::store
