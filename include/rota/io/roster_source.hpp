#pragma once

#include <memory>
#include <string>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota {

// Where the roster comes from: a YAML file today, a SQLite database later.
// Every source yields the same validated Roster for a given program.
class RosterSource {
 public:
  virtual ~RosterSource() = default;
  // Records every problem in `diags`; the Roster is meaningful only when
  // `diags` has no errors.
  virtual Roster load(const Program& program, Diagnostics& diags) const = 0;
};

// The roster tables of a YAML file (SPEC.md section 3). With
// `shared_with_program`, the file is the program file itself and its
// program keys are skipped.
std::unique_ptr<RosterSource> yaml_roster_source(std::string path, bool shared_with_program = false);

// Roster tables from YAML text in memory (program keys allowed and skipped).
Roster parse_roster_yaml(const std::string& text, const std::string& path, const Program& program,
                         Diagnostics& diags);

}  // namespace rota
