#include "rota/model/program.hpp"

namespace rota {

const std::vector<std::string>& shift_kind_names() {
  static const std::vector<std::string> names{"day", "night", "call", "home-call", "clinic", "other"};
  return names;
}

std::string to_string(ShiftKind kind) { return shift_kind_names()[static_cast<int>(kind)]; }

std::optional<ShiftKind> parse_shift_kind(const std::string& text) {
  const auto& names = shift_kind_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<ShiftKind>(i);
  return std::nullopt;
}

bool is_day_off_word(const std::string& text) {
  return text.size() == 3 && (text[0] == 'o' || text[0] == 'O') && (text[1] == 'f' || text[1] == 'F') &&
         (text[2] == 'f' || text[2] == 'F');
}

std::optional<int> Program::shift_index(const std::string& id) const {
  for (std::size_t i = 0; i < shifts.size(); ++i)
    if (shifts[i].id == id) return static_cast<int>(i);
  return std::nullopt;
}

std::vector<std::string> Program::shift_ids() const {
  std::vector<std::string> ids;
  for (const auto& s : shifts) ids.push_back(s.id);
  return ids;
}

}  // namespace rota
