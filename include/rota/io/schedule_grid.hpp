#pragma once

// The schedule as a grid (SPEC.md section 4, `--format grid`): a header
// `resident,DATE,...` over the horizon, then one row per resident (in the
// order given) whose cells hold the shift ids of that day ("+" between
// two), empty for a day off.

#include <string>
#include <vector>

#include "rota/util/civil_date.hpp"

namespace rota {

struct GridEntry {
  std::string resident, date, shift;  // date as YYYY-MM-DD
};

// Residents not in `residents` but in `entries` get rows after them.
std::string format_schedule_grid(const std::vector<std::string>& residents, Date start, int days,
                                 const std::vector<GridEntry>& entries);

}  // namespace rota
