#include "rota/util/number_format.hpp"

#include <cmath>

#include <fmt/format.h>

namespace rota {

namespace {

std::string with_decimals(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;  // no "-0"
  std::string s = fmt::format("{:.{}f}", rounded, decimals);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string format_number(double value) { return with_decimals(value, 2); }

std::string format_number(double value, double against) {
  constexpr int kMostDecimals = 6;
  for (int decimals = 2;; ++decimals) {
    std::string s = with_decimals(value, decimals);
    if (decimals == kMostDecimals || value == against || s != with_decimals(against, decimals)) return s;
  }
}

std::string count_of(long long n, const std::string& noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

}  // namespace rota
