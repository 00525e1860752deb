#pragma once

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"

namespace rota {

// Whether `resident` may work `shift` on `day` (SPEC.md section 5): some
// coverage entry for the shift whose days include the date admits their
// rotation and PGY; when no entry's days include the date, any entry for
// the shift decides; a shift with no entry is open to all.
bool may_work(const Program& program, const Roster& roster, int resident, int shift, Date day);

// Whether the resident passes a coverage entry's rotation and PGY filters.
bool passes_filters(const CoverageEntry& entry, const Roster& roster, int resident, Date day);

}  // namespace rota
