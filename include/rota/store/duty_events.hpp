#pragma once

// Calendar identities of the duties of a stored run. A duty is the n-th
// assignment of a resident on a date (n = 1 but where a program allows more
// than one a day); its UID is derived from the program's name, the
// resident, the date and n, so a changed shift on that day updates the
// event in a calendar instead of adding a second one. Its SEQUENCE counts
// how often that duty changed (shift or times, or a day off in between)
// across the runs of the same program recorded up to this one, so two
// exports of an unchanged schedule are identical and a changed event
// always carries a higher SEQUENCE than before.

#include <string>
#include <vector>

#include "rota/store/run_history.hpp"

namespace rota::store {

struct DutyEvent {
  StoredAssignment row;
  std::string uid;
  int sequence = 0;
};

// One event per row of `rows` (the schedule of `run`), in that order.
std::vector<DutyEvent> duty_events(Database& db, const RunRecord& run, const std::vector<StoredAssignment>& rows);

}  // namespace rota::store
