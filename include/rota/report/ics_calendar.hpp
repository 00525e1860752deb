#pragma once

// iCalendar (RFC 5545) files of duty schedules: one VEVENT per duty, times
// in the program's zone with its VTIMEZONE written out (the offsets in
// force over the events' span, from the tz database), CRLF lines folded at
// 75 octets. The writer is pure: the same calendar gives the same bytes.

#include <string>
#include <vector>

namespace rota {

struct CalendarEvent {
  std::string uid;         // stable across exports: see rota(1), export
  int sequence = 0;        // grows each time the event changes
  std::string start, end;  // local date-times with UTC offset: 2027-11-07T07:00-05:00
  std::string summary;
  std::string description;
};

struct Calendar {
  std::string name;      // X-WR-CALNAME
  std::string timezone;  // IANA zone; empty: times are written in UTC
  std::string stamp;     // DTSTAMP of every event (when the run finished), UTC: 2027-07-01T02:00:00Z
  std::vector<CalendarEvent> events;
};

// Throws std::runtime_error for a zone the tz database does not know or a
// malformed date-time.
std::string format_ics(const Calendar& calendar);

}  // namespace rota
