// rota cache stats|verify|prune|clear: the on-disk solution cache.

#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "rota/cache/solution_cache.hpp"
#include "rota/exit_code.hpp"
#include "rota/util/json_writer.hpp"

namespace rota::cli {

namespace {

struct CacheOptions {
  std::string dir;
  bool json = false;
  std::string max_size;
};

// "500M", "2G", "1024" (bytes); K, M, G are powers of 1024.
std::optional<unsigned long long> parse_size(const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || v < 0) return std::nullopt;
  std::string unit(end);
  double scale = unit.empty() || unit == "B" ? 1 : unit == "K" ? 1024.0 : unit == "M" ? 1048576.0
                 : unit == "G" ? 1073741824.0 : -1;
  if (scale < 0) return std::nullopt;
  return static_cast<unsigned long long>(v * scale);
}

int run_stats(const CacheOptions& opt) {
  cache::SolutionCache c(cache::cache_dir(opt.dir));
  cache::CacheStats st = c.stats();
  if (opt.json) {
    JsonWriter j;
    j.begin_object().key("dir").value(c.dir());
    for (const auto& [k, v] : st.counters) j.key(k).value(v);
    j.key("entries").value(st.entries).key("bytes").value(static_cast<long long>(st.bytes));
    j.key("raw_bytes").value(static_cast<long long>(st.raw_bytes)).end_object();
    fmt::print("{}\n", j.str());
  } else {
    fmt::print("{:<16}{}\n", "cache directory", c.dir());
    for (const auto& [k, v] : st.counters) fmt::print("{:<16}{}\n", k, v);
    fmt::print("{:<16}{}\n{:<16}{}\n{:<16}{}\n", "entries", st.entries, "bytes", st.bytes, "raw bytes", st.raw_bytes);
  }
  return to_int(ExitCode::ok);
}

}  // namespace

void add_cache_command(CLI::App& app, const CommonOptions& common, Action& action) {
  auto opt = std::make_shared<CacheOptions>();
  CLI::App* cmd = app.add_subcommand("cache", "the on-disk solution cache: stats, verify, prune, clear");
  cmd->require_subcommand(1);
  auto dir_option = [opt](CLI::App* sub) {
    sub->add_option("--cache-dir", opt->dir,
                    "the cache (default: $ROTA_CACHE_DIR, else $XDG_CACHE_HOME/rota, else ~/.cache/rota)");
  };
  CLI::App* stats = cmd->add_subcommand("stats", "counters (hits, warm starts, misses, ...), entries and sizes");
  dir_option(stats);
  stats->add_flag("--json", opt->json, "print JSON");
  stats->callback([&action, opt] { action = [opt] { return run_stats(*opt); }; });

  CLI::App* verify = cmd->add_subcommand("verify", "check every entry; remove the bad ones");
  dir_option(verify);
  verify->callback([&action, &common, opt] {
    action = [&common, opt] {
      cache::SolutionCache c(cache::cache_dir(opt->dir));
      std::vector<std::string> problems;
      auto [good, removed] = c.verify(problems);
      for (const auto& p : problems) fmt::print(stderr, "rota: removed {}\n", p);
      if (!common.quiet) fmt::print(stderr, "rota: {} entries good, {} removed\n", good, removed);
      return to_int(ExitCode::ok);
    };
  });

  CLI::App* prune = cmd->add_subcommand("prune", "remove the least recently used entries down to a size");
  dir_option(prune);
  prune->add_option("--max-size", opt->max_size, "bytes to keep at most, e.g. 500M or 2G")
      ->required()
      ->check([](const std::string& t) { return parse_size(t) ? std::string() : std::string("expected e.g. 500M or 2G"); });
  prune->callback([&action, &common, opt] {
    action = [&common, opt] {
      cache::SolutionCache c(cache::cache_dir(opt->dir));
      long long n = c.prune(*parse_size(opt->max_size));
      if (n) c.count("evicted", n);
      if (!common.quiet) fmt::print(stderr, "rota: {} entries removed\n", n);
      return to_int(ExitCode::ok);
    };
  });

  CLI::App* clear = cmd->add_subcommand("clear", "remove every entry and reset the counters");
  dir_option(clear);
  clear->callback([&action, &common, opt] {
    action = [&common, opt] {
      long long n = cache::SolutionCache(cache::cache_dir(opt->dir)).clear();
      if (!common.quiet) fmt::print(stderr, "rota: {} entries removed\n", n);
      return to_int(ExitCode::ok);
    };
  });
}

}  // namespace rota::cli
