#pragma once

#include <optional>
#include <string>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/rules/compliance_report.hpp"

namespace rota {

enum class ReportFormat { text, csv, json, md };

std::optional<ReportFormat> parse_report_format(const std::string& name);

// Everything a compliance report renders.
struct ReportInput {
  const Program& program;
  const Roster& roster;
  const ComplianceReport& report;
};

// One renderer per format, each in its own file.
std::string render_text_report(const ReportInput& in);
std::string render_csv_report(const ReportInput& in);
std::string render_json_report(const ReportInput& in);
std::string render_md_report(const ReportInput& in);

std::string render_report(ReportFormat format, const ReportInput& in);

}  // namespace rota
