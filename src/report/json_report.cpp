#include "rota/report/report_format.hpp"
#include "rota/util/json_writer.hpp"
#include "rota/util/number_format.hpp"

namespace rota {

std::string render_json_report(const ReportInput& in) {
  const Program& p = in.program;
  const ComplianceReport& rep = in.report;
  JsonWriter j;
  j.begin_object();
  j.key("program").value(p.name);
  j.key("horizon").begin_object();
  j.key("start").value(format_date(p.horizon_start));
  j.key("end").value(format_date(p.horizon_end() - date::days{1}));
  j.key("days").value(p.horizon_days);
  j.key("timezone").value(p.timezone);
  j.end_object();
  j.key("summary").begin_object();
  j.key("residents").value(static_cast<int>(in.roster.residents.size()));
  j.key("violations").value(rep.violations);
  j.key("warnings").value(rep.warnings);
  j.key("compliant").value(rep.compliant());
  j.key("cost").value(rep.cost.total());
  j.key("cost_breakdown").begin_object();
  j.key("coverage").value(rep.cost.coverage);
  j.key("requests").value(rep.cost.requests);
  j.key("fairness").value(rep.cost.fairness);
  j.key("changes").value(rep.cost.changes);
  j.key("warnings").value(rep.cost.warnings);
  j.end_object();
  j.end_object();
  j.key("residents").begin_array();
  for (const auto& s : rep.residents) {
    const Resident& r = in.roster.residents[s.resident];
    j.begin_object();
    j.key("id").value(r.id);
    j.key("name").value(r.name);
    j.key("pgy").value(r.pgy);
    j.key("hours").value(s.hours);
    j.key("max_weekly_avg").number(format_weekly_average(in, s.max_weekly_avg));
    j.key("free_days").value(s.free_days);
    j.key("calls").value(s.calls);
    j.key("nights").value(s.nights);
    j.key("weekends").value(s.weekends);
    j.key("longest_duty_hours").value(s.longest_duty_hours);
    j.end_object();
  }
  j.end_array();
  j.key("findings").begin_array();
  for (const auto& f : rep.findings) {
    j.begin_object();
    j.key("rule").value(f.rule);
    j.key("severity").value(to_string(f.severity));
    j.key("resident").value(f.resident ? in.roster.residents[*f.resident].id : std::string());
    j.key("from").value(f.from);
    j.key("to").value(f.to);
    j.key("value").number(format_number(f.value, f.limit));
    j.key("limit").value(f.limit);
    j.key("message").value(f.message);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str() + "\n";
}

}  // namespace rota
