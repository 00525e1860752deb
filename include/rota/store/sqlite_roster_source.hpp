#pragma once

#include <memory>
#include <string>

#include "rota/io/roster_source.hpp"

namespace rota {

// The roster tables of a rota database (`--db FILE`). The rows are checked
// exactly as the YAML roster's are; a problem is reported with the
// database's path, the row's rowid in place of a line, and `table.column`
// as the key. Per-date tables are read for the horizon's dates only.
std::unique_ptr<RosterSource> sqlite_roster_source(std::string path);

}  // namespace rota
