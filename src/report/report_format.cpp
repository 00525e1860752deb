#include "rota/report/report_format.hpp"

namespace rota {

std::optional<ReportFormat> parse_report_format(const std::string& name) {
  if (name == "text") return ReportFormat::text;
  if (name == "csv") return ReportFormat::csv;
  if (name == "json") return ReportFormat::json;
  if (name == "md") return ReportFormat::md;
  return std::nullopt;
}

std::string render_report(ReportFormat format, const ReportInput& in) {
  switch (format) {
    case ReportFormat::text: return render_text_report(in);
    case ReportFormat::csv: return render_csv_report(in);
    case ReportFormat::json: return render_json_report(in);
    case ReportFormat::md: return render_md_report(in);
  }
  return {};
}

}  // namespace rota
