#include "row_pricing.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <cstdint>
#include <vector>

namespace rota::solve {

namespace {

// A state packed in two words: last value, run length, whether the run
// began the row, hour units and weekends in the first; the counts of the
// limited shifts, a byte each, in the second.
struct Key {
  std::uint64_t a = 0, b = 0;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    // Both words mixed into every bit (the index masks the low ones).
    std::uint64_t h = k.a ^ (k.b * 0x9E3779B97F4A7C15ULL + (k.a << 32 | k.a >> 32));
    h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDULL;
    h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ULL;
    return static_cast<std::size_t>(h ^ (h >> 33));
  }
};

struct State {
  int v = 0, run = 0, first = 0, units = 0, weekends = 0;
  std::array<int, 8> counts{};
};

Key pack(const State& s) {
  Key k;
  k.a = static_cast<std::uint64_t>(s.v) | static_cast<std::uint64_t>(s.run) << 8 |
        static_cast<std::uint64_t>(s.first) << 16 | static_cast<std::uint64_t>(s.units) << 17 |
        static_cast<std::uint64_t>(s.weekends) << 40;
  for (int i = 0; i < 8; ++i) k.b |= static_cast<std::uint64_t>(s.counts[i]) << (8 * i);
  return k;
}

State unpack(const Key& k) {
  State s;
  s.v = static_cast<int>(k.a & 0xFF);
  s.run = static_cast<int>((k.a >> 8) & 0xFF);
  s.first = static_cast<int>((k.a >> 16) & 1);
  s.units = static_cast<int>((k.a >> 17) & 0x7FFFFF);
  s.weekends = static_cast<int>((k.a >> 40) & 0xFF);
  for (int i = 0; i < 8; ++i) s.counts[i] = static_cast<int>((k.b >> (8 * i)) & 0xFF);
  return s;
}

struct Label {
  Key key;
  double price;
  int parent;  // index into the previous date's labels, -1 on the first date
  int value;
};

// One date's labels by state: open addressing over indices into the
// labels, which hold the keys (no allocation per state, unlike a node-based
// map, which took most of pricing's time).
class LabelIndex {
 public:
  void clear() {
    std::fill(slots_.begin(), slots_.end(), -1);
    size_ = 0;
  }
  // The index of the label with `key`, or -1 after taking `next` as its
  // index (the caller then appends that label to `labels`).
  int find_or_add(const Key& key, const std::vector<Label>& labels, int next) {
    if (2 * (size_ + 1) > slots_.size()) grow(labels);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = KeyHash{}(key) & mask;; i = (i + 1) & mask) {
      const int at = slots_[i];
      if (at < 0) {
        slots_[i] = next;
        ++size_;
        return -1;
      }
      if (labels[static_cast<std::size_t>(at)].key == key) return at;
    }
  }

 private:
  void grow(const std::vector<Label>& labels) {
    slots_.assign(std::max<std::size_t>(64, 2 * slots_.size()), -1);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t j = 0; j < size_; ++j) {
      std::size_t i = KeyHash{}(labels[j].key) & mask;
      while (slots_[i] >= 0) i = (i + 1) & mask;
      slots_[i] = static_cast<int>(j);
    }
  }
  std::vector<int> slots_;
  std::size_t size_ = 0;
};

// One resident's row rules as a state machine over the dates.
struct Machine {
  const RowRules& t;
  const RowRules::Limits& lim;
  int D, V;
  std::vector<char> ok;          // [d * V + v]
  std::vector<int> limited;      // [v]: index among the limited shifts, or -1
  std::vector<int> most;         // per limited shift
  bool weekend_limit = false;
  long long unit = 0, lo = 0, cap = 0;
  std::vector<int> weight;       // [d * V + v]: hour units
  int run_cap = 1;
  bool usable = false;           // false: states too many to hold (not exact)
  bool any_row = true;           // false: no row keeps the hour window

  std::size_t at(int d, int v) const { return static_cast<std::size_t>(d) * V + v; }

  Machine(const RowRules& rules, int r, const std::vector<char>& allowed)
      : t(rules), lim(rules.limits(r)), D(rules.days()), V(rules.values()) {
    if (D == 0 || D > 255 || V > 255) return;
    ok.assign(static_cast<std::size_t>(D) * V, 0);
    for (int d = 0; d < D; ++d)
      for (int v = 0; v < V; ++v) ok[at(d, v)] = allowed[at(d, v)] && t.cell_ok(r, d, v);
    // Limited shifts that can bind: a limit of zero removes the value; a
    // limit at or past the dates it may take is no limit.
    limited.assign(V, -1);
    for (auto [v, m] : lim.max_shifts) {
      int dates = 0;
      for (int d = 0; d < D; ++d) dates += ok[at(d, v)];
      if (m <= 0) {
        for (int d = 0; d < D; ++d) ok[at(d, v)] = 0;
      } else if (m < dates && limited[v] < 0) {
        if (most.size() == 8) return;
        limited[v] = static_cast<int>(most.size());
        most.push_back(m);
      } else if (limited[v] >= 0) {
        most[limited[v]] = std::min(most[limited[v]], m);
      }
    }
    weekend_limit = lim.max_weekends >= 0 && t.weekends() > lim.max_weekends;
    // Hours in units of the shifts' common length.
    RowRules::HourUnits hours = t.hour_units(r, ok);
    if (!hours.whole) return;
    unit = hours.unit;
    lo = hours.lo;
    cap = hours.cap;
    weight = std::move(hours.weight);
    run_cap = std::max({1, lim.min_consecutive, lim.min_days_off_run, lim.max_consecutive + 1});
    if (cap >= (1 << 22) || run_cap > 255) return;
    usable = true;
    any_row = lo <= cap;
  }

  // Hour units after taking shift `v2` on date d: false past the cap;
  // without a cap, they stop counting at the minimum.
  bool add_hours(int d, int v2, int& units) const {
    if (unit == 0) return true;
    units += weight[at(d, v2)];
    if (lim.max_hours >= 0) return units <= cap;
    units = std::min<int>(units, static_cast<int>(lo));
    return true;
  }

  // The state after taking `v2` on date d (from `s`, or as the first
  // value); without `resources`, hours, limited shifts and weekends are
  // left out (for bounds).
  bool step(int d, const State* s, int v2, State& n, bool resources = true) const {
    const bool on2 = v2 > 0;
    n = s ? *s : State{};
    n.v = v2;
    if (!s) {
      n.run = 1;
      n.first = 1;
    } else {
      if (!t.pair_ok(d, s->v, v2)) return false;
      const bool on = s->v > 0;
      if (on == on2) {
        n.run = std::min(s->run + 1, run_cap);
      } else {
        // The run of the other kind ends: its minimum holds between runs.
        if (!s->first && on && s->run < lim.min_consecutive) return false;
        if (!s->first && !on && s->run < lim.min_days_off_run) return false;
        n.run = 1;
        n.first = 0;
      }
    }
    if (!on2) return true;
    if (lim.max_consecutive >= 0 && n.run > lim.max_consecutive) return false;
    if (!resources) return true;
    if (!add_hours(d, v2, n.units)) return false;
    if (limited[v2] >= 0 && ++n.counts[limited[v2]] > most[limited[v2]]) return false;
    if (weekend_limit && t.weekend(d) >= 0) {
      const bool counted = s && d > 0 && t.weekend(d - 1) == t.weekend(d) && s->v > 0;
      if (!counted && ++n.weekends > lim.max_weekends) return false;
    }
    return true;
  }
  bool complete(const State& s) const { return unit == 0 || s.units >= lo; }
};

// Lower bounds on what a row still has to pay from a state of the full
// machine: the larger of two coarser machines' cheapest completions, each
// by dynamic programming backward over the dates, one over the runs (last
// value, run length, whether it began the row) and one over the hours
// (units so far against the window). A state whose price plus its bound
// reaches the limit leads to no row under it and is dropped. Each table is
// some hundreds of states a date, a small part of the full machine's.
class CompletionBound {
 public:
  // A step here (an array read, no state to look up) costs a fraction of
  // one of the full machine's: counted as this many to one.
  static constexpr unsigned long long kStepsPerCharge = 4;

  template <class Tick>
  bool build(const Machine& m, const std::vector<double>& price, Tick&& tick) {
    constexpr double kNone = std::numeric_limits<double>::infinity();
    const std::size_t D = static_cast<std::size_t>(m.D);
    runs_ = m.run_cap + 1;
    seq_per_ = static_cast<std::size_t>(m.V) * 2 * runs_;
    // Hour units run from 0 to the cap, or to the minimum where they stop counting.
    const int top = m.unit == 0 ? 0 : static_cast<int>(m.lim.max_hours >= 0 ? std::max(m.cap, m.lo) : m.lo);
    hour_per_ = static_cast<std::size_t>(top) + 1;
    seq_.assign(D * seq_per_, kNone);
    hour_.assign(D * hour_per_, kNone);
    std::fill_n(seq_.begin() + static_cast<std::ptrdiff_t>((D - 1) * seq_per_), seq_per_, 0.0);
    for (std::size_t u = 0; u < hour_per_; ++u) hour_[(D - 1) * hour_per_ + u] = m.complete(hours(u)) ? 0 : kNone;
    State s, n;
    for (int d = m.D - 2; d >= 0; --d) {
      if (tick((seq_per_ + hour_per_) * m.V / kStepsPerCharge)) return false;
      double* here = &seq_[static_cast<std::size_t>(d) * seq_per_];
      const double* next = &seq_[static_cast<std::size_t>(d + 1) * seq_per_];
      for (std::size_t i = 0; i < seq_per_; ++i) {
        s = State{};
        s.run = static_cast<int>(i % runs_);
        s.first = static_cast<int>(i / runs_ % 2);
        s.v = static_cast<int>(i / runs_ / 2);
        if (s.run == 0) continue;  // no state has an empty run
        double best = kNone;
        for (int v2 = 0; v2 < m.V; ++v2)
          if (m.ok[m.at(d + 1, v2)] && m.step(d + 1, &s, v2, n, false))
            best = std::min(best, price[m.at(d + 1, v2)] + next[seq_index(n)]);
        here[i] = best;
      }
      double* hhere = &hour_[static_cast<std::size_t>(d) * hour_per_];
      const double* hnext = &hour_[static_cast<std::size_t>(d + 1) * hour_per_];
      for (std::size_t u = 0; u < hour_per_; ++u) {
        double best = kNone;
        for (int v2 = 0; v2 < m.V; ++v2) {
          int w = static_cast<int>(u);
          if (m.ok[m.at(d + 1, v2)] && (v2 == 0 || m.add_hours(d + 1, v2, w)))
            best = std::min(best, price[m.at(d + 1, v2)] + hnext[w]);
        }
        hhere[u] = best;
      }
    }
    return true;
  }
  double at(int d, const State& s) const {
    return std::max(seq_[static_cast<std::size_t>(d) * seq_per_ + seq_index(s)],
                    hour_[static_cast<std::size_t>(d) * hour_per_ + static_cast<std::size_t>(s.units)]);
  }

 private:
  static State hours(std::size_t units) {
    State s;
    s.units = static_cast<int>(units);
    return s;
  }
  std::size_t seq_index(const State& s) const { return (static_cast<std::size_t>(s.v) * 2 + s.first) * runs_ + s.run; }
  std::vector<double> seq_, hour_;
  std::size_t seq_per_ = 0, hour_per_ = 1;
  int runs_ = 1;
};

// An edge of the state graph: label `to` on the next date, by value `v`.
struct Edge {
  int to, v;
};
// The steps between states: edges[d][k] leave date d's labels, those of
// label i from first[d][i] to first[d][i + 1].
struct Graph {
  std::vector<std::vector<Edge>> edges;
  std::vector<std::vector<int>> first;
};

// Every state of the row on every date, each with the cheapest price into
// it (dynamic programming forward over the dates), and with `graph` every
// step between them. True when they are all there to read rows from;
// false when no row keeps the rules (`out.exact` true), or when `tick`
// (asked with the steps taken) says to stop or the states pass the caps
// (`out.exact` false).
template <class Tick>
bool expand(const Machine& m, const std::vector<double>& price, std::vector<std::vector<Label>>& labels,
            Graph* graph, RowPricing::Result& out, double below, Tick&& tick) {
  out.exact = m.usable;
  if (!m.usable || !m.any_row) return false;
  out.exact = false;
  CompletionBound bound;
  if (!bound.build(m, price, tick)) return false;
  const int D = m.D, V = m.V;
  labels.assign(D, {});
  if (graph) {
    graph->edges.assign(D, {});
    graph->first.assign(D, {});
  }
  LabelIndex index;
  auto offer = [&](int d, const State& n, double p, int parent, int v) {
    if (p + bound.at(d, n) >= below) return;  // no row under `below` passes here
    const Key key = pack(n);
    const int next = static_cast<int>(labels[d].size());
    const int found = index.find_or_add(key, labels[d], next);
    if (found < 0) {
      labels[d].push_back({key, p, parent, v});
    } else if (Label& l = labels[d][static_cast<std::size_t>(found)]; p < l.price) {
      l.price = p;
      l.parent = parent;
      l.value = v;
    }
    if (graph && d > 0) graph->edges[d - 1].push_back({found < 0 ? next : found, v});
  };
  State n;
  for (int v2 = 0; v2 < V; ++v2)
    if (m.ok[m.at(0, v2)] && m.step(0, nullptr, v2, n)) offer(0, n, price[m.at(0, v2)], -1, v2);
  std::size_t total = labels[0].size(), steps = 0;
  for (int d = 1; d < D; ++d) {
    index.clear();
    const auto& prev = labels[d - 1];
    for (int i = 0; i < static_cast<int>(prev.size()); ++i) {
      const State s = unpack(prev[i].key);
      if (tick(static_cast<unsigned long long>(V))) return false;
      if (graph) graph->first[d - 1].push_back(static_cast<int>(graph->edges[d - 1].size()));
      for (int v2 = 0; v2 < V; ++v2)
        if (m.ok[m.at(d, v2)] && m.step(d, &s, v2, n)) offer(d, n, prev[i].price + price[m.at(d, v2)], i, v2);
    }
    if (graph) graph->first[d - 1].push_back(static_cast<int>(graph->edges[d - 1].size()));
    total += labels[d].size();
    if (labels[d].size() > RowPricing::kMaxStatesPerDate || total > RowPricing::kMaxStates) return false;
    if (graph && (steps += graph->edges[d - 1].size()) > RowPricing::kMaxSteps) return false;
  }
  out.exact = true;
  return true;
}

}  // namespace

RowPricing::Result RowPricing::cheapest(int r, const std::vector<char>& allowed, const std::vector<double>& price,
                                        int k, double below) {
  Result out;
  const Machine m(rules_, r, allowed);
  const int D = m.D;
  const RowRules& t = rules_;
  std::vector<std::vector<Label>> labels;
  if (!expand(m, price, labels, nullptr, out, below, [this](unsigned long long n) { return step_and_check(n); })) return out;

  // Final states: the hour minimum (run minimums do not apply to the last run).
  std::vector<int> finals;
  for (int i = 0; i < static_cast<int>(labels[D - 1].size()); ++i) {
    if (!m.complete(unpack(labels[D - 1][i].key))) continue;
    if (labels[D - 1][i].price < below) finals.push_back(i);
  }
  std::sort(finals.begin(), finals.end(), [&](int a, int b) {
    return labels[D - 1][a].price < labels[D - 1][b].price;
  });
  for (int i : finals) {
    if (static_cast<int>(out.rows.size()) >= k) break;
    Row row{std::vector<int>(D, 0), labels[D - 1][i].price};
    for (int d = D - 1, j = i; d >= 0; j = labels[d][j].parent, --d) row.values[d] = labels[d][j].value;
    if (!t.evaluate(r, row.values).ok) {  // the tables and this search disagree: trust neither
      out.exact = false;
      continue;
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

RowPricing::Result RowPricing::all_below(int r, const std::vector<char>& allowed, const std::vector<double>& price,
                                        double below, std::size_t max_rows) {
  Result out;
  const Machine m(rules_, r, allowed);
  const int D = m.D;
  // The whole state graph, then the cheapest completion from every state
  // (backward over its edges): a bound that is exact, so the depth-first
  // search below never enters a branch that holds no row under `below`.
  std::vector<std::vector<Label>> labels;
  Graph graph;
  if (!expand(m, price, labels, &graph, out, below, [this](unsigned long long n) { return step_and_check(n); })) return out;
  constexpr double kNone = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> rest(D);
  rest[D - 1].resize(labels[D - 1].size());
  for (std::size_t i = 0; i < labels[D - 1].size(); ++i) rest[D - 1][i] = m.complete(unpack(labels[D - 1][i].key)) ? 0 : kNone;
  for (int d = D - 2; d >= 0; --d) {
    rest[d].assign(labels[d].size(), kNone);
    for (std::size_t i = 0; i < labels[d].size(); ++i)
      for (int k = graph.first[d][i]; k < graph.first[d][i + 1]; ++k) {
        const Edge& e = graph.edges[d][static_cast<std::size_t>(k)];
        rest[d][i] = std::min(rest[d][i], price[m.at(d + 1, e.v)] + rest[d + 1][static_cast<std::size_t>(e.to)]);
      }
  }
  // Past `max_rows`, the dearest row found goes and the search looks only
  // below its price from then on: the cheapest `max_rows` are kept.
  std::vector<int> row(D, 0);
  auto dearer = [](const Row& a, const Row& b) { return a.price < b.price; };
  bool stopped = false;
  auto dfs = [&](auto&& self, int d, int i, double p) -> void {
    if (stopped || p + rest[d][static_cast<std::size_t>(i)] >= below) return;  // `below` may have dropped
    if (d == D - 1) {
      out.rows.push_back({row, p});
      std::push_heap(out.rows.begin(), out.rows.end(), dearer);
      if (out.rows.size() > max_rows) {
        std::pop_heap(out.rows.begin(), out.rows.end(), dearer);
        below = out.rows.back().price;
        out.rows.pop_back();
        out.exact = false;
      }
      return;
    }
    if (step_and_check(static_cast<unsigned long long>(graph.first[d][i + 1] - graph.first[d][i]))) {
      stopped = true;
      out.exact = false;
      return;
    }
    for (int k = graph.first[d][i]; k < graph.first[d][i + 1]; ++k) {
      const Edge& e = graph.edges[d][static_cast<std::size_t>(k)];
      const double q = p + price[m.at(d + 1, e.v)];
      if (q + rest[d + 1][static_cast<std::size_t>(e.to)] >= below) continue;
      row[d + 1] = e.v;
      self(self, d + 1, e.to, q);
    }
  };
  for (std::size_t i = 0; i < labels[0].size(); ++i) {
    const double p = price[m.at(0, labels[0][i].value)];
    if (p + rest[0][i] >= below) continue;
    row[0] = labels[0][i].value;
    dfs(dfs, 0, static_cast<int>(i), p);
  }
  std::sort_heap(out.rows.begin(), out.rows.end(), dearer);
  std::erase_if(out.rows, [&](const Row& x) {
    const bool bad = !rules_.evaluate(r, x.values).ok;
    out.exact = out.exact && !bad;
    return bad;
  });
  return out;
}

}  // namespace rota::solve
