#pragma once

// Repair of a published schedule (`solve --baseline ... --freeze-until`):
// the days up to the freeze date keep the baseline's assignments exactly.

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/model/schedule.hpp"

namespace rota {

// The roster with the frozen days pinned: each baseline assignment dated in
// the horizon up to `until` (inclusive) becomes a fixed row, and each
// resident-day of those dates without one becomes unavailable (stays off).
// Neither kind of row costs anything, so the schedule's cost is unchanged.
Roster freeze_days(const Program& program, const Roster& roster, const Schedule& baseline, Date until);

}  // namespace rota
