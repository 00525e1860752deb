#pragma once

#include <string>

namespace rota {

// "83.5", "80", "12.25": rounded to two decimals, trailing zeros dropped.
std::string format_number(double value);

}  // namespace rota
