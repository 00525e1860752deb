#include "infeasibility.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "duty_model.hpp"
#include "rota/rules/eligibility.hpp"

using namespace Gecode;

namespace rota::solve {

namespace {

// Whether the program admits a schedule: root propagation and a short search.
bool looks_feasible(const Program& p, const Roster& r) {
  SolveProblem pb(p, r);
  Domains dom = prune_domains(pb);
  if (dom.empty_domain) return false;
  auto* m = new DutyModel(pb, dom, {});
  if (m->status() == SS_FAILED) {
    delete m;
    return false;
  }
  m->branch(1, DutyModel::BranchOrder::by_resident);
  struct FailLimit : Search::Stop {
    bool stop(const Search::Statistics& s, const Search::Options&) override { return s.fail > 20000; }
  } limit;
  Search::Options o;
  o.stop = &limit;
  DFS<DutyModel> engine(m, o);
  delete m;
  std::unique_ptr<DutyModel> s(engine.next());
  return s != nullptr;
}

}  // namespace

std::string explain_empty_domains(const SolveProblem& pb, const Domains& dom) {
  std::string out;
  int shown = 0;
  for (const auto& f : pb.roster.fixed) {
    if (!pb.program.in_horizon(f.date)) continue;
    int d = static_cast<int>((f.date - pb.program.horizon_start).count());
    if (!dom.allowed[f.resident][d].empty()) continue;
    if (shown++ < 10)
      out += fmt::format("  {} {}: fixed to {} but that shift is not allowed that day (leave, unavailability, "
                         "eligibility, shift length or a zero limit)\n",
                         format_date(f.date), pb.roster.residents[f.resident].id, pb.program.shifts[f.shift].id);
  }
  if (shown > 10) out += fmt::format("  ... and {} more\n", shown - 10);
  return out.empty() ? "  a resident-day has no allowed value\n" : out;
}

std::string explain_coverage_gaps(const SolveProblem& pb, const std::vector<std::vector<int>>& values) {
  std::string out = "  the closest schedule found that keeps every other hard rule still misses:\n";
  int shown = 0, total = 0;
  for (const CoverageEntry& e : pb.program.coverage) {
    const int v = e.shift + 1;
    for (int d = 0; d < pb.days; ++d) {
      Date day = pb.date(d);
      if (!e.days.includes(day)) continue;
      int n = 0, all = 0, seniors = 0;
      for (int r = 0; r < pb.residents; ++r) {
        if (values[r][d] != v) continue;
        ++all;
        if (passes_filters(e, pb.roster, r, day)) ++n;
        if (e.senior_min && pb.roster.residents[r].pgy >= e.senior_min->pgy) ++seniors;
      }
      const std::string& id = pb.program.shifts[e.shift].id;
      if (e.min && n < *e.min && ++total && shown++ < 12)
        out += fmt::format("    {} {}: {} of the {} residents needed\n", format_date(day), id, n, *e.min);
      if (e.senior_min && all > 0 && seniors < e.senior_min->count && ++total && shown++ < 12)
        out += fmt::format("    {} {}: {} of the {} seniors (PGY {}+) needed\n", format_date(day), id, seniors,
                           e.senior_min->count, e.senior_min->pgy);
    }
  }
  if (shown > 12) out += fmt::format("    ... {} gaps in all\n", total);
  return out;
}

std::string explain_infeasibility(const SolveProblem& pb, const Domains& dom) {
  const Program& p = pb.program;
  std::string out;
  int shown = 0;
  // Coverage minimums and seniors that the available residents cannot meet.
  for (const CoverageEntry& e : p.coverage) {
    const int v = e.shift + 1;
    for (int d = 0; d < pb.days; ++d) {
      Date day = pb.date(d);
      if (!e.days.includes(day)) continue;
      int available = 0, seniors = 0;
      for (int r = 0; r < pb.residents; ++r) {
        const auto& a = dom.allowed[r][d];
        if (std::find(a.begin(), a.end(), v) == a.end()) continue;
        if (passes_filters(e, pb.roster, r, day)) ++available;
        if (e.senior_min && pb.roster.residents[r].pgy >= e.senior_min->pgy) ++seniors;
      }
      const std::string& id = p.shifts[e.shift].id;
      if (e.min && available < *e.min && shown++ < 10)
        out += fmt::format("  {} {} needs {} residents; only {} can work it (others on leave, unavailable, "
                           "ineligible or already fixed)\n", format_date(day), id, *e.min, available);
      if (e.senior_min && e.min && *e.min > 0 && seniors < e.senior_min->count && shown++ < 10)
        out += fmt::format("  {} {} needs {} resident(s) of PGY {} or above; only {} can work it\n",
                           format_date(day), id, e.senior_min->count, e.senior_min->pgy, seniors);
    }
  }
  if (!out.empty()) return out;

  // Relax one family of rules at a time.
  struct Relaxation {
    const char* what;
    std::function<void(Program&, Roster&)> apply;
  };
  const std::vector<Relaxation> relaxations = {
      {"coverage minimums", [](Program& q, Roster&) { for (auto& e : q.coverage) e.min.reset(); }},
      {"coverage maximums", [](Program& q, Roster&) { for (auto& e : q.coverage) e.max.reset(); }},
      {"supervision (senior_min)", [](Program& q, Roster&) { for (auto& e : q.coverage) e.senior_min.reset(); }},
      {"weekly-hours", [](Program& q, Roster&) { q.rules.weekly_hours.reset(); }},
      {"days-off", [](Program& q, Roster&) { q.rules.days_off.reset(); }},
      {"call-frequency", [](Program& q, Roster&) { q.rules.call_frequency.reset(); }},
      {"continuous-duty and rest",
       [](Program& q, Roster&) { q.rules.continuous_duty.reset(); q.rules.rest.reset(); }},
      {"consecutive-nights", [](Program& q, Roster&) { q.rules.consecutive_nights.reset(); }},
      {"consecutive-duty-days", [](Program& q, Roster&) { q.rules.consecutive_duty_days.reset(); }},
      {"max-weekends", [](Program& q, Roster& r) {
         q.rules.max_weekends.reset();
         for (auto& res : r.residents) res.limits.max_weekends.reset();
       }},
      {"person-limits", [](Program&, Roster& r) {
         for (auto& res : r.residents) {
           auto w = res.limits.max_weekends;
           res.limits = PersonLimits{};
           res.limits.max_weekends = w;
         }
       }},
      {"forbidden successions", [](Program& q, Roster&) { q.forbidden_successions.clear(); }},
  };
  std::vector<std::string> helps;
  for (const auto& relax : relaxations) {
    Program q = p;
    Roster r = pb.roster;
    relax.apply(q, r);
    if (looks_feasible(q, r)) helps.push_back(relax.what);
  }
  if (helps.empty())
    return "  no single rule family explains it: several rules conflict together (try fewer coverage "
           "minimums or fewer hours)\n";
  for (const auto& h : helps) out += fmt::format("  the program becomes feasible when {} are relaxed\n", h);
  return out;
}

}  // namespace rota::solve
