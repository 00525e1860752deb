#include <algorithm>
#include <random>
#include <set>

#include <fmt/format.h>

#include "support/fixture.hpp"
#include "support/row_programs.hpp"

#include "rota/solve/pruning.hpp"
#include "rota/solve/solver.hpp"
#include "solve/row_builder.hpp"
#include "solve/row_pricing.hpp"

using namespace rota;
using namespace rota::test;

namespace {

double price_of(const std::vector<int>& row, const std::vector<double>& price, int V) {
  double p = 0;
  for (std::size_t d = 0; d < row.size(); ++d) p += price[d * V + row[d]];
  return p;
}

// Four weeks of a ward in the Curtois style, past the size that branch and
// bound over the whole model takes on (400 resident-dates): two shifts,
// soft coverage targets, requests, every per-person limit, no fairness.
std::string ward_program() {
  std::string y =
      "program: Ward\ntimezone: UTC\nhorizon: {start: 2024-01-01, days: 28}\nshifts:\n"
      "  - {id: E, start: \"06:00\", hours: 8, kind: day}\n"
      "  - {id: L, start: \"14:00\", hours: 8, kind: day}\n"
      "coverage:\n"
      "  - {shift: E, days: all, target: 4, under_weight: 100, over_weight: 1}\n"
      "  - {shift: L, days: weekdays, target: 3, under_weight: 100, over_weight: 1}\n"
      "forbidden_successions: [[L, E]]\n"
      "rules: {weekly_hours: false, days_off: false, continuous_duty: false, rest: false, call_frequency: false}\n"
      "objective: {fairness: {calls: 0, weekends: 0, nights: 0, hours: 0}}\n"
      "residents:\n";
  for (int r = 0; r < 15; ++r)
    y += fmt::format(
        "  - {{id: R{}, pgy: 1, min_hours: 96, max_hours: 144, min_consecutive: 2, max_consecutive: 5, "
        "min_days_off_run: 2, max_weekends: 2{}}}\n",
        r, r % 5 == 4 ? ", max_shifts: \"L=0\"" : "");
  y += "requests:\n";
  for (int r = 0; r < 15; ++r)
    for (int k = 0; k < 4; ++k)
      y += fmt::format("  - {{resident: R{}, date: 2024-01-{:02}, off: true, weight: {}}}\n", r, 1 + (5 * r + 7 * k) % 28,
                       1 + (r + k) % 3);
  return y;
}

}  // namespace

// Random rows drawn by the row builder are a sample of the rows the rules
// allow: none may be cheaper than the row pricing calls cheapest, and every
// one under a price limit must be among the rows it lists under that limit.
TEST_CASE(
    "property: the cheapest row is no dearer than any row the rules allow, listing misses none, and a short "
    "list holds the cheapest") {
  std::mt19937 rng(20261202);
  std::mt19937_64 build_rng(11);
  int residents = 0, sampled = 0, listed = 0, truncated = 0;
  for (int i = 0; i < 60; ++i) {
    std::string yaml = random_row_program(rng);
    CAPTURE(yaml);
    Case c = make_case(yaml);
    SolveProblem pb(c.program, c.roster);
    Domains dom = prune_domains(pb);
    if (dom.empty_domain) continue;
    auto tables = solve::RowRules::compile(pb, {});
    REQUIRE(tables);
    solve::RowBuilder builder(*tables);
    solve::RowPricing pricing(*tables);
    const int D = pb.days, V = pb.values;
    for (int r = 0; r < pb.residents; ++r) {
      CAPTURE(r);
      std::vector<char> allowed(static_cast<std::size_t>(D) * V, 0);
      for (int d = 0; d < D; ++d)
        for (int v : dom.allowed[r][d]) allowed[static_cast<std::size_t>(d) * V + v] = 1;
      std::vector<double> price(static_cast<std::size_t>(D) * V);
      for (double& p : price) p = static_cast<double>(static_cast<int>(rng() % 21) - 10) / 4;
      std::vector<std::vector<int>> sample;
      for (int k = 0; k < 30; ++k)
        if (auto row = builder.build(r, allowed, nullptr, build_rng, 2); !row.empty()) sample.push_back(row);
      auto best = pricing.cheapest(r, allowed, price, 3, 1e18);
      REQUIRE(best.exact);
      if (sample.empty()) continue;
      ++residents;
      REQUIRE(!best.rows.empty());
      for (const auto& row : best.rows) {
        REQUIRE(tables->evaluate(r, row.values).ok);
        CHECK(row.price == doctest::Approx(price_of(row.values, price, V)));
        int outside = 0;
        for (int d = 0; d < D; ++d) outside += allowed[static_cast<std::size_t>(d) * V + row.values[d]] ? 0 : 1;
        CHECK(outside == 0);
      }
      const double cheapest = best.rows.front().price;
      // A limit drops states that cannot lead under it (a bound on what
      // is left to pay): just above the cheapest, that row is still found;
      // at it, none is, and the answer is still exact.
      auto near = pricing.cheapest(r, allowed, price, 3, cheapest + 0.1);
      REQUIRE(near.exact);
      REQUIRE(!near.rows.empty());
      CHECK(near.rows.front().price == doctest::Approx(cheapest));
      for (std::size_t k = 0; k < near.rows.size(); ++k) CHECK(near.rows[k].price < cheapest + 0.1);
      auto none = pricing.cheapest(r, allowed, price, 3, cheapest - 1e-9);
      CHECK(none.exact);
      CHECK(none.rows.empty());
      for (const auto& row : sample) {
        CAPTURE(fmt::format("{}", fmt::join(row, " ")));
        CHECK(price_of(row, price, V) >= cheapest - 1e-9);
        ++sampled;
      }
      // Every sampled row priced under the limit is listed (when the rows
      // under it are few enough to list).
      const double limit = cheapest + 3;
      auto all = pricing.all_below(r, allowed, price, limit, 20000);
      if (!all.exact) continue;
      std::set<std::vector<int>> rows;
      for (const auto& row : all.rows) {
        CHECK(row.price < limit);
        rows.insert(row.values);
      }
      for (const auto& row : sample)
        if (price_of(row, price, V) < limit - 1e-9) {
          CHECK(rows.count(row) == 1);
          ++listed;
        }
      // Asked for fewer rows than there are: the cheapest of them, cheapest
      // first, and not exact.
      if (all.rows.size() > 3) {
        std::vector<double> prices;
        for (const auto& row : all.rows) prices.push_back(row.price);
        std::sort(prices.begin(), prices.end());
        auto few = pricing.all_below(r, allowed, price, limit, 3);
        CHECK(!few.exact);
        REQUIRE(few.rows.size() == 3);
        for (std::size_t k = 0; k < 3; ++k) CHECK(few.rows[k].price == doctest::Approx(prices[k]));
        ++truncated;
      }
    }
  }
  MESSAGE("residents " << residents << ", rows sampled " << sampled << ", listed " << listed << ", cut to three "
                        << truncated);
  CHECK(residents > 100);
  CHECK(listed > 50);
  CHECK(truncated > 50);
}

TEST_CASE("solver: column generation proves a ward's schedule optimal; the checker agrees on its cost") {
  Case c = make_case(ward_program());
  SolveOptions o;
  o.time_limit_seconds = 30;  // a margin for the sanitizer build (about 6 s there, 0.6 s in release)
  o.threads = 1;
  SolveResult res = solve_schedule(c.program, c.roster, o);
  REQUIRE(res.solutions > 0);
  CHECK(res.status == SolveStatus::optimal);
  ComplianceReport rep = check_compliance(c.program, c.roster, res.schedule);
  CHECK(rep.violations == 0);
  CHECK(rep.cost.total() == res.cost);
  // Optimal, and found by the columns: the same schedule in less than the time given.
  CHECK(res.seconds < o.time_limit_seconds);
}
