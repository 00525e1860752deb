#pragma once

#include <chrono>
#include <string>

#include <date/tz.h>

#include "rota/util/civil_date.hpp"

namespace rota {

using Instant = date::sys_seconds;

// Turns the program's local wall-clock times into absolute instants in its
// IANA zone. A local time that does not exist (spring forward) moves
// forward by the gap; a repeated one (fall back) takes its first occurrence.
class ProgramClock {
 public:
  // Throws std::runtime_error when the zone is unknown to the tz database.
  explicit ProgramClock(const std::string& zone_name);

  // Local `day` at `minutes` after midnight (may exceed one day).
  Instant at(Date day, long long minutes) const;
  Instant midnight(Date day) const { return at(day, 0); }

  // "2027-07-03T07:00-04:00": local date-time with its UTC offset.
  std::string format_local(Instant t) const;
  const std::string& zone_name() const { return zone_name_; }

 private:
  const date::time_zone* zone_;
  std::string zone_name_;
};

}  // namespace rota
