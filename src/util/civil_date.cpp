#include "rota/util/civil_date.hpp"

#include <charconv>

#include <fmt/format.h>

namespace rota {

static std::optional<int> parse_digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return text.empty() ? std::nullopt : std::optional<int>(value);
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = parse_digits(text.substr(0, 4));
  auto m = parse_digits(text.substr(5, 2));
  auto d = parse_digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                           date::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}

std::string format_date(Date d) {
  date::year_month_day ymd{d};
  const int y = static_cast<int>(ymd.year());
  if (y >= 0 && y <= 9999) {  // the common case, without a format string (the rule checks word many dates)
    const unsigned m = static_cast<unsigned>(ymd.month()), day = static_cast<unsigned>(ymd.day());
    char text[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                     static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                     static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                     static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
    return std::string(text, sizeof text);
  }
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::optional<int> parse_clock_time(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() - colon != 3)
    return std::nullopt;
  auto h = parse_digits(text.substr(0, colon));
  auto m = parse_digits(text.substr(colon + 1));
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  return *h * 60 + *m;
}

int iso_weekday_index(Date d) {
  return static_cast<int>(date::weekday{d}.iso_encoding()) - 1;
}

}  // namespace rota
