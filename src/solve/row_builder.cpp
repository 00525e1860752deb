#include "row_builder.hpp"

#include <algorithm>

namespace rota::solve {

namespace {

using Word = std::uint64_t;

// The scratch table stays under this many words (256 MiB); longer rows
// with more shifts and finer hours are left to the constraint search.
constexpr std::size_t kMaxWords = std::size_t{1} << 25;
constexpr int kMaxSumBits = 1 << 16;

bool test(const Word* b, int i) { return (b[i >> 6] >> (i & 63)) & 1; }

// Whether any bit in [a, b] is set.
bool any_in(const Word* bits, int a, int b) {
  if (a > b) return false;
  for (int i = a; i <= b;) {
    if ((i & 63) == 0 && i + 63 <= b) {
      if (bits[i >> 6]) return true;
      i += 64;
    } else {
      if (test(bits, i)) return true;
      ++i;
    }
  }
  return false;
}

// dst |= src << w, over sums 0..cap; with `saturate`, sums past the cap
// count as the cap ("at least"), otherwise they are dropped.
void shift_or(Word* dst, const Word* src, int w, int words, int cap, bool saturate) {
  const int ws = w >> 6, bs = w & 63;
  for (int i = words - 1; i >= ws; --i) {
    Word v = src[i - ws] << bs;
    if (bs && i - ws - 1 >= 0) v |= src[i - ws - 1] >> (64 - bs);
    dst[i] |= v;
  }
  if (saturate && any_in(src, std::max(0, cap - w), cap)) dst[cap >> 6] |= Word{1} << (cap & 63);
  const int top = cap + 1;  // bits at and past `top` are not sums
  if (top < words * 64) dst[top >> 6] &= (Word{1} << (top & 63)) - 1;
  for (int i = (top >> 6) + 1; i < words; ++i) dst[i] = 0;
}

// Of `items` (forced, id), the ids left out when `keep` of them are kept:
// the forced ones first, the rest in random order.
std::vector<int> left_out(const std::vector<std::pair<bool, int>>& items, int keep, std::mt19937_64& rng) {
  std::vector<std::pair<int, int>> order;  // sort key, id
  for (auto [forced, id] : items) order.push_back({forced ? -1 : static_cast<int>(rng() % 1000000), id});
  std::sort(order.begin(), order.end());
  std::vector<int> out;
  for (std::size_t i = static_cast<std::size_t>(std::max(0, keep)); i < order.size(); ++i) out.push_back(order[i].second);
  return out;
}

}  // namespace

std::vector<int> RowBuilder::build(int r, const std::vector<char>& allowed, const std::vector<int>* need,
                                   std::mt19937_64& rng, int attempts) {
  for (int a = 0; a < attempts; ++a) {
    std::vector<int> row = attempt(r, allowed, need, rng);
    if (!row.empty()) return row;
  }
  return {};
}

std::vector<int> RowBuilder::attempt(int r, const std::vector<char>& allowed_in, const std::vector<int>* need,
                                     std::mt19937_64& rng) {
  const RowRules& t = rules_;
  const int D = t.days(), V = t.values();
  const RowRules::Limits& lim = t.limits(r);
  if (D == 0) return {};
  auto at = [V](int d, int v) { return static_cast<std::size_t>(d) * V + v; };
  std::vector<char> ok(static_cast<std::size_t>(D) * V);
  for (int d = 0; d < D; ++d)
    for (int v = 0; v < V; ++v) ok[at(d, v)] = allowed_in[at(d, v)] && t.cell_ok(r, d, v);
  auto may_rest = [&](int d) { return ok[at(d, 0)] != 0; };
  auto may_work = [&](int d) {
    for (int v = 1; v < V; ++v)
      if (ok[at(d, v)]) return true;
    return false;
  };
  auto ban_work = [&](int d) {
    for (int v = 1; v < V; ++v) ok[at(d, v)] = 0;
  };

  // Weekends: the ones that may be worked, chosen at random (those a fixed
  // shift forces first); the rest stay off.
  if (lim.max_weekends >= 0 && t.weekends() > lim.max_weekends) {
    std::vector<std::vector<int>> days_of(t.weekends());
    for (int d = 0; d < D; ++d)
      if (t.weekend(d) >= 0) days_of[t.weekend(d)].push_back(d);
    std::vector<std::pair<bool, int>> workable;  // forced, weekend
    for (int w = 0; w < t.weekends(); ++w) {
      bool may = false, forced = false;
      for (int d : days_of[w]) {
        may = may || may_work(d);
        forced = forced || !may_rest(d);
      }
      if (may) workable.push_back({forced, w});
    }
    for (int w : left_out(workable, lim.max_weekends, rng))
      for (int d : days_of[w]) ban_work(d);
  }
  // Limited shifts: the dates each may take, chosen the same way.
  for (auto [v, most] : lim.max_shifts) {
    std::vector<std::pair<bool, int>> dates;  // forced, date
    for (int d = 0; d < D; ++d)
      if (ok[at(d, v)]) {
        bool forced = !may_rest(d);
        for (int u = 1; u < V && forced; ++u) forced = u == v || !ok[at(d, u)];
        dates.push_back({forced, d});
      }
    for (int d : left_out(dates, most, rng)) ok[at(d, v)] = 0;
  }

  // Hours in units of the shifts' common length; sums up to `cap`.
  const RowRules::HourUnits hours = t.hour_units(r, ok);
  if (!hours.whole) return {};
  const std::vector<int>& weight = hours.weight;
  const long long lo = hours.lo, cap = hours.cap;
  if (cap >= kMaxSumBits || lo > cap) return {};
  const bool saturate = lim.max_hours < 0;
  const int C = static_cast<int>(cap);
  const int words = C / 64 + 1;

  // Run states: the last value, the length of the current run (capped
  // where longer makes no difference) and whether the run began the row.
  const int max_on = lim.max_consecutive;
  const int k_on = max_on >= 0 ? std::max(max_on, 1) : std::max(lim.min_consecutive, 1);
  const int k_off = std::max(lim.min_days_off_run, 1);
  const int K = std::max(k_on, k_off);
  const int S = V * K * 2;
  auto state = [K](int v, int k, int first) { return ((v * K) + (k - 1)) * 2 + first; };
  // The state after taking `v2` on date d from state `s` (d >= 1), or -1.
  auto next = [&](int d, int s, int v2) {
    const int first = s & 1, k = (s >> 1) % K + 1, v = s / (2 * K);
    if (!t.pair_ok(d, v, v2)) return -1;
    const bool on = v > 0, on2 = v2 > 0;
    if (on && on2) {
      if (max_on >= 0 && k + 1 > max_on) return -1;
      return state(v2, std::min(k + 1, k_on), first);
    }
    if (on && !on2) return !first && k < lim.min_consecutive ? -1 : state(0, 1, 0);
    if (!on && on2) {
      if (max_on == 0 || (!first && k < lim.min_days_off_run)) return -1;
      return state(v2, 1, 0);
    }
    return state(0, std::min(k + 1, k_off), first);
  };
  auto start = [&](int v2) { return v2 > 0 && max_on == 0 ? -1 : state(v2, 1, 1); };

  // Backward: reach(d, s) holds the sums that dates d.. can still add after
  // a row ending in state s on date d-1.
  const std::size_t total = static_cast<std::size_t>(D + 1) * S * words;
  if (total > kMaxWords) return {};
  reach_.assign(total, 0);
  auto reach = [&](int d, int s) { return reach_.data() + (static_cast<std::size_t>(d) * S + s) * words; };
  for (int s = 0; s < S; ++s) reach(D, s)[0] = 1;
  for (int d = D - 1; d >= 1; --d)
    for (int s = 0; s < S; ++s) {
      if (!ok[at(d - 1, s / (2 * K))]) continue;
      Word* dst = reach(d, s);
      for (int v2 = 0; v2 < V; ++v2) {
        if (!ok[at(d, v2)]) continue;
        const int s2 = next(d, s, v2);
        if (s2 >= 0) shift_or(dst, reach(d + 1, s2), weight[at(d, v2)], words, C, saturate);
      }
    }

  // Forward: each date's value at random among those that keep the rest
  // of the row reachable.
  auto window_ok = [&](int d1, int s2, int h2) {
    const Word* b = reach(d1, s2);
    if (saturate) return any_in(b, C - h2, C);
    return h2 <= C && any_in(b, static_cast<int>(std::max<long long>(0, lo - h2)), C - h2);
  };
  std::vector<int> row(D, 0);
  std::vector<int> candidates;
  int s = -1, h = 0;
  for (int d = 0; d < D; ++d) {
    candidates.clear();
    for (int v2 = 0; v2 < V; ++v2) {
      if (!ok[at(d, v2)]) continue;
      const int s2 = d == 0 ? start(v2) : next(d, s, v2);
      if (s2 < 0) continue;
      const int h2 = saturate ? std::min(C, h + weight[at(d, v2)]) : h + weight[at(d, v2)];
      if (window_ok(d + 1, s2, h2)) candidates.push_back(v2);
    }
    if (candidates.empty()) return {};
    const bool can_rest = candidates.front() == 0;
    const int on_first = can_rest ? 1 : 0;
    const int n_on = static_cast<int>(candidates.size()) - on_first;
    int pick = -1;
    // A Sunday follows its Saturday: a weekend worked whole or not at all.
    const bool sunday = d > 0 && t.weekend(d) >= 0 && t.weekend(d - 1) == t.weekend(d);
    if (sunday && row[d - 1] == 0 && can_rest) pick = 0;
    if (pick < 0 && need && n_on > 0 && (rng() & 7) != 0) {
      int most = 0;
      for (int i = on_first; i < static_cast<int>(candidates.size()); ++i) {
        const int n = (*need)[at(d, candidates[i])];
        if (n > most || (n == most && n > 0 && (rng() & 1))) {
          most = n;
          pick = candidates[i];
        }
      }
    }
    if (pick < 0 && can_rest && (n_on == 0 || (!(sunday && row[d - 1] > 0) && rng() % 3 == 0))) pick = 0;
    if (pick < 0) {  // the working value with the fewest requests against it
      long long best = 0;
      unsigned long long best_key = 0;
      for (int i = on_first; i < static_cast<int>(candidates.size()); ++i) {
        const long long c = t.cell_cost(r, d, candidates[i]);
        const unsigned long long key = rng();
        if (pick < 0 || c < best || (c == best && key < best_key)) {
          pick = candidates[i];
          best = c;
          best_key = key;
        }
      }
    }
    row[d] = pick;
    s = d == 0 ? start(pick) : next(d, s, pick);
    h = saturate ? std::min(C, h + weight[at(d, pick)]) : h + weight[at(d, pick)];
  }
  if (!t.evaluate(r, row).ok) return {};
  return row;
}

}  // namespace rota::solve
