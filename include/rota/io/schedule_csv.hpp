#pragma once

#include <string>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/model/schedule.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota {

// Reads a schedule CSV (SPEC.md section 4): needs the columns date,
// resident, shift in any order; other columns are ignored. An empty shift
// or OFF is a day off; exact duplicate rows are ignored. Unknown residents
// or shifts and dates outside the horizon are recorded in `diags`.
Schedule read_schedule_csv(const std::string& path, const Program& program, const Roster& roster,
                           Diagnostics& diags);
Schedule parse_schedule_csv(const std::string& text, const std::string& path,
                            const Program& program, const Roster& roster, Diagnostics& diags);

// date,resident,shift,start,end,hours — sorted by date then resident.
std::string format_schedule_csv(const Schedule& schedule, const Program& program,
                                const Roster& roster);

}  // namespace rota
