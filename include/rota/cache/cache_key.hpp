#pragma once

// The solution cache's key (SPEC.md section 7): a 128-bit XXH3 hash of a
// canonical text of everything that decides the answer. Reordering YAML keys
// or roster rows leaves it unchanged; changing any value changes it.

#include <string>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/model/schedule.hpp"

namespace rota::cache {

struct KeyInputs {
  std::string program_path;  // the program file: its YAML tree, keys sorted
  const Program* program = nullptr;
  const Roster* roster = nullptr;
  // The options that change the result (the time limit does not: it is kept
  // in the entry and compared when reusing it).
  unsigned long long seed = 1;
  int threads = 1;
  bool prune = true;
  const Schedule* baseline = nullptr;
  std::string freeze_until;
};

struct CacheKey {
  std::string key;     // 32 hex digits: everything
  std::string family;  // 32 hex digits: the program alone (its rules and horizon), for warm starts
};

// Throws std::runtime_error when the program file cannot be read.
CacheKey make_cache_key(const KeyInputs& in);

// The canonical text of a YAML document: mappings with their keys sorted,
// scalars quoted; top-level keys in `skip` left out.
std::string canonical_yaml(const std::string& text, const std::vector<std::string>& skip);

}  // namespace rota::cache
