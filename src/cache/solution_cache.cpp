#include "rota/cache/solution_cache.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace rota::cache {

namespace {

constexpr const char* kSuffix = ".entry";

// The bytes of a regular file; nullopt (and `why`) otherwise.
std::optional<std::string> slurp(const fs::path& p, std::string& why) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) {
    why = "not a regular file";
    return std::nullopt;
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void make_dirs(const fs::path& p) {
  std::error_code ec;
  fs::create_directories(p, ec);
  ::chmod(p.c_str(), 0700);
}

// Entries with their sizes and last use, oldest first.
struct OnDisk {
  fs::path path;
  unsigned long long size;
  fs::file_time_type used;
};
std::vector<OnDisk> entries_in(const std::string& dir) {
  std::vector<OnDisk> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() != kSuffix) continue;
    std::error_code e2;
    if (!it->is_regular_file(e2)) {
      out.push_back({p, 0, fs::file_time_type::min()});
      continue;
    }
    out.push_back({p, static_cast<unsigned long long>(it->file_size(e2)), it->last_write_time(e2)});
  }
  std::sort(out.begin(), out.end(), [](const OnDisk& a, const OnDisk& b) { return a.used < b.used; });
  return out;
}

class FileLock {
 public:
  explicit FileLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_ = -1;
};

std::map<std::string, long long> read_counters(const std::string& path) {
  std::map<std::string, long long> c;
  std::ifstream in(path);
  std::string name;
  long long n;
  while (in >> name >> n) c[name] = n;
  return c;
}

}  // namespace

std::string cache_dir(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* d = std::getenv("ROTA_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/rota";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/rota";
  return ".rota-cache";
}

std::string to_string(LookupKind kind) {
  switch (kind) {
    case LookupKind::hit: return "hit";
    case LookupKind::warm: return "warm";
    case LookupKind::miss: return "miss";
  }
  return "miss";
}

SolutionCache::SolutionCache(std::string dir, unsigned long long max_size) : dir_(std::move(dir)), max_size_(max_size) {}

std::string SolutionCache::path_for(const CacheKey& k) const {
  return fmt::format("{}/{}/{}-{}{}", dir_, k.family.substr(0, 2), k.family, k.key, kSuffix);
}
std::string SolutionCache::path_for(const CachedSolution& s) const { return path_for(CacheKey{s.key, s.family}); }

Lookup SolutionCache::lookup(const CacheKey& key, double time_limit, std::vector<std::string>& warnings) {
  Lookup out;
  const fs::path exact = path_for(key);
  std::error_code ec;
  auto bad = [&](const fs::path& p, const std::string& why) {
    warnings.push_back(fmt::format("cache entry {} is unusable ({}); it is removed and will be rewritten",
                                   p.string(), why));
    fs::remove_all(p, ec);
    count("corrupt");
  };
  if (fs::exists(fs::symlink_status(exact, ec))) {
    std::string why;
    auto bytes = slurp(exact, why);
    std::optional<CachedSolution> s;
    if (bytes) s = decode_entry(*bytes, why);
    if (s && s->key != key.key) {
      why = "its key does not match its name";
      s.reset();
    }
    if (!s) {
      bad(exact, why);
    } else {
      fs::last_write_time(exact, fs::file_time_type::clock::now(), ec);  // LRU: a hit is a use
      out.kind = s->status == "optimal" || s->time_limit >= time_limit ? LookupKind::hit : LookupKind::warm;
      out.solution = std::move(s);
      count(out.kind == LookupKind::hit ? "hits" : "warm");
      return out;
    }
  }
  // The newest good entry of the same program: last night's schedule.
  const fs::path shard = fs::path(dir_) / key.family.substr(0, 2);
  std::vector<OnDisk> family;
  for (auto it = fs::directory_iterator(shard, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code e2;
    if (name.rfind(key.family + "-", 0) == 0 && it->path().extension() == kSuffix && it->is_regular_file(e2))
      family.push_back({it->path(), 0, it->last_write_time(e2)});
  }
  std::sort(family.begin(), family.end(), [](const OnDisk& a, const OnDisk& b) { return a.used > b.used; });
  for (const OnDisk& f : family) {
    std::string why;
    auto bytes = slurp(f.path, why);
    std::optional<CachedSolution> s;
    if (bytes) s = decode_entry(*bytes, why);
    if (!s) {
      bad(f.path, why);
      continue;
    }
    out.kind = LookupKind::warm;
    out.solution = std::move(s);
    count("warm");
    return out;
  }
  count("misses");
  return out;
}

void SolutionCache::store(const CachedSolution& s, std::vector<std::string>& warnings) {
  const fs::path target = path_for(s);
  make_dirs(dir_);
  make_dirs(target.parent_path());
  std::error_code ec;
  if (fs::is_directory(target, ec)) fs::remove_all(target, ec);  // something else squats the name
  const std::string bytes = encode_entry(s);
  std::string tmp = target.string() + ".XXXXXX";
  int fd = ::mkstemp(tmp.data());  // 0600
  if (fd < 0) {
    warnings.push_back(fmt::format("cannot write to the cache {}: {}", dir_, std::strerror(errno)));
    return;
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  const bool ok = done == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), target.c_str()) != 0) {
    warnings.push_back(fmt::format("cannot write the cache entry {}: {}", target.string(), std::strerror(errno)));
    ::unlink(tmp.c_str());
    return;
  }
  count("writes");
  if (long long evicted = prune(max_size_)) count("evicted", evicted);
}

void SolutionCache::count(const std::string& counter, long long n) {
  make_dirs(dir_);
  FileLock lock(dir_ + "/stats.lock");
  const std::string path = dir_ + "/stats";
  auto c = read_counters(path);
  c[counter] += n;
  std::string text;
  for (const auto& [k, v] : c) text += fmt::format("{} {}\n", k, v);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out) return;  // a cache that cannot count still serves
  }
  ::chmod(tmp.c_str(), 0600);
  std::rename(tmp.c_str(), path.c_str());
}

CacheStats SolutionCache::stats() const {
  CacheStats st;
  st.counters = read_counters(dir_ + "/stats");
  for (const char* k : {"hits", "warm", "misses", "writes", "corrupt", "evicted"}) st.counters.emplace(k, 0);
  for (const OnDisk& e : entries_in(dir_)) {
    ++st.entries;
    st.bytes += e.size;
    std::string why;
    if (auto bytes = slurp(e.path, why))
      if (auto raw = entry_raw_size(*bytes)) st.raw_bytes += *raw;
  }
  return st;
}

std::pair<long long, long long> SolutionCache::verify(std::vector<std::string>& problems) {
  long long good = 0, removed = 0;
  for (const OnDisk& e : entries_in(dir_)) {
    std::string why;
    auto bytes = slurp(e.path, why);
    std::optional<CachedSolution> s;
    if (bytes) s = decode_entry(*bytes, why);
    if (s && path_for(*s) != e.path.string()) {
      why = "its key does not match its name";
      s.reset();
    }
    if (s) {
      ++good;
      continue;
    }
    problems.push_back(fmt::format("{}: {}", e.path.string(), why));
    std::error_code ec;
    fs::remove_all(e.path, ec);
    ++removed;
  }
  if (removed) count("corrupt", removed);
  return {good, removed};
}

long long SolutionCache::prune(unsigned long long max_size) {
  auto all = entries_in(dir_);
  unsigned long long total = 0;
  for (const auto& e : all) total += e.size;
  long long removed = 0;
  std::error_code ec;
  for (const auto& e : all) {  // oldest first
    if (total <= max_size) break;
    fs::remove_all(e.path, ec);
    total -= e.size;
    ++removed;
  }
  return removed;
}

long long SolutionCache::clear() {
  long long removed = 0;
  std::error_code ec;
  for (const auto& e : entries_in(dir_)) {
    fs::remove_all(e.path, ec);
    ++removed;
  }
  fs::remove(dir_ + "/stats", ec);
  return removed;
}

}  // namespace rota::cache
