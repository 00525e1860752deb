#pragma once

// One solution cache entry on disk, as bytes.
//
//   entry        := header payload checksum
//   header       := magic version level raw_size payload_size     (32 bytes)
//   magic        := "ROTACE\r\n"                                   (8 bytes)
//   version      := u32 little-endian                              (kEntryVersion)
//   level        := i32 little-endian                              (zstd level used)
//   raw_size     := u64 little-endian                              (bytes of text)
//   payload_size := u64 little-endian                              (bytes of payload)
//   payload      := zstd frame of text                             (payload_size bytes)
//   checksum     := u64 little-endian XXH3-64 of header and payload
//   text         := field* "\n" schedule
//   field        := name " " value "\n"
//                   (key, family, status, cost, breakdown, time_limit, effort, seconds)
//   schedule     := "date,resident,shift\n" (csv-row "\n")*      (RFC 4180 rows)

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace rota::cache {

constexpr unsigned kEntryVersion = 1;

struct CachedAssignment {
  std::string date, resident, shift;
};

struct CachedSolution {
  std::string key, family;
  std::string status;                   // optimal or feasible
  long long cost = 0;
  std::array<long long, 5> breakdown{};  // coverage, requests, fairness, changes, warnings
  double time_limit = 0;                 // seconds the search was given
  unsigned long long effort = 0;
  double seconds = 0;
  std::vector<CachedAssignment> assignments;
};

std::string encode_entry(const CachedSolution& s, int level = 3);
// nullopt with `why` set when the bytes are not a valid entry.
std::optional<CachedSolution> decode_entry(const std::string& bytes, std::string& why);
// The size of the text inside a valid entry (for raw vs compressed figures).
std::optional<unsigned long long> entry_raw_size(const std::string& bytes);

}  // namespace rota::cache
