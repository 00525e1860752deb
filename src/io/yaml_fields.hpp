#pragma once

// Typed, located access to yaml-cpp nodes that records every problem in a
// Diagnostics list instead of throwing at the first one.

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "rota/util/civil_date.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota::yaml {

struct Context {
  std::string file;
  Diagnostics& diags;

  SourceLocation at(const YAML::Node& node) const;
  void error(const YAML::Node& node, const std::string& key, const std::string& message) const {
    diags.error(at(node), key, message);
  }
};

// Loads a whole YAML file; a syntax error becomes one diagnostic and an
// undefined node is returned.
YAML::Node load_file(Context& ctx, const std::string& path);
YAML::Node load_text(Context& ctx, const std::string& text);

std::string describe_type(const YAML::Node& node);

// Scalar conversions: nullopt (and one diagnostic) when the node is not of
// the wanted type. `path` names the key in messages.
std::optional<std::string> as_string(Context& ctx, const YAML::Node& n, const std::string& path);
std::optional<long long> as_integer(Context& ctx, const YAML::Node& n, const std::string& path,
                                    long long min, long long max);
std::optional<double> as_number(Context& ctx, const YAML::Node& n, const std::string& path,
                                double min);
std::optional<bool> as_bool(Context& ctx, const YAML::Node& n, const std::string& path);
std::optional<Date> as_date(Context& ctx, const YAML::Node& n, const std::string& path);
// YAML 1.1 spellings: true/false, yes/no, on/off, any case.
std::optional<bool> parse_bool_word(const std::string& text);

// One YAML mapping with a fixed set of allowed keys. Unknown and duplicate
// keys are reported when it is constructed.
class Map {
 public:
  Map(Context& ctx, const YAML::Node& node, std::string path, std::vector<std::string> allowed);

  bool ok() const { return ok_; }
  bool has(const std::string& key) const { return find(key) != nullptr; }
  const YAML::Node* find(const std::string& key) const;
  std::string path(const std::string& key) const;
  Context& context() const { return ctx_; }
  const YAML::Node& node() const { return node_; }

  // Each getter reports a missing required key at the map's own location.
  std::optional<std::string> string(const std::string& key, bool required = false) const;
  std::optional<long long> integer(const std::string& key, bool required = false,
                                   long long min = 0, long long max = 1'000'000'000) const;
  std::optional<double> number(const std::string& key, bool required = false,
                               double min = 0) const;
  std::optional<bool> boolean(const std::string& key, bool required = false) const;
  std::optional<Date> date(const std::string& key, bool required = false) const;
  void require(const std::string& key) const;

 private:
  Context& ctx_;
  YAML::Node node_;
  std::string path_;
  bool ok_ = true;
  std::vector<std::pair<std::string, YAML::Node>> entries_;
};

}  // namespace rota::yaml
