#pragma once

// What changed between two schedules, resident-day by resident-day.

#include <string>
#include <vector>

#include "rota/store/run_history.hpp"

namespace rota::store {

struct ChangedDay {
  std::string date, resident;
  std::string before, after;  // shift ids joined by '+'; empty: off
};

// Sorted by date, then resident.
std::vector<ChangedDay> schedule_diff(const std::vector<StoredAssignment>& before,
                                      const std::vector<StoredAssignment>& after);
// date,resident,before,after
std::string schedule_diff_csv(const std::vector<ChangedDay>& changes);

}  // namespace rota::store
