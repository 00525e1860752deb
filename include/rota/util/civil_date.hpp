#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace rota {

// A calendar date with no time zone attached.
using Date = date::sys_days;

// Strict YYYY-MM-DD; nullopt for anything else, including 2027-02-30.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date d);

// Minutes after local midnight from "HH:MM" (00:00 .. 23:59).
std::optional<int> parse_clock_time(std::string_view text);

// 0 = Monday .. 6 = Sunday.
int iso_weekday_index(Date d);
inline bool is_weekend(Date d) { return iso_weekday_index(d) >= 5; }

}  // namespace rota
