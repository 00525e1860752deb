#pragma once

// The on-disk solution cache (SPEC.md section 7), in the manner of ccache:
// one file per entry under sharded hex directories, written to a temporary
// file and renamed, refreshed on every hit, evicted oldest first beyond a
// size cap; counters in a stats file updated under a lock. A bad entry is a
// miss with a warning, never a crash: it is removed and later rewritten.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rota/cache/cache_entry.hpp"
#include "rota/cache/cache_key.hpp"

namespace rota::cache {

// --cache-dir, else $ROTA_CACHE_DIR, else $XDG_CACHE_HOME/rota, else ~/.cache/rota.
std::string cache_dir(const std::string& option);

enum class LookupKind { hit, warm, miss };
std::string to_string(LookupKind kind);

struct Lookup {
  LookupKind kind = LookupKind::miss;
  std::optional<CachedSolution> solution;  // hit: the answer; warm: where to start
};

struct CacheStats {
  std::map<std::string, long long> counters;  // hits, warm, misses, writes, corrupt, evicted
  long long entries = 0;
  unsigned long long bytes = 0;      // on disk
  unsigned long long raw_bytes = 0;  // the entries' text before compression
};

class SolutionCache {
 public:
  static constexpr unsigned long long kDefaultMaxSize = 1ULL << 30;

  explicit SolutionCache(std::string dir, unsigned long long max_size = kDefaultMaxSize);

  // A proven-optimal entry, or one found with at least `time_limit`, is a
  // hit; any other entry of the same key, else the newest of the same
  // family, warms the search. Problems become `warnings`.
  Lookup lookup(const CacheKey& key, double time_limit, std::vector<std::string>& warnings);
  // Writes atomically, then evicts the oldest entries beyond the size cap.
  void store(const CachedSolution& s, std::vector<std::string>& warnings);
  void count(const std::string& counter, long long n = 1);

  CacheStats stats() const;
  // Checks every entry; removes the bad ones. Returns (good, removed) and
  // says what was wrong with each removed one in `problems`.
  std::pair<long long, long long> verify(std::vector<std::string>& problems);
  // Removes the least recently used entries until at most `max_size` bytes remain.
  long long prune(unsigned long long max_size);
  long long clear();
  const std::string& dir() const { return dir_; }

 private:
  std::string path_for(const CachedSolution& s) const;
  std::string path_for(const CacheKey& k) const;
  std::string dir_;
  unsigned long long max_size_;
};

}  // namespace rota::cache
