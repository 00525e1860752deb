#include "rota/cache/cache_entry.hpp"

#include <cstring>
#include <sstream>

#include <fmt/format.h>
#include <xxhash.h>
#include <zstd.h>

#include "rota/util/csv.hpp"

namespace rota::cache {

namespace {

constexpr char kMagic[8] = {'R', 'O', 'T', 'A', 'C', 'E', '\r', '\n'};
constexpr std::size_t kHeader = 32, kChecksum = 8;

void put(std::string& out, unsigned long long v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
unsigned long long get(const std::string& in, std::size_t at, int bytes) {
  unsigned long long v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<unsigned long long>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return v;
}

}  // namespace

std::string encode_entry(const CachedSolution& s, int level) {
  std::string text = fmt::format("key {}\nfamily {}\nstatus {}\ncost {}\nbreakdown {} {} {} {} {}\ntime_limit {}\n"
                                 "effort {}\nseconds {}\n\ndate,resident,shift\n",
                                 s.key, s.family, s.status, s.cost, s.breakdown[0], s.breakdown[1], s.breakdown[2],
                                 s.breakdown[3], s.breakdown[4], s.time_limit, s.effort, s.seconds);
  for (const auto& a : s.assignments) text += fmt::format("{},{},{}\n", a.date, csv_field(a.resident), csv_field(a.shift));
  std::string payload(ZSTD_compressBound(text.size()), '\0');
  std::size_t n = ZSTD_compress(payload.data(), payload.size(), text.data(), text.size(), level);
  if (ZSTD_isError(n)) throw std::runtime_error(fmt::format("zstd: {}", ZSTD_getErrorName(n)));
  payload.resize(n);
  std::string out(kMagic, sizeof kMagic);
  put(out, kEntryVersion, 4);
  put(out, static_cast<unsigned long long>(static_cast<unsigned>(level)), 4);
  put(out, text.size(), 8);
  put(out, payload.size(), 8);
  out += payload;
  put(out, XXH3_64bits(out.data(), out.size()), 8);
  return out;
}

std::optional<unsigned long long> entry_raw_size(const std::string& bytes) {
  if (bytes.size() < kHeader + kChecksum || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return std::nullopt;
  return get(bytes, 16, 8);
}

std::optional<CachedSolution> decode_entry(const std::string& bytes, std::string& why) {
  if (bytes.size() < kHeader + kChecksum) {
    why = fmt::format("{} bytes: shorter than a header", bytes.size());
    return std::nullopt;
  }
  if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    why = "not a rota cache entry";
    return std::nullopt;
  }
  if (unsigned v = static_cast<unsigned>(get(bytes, 8, 4)); v != kEntryVersion) {
    why = fmt::format("entry format version {} (this rota reads {})", v, kEntryVersion);
    return std::nullopt;
  }
  const unsigned long long raw = get(bytes, 16, 8), size = get(bytes, 24, 8);
  if (size != bytes.size() - kHeader - kChecksum) {
    why = "truncated or padded (sizes disagree)";
    return std::nullopt;
  }
  if (XXH3_64bits(bytes.data(), bytes.size() - kChecksum) != get(bytes, bytes.size() - kChecksum, 8)) {
    why = "checksum mismatch";
    return std::nullopt;
  }
  if (raw > (1ULL << 32)) {
    why = "implausible size";
    return std::nullopt;
  }
  std::string text(raw, '\0');
  std::size_t n = ZSTD_decompress(text.data(), text.size(), bytes.data() + kHeader, size);
  if (ZSTD_isError(n) || n != raw) {
    why = "payload does not decompress";
    return std::nullopt;
  }
  CachedSolution s;
  std::size_t blank = text.find("\n\n");
  if (blank == std::string::npos) {
    why = "payload has no schedule";
    return std::nullopt;
  }
  std::istringstream fields(text.substr(0, blank + 1));
  std::string name;
  int seen = 0;
  while (fields >> name) {
    ++seen;
    if (name == "key") fields >> s.key;
    else if (name == "family") fields >> s.family;
    else if (name == "status") fields >> s.status;
    else if (name == "cost") fields >> s.cost;
    else if (name == "breakdown") for (auto& b : s.breakdown) fields >> b;
    else if (name == "time_limit") fields >> s.time_limit;
    else if (name == "effort") fields >> s.effort;
    else if (name == "seconds") fields >> s.seconds;
    else --seen;
    if (!fields) {
      why = fmt::format("bad field '{}'", name);
      return std::nullopt;
    }
  }
  if (seen != 8 || (s.status != "optimal" && s.status != "feasible")) {
    why = "payload fields missing";
    return std::nullopt;
  }
  try {
    CsvReader csv(std::string_view(text).substr(blank + 2));
    auto header = csv.next();
    if (!header || header->fields != std::vector<std::string>{"date", "resident", "shift"}) {
      why = "payload schedule header";
      return std::nullopt;
    }
    while (auto rec = csv.next()) {
      if (rec->fields.size() != 3) {
        why = "payload schedule row";
        return std::nullopt;
      }
      s.assignments.push_back({rec->fields[0], rec->fields[1], rec->fields[2]});
    }
  } catch (const std::runtime_error& e) {
    why = e.what();
    return std::nullopt;
  }
  return s;
}

}  // namespace rota::cache
