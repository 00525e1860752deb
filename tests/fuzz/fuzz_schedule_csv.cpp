// The schedule CSV reader; a schedule it accepts is then checked in full.
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"
#include "rota/io/schedule_csv.hpp"
#include "rota/report/report_format.hpp"
#include "rota/rules/compliance_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto& in = rota::fuzz::inputs();
  rota::Diagnostics d;
  try {
    rota::Schedule s = rota::parse_schedule_csv(text, "fuzz.csv", in.program, in.roster, d);
    if (!d.has_errors()) {
      rota::ComplianceReport rep = rota::check_compliance(in.program, in.roster, s);
      (void)rota::render_report(rota::ReportFormat::html, rota::ReportInput{in.program, in.roster, rep, &s});
    }
  } catch (const rota::InputError&) {
  }
  return 0;
}
