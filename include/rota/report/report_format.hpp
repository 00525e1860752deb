#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/model/schedule.hpp"
#include "rota/rules/compliance_report.hpp"

namespace rota {

enum class ReportFormat { text, csv, json, md, html };

std::optional<ReportFormat> parse_report_format(const std::string& name);
// The format a report file's name asks for (.html/.htm, .json, .csv, .md);
// nullopt for any other name.
std::optional<ReportFormat> report_format_for_path(const std::string& path);
// The names `--format` accepts for reports.
const std::vector<std::string>& report_format_names();

// Everything a compliance report renders.
struct ReportInput {
  const Program& program;
  const Roster& roster;
  const ComplianceReport& report;
  const Schedule* schedule = nullptr;  // for the HTML grid and hour charts
  // The solver's summary (label, value), when the report follows a solve.
  const std::vector<std::pair<std::string, std::string>>* solver = nullptr;
};

// One renderer per format, each in its own file.
std::string render_text_report(const ReportInput& in);
std::string render_csv_report(const ReportInput& in);
std::string render_json_report(const ReportInput& in);
std::string render_md_report(const ReportInput& in);
std::string render_html_report(const ReportInput& in);

std::string render_report(ReportFormat format, const ReportInput& in);

// A resident's highest weekly average as the reports print it: told apart
// from the weekly-hours limit when it passes it by less than the rounding.
std::string format_weekly_average(const ReportInput& in, double average);

}  // namespace rota
