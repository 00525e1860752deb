#include "rota/store/sqlite_roster_source.hpp"

#include <regex>
#include <utility>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "rota/store/database.hpp"
#include "rota/store/roster_tables.hpp"

namespace rota {

namespace {

// A YAML double-quoted scalar: nothing in a cell can change the structure.
std::string yaml_quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

class SqliteRosterSource : public RosterSource {
 public:
  explicit SqliteRosterSource(std::string path) : path_(std::move(path)) {}

  // The rows become the YAML roster text (one row per line) that the YAML
  // reader checks; its findings are then mapped back to table and rowid.
  Roster load(const Program& program, Diagnostics& diags) const override {
    std::string text;
    std::vector<std::pair<std::string, long long>> row_of_line;  // [line - 1]: table, rowid (0: its header)
    long long residents = 0;
    try {
      store::Database db(path_, store::Database::Mode::read_only);
      const std::string start = format_date(program.horizon_start), end = format_date(program.horizon_end());
      for (const store::TableSpec& t : store::roster_tables()) {
        std::string sql = "SELECT rowid";
        for (const store::Column& c : t.columns) sql += ", " + store::quoted_identifier(c.name);
        sql += " FROM " + store::quoted_identifier(t.name);
        const bool by_date = t.column("date") && t.name != "history";
        // The schema admits real dates only, so a range finds the horizon's.
        if (by_date) sql += " WHERE date >= ?1 AND date < ?2";
        sql += " ORDER BY rowid";
        SQLite::Statement q(db.sql(), sql);
        if (by_date) {
          q.bind(1, start);
          q.bind(2, end);
        }
        text += t.name + ":\n";
        row_of_line.emplace_back(t.name, 0);
        while (q.executeStep()) {
          std::string line = "  - {";
          bool first = true;
          for (std::size_t i = 0; i < t.columns.size(); ++i) {
            SQLite::Column cell = q.getColumn(static_cast<int>(i + 1));
            if (cell.isNull()) continue;
            std::string value = cell.getString();
            // An empty shift stands for a request without one.
            if (value.empty() && t.columns[i].fill && t.columns[i].fill->empty()) continue;
            line += (first ? "" : ", ") + t.columns[i].name + ": " + yaml_quoted(value);
            first = false;
          }
          text += line + "}\n";
          row_of_line.emplace_back(t.name, q.getColumn(0).getInt64());
          residents += t.name == "residents" ? 1 : 0;
        }
      }
    } catch (const SQLite::Exception& e) {
      diags.error({path_, 0, 0}, "", fmt::format("cannot read the roster: {}", e.what()));
      return Roster{};
    } catch (const std::runtime_error& e) {
      std::string why = e.what();
      if (why.rfind(path_ + ": ", 0) == 0) why = why.substr(path_.size() + 2);
      diags.error({path_, 0, 0}, "", why);
      return Roster{};
    }
    if (residents == 0) {
      diags.error({path_, 0, 0}, "residents",
                  fmt::format("the database has no residents; load them with `rota import residents FILE.csv "
                              "--db {}`",
                              path_));
      return Roster{};
    }
    Diagnostics found;
    Roster roster = parse_roster_yaml(text, path_, program, found);
    static const std::regex index(R"(\[\d+\])");
    for (const Diagnostic& d : found.all()) {
      // "residents[3].pgy" -> "pgy", located at "DB: residents rowid 4".
      const int line = d.where.line;
      std::string key = std::regex_replace(d.key, index, "");
      SourceLocation where{path_, 0, 0};
      if (line >= 1 && static_cast<std::size_t>(line) <= row_of_line.size()) {
        const auto& [table, rowid] = row_of_line[static_cast<std::size_t>(line) - 1];
        if (key.rfind(table + ".", 0) == 0) key = key.substr(table.size() + 1);
        where.file = rowid ? fmt::format("{}: {} rowid {}", path_, table, rowid) : fmt::format("{}: {}", path_, table);
      }
      if (d.severity == Severity::error) diags.error(where, key, d.message);
      else diags.warning(where, key, d.message);
    }
    return roster;
  }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<RosterSource> sqlite_roster_source(std::string path) {
  return std::make_unique<SqliteRosterSource>(std::move(path));
}

}  // namespace rota
