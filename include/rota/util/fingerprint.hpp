#pragma once

// A 64-bit FNV-1a fingerprint of some texts, each length-prefixed so that
// ("ab", "c") and ("a", "bc") differ. It tells inputs apart in the run
// history; it is not a defence against anyone crafting collisions.

#include <cstdint>
#include <string>
#include <string_view>

namespace rota {

class Fingerprint {
 public:
  void add(std::string_view text) {
    const std::uint64_t n = text.size();
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(n >> (8 * i)));
    for (char c : text) byte(static_cast<unsigned char>(c));
  }
  std::string hex() const {
    static const char* digits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[15 - i] = digits[(h_ >> (4 * i)) & 15];
    return out;
  }

 private:
  void byte(unsigned char b) {
    h_ ^= b;
    h_ *= 0x100000001b3ULL;
  }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace rota
