#pragma once

#include "duty_timeline.hpp"
#include "rota/rules/compliance_report.hpp"

namespace rota::rules {

// Coverage, requests, fairness, changes (against `baseline`, when given)
// and warnings (counted in `findings`).
CostBreakdown compute_cost(const CheckInput& in, const std::vector<ComplianceFinding>& findings,
                           const Schedule* baseline);

}  // namespace rota::rules
