#include "rota/report/ics_calendar.hpp"

#include <sstream>
#include <stdexcept>

#include <doctest/doctest.h>

namespace {

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find("\r\n", at);
    REQUIRE(end != std::string::npos);  // every line ends with CRLF
    out.push_back(text.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

// Content lines with the folding undone.
std::vector<std::string> unfolded(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& l : physical_lines(text)) {
    if (!l.empty() && l[0] == ' ') out.back() += l.substr(1);
    else out.push_back(l);
  }
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const std::string& l : unfolded(text))
    if (l == line) return true;
  return false;
}

rota::Calendar calendar(const std::string& zone) {
  rota::Calendar cal;
  cal.name = "Test program";
  cal.timezone = zone;
  cal.stamp = "2027-10-20T03:00:00Z";
  return cal;
}

}  // namespace

TEST_CASE("calendar lines are CRLF, folded at 75 octets, never inside a UTF-8 character") {
  rota::Calendar cal = calendar("America/New_York");
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "Médecine, nuit; ";
  cal.events.push_back({"u1@rota", 0, "2027-07-01T07:00-04:00", "2027-07-01T19:00-04:00", "a: WD", long_text});
  const std::string ics = rota::format_ics(cal);
  for (const std::string& l : physical_lines(ics)) {
    CHECK(l.size() <= 75);
    if (!l.empty()) CHECK((static_cast<unsigned char>(l.back()) & 0xC0) != 0xC0);  // no lead byte left dangling
  }
  std::string escaped;
  for (int i = 0; i < 40; ++i) escaped += "Médecine\\, nuit\\; ";
  CHECK(has_line(ics, "DESCRIPTION:" + escaped));
  CHECK(has_line(ics, "SUMMARY:a: WD"));
  CHECK(has_line(ics, "DTSTAMP:20271020T030000Z"));
  CHECK(has_line(ics, "UID:u1@rota"));
}

TEST_CASE("calendar times: the program's zone, its VTIMEZONE, the repeated hour in UTC") {
  rota::Calendar cal = calendar("America/New_York");
  cal.events.push_back({"a", 0, "2027-11-06T19:00-04:00", "2027-11-07T07:00-05:00", "a: WN", ""});
  cal.events.push_back({"b", 2, "2027-11-07T01:30-04:00", "2027-11-07T01:30-05:00", "b: X", ""});
  const std::string ics = rota::format_ics(cal);
  CHECK(has_line(ics, "DTSTART;TZID=America/New_York:20271106T190000"));
  CHECK(has_line(ics, "DTEND;TZID=America/New_York:20271107T070000"));
  // 01:30 happens twice that night: the first is the zone's, the second is
  // written as the UTC instant it is.
  CHECK(has_line(ics, "DTSTART;TZID=America/New_York:20271107T013000"));
  CHECK(has_line(ics, "DTEND:20271107T063000Z"));
  CHECK(has_line(ics, "SEQUENCE:2"));
  // The offsets in force over the events: EDT from 2027-03-14, EST from 2027-11-07.
  CHECK(has_line(ics, "TZID:America/New_York"));
  CHECK(has_line(ics, "DTSTART:20270314T020000"));
  CHECK(has_line(ics, "DTSTART:20271107T020000"));
  CHECK(has_line(ics, "TZOFFSETFROM:-0400"));
  CHECK(has_line(ics, "TZOFFSETTO:-0500"));
  CHECK(has_line(ics, "TZNAME:EST"));
}

TEST_CASE("calendar without a zone: UTC times and no VTIMEZONE; bad input refused") {
  rota::Calendar cal = calendar("");
  cal.events.push_back({"a", 0, "2027-07-01T07:00-04:00", "2027-07-01T19:00-04:00", "a: WD", ""});
  const std::string ics = rota::format_ics(cal);
  CHECK(has_line(ics, "DTSTART:20270701T110000Z"));
  CHECK(ics.find("VTIMEZONE") == std::string::npos);
  cal.events[0].start = "2027-02-30T07:00-04:00";
  CHECK_THROWS_AS(rota::format_ics(cal), std::runtime_error);
  cal.events[0].start = "2027-07-01 07:00";
  CHECK_THROWS_AS(rota::format_ics(cal), std::runtime_error);
  cal = calendar("Mars/Olympus_Mons");
  CHECK_THROWS(rota::format_ics(cal));
}

TEST_CASE("calendar text that is not UTF-8 still folds; control characters dropped; no event still a calendar") {
  rota::Calendar cal = calendar("America/New_York");
  cal.name = std::string(200, '\x92');  // Windows-1252 apostrophes
  cal.events.push_back({"u@rota", 0, "2027-07-01T07:00-04:00", "2027-07-01T19:00-04:00", "a\x0b: W\x7f\tD", ""});
  const std::string ics = rota::format_ics(cal);
  for (const std::string& l : physical_lines(ics)) CHECK(l.size() <= 75);
  CHECK(has_line(ics, "X-WR-CALNAME:" + std::string(200, '\x92')));
  CHECK(has_line(ics, "SUMMARY:a: W\tD"));
  rota::Calendar empty = calendar("America/New_York");
  const std::string none = rota::format_ics(empty);
  CHECK(none.find("BEGIN:VTIMEZONE") != std::string::npos);
  CHECK(none.find("BEGIN:VEVENT") == std::string::npos);
  CHECK(rota::format_ics(calendar("")).find("TZID:UTC") != std::string::npos);
}
