#include <fmt/format.h>

#include "rota/report/report_format.hpp"
#include "rota/util/number_format.hpp"

namespace rota {

std::string render_text_report(const ReportInput& in) {
  const Program& p = in.program;
  const ComplianceReport& rep = in.report;
  const CostBreakdown& c = rep.cost;
  std::string out;
  out += fmt::format("{}\n{} .. {} ({} days, {})\n\n", p.name, format_date(p.horizon_start),
                     format_date(p.horizon_end() - date::days{1}), p.horizon_days, p.timezone);
  out += fmt::format("{}: {}, {}, {}\n", rep.compliant() ? "COMPLIANT" : "NOT COMPLIANT",
                     count_of(rep.violations, "violation"), count_of(rep.warnings, "warning"),
                     count_of(static_cast<long long>(in.roster.residents.size()), "resident"));
  out += fmt::format("cost {} (coverage {}, requests {}, fairness {}, changes {}, warnings {})\n",
                     c.total(), c.coverage, c.requests, c.fairness, c.changes, c.warnings);

  for (FindingSeverity sev : {FindingSeverity::violation, FindingSeverity::warning}) {
    bool header = false;
    for (const auto& f : rep.findings) {
      if (f.severity != sev) continue;
      if (!header) {
        out += fmt::format("\n{}:\n", sev == FindingSeverity::violation ? "Violations" : "Warnings");
        header = true;
      }
      std::string when = f.from == f.to ? f.from : f.from + " .. " + f.to;
      std::string who = f.resident ? in.roster.residents[*f.resident].id : "(program)";
      out += fmt::format("  {:<22} {:<10} {}  {}\n", f.rule, who, when, f.message);
    }
  }
  int infos = 0;
  for (const auto& f : rep.findings) infos += f.severity == FindingSeverity::info ? 1 : 0;
  if (infos > 0)
    out += fmt::format("\n{} coverage target deviation{} (see --format csv for each)\n", infos,
                       infos == 1 ? "" : "s");

  out += fmt::format("\n{:<10} {:>3} {:>7} {:>9} {:>5} {:>5} {:>6} {:>8} {:>8}\n", "resident", "pgy",
                     "hours", "max h/wk", "free", "calls", "nights", "weekends", "longest");
  for (const auto& s : rep.residents) {
    const Resident& r = in.roster.residents[s.resident];
    out += fmt::format("{:<10} {:>3} {:>7} {:>9} {:>5} {:>5} {:>6} {:>8} {:>8}\n", r.id, r.pgy,
                       format_number(s.hours), format_weekly_average(in, s.max_weekly_avg), s.free_days, s.calls,
                       s.nights, s.weekends, format_number(s.longest_duty_hours));
  }
  return out;
}

}  // namespace rota
