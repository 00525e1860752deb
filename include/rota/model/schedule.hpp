#pragma once

#include <vector>

#include "rota/util/civil_date.hpp"

namespace rota {

struct Assignment {
  int resident = 0;
  Date date;
  int shift = 0;

  friend bool operator==(const Assignment&, const Assignment&) = default;
  friend auto operator<=>(const Assignment& a, const Assignment& b) {
    if (auto c = a.date <=> b.date; c != 0) return c;
    if (auto c = a.resident <=> b.resident; c != 0) return c;
    return a.shift <=> b.shift;
  }
};

// The assignments dated inside the horizon; a resident-day with none is off.
struct Schedule {
  std::vector<Assignment> assignments;  // sorted, no exact duplicates
};

}  // namespace rota
