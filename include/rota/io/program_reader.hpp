#pragma once

#include <string>
#include <vector>

#include "rota/model/program.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota {

// Top-level keys of the roster (SPEC.md section 3); a program file may
// carry them too, so that a small program fits in one file.
const std::vector<std::string>& roster_table_names();

// Reads a program YAML file (SPEC.md section 2), filling in every default.
// Every problem is recorded in `diags`; the returned Program is only
// meaningful when `diags` has no errors.
Program read_program_yaml(const std::string& path, Diagnostics& diags);
// The same from text already in memory; `path` names it in diagnostics.
Program parse_program_yaml(const std::string& text, const std::string& path, Diagnostics& diags);

}  // namespace rota
