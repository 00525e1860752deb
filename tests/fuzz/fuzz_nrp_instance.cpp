// The Curtois & Qu instance reader; an instance it accepts must become a
// program and roster that rota reads without an error.
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"
#include "rota/io/nrp_instance.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  rota::Diagnostics d;
  try {
    rota::NrpInstance inst = rota::parse_nrp_instance(text, "Fuzz.txt", d);
    if (d.has_errors()) return 0;
    rota::Diagnostics back;
    rota::Program p = rota::parse_program_yaml(rota::nrp_program_yaml(inst), "program.yaml", back);
    if (!back.has_errors()) rota::parse_roster_yaml(rota::nrp_roster_yaml(inst), "roster.yaml", p, back);
    if (back.has_errors()) __builtin_trap();  // nrp import would write files rota refuses
  } catch (const rota::InputError&) {
  }
  return 0;
}
