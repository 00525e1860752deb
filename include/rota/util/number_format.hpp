#pragma once

#include <string>

namespace rota {

// "83.5", "80", "12.25": rounded to two decimals, trailing zeros dropped.
std::string format_number(double value);

// `value` as above, with as many more decimals (up to six) as it takes to
// tell it from `against` when the two differ: a finding's 80.004 h/week
// against a limit of 80 reads "80.004", never "80".
std::string format_number(double value, double against);

// "1 resident", "3 residents": a count with its noun, plural when needed.
std::string count_of(long long n, const std::string& noun);

}  // namespace rota
