#pragma once

#include <string>
#include <vector>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/rules/finding.hpp"

namespace rota {

// The soft objective, term by term (SPEC.md section 2).
struct CostBreakdown {
  long long coverage = 0;
  long long requests = 0;
  long long fairness = 0;
  long long changes = 0;
  long long warnings = 0;
  long long total() const { return coverage + requests + fairness + changes + warnings; }
};

// Per-resident figures over the horizon.
struct ResidentSummary {
  int resident = 0;
  double hours = 0;           // duty hours of assignments dated in the horizon
  double max_weekly_avg = 0;  // worst weekly-hours window touching the horizon
  int free_days = 0;
  int calls = 0;
  int nights = 0;
  int weekends = 0;
  double longest_duty_hours = 0;  // longest continuous period touching the horizon
};

struct ComplianceReport {
  std::vector<ComplianceFinding> findings;  // ordered by time, then rule
  std::vector<ResidentSummary> residents;   // roster order
  CostBreakdown cost;
  int violations = 0;
  int warnings = 0;
  bool compliant() const { return violations == 0; }
};

}  // namespace rota
