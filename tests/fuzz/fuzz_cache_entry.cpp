// The cache entry decoder: any bytes are refused or decoded, and a decoded
// entry encodes and decodes to the same schedule.
#include <cstddef>
#include <cstdint>
#include <string>

#include "rota/cache/cache_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::string why;
  (void)rota::cache::entry_raw_size(bytes);
  auto entry = rota::cache::decode_entry(bytes, why);
  if (!entry) return 0;
  auto again = rota::cache::decode_entry(rota::cache::encode_entry(*entry), why);
  if (!again || again->assignments.size() != entry->assignments.size() || again->cost != entry->cost) __builtin_trap();
  return 0;
}
