#include "local_rules.hpp"

#include <algorithm>

namespace rota::solve {

namespace {

constexpr double kEps = 1e-9;

struct Piece {
  Instant start, end;
  int slot;        // 0, 1, 2
  int value;
  bool home_call;
  double scheduled_hours;
};

struct Period {
  Instant start, end;
  int first_slot, last_slot;
  double scheduled_hours;
  double hours() const { return static_cast<double>((end - start).count()) / 3600.0; }
};

Piece make_piece(const SolveProblem& pb, int day, int value, int slot) {
  const ShiftType& s = pb.shift(value);
  Instant start, end;
  if (day >= 0 && day < pb.days) {
    start = pb.intervals[day][value].start;
    end = pb.intervals[day][value].end;
  } else {
    start = pb.clock.at(pb.date(day), s.start_minute);
    end = pb.clock.at(pb.date(day), s.start_minute + s.length_minutes);
  }
  return {start, end, slot, value, s.is_home_call(), s.length_minutes / 60.0};
}

bool forbidden_pair(const Program& p, int a, int b) {
  return std::find(p.forbidden_successions.begin(), p.forbidden_successions.end(), std::pair{a - 1, b - 1}) !=
         p.forbidden_successions.end();
}

// Judges one combination: false when a hard rule breaks; else the owned warnings.
bool judge(const SolveProblem& pb, const std::vector<Piece>& pieces, const std::vector<int> (&slot_values)[3],
           int& warnings) {
  const Program& p = pb.program;
  const Rules& rules = p.rules;
  const Instant horizon = pb.midnight(0);
  warnings = 0;
  for (int s = 0; s + 1 < 3; ++s)
    for (int a : slot_values[s])
      for (int b : slot_values[s + 1])
        if (forbidden_pair(p, a, b)) return false;
  // Overlaps between different dates (assignments-per-day).
  for (std::size_t i = 0; i < pieces.size(); ++i)
    for (std::size_t j = 0; j < pieces.size(); ++j)
      if (pieces[i].slot < pieces[j].slot && pieces[j].start < pieces[i].end && pieces[i].start < pieces[j].end &&
          std::max(pieces[i].end, pieces[j].end) > horizon)
        return false;
  // Continuous periods of the non-home-call pieces, in time order.
  std::vector<Piece> duty;
  for (const auto& pc : pieces)
    if (!pc.home_call) duty.push_back(pc);
  std::sort(duty.begin(), duty.end(), [](const Piece& x, const Piece& y) {
    return x.start != y.start ? x.start < y.start : x.end < y.end;
  });
  std::vector<Period> periods;
  for (const auto& pc : duty) {
    if (!periods.empty() && pc.start <= periods.back().end) {
      Period& q = periods.back();
      q.end = std::max(q.end, pc.end);
      q.first_slot = std::min(q.first_slot, pc.slot);
      q.last_slot = std::max(q.last_slot, pc.slot);
      q.scheduled_hours += pc.scheduled_hours;
    } else {
      periods.push_back({pc.start, pc.end, pc.slot, pc.slot, pc.scheduled_hours});
    }
  }
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const Period& q = periods[i];
    if (rules.continuous_duty && q.end > horizon) {
      double hard = rules.continuous_duty->max_hours + rules.continuous_duty->transition_hours;
      if (q.hours() > hard + kEps) return false;
      if (q.first_slot == 1 && q.hours() > rules.continuous_duty->max_hours + kEps) ++warnings;
    }
    if (!rules.rest || i + 1 >= periods.size()) continue;
    const Period& next = periods[i + 1];
    if (next.start < horizon) continue;  // as the checker: a gap ending in the horizon (or at its start) counts
    double gap = static_cast<double>((next.start - q.end).count()) / 3600.0;
    bool long_period = q.hours() >= 24 - kEps || q.scheduled_hours >= 24 - kEps;
    if (long_period && gap < rules.rest->after_long_duty_hours - kEps) return false;
    bool owned = next.first_slot == 2 && (q.last_slot == 1 || (q.last_slot == 0 && slot_values[1].empty()));
    if (owned && gap < rules.rest->min_hours - kEps) ++warnings;
  }
  return true;
}

}  // namespace

bool needs_local_tables(const SolveProblem& pb) {
  const Rules& r = pb.program.rules;
  if (r.continuous_duty || r.rest || !pb.program.forbidden_successions.empty()) return true;
  // Shifts long enough to overlap the next date's shifts.
  for (int v = 1; v < pb.values; ++v)
    if (pb.shift(v).start_minute + pb.shift(v).length_minutes > 24 * 60 - 60) return true;
  return false;
}

std::vector<LocalTuple> local_tuples(const SolveProblem& pb, const Slot& a, const Slot& b, const Slot& c) {
  std::vector<LocalTuple> out;
  auto options = [](const Slot& s) {
    std::vector<std::vector<int>> opts;
    if (s.fixed) opts.push_back(s.fixed_values);
    else
      for (int v : s.candidates) opts.push_back(v == 0 ? std::vector<int>{} : std::vector<int>{v});
    return opts;
  };
  const Slot* slots[3] = {&a, &b, &c};
  std::vector<std::vector<int>> opts[3] = {options(a), options(b), options(c)};
  std::vector<Piece> base;
  for (const auto& oa : opts[0])
    for (const auto& ob : opts[1])
      for (const auto& oc : opts[2]) {
        std::vector<int> slot_values[3] = {oa, ob, oc};
        std::vector<Piece> pieces;
        for (int s = 0; s < 3; ++s)
          for (int v : slot_values[s]) pieces.push_back(make_piece(pb, slots[s]->day, v, s));
        int warnings = 0;
        if (!judge(pb, pieces, slot_values, warnings)) continue;
        auto val = [](const Slot& s, const std::vector<int>& o) { return s.fixed || o.empty() ? 0 : o[0]; };
        out.push_back({val(a, oa), val(b, ob), val(c, oc), warnings});
      }
  return out;
}

}  // namespace rota::solve
