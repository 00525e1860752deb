#pragma once

// The roster tables of SPEC.md section 3 as the database stores them: each
// column's name, kind and whether it is required, and each table's natural
// key (what a re-import matches on). One description serves the schema,
// the CSV import and the roster loader.

#include <optional>
#include <string>
#include <vector>

namespace rota::store {

enum class ColumnKind {
  text,        // any text
  resident,    // a resident id that the residents table holds
  integer,     // whole number within [min, max]
  real,        // number >= 0
  date,        // YYYY-MM-DD
  boolean,     // true / false
  leave_type,  // vacation, sick, conference, parental, other
  max_shifts,  // WD=5|WN=3
};

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::text;
  bool required = false;
  bool key = false;                   // part of the natural key
  long long min = 0, max = 0;         // integer bounds
  std::optional<std::string> fill;    // stored when the cell is empty (key columns cannot be NULL)
};

struct TableSpec {
  std::string name;
  std::vector<Column> columns;
  const Column* column(const std::string& name) const;
  std::vector<std::string> column_names() const;
};

const std::vector<TableSpec>& roster_tables();
const TableSpec* find_roster_table(const std::string& name);
std::vector<std::string> roster_table_names_in_order();

// "from" -> "\"from\"": every identifier is quoted in SQL.
std::string quoted_identifier(const std::string& name);

// Checks one cell against its column; the message says what was expected
// (empty when the value is fine). Resident references are checked by the
// caller, which knows the residents.
std::string check_cell(const Column& c, const std::string& value);

}  // namespace rota::store
