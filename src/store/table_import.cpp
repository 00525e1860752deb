#include "rota/store/table_import.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "rota/store/database.hpp"
#include "rota/store/roster_tables.hpp"
#include "rota/util/atomic_file.hpp"
#include "rota/util/csv.hpp"
#include "rota/util/suggest.hpp"

namespace rota::store {

namespace {

// INSERT ... ON CONFLICT (key) DO UPDATE of the file's other columns, only
// where a value differs: an unchanged row counts no change.
std::string upsert_sql(const TableSpec& t, const std::vector<const Column*>& cols) {
  std::vector<std::string> names, params, keys, sets, differs;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const std::string q = quoted_identifier(cols[i]->name);
    names.push_back(q);
    params.push_back(fmt::format("?{}", i + 1));
    if (!cols[i]->key) {
      sets.push_back(fmt::format("{} = excluded.{}", q, q));
      differs.push_back(fmt::format("{} IS NOT excluded.{}", q, q));
    }
  }
  for (const Column& c : t.columns)
    if (c.key) keys.push_back(quoted_identifier(c.name));
  std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO ", quoted_identifier(t.name),
                                fmt::join(names, ", "), fmt::join(params, ", "), fmt::join(keys, ", "));
  if (sets.empty()) return sql + "NOTHING";
  return sql + fmt::format("UPDATE SET {} WHERE {}", fmt::join(sets, ", "), fmt::join(differs, " OR "));
}

}  // namespace

ImportResult import_table(Database& db, const std::string& table, const std::string& csv_path,
                          const ImportOptions& options) {
  ImportResult result;
  const TableSpec* spec = find_roster_table(table);
  if (!spec) {
    result.problems.error({csv_path, 0, 0}, "",
                          fmt::format("unknown table '{}'{}; tables: {}", table,
                                      did_you_mean(table, roster_table_names_in_order()),
                                      fmt::join(roster_table_names_in_order(), ", ")));
    return result;
  }
  const std::string text = read_file(csv_path);
  CsvReader reader(text);
  std::optional<CsvRecord> header;
  try {
    header = reader.next();
  } catch (const CsvError& e) {
    result.problems.error({csv_path, e.line, e.column}, "", e.what());
    return result;
  }
  if (!header) {
    result.problems.error({csv_path, 1, 0}, "", "empty file: expected a header row naming the columns");
    return result;
  }
  // The header names the columns, in any order; each known at most once.
  std::vector<const Column*> cols;
  for (const std::string& raw : header->fields) {
    std::string name = raw;
    const Column* c = spec->column(name);
    if (!c)
      result.problems.error({csv_path, header->line, 0}, name,
                            fmt::format("unknown column '{}' for table {}{}; columns: {}", name, table,
                                        did_you_mean(name, spec->column_names()),
                                        fmt::join(spec->column_names(), ", ")));
    else if (std::find(cols.begin(), cols.end(), c) != cols.end())
      result.problems.error({csv_path, header->line, 0}, name, "column named twice");
    cols.push_back(c);
  }
  for (const Column& c : spec->columns)
    if ((c.required || (c.key && !c.fill)) && std::find(cols.begin(), cols.end(), &c) == cols.end())
      result.problems.error({csv_path, header->line, 0}, c.name,
                            fmt::format("missing required column '{}' for table {}", c.name, table));
  if (result.problems.has_errors()) return result;
  // Fill columns (such as a request's empty shift) are always written.
  for (const Column& c : spec->columns)
    if (c.fill && std::find(cols.begin(), cols.end(), &c) == cols.end()) cols.push_back(&c);
  const std::size_t in_file = header->fields.size();

  std::unordered_set<std::string> residents;
  {
    SQLite::Statement q(db.sql(), "SELECT id FROM residents");
    while (q.executeStep()) residents.insert(q.getColumn(0).getString());
  }
  const Column* from = spec->column("from");
  const Column* to = spec->column("to");
  auto position = [&](const Column* c) {
    return static_cast<std::size_t>(std::find(cols.begin(), cols.end(), c) - cols.begin());
  };
  const std::size_t from_at = from ? position(from) : 0, to_at = to ? position(to) : 0;
  // Two rows of one file with the same natural key but other values would
  // leave only the last in the table, silently: an error naming the first
  // row instead (a history of two shifts on one date cannot be held).
  // Rows repeated exactly are harmless.
  std::vector<std::size_t> key_at;
  std::vector<std::string> key_names;
  for (const Column& c : spec->columns)
    if (c.key) {
      key_at.push_back(position(&c));
      key_names.push_back(c.name);
    }
  // Per key: the first row's line and a hash of its values (a repeat is
  // told by the hash, so a large file is not held twice in memory).
  std::unordered_map<std::string, std::pair<int, std::size_t>> first_row_of_key;

  // A bigger page cache for the load: rows arrive in file order, not key
  // order, so the key index is written all over.
  db.sql().exec("PRAGMA cache_size = -65536");
  SQLite::Transaction tx(db.sql());
  SQLite::Statement insert(db.sql(), upsert_sql(*spec, cols));
  std::vector<std::string> values(cols.size());
  bool writing = true;  // false once a bad row means nothing will be loaded
  while (true) {
    std::optional<CsvRecord> rec;
    try {
      rec = reader.next();
    } catch (const CsvError& e) {
      const std::size_t at = static_cast<std::size_t>(e.column - 1);
      result.problems.error({csv_path, e.line, e.column}, at < header->fields.size() ? header->fields[at] : "",
                            e.what());
      writing = false;
      break;
    }
    if (!rec) break;
    ++result.rows;
    bool bad = false;
    auto problem = [&](const std::string& column, const std::string& message) {
      if (options.skip_bad) result.problems.warning({csv_path, rec->line, 0}, column, message);
      else result.problems.error({csv_path, rec->line, 0}, column, message);
      bad = true;
    };
    if (rec->fields.size() != in_file) {
      problem("", fmt::format("expected {} fields as in the header, found {}", in_file, rec->fields.size()));
    } else {
      for (std::size_t i = 0; i < cols.size(); ++i) {
        const Column& c = *cols[i];
        std::string& v = values[i];
        v = i < in_file ? rec->fields[i] : std::string();
        if (v.empty()) {
          if (c.fill) v = *c.fill;
          else if (c.required || c.key) problem(c.name, "missing value");
          continue;
        }
        if (std::string why = check_cell(c, v); !why.empty()) problem(c.name, why);
        else if (c.kind == ColumnKind::resident && !residents.count(v))
          problem(c.name, fmt::format("unknown resident '{}'; import the residents first", v));
      }
      if (!bad && from && to && values[to_at] < values[from_at])
        problem("to", fmt::format("'to' {} is before 'from' {}", values[to_at], values[from_at]));
      if (!bad) {
        std::string key, row;
        for (std::size_t i : key_at) (key += values[i]) += '\x1f';
        for (const std::string& v : values) (row += v) += '\x1f';
        const std::size_t row_hash = std::hash<std::string>{}(row);
        const auto [first, fresh] = first_row_of_key.try_emplace(key, rec->line, row_hash);
        if (!fresh && first->second.second != row_hash)
          problem(key_names.back(),
                  fmt::format("the same {} as line {} with other values: table {} holds one row per {}",
                              fmt::join(key_names, ", "), first->second.first, table, fmt::join(key_names, ", ")));
      }
    }
    if (bad) {
      ++result.skipped;
      if (!options.skip_bad) writing = false;
      continue;
    }
    if (spec->name == "residents") residents.insert(values[position(spec->column("id"))]);
    if (!writing) continue;  // keep checking: every bad row is reported
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (values[i].empty() && !cols[i]->fill) insert.bind(static_cast<int>(i + 1));  // NULL
      else insert.bindNoCopy(static_cast<int>(i + 1), values[i]);
    }
    const int changed = insert.exec();
    insert.reset();
    result.written += changed;
    result.unchanged += changed ? 0 : 1;
  }
  if (!writing) {
    result.written = result.unchanged = 0;
    return result;  // the transaction rolls back
  }
  tx.commit();
  result.loaded = true;
  return result;
}

}  // namespace rota::store
