#include "rota/util/duration.hpp"

#include <cctype>
#include <cstdlib>

namespace rota {

std::optional<double> parse_duration_seconds(const std::string& text) {
  std::string digits = text;
  double scale = 1;
  if (!digits.empty()) {
    switch (digits.back()) {
      case 's': digits.pop_back(); break;
      case 'm': scale = 60; digits.pop_back(); break;
      case 'h': scale = 3600; digits.pop_back(); break;
      default: break;
    }
  }
  int points = 0, figures = 0;
  for (char c : digits) {
    if (c == '.') ++points;
    else if (std::isdigit(static_cast<unsigned char>(c))) ++figures;
    else return std::nullopt;
  }
  if (figures == 0 || points > 1) return std::nullopt;
  const double seconds = std::strtod(digits.c_str(), nullptr) * scale;
  if (!(seconds <= kMaxDurationSeconds)) return std::nullopt;
  return seconds;
}

}  // namespace rota
