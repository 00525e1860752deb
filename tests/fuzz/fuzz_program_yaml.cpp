// The program file reader (and the roster tables it may hold).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  rota::Diagnostics d;
  try {
    rota::Program p = rota::parse_program_yaml(text, "fuzz.yaml", d);
    if (!d.has_errors()) rota::parse_roster_yaml(text, "fuzz.yaml", p, d);
  } catch (const rota::InputError&) {
  }
  for (const auto& x : d.all()) (void)x.to_string();
  return 0;
}
