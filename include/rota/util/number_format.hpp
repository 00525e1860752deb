#pragma once

#include <string>

namespace rota {

// "83.5", "80", "12.25": rounded to two decimals, trailing zeros dropped.
std::string format_number(double value);

// "1 resident", "3 residents": a count with its noun, plural when needed.
std::string count_of(long long n, const std::string& noun);

}  // namespace rota
