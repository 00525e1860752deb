#include "rota/model/program_clock.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace rota {

ProgramClock::ProgramClock(const std::string& zone_name) : zone_name_(zone_name) {
  try {
    zone_ = date::locate_zone(zone_name);
  } catch (const std::exception&) {
    throw std::runtime_error(fmt::format("unknown time zone '{}'", zone_name));
  }
}

Instant ProgramClock::at(Date day, long long minutes) const {
  date::local_seconds local{date::local_days{day.time_since_epoch()}.time_since_epoch() +
                            std::chrono::minutes{minutes}};
  auto info = zone_->get_info(local);
  // unique: the one offset; ambiguous: first occurrence (the earlier offset);
  // nonexistent: the offset before the gap, which lands after the gap.
  return Instant{local.time_since_epoch() - info.first.offset};
}

std::string ProgramClock::format_local(Instant t) const {
  auto info = zone_->get_info(t);
  auto local = date::local_seconds{t.time_since_epoch() + info.offset};
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> tod{local - day};
  auto offset_min = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
  char sign = offset_min < 0 ? '-' : '+';
  if (offset_min < 0) offset_min = -offset_min;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}{}{:02}:{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     tod.hours().count(), tod.minutes().count(), sign, offset_min / 60,
                     offset_min % 60);
}

}  // namespace rota
