#include "rota/report/report_format.hpp"

#include <cctype>

#include "rota/util/number_format.hpp"

namespace rota {

std::optional<ReportFormat> parse_report_format(const std::string& name) {
  if (name == "text") return ReportFormat::text;
  if (name == "csv") return ReportFormat::csv;
  if (name == "json") return ReportFormat::json;
  if (name == "md") return ReportFormat::md;
  if (name == "html") return ReportFormat::html;
  return std::nullopt;
}

std::optional<ReportFormat> report_format_for_path(const std::string& path) {
  auto ends = [&](const std::string& ext) {
    if (path.size() < ext.size()) return false;
    for (std::size_t i = 0; i < ext.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(path[path.size() - ext.size() + i])) != ext[i]) return false;
    return true;
  };
  if (ends(".html") || ends(".htm")) return ReportFormat::html;
  if (ends(".json")) return ReportFormat::json;
  if (ends(".csv")) return ReportFormat::csv;
  if (ends(".md")) return ReportFormat::md;
  return std::nullopt;
}

const std::vector<std::string>& report_format_names() {
  static const std::vector<std::string> names{"text", "csv", "json", "md", "html"};
  return names;
}

std::string format_weekly_average(const ReportInput& in, double average) {
  const auto& rule = in.program.rules.weekly_hours;
  return rule ? format_number(average, rule->max) : format_number(average);
}

std::string render_report(ReportFormat format, const ReportInput& in) {
  switch (format) {
    case ReportFormat::text: return render_text_report(in);
    case ReportFormat::csv: return render_csv_report(in);
    case ReportFormat::json: return render_json_report(in);
    case ReportFormat::md: return render_md_report(in);
    case ReportFormat::html: return render_html_report(in);
  }
  return {};
}

}  // namespace rota
