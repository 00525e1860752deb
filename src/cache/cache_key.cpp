#include "rota/cache/cache_key.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <xxhash.h>
#include <yaml-cpp/yaml.h>

#include "rota/io/program_reader.hpp"
#include "rota/io/schedule_csv.hpp"
#include "rota/util/atomic_file.hpp"

namespace rota::cache {

namespace {

void canonical(const YAML::Node& n, std::string& out) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      std::map<std::string, YAML::Node> sorted;
      for (auto it = n.begin(); it != n.end(); ++it) sorted[it->first.as<std::string>("")] = it->second;
      out += '{';
      for (const auto& [k, v] : sorted) {
        out += fmt::format("{:?}:", k);
        canonical(v, out);
        out += ',';
      }
      out += '}';
      return;
    }
    case YAML::NodeType::Sequence:
      out += '[';
      for (const auto& item : n) {
        canonical(item, out);
        out += ',';
      }
      out += ']';
      return;
    case YAML::NodeType::Scalar:
      out += fmt::format("{:?}", n.Scalar());
      return;
    default:
      out += '~';
  }
}

std::string hex128(const std::string& text) {
  XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

}  // namespace

std::string canonical_yaml(const std::string& text, const std::vector<std::string>& skip) {
  YAML::Node root = YAML::Load(text);
  std::string out;
  if (root.IsMap()) {
    YAML::Node kept(YAML::NodeType::Map);
    for (auto it = root.begin(); it != root.end(); ++it) {
      const std::string k = it->first.as<std::string>("");
      if (std::find(skip.begin(), skip.end(), k) == skip.end()) kept[k] = it->second;
    }
    canonical(kept, out);
  } else {
    canonical(root, out);
  }
  return out;
}

CacheKey make_cache_key(const KeyInputs& in) {
  // The roster tables may sit in the program file: they are keyed as roster
  // rows below. The solver section's values are keyed as options.
  std::vector<std::string> skip = roster_table_names();
  skip.push_back("solver");
  const std::string program = fmt::format("rota {}\nprogram {}\n", ROTA_VERSION,
                                          canonical_yaml(read_file(in.program_path), skip));
  // Rows of the per-date tables outside the horizon cannot change the answer.
  Roster rows = *in.roster;
  const Program& p = *in.program;
  auto outside = [&](Date d) { return !p.in_horizon(d); };
  std::erase_if(rows.requests, [&](const Request& r) { return outside(r.date); });
  std::erase_if(rows.unavailable, [&](const Unavailability& u) { return outside(u.date); });
  std::erase_if(rows.fixed, [&](const DatedShift& f) { return outside(f.date); });
  std::string all = program;
  all += "roster\n" + roster_text(p, rows);
  all += fmt::format("options seed={} threads={} prune={} freeze_until={}\n", in.seed, in.threads, in.prune,
                     in.freeze_until);
  if (in.baseline) all += "baseline\n" + format_schedule_csv(*in.baseline, p, *in.roster);
  return {hex128(all), hex128(program)};
}

}  // namespace rota::cache
