#include "rota/model/roster.hpp"

namespace rota {

const std::vector<std::string>& leave_type_names() {
  static const std::vector<std::string> names{"vacation", "sick", "conference", "parental", "other"};
  return names;
}

std::string to_string(LeaveType type) { return leave_type_names()[static_cast<int>(type)]; }

std::optional<LeaveType> parse_leave_type(const std::string& text) {
  const auto& names = leave_type_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<LeaveType>(i);
  return std::nullopt;
}

std::optional<int> Roster::resident_index(const std::string& id) const {
  for (std::size_t i = 0; i < residents.size(); ++i)
    if (residents[i].id == id) return static_cast<int>(i);
  return std::nullopt;
}

std::vector<std::string> Roster::resident_ids() const {
  std::vector<std::string> ids;
  for (const auto& r : residents) ids.push_back(r.id);
  return ids;
}

}  // namespace rota
