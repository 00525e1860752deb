#pragma once

#include <optional>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/model/schedule.hpp"
#include "rota/rules/compliance_report.hpp"

namespace rota {

// The independent judge: every rule of SPEC.md section 5 and the cost of
// section 2, recomputed from the schedule alone. `baseline`, when given,
// feeds the `changes` term. Never calls the solver.
ComplianceReport check_compliance(const Program& program, const Roster& roster,
                                  const Schedule& schedule,
                                  const Schedule* baseline = nullptr);

}  // namespace rota
