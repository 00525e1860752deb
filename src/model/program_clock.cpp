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

namespace {

// The last stretch of one zone's time with a single UTC offset, per thread:
// the rule checks convert thousands of local times per second, nearly all
// far from any offset change.
struct OffsetStretch {
  const date::time_zone* zone = nullptr;
  date::sys_seconds begin, end;
  std::chrono::seconds offset{0};
};
thread_local OffsetStretch last_stretch;

}  // namespace

Instant ProgramClock::at(Date day, long long minutes) const {
  date::local_seconds local{date::local_days{day.time_since_epoch()}.time_since_epoch() +
                            std::chrono::minutes{minutes}};
  // A local time whose instant under the stretch's offset lies more than a
  // day inside the stretch has that offset and no other (offsets differ by
  // less than a day), so the zone need not be asked.
  OffsetStretch& c = last_stretch;
  if (c.zone == zone_) {
    Instant guess{local.time_since_epoch() - c.offset};
    if (guess - c.begin >= date::days{1} && c.end - guess > date::days{1}) return guess;
  }
  auto info = zone_->get_info(local);
  if (info.result == date::local_info::unique) c = {zone_, info.first.begin, info.first.end, info.first.offset};
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
