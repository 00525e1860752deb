#include <fmt/format.h>

#include "rota/report/report_format.hpp"
#include "rota/util/number_format.hpp"

namespace rota {

namespace {

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

std::string render_md_report(const ReportInput& in) {
  const Program& p = in.program;
  const ComplianceReport& rep = in.report;
  const CostBreakdown& c = rep.cost;
  std::string out;
  out += fmt::format("# Compliance report: {}\n\n", md_cell(p.name));
  out += fmt::format("Horizon {} to {} ({} days, {}).\n\n", format_date(p.horizon_start),
                     format_date(p.horizon_end() - date::days{1}), p.horizon_days, p.timezone);
  out += fmt::format("**{}**: {}, {}, {}.\n\n", rep.compliant() ? "Compliant" : "Not compliant",
                     count_of(rep.violations, "violation"), count_of(rep.warnings, "warning"),
                     count_of(static_cast<long long>(in.roster.residents.size()), "resident"));
  out += "| cost | coverage | requests | fairness | changes | warnings |\n|---:|---:|---:|---:|---:|---:|\n";
  out += fmt::format("| {} | {} | {} | {} | {} | {} |\n\n", c.total(), c.coverage, c.requests,
                     c.fairness, c.changes, c.warnings);
  out += "## Findings\n\n";
  if (rep.findings.empty()) out += "None.\n\n";
  else {
    out += "| rule | severity | resident | from | to | value | limit | message |\n"
           "|---|---|---|---|---|---:|---:|---|\n";
    for (const auto& f : rep.findings)
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", f.rule, to_string(f.severity),
                         md_cell(f.resident ? in.roster.residents[*f.resident].id : ""), f.from, f.to,
                         format_number(f.value, f.limit), format_number(f.limit), md_cell(f.message));
    out += "\n";
  }
  out += "## Residents\n\n| resident | name | PGY | hours | max h/week | free days | calls | nights | "
         "weekends | longest duty h |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& s : rep.residents) {
    const Resident& r = in.roster.residents[s.resident];
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", md_cell(r.id),
                       md_cell(r.name), r.pgy, format_number(s.hours), format_weekly_average(in, s.max_weekly_avg),
                       s.free_days, s.calls, s.nights, s.weekends, format_number(s.longest_duty_hours));
  }
  return out;
}

}  // namespace rota
