// The roster reader, against a fixed program.
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto& in = rota::fuzz::inputs();
  rota::Diagnostics d;
  try {
    rota::Roster r = rota::parse_roster_yaml(text, "fuzz-roster.yaml", in.program, d);
    if (!d.has_errors()) (void)rota::roster_text(in.program, r);
  } catch (const rota::InputError&) {
  }
  for (const auto& x : d.all()) (void)x.to_string();
  return 0;
}
