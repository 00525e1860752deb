// The HTML compliance report: one self-contained page (inline CSS and SVG,
// no script, no font, nothing fetched) with the roster grid, per-resident
// weekly hours against the limit, the per-resident figures, the findings
// and the solver's summary when there is one.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "rota/model/program_clock.hpp"
#include "rota/report/report_format.hpp"
#include "rota/util/number_format.hpp"

namespace rota {

namespace {

std::string esc(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string kind_class(ShiftKind k) {
  std::string name = to_string(k);
  std::replace(name.begin(), name.end(), '_', '-');
  return "k-" + name;
}

constexpr const char* kStyle = R"(
:root{--line:#c8c8c8;--bad:#c0142b;--warn:#d17a00}
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:16px;color:#1d1d1d;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.meta{color:#555;margin:0 0 8px}
.status{display:inline-block;padding:2px 8px;border-radius:4px;font-weight:600}
.ok{background:#dff3e3;color:#14622a}.notok{background:#fbe0e3;color:var(--bad)}
table{border-collapse:collapse}
.facts td,.facts th,.list td,.list th{border:1px solid var(--line);padding:3px 6px;text-align:left}
.list td.n,.facts td.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
.grid{font-size:11px}
.grid th,.grid td{border:1px solid var(--line);min-width:26px;height:22px;padding:0 2px;text-align:center;white-space:nowrap}
.grid thead th{font-weight:500;background:#f4f4f4}
.grid thead th.we{background:#e4e4e4;font-weight:700}
.grid th.who{position:sticky;left:0;background:#fff;text-align:left;padding:0 6px;z-index:1;min-width:90px}
.grid td.off.we{background-color:#ececec}
.grid td.leave{background-image:repeating-linear-gradient(45deg,#bbb 0 2px,transparent 2px 6px)}
.grid td.unavail{background-image:repeating-linear-gradient(-45deg,#ddd 0 2px,transparent 2px 6px)}
.grid td.bad{outline:2px solid var(--bad);outline-offset:-2px;font-weight:700}
.grid td.warn{outline:2px dashed var(--warn);outline-offset:-2px}
.grid th.badday{color:var(--bad);text-decoration:underline}
.k-day{background-color:#cfe6ff}.k-night{background-color:#34447a;color:#fff}.k-call{background-color:#f5b85a}
.k-home-call{background-color:#fbe3ad}.k-clinic{background-color:#c9eac0}.k-other{background-color:#e2d6f2}
.grid td.we:not(.off){box-shadow:inset 0 -3px 0 #999}
.legend span{display:inline-block;padding:1px 6px;margin:2px 4px 2px 0;border:1px solid var(--line);font-size:12px}
.bars svg{display:block}
.bars .bar{fill:#5b8dd6}.bars .over{fill:var(--bad)}.bars .limit{stroke:var(--bad);stroke-width:1;stroke-dasharray:3 2}
tr.violation td:first-child{color:var(--bad);font-weight:600}tr.warning td:first-child{color:var(--warn);font-weight:600}
@page{size:landscape;margin:10mm}
@media print{body{margin:0;font-size:10px}.scroll{overflow:visible}.grid{font-size:8px}
.grid th,.grid td{min-width:0;height:auto}h2{break-after:avoid}tr{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@media (max-width:600px){body{margin:8px;font-size:13px}.grid th.who{min-width:60px}}
)";

// The dates (inside the horizon) a finding's from..to covers.
std::pair<int, int> finding_days(const ComplianceFinding& f, const Program& p) {
  auto day = [&](const std::string& s) -> std::optional<int> {
    auto d = parse_date(std::string_view(s).substr(0, 10));
    if (!d) return std::nullopt;
    return static_cast<int>((*d - p.horizon_start).count());
  };
  auto a = day(f.from), b = day(f.to);
  if (!a && !b) return {1, 0};
  int from = a.value_or(*b), to = b.value_or(*a);
  if (from > to) std::swap(from, to);
  return {std::max(0, from), std::min(p.horizon_days - 1, to)};
}

}  // namespace

std::string render_html_report(const ReportInput& in) {
  const Program& p = in.program;
  const Roster& ro = in.roster;
  const ComplianceReport& rep = in.report;
  const CostBreakdown& c = rep.cost;
  const int R = static_cast<int>(ro.residents.size()), D = p.horizon_days;
  auto cell = [D](int r, int d) { return static_cast<std::size_t>(r) * D + d; };

  // What each resident-day holds.
  std::vector<std::vector<int>> shifts(static_cast<std::size_t>(R) * D);
  std::vector<double> hours(static_cast<std::size_t>(R) * D, 0);
  if (in.schedule) {
    const ProgramClock clock(p.timezone);
    for (const Assignment& a : in.schedule->assignments) {
      if (!p.in_horizon(a.date) || a.resident < 0 || a.resident >= R) continue;
      const int d = static_cast<int>((a.date - p.horizon_start).count());
      const ShiftType& s = p.shifts[a.shift];
      shifts[cell(a.resident, d)].push_back(a.shift);
      const double real = static_cast<double>(
          (clock.at(a.date, s.start_minute + s.length_minutes) - clock.at(a.date, s.start_minute)).count());
      hours[cell(a.resident, d)] += s.duty_seconds(real) / 3600.0;
    }
  }
  std::vector<char> leave(static_cast<std::size_t>(R) * D, 0), unavailable(leave.size(), 0);
  for (const Leave& l : ro.leave)
    for (Date d = std::max(l.from, p.horizon_start); d <= l.to && d < p.horizon_end(); d += date::days{1})
      leave[cell(l.resident, static_cast<int>((d - p.horizon_start).count()))] = 1;
  for (const Unavailability& u : ro.unavailable)
    if (p.in_horizon(u.date)) unavailable[cell(u.resident, static_cast<int>((u.date - p.horizon_start).count()))] = 1;
  // Findings per resident-day (and per date for program-level ones).
  std::vector<std::vector<const ComplianceFinding*>> marks(static_cast<std::size_t>(R) * D);
  std::vector<std::vector<const ComplianceFinding*>> day_marks(D);
  for (const ComplianceFinding& f : rep.findings) {
    if (f.severity == FindingSeverity::info) continue;
    auto [from, to] = finding_days(f, p);
    for (int d = from; d <= to; ++d) {
      if (f.resident && *f.resident >= 0 && *f.resident < R) marks[cell(*f.resident, d)].push_back(&f);
      else if (!f.resident) day_marks[d].push_back(&f);
    }
  }

  std::string o;
  o.reserve(static_cast<std::size_t>(R) * D * 80 + 16384);
  o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  o += fmt::format("<title>Compliance report: {}</title>\n<style>{}</style>\n</head>\n<body>\n", esc(p.name), kStyle);
  o += fmt::format("<h1>{}</h1>\n<p class=\"meta\">{} to {} ({} days, {}); {}</p>\n", esc(p.name),
                   format_date(p.horizon_start), format_date(p.horizon_end() - date::days{1}), D, esc(p.timezone),
                   count_of(R, "resident"));
  o += fmt::format("<p><span class=\"status {}\">{}</span> {}, {}</p>\n", rep.compliant() ? "ok" : "notok",
                   rep.compliant() ? "Compliant" : "Not compliant", count_of(rep.violations, "violation"),
                   count_of(rep.warnings, "warning"));
  o += "<table class=\"facts\" id=\"cost\"><tr><th>cost</th><th>coverage</th><th>requests</th><th>fairness</th>"
       "<th>changes</th><th>warnings</th></tr>\n";
  o += fmt::format("<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                   "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr></table>\n",
                   c.total(), c.coverage, c.requests, c.fairness, c.changes, c.warnings);
  if (in.solver && !in.solver->empty()) {
    o += "<h2>Solver</h2>\n<table class=\"facts\" id=\"solver\">\n";
    for (const auto& [key, value] : *in.solver)
      o += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", esc(key), esc(value));
    o += "</table>\n";
  }

  // The roster grid.
  o += "<h2>Roster</h2>\n<p class=\"legend\">";
  std::set<ShiftKind> kinds;
  for (const ShiftType& s : p.shifts) kinds.insert(s.kind);
  for (ShiftKind k : kinds) o += fmt::format("<span class=\"{}\">{}</span>", kind_class(k), esc(to_string(k)));
  o += "<span class=\"leave-key\" style=\"background-image:repeating-linear-gradient(45deg,#bbb 0 2px,transparent 2px "
       "6px)\">leave</span><span style=\"outline:2px solid #c0142b;outline-offset:-2px\">violation</span>"
       "<span style=\"outline:2px dashed #d17a00;outline-offset:-2px\">warning</span></p>\n";
  o += "<div class=\"scroll\"><table class=\"grid\" id=\"grid\">\n<thead><tr><th class=\"who\">resident</th>";
  static constexpr const char* kWeekday[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
  for (int d = 0; d < D; ++d) {
    const Date date = p.horizon_start + date::days{d};
    const date::year_month_day ymd{date};
    std::string cls = is_weekend(date) ? "we" : "";
    std::string title = format_date(date);
    if (!day_marks[d].empty()) {
      cls += cls.empty() ? "badday" : " badday";
      for (const ComplianceFinding* f : day_marks[d]) title += "\n" + f->rule + ": " + f->message;
    }
    o += fmt::format("<th{}{} title=\"{}\">{}<br>{}</th>", cls.empty() ? "" : " class=\"", cls.empty() ? "" : cls + "\"",
                     esc(title), static_cast<unsigned>(ymd.day()), kWeekday[iso_weekday_index(date)]);
  }
  o += "</tr></thead>\n<tbody>\n";
  for (int r = 0; r < R; ++r) {
    const Resident& res = ro.residents[r];
    o += fmt::format("<tr><th class=\"who\" title=\"{} (PGY-{})\">{}</th>", esc(res.name.empty() ? res.id : res.name),
                     res.pgy, esc(res.id));
    for (int d = 0; d < D; ++d) {
      const Date date = p.horizon_start + date::days{d};
      const auto& here = shifts[cell(r, d)];
      std::string cls = "cell";
      std::string text, title = format_date(date);
      for (std::size_t i = 0; i < here.size(); ++i) {
        const ShiftType& s = p.shifts[here[i]];
        if (i == 0) cls += " " + kind_class(s.kind);
        text += (i ? "+" : "") + s.id;
        title += fmt::format("\n{}{}", s.id, s.name.empty() ? "" : " (" + s.name + ")");
      }
      if (here.empty()) {
        cls += " off";
        title += "\noff";
      }
      if (is_weekend(date)) cls += " we";
      if (leave[cell(r, d)]) {
        cls += " leave";
        title += "\non leave";
      } else if (unavailable[cell(r, d)]) {
        cls += " unavail";
        title += "\nunavailable";
      }
      bool bad = false, warn = false;
      for (const ComplianceFinding* f : marks[cell(r, d)]) {
        (f->severity == FindingSeverity::violation ? bad : warn) = true;
        title += fmt::format("\n{} {}: {}", to_string(f->severity), f->rule, f->message);
      }
      if (bad) cls += " bad";
      else if (warn) cls += " warn";
      o += fmt::format("<td class=\"{}\" data-resident=\"{}\" data-date=\"{}\" title=\"{}\">{}</td>", cls, esc(res.id),
                       format_date(date), esc(title), esc(text));
    }
    o += "</tr>\n";
  }
  o += "</tbody></table></div>\n";

  // Weekly hours against the limit, and the per-resident figures.
  const double limit = p.rules.weekly_hours ? p.rules.weekly_hours->max : 0;
  const int weeks = (D + 6) / 7;
  double top = std::max(1.0, limit);
  std::vector<std::vector<double>> weekly(R, std::vector<double>(weeks, 0));
  for (int r = 0; r < R; ++r)
    for (int d = 0; d < D; ++d) weekly[r][d / 7] += hours[cell(r, d)];
  for (const auto& w : weekly)
    for (double h : w) top = std::max(top, h);
  top = std::ceil(top * 1.1);
  o += "<h2>Hours and duties</h2>\n";
  o += fmt::format("<p class=\"meta\">Bars: duty hours per week of the horizon (7-day blocks from {}){}.</p>\n",
                   format_date(p.horizon_start),
                   limit > 0 ? fmt::format("; the dashed line is the {} h weekly limit (averaged over {} days)",
                                           format_number(limit), p.rules.weekly_hours->window_days)
                             : "");
  o += "<div class=\"scroll\"><table class=\"list bars\" id=\"residents\"><tr><th>resident</th><th>PGY</th>"
       "<th>weekly hours</th><th>hours</th><th>max h/week</th><th>free days</th><th>calls</th><th>nights</th>"
       "<th>weekends</th><th>longest duty h</th></tr>\n";
  constexpr int kBarW = 14, kGap = 3, kH = 40;
  for (const ResidentSummary& s : rep.residents) {
    const Resident& res = ro.residents[s.resident];
    const int width = weeks * (kBarW + kGap) + kGap;
    std::string svg = fmt::format(
        "<svg width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"weekly hours of {}\">", width,
        kH, width, kH, esc(res.id));
    for (int w = 0; w < weeks; ++w) {
      const double h = weekly[s.resident][w];
      const double bh = h / top * kH;
      svg += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\"><title>week {}: {} "
                         "h</title></rect>",
                         limit > 0 && h > limit ? "bar over" : "bar", kGap + w * (kBarW + kGap), kH - bh, kBarW, bh,
                         w + 1, format_number(h));
    }
    if (limit > 0) {
      const double y = kH - limit / top * kH;
      svg += fmt::format("<line class=\"limit\" x1=\"0\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>", width, y, y);
    }
    svg += "</svg>";
    o += fmt::format(
        "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td "
        "class=\"n\">{}</td></tr>\n",
        esc(res.id), res.pgy, svg, format_number(s.hours), format_weekly_average(in, s.max_weekly_avg), s.free_days, s.calls,
        s.nights, s.weekends, format_number(s.longest_duty_hours));
  }
  o += "</table></div>\n";

  o += "<h2>Findings</h2>\n";
  if (rep.findings.empty()) {
    o += "<p>None.</p>\n";
  } else {
    o += "<div class=\"scroll\"><table class=\"list\" id=\"findings\"><tr><th>severity</th><th>rule</th>"
         "<th>resident</th><th>from</th><th>to</th><th>value</th><th>limit</th><th>message</th></tr>\n";
    for (const ComplianceFinding& f : rep.findings)
      o += fmt::format("<tr class=\"{0}\"><td>{0}</td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td>"
                       "<td class=\"n\">{5}</td><td class=\"n\">{6}</td><td>{7}</td></tr>\n",
                       to_string(f.severity), esc(f.rule), esc(f.resident ? ro.residents[*f.resident].id : ""),
                       esc(f.from), esc(f.to), format_number(f.value, f.limit), format_number(f.limit), esc(f.message));
    o += "</table></div>\n";
  }
  o += "</body>\n</html>\n";
  return o;
}

}  // namespace rota
