#include "rota/report/ics_calendar.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include <date/tz.h>
#include <fmt/format.h>

namespace rota {

namespace {

using Seconds = date::sys_seconds;

// A date-time as the schedule CSV writes it: its local wall-clock part and
// the absolute instant its offset gives.
struct Stamp {
  date::local_seconds local;
  Seconds utc;
};

int digits(const std::string& s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) throw std::runtime_error("malformed date-time '" + s + "'");
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') throw std::runtime_error("malformed date-time '" + s + "'");
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// 2027-11-07T07:00-05:00, 2027-11-07T07:00:00+01:00 or ...Z
Stamp parse_stamp(const std::string& s) {
  const int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':')
    throw std::runtime_error("malformed date-time '" + s + "'");
  const int h = digits(s, 11, 2), mi = digits(s, 14, 2);
  std::size_t at = 16;
  int sec = 0;
  if (at < s.size() && s[at] == ':') {
    sec = digits(s, at + 1, 2);
    at += 3;
  }
  int offset_minutes = 0;
  if (at < s.size() && s[at] == 'Z') {
    ++at;
  } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    if (at + 6 != s.size() || s[at + 3] != ':') throw std::runtime_error("malformed date-time '" + s + "'");
    offset_minutes = (s[at] == '-' ? -1 : 1) * (digits(s, at + 1, 2) * 60 + digits(s, at + 4, 2));
    at += 6;
  }
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)}, date::day{static_cast<unsigned>(d)}};
  if (at != s.size() || !ymd.ok()) throw std::runtime_error("malformed date-time '" + s + "'");
  const auto local = date::local_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{sec};
  return {local, Seconds{local.time_since_epoch()} - std::chrono::minutes{offset_minutes}};
}

std::string basic(date::local_seconds t) { return date::format("%Y%m%dT%H%M%S", t); }
std::string basic_utc(Seconds t) { return date::format("%Y%m%dT%H%M%SZ", t); }

std::string offset_text(std::chrono::seconds off) {
  const long long s = off.count();
  const long long a = s < 0 ? -s : s;
  std::string out = fmt::format("{}{:02}{:02}", s < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  if (a % 60) out += fmt::format("{:02}", a % 60);
  return out;
}

// TEXT values: backslash, semicolon, comma and newline escaped; other
// control characters, which TEXT may not hold, dropped.
std::string text_value(const std::string& s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\' || c == ';' || c == ',') out += {'\\', c};
    else if (c == '\n') out += "\\n";
    else if ((u >= 0x20 && u != 0x7F) || c == '\t') out += c;
  }
  return out;
}

// One content line, folded at 75 octets (never inside a UTF-8 sequence).
void line(std::string& out, const std::string& content) {
  std::size_t at = 0, limit = 75;
  while (content.size() - at > limit) {
    std::size_t cut = at + limit;
    while (cut > at && (static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;
    if (cut == at) cut = at + limit;  // not UTF-8 at all: cut anywhere rather than never
    out.append(content, at, cut - at);
    out += "\r\n ";
    at = cut;
    limit = 74;  // the leading space counts
  }
  out.append(content, at, std::string::npos);
  out += "\r\n";
}

void vtimezone(std::string& out, const date::time_zone* zone, Seconds from, Seconds to) {
  line(out, "BEGIN:VTIMEZONE");
  line(out, "TZID:" + zone->name());
  date::sys_info info = zone->get_info(from);
  bool first = true;
  while (true) {
    const date::sys_info before = zone->get_info(info.begin - std::chrono::seconds{1});
    const bool known_start = info.begin > Seconds{date::sys_days{date::year{1900} / 1 / 1}};
    const std::chrono::seconds from_offset = first && !known_start ? info.offset : before.offset;
    const date::local_seconds onset{(known_start ? info.begin : Seconds{date::sys_days{date::year{1970} / 1 / 1}})
                                        .time_since_epoch() +
                                    from_offset};
    const char* kind = info.save == std::chrono::minutes{0} ? "STANDARD" : "DAYLIGHT";
    line(out, fmt::format("BEGIN:{}", kind));
    line(out, "DTSTART:" + basic(onset));
    line(out, "TZOFFSETFROM:" + offset_text(from_offset));
    line(out, "TZOFFSETTO:" + offset_text(info.offset));
    if (!info.abbrev.empty()) line(out, "TZNAME:" + text_value(info.abbrev));
    line(out, fmt::format("END:{}", kind));
    first = false;
    if (info.end > to || info.end <= info.begin) break;
    info = zone->get_info(info.end);
  }
  line(out, "END:VTIMEZONE");
}

}  // namespace

std::string format_ics(const Calendar& cal) {
  const date::time_zone* zone = cal.timezone.empty() ? nullptr : date::locate_zone(cal.timezone);
  const std::string stamp = basic_utc(parse_stamp(cal.stamp).utc);
  std::string out;
  line(out, "BEGIN:VCALENDAR");
  line(out, "VERSION:2.0");
  line(out, "PRODID:-//rota//rota " ROTA_VERSION "//EN");
  line(out, "CALSCALE:GREGORIAN");
  if (!cal.name.empty()) line(out, "X-WR-CALNAME:" + text_value(cal.name));
  if (zone) line(out, "X-WR-TIMEZONE:" + zone->name());

  std::vector<std::pair<Stamp, Stamp>> times;
  for (const CalendarEvent& e : cal.events) times.emplace_back(parse_stamp(e.start), parse_stamp(e.end));
  if (zone && !times.empty()) {
    Seconds lo = times.front().first.utc, hi = times.front().second.utc;
    for (const auto& [s, e] : times) {
      lo = std::min(lo, s.utc);
      hi = std::max(hi, e.utc);
    }
    vtimezone(out, zone, lo, hi);
  } else if (times.empty()) {
    // A calendar holds at least one component: with no duty (a resident on
    // leave all along), the zone's definition alone.
    const Seconds at = parse_stamp(cal.stamp).utc;
    vtimezone(out, zone ? zone : date::locate_zone("UTC"), at, at);
  }
  // A local time names the instant the zone gives it (the first of a
  // repeated hour); one that does not (the second of a repeated hour) is
  // written in UTC.
  auto when = [&](const char* name, const Stamp& t) {
    if (zone) {
      const Seconds zoned = zone->to_sys(t.local, date::choose::earliest);
      if (zoned == t.utc) return fmt::format("{};TZID={}:{}", name, zone->name(), basic(t.local));
    }
    return fmt::format("{}:{}", name, basic_utc(t.utc));
  };
  for (std::size_t i = 0; i < cal.events.size(); ++i) {
    const CalendarEvent& e = cal.events[i];
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + e.uid);
    line(out, "DTSTAMP:" + stamp);
    line(out, fmt::format("SEQUENCE:{}", e.sequence));
    line(out, when("DTSTART", times[i].first));
    line(out, when("DTEND", times[i].second));
    line(out, "SUMMARY:" + text_value(e.summary));
    if (!e.description.empty()) line(out, "DESCRIPTION:" + text_value(e.description));
    line(out, "TRANSP:OPAQUE");
    line(out, "END:VEVENT");
  }
  line(out, "END:VCALENDAR");
  return out;
}

}  // namespace rota
