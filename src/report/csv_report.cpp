#include <fmt/format.h>

#include "rota/report/report_format.hpp"
#include "rota/util/csv.hpp"
#include "rota/util/number_format.hpp"

namespace rota {

std::string render_csv_report(const ReportInput& in) {
  std::string out = "rule,severity,resident,from,to,value,limit,message\n";
  for (const auto& f : in.report.findings) {
    out += fmt::format("{},{},{},{},{},{},{},{}\n", f.rule, to_string(f.severity),
                       csv_field(f.resident ? in.roster.residents[*f.resident].id : ""), f.from, f.to,
                       format_number(f.value, f.limit), format_number(f.limit),
                       csv_field(f.message));
  }
  return out;
}

}  // namespace rota
