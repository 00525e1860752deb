#include "yaml_fields.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "rota/util/suggest.hpp"

namespace rota::yaml {

SourceLocation Context::at(const YAML::Node& node) const {
  SourceLocation where{file, 0, 0};
  if (node.IsDefined()) {
    auto mark = node.Mark();
    if (mark.line >= 0) {
      where.line = mark.line + 1;
      where.column = mark.column + 1;
    }
  }
  return where;
}

YAML::Node load_file(Context& ctx, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ctx.diags.error({path, 0, 0}, "", "cannot open file");
    return YAML::Node(YAML::NodeType::Undefined);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_text(ctx, buffer.str());
}

YAML::Node load_text(Context& ctx, const std::string& text) {
  const std::string& path = ctx.file;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    ctx.diags.error({path, 1, 1}, "", "file is empty");
    return YAML::Node(YAML::NodeType::Undefined);
  }
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    ctx.diags.error({path, e.mark.line + 1, e.mark.column + 1}, "",
                    fmt::format("YAML syntax: {}", e.msg));
    return YAML::Node(YAML::NodeType::Undefined);
  }
}

std::string describe_type(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return fmt::format("'{}'", node.Scalar());
    case YAML::NodeType::Null: return "nothing";
    default: return "nothing";
  }
}

std::optional<std::string> as_string(Context& ctx, const YAML::Node& n, const std::string& path) {
  if (!n.IsScalar()) {
    ctx.error(n, path, fmt::format("expected text, found {}", describe_type(n)));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<long long> as_integer(Context& ctx, const YAML::Node& n, const std::string& path,
                                    long long min, long long max) {
  if (!n.IsScalar()) {
    ctx.error(n, path, fmt::format("expected a whole number, found {}", describe_type(n)));
    return std::nullopt;
  }
  const std::string& s = n.Scalar();
  long long value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) {
    ctx.error(n, path, fmt::format("expected a whole number, found '{}'", s));
    return std::nullopt;
  }
  if (value < min || value > max) {
    ctx.error(n, path, fmt::format("{} is out of range [{}, {}]", value, min, max));
    return std::nullopt;
  }
  return value;
}

std::optional<double> as_number(Context& ctx, const YAML::Node& n, const std::string& path,
                                double min) {
  if (!n.IsScalar()) {
    ctx.error(n, path, fmt::format("expected a number, found {}", describe_type(n)));
    return std::nullopt;
  }
  const std::string& s = n.Scalar();
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(value)) {
    ctx.error(n, path, fmt::format("expected a number, found '{}'", s));
    return std::nullopt;
  }
  if (value < min) {
    ctx.error(n, path, fmt::format("{} is below the minimum {}", s, min));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_bool_word(const std::string& text) {
  std::string s = text;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  return std::nullopt;
}

std::optional<bool> as_bool(Context& ctx, const YAML::Node& n, const std::string& path) {
  if (n.IsScalar())
    if (auto b = parse_bool_word(n.Scalar())) return b;
  ctx.error(n, path, fmt::format("expected true or false, found {}", describe_type(n)));
  return std::nullopt;
}

std::optional<Date> as_date(Context& ctx, const YAML::Node& n, const std::string& path) {
  if (n.IsScalar())
    if (auto d = parse_date(n.Scalar())) return d;
  ctx.error(n, path, fmt::format("expected a date YYYY-MM-DD, found {}", describe_type(n)));
  return std::nullopt;
}

Map::Map(Context& ctx, const YAML::Node& node, std::string path, std::vector<std::string> allowed)
    : ctx_(ctx), node_(node), path_(std::move(path)) {
  if (node.IsNull()) return;  // "key:" with nothing after it: an empty mapping
  if (!node.IsMap()) {
    ctx.error(node, path_.empty() ? "(top level)" : path_,
              fmt::format("expected a mapping, found {}", describe_type(node)));
    ok_ = false;
    return;
  }
  for (const auto& kv : node) {
    const YAML::Node& key_node = kv.first;
    std::string key = key_node.IsScalar() ? key_node.Scalar() : std::string();
    std::string full = this->path(key);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      ctx.error(key_node, full, "unknown key" + did_you_mean(key, allowed));
      continue;
    }
    if (find(key)) {
      ctx.error(key_node, full, "duplicate key");
      continue;
    }
    entries_.emplace_back(key, kv.second);
  }
}

const YAML::Node* Map::find(const std::string& key) const {
  for (const auto& [k, v] : entries_)
    if (k == key) return &v;
  return nullptr;
}

std::string Map::path(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

void Map::require(const std::string& key) const {
  if (ok_ && !find(key)) ctx_.error(node_, path(key), "missing required key");
}

std::optional<std::string> Map::string(const std::string& key, bool required) const {
  if (required) require(key);
  const YAML::Node* n = find(key);
  return n ? as_string(ctx_, *n, path(key)) : std::nullopt;
}

std::optional<long long> Map::integer(const std::string& key, bool required, long long min,
                                      long long max) const {
  if (required) require(key);
  const YAML::Node* n = find(key);
  return n ? as_integer(ctx_, *n, path(key), min, max) : std::nullopt;
}

std::optional<double> Map::number(const std::string& key, bool required, double min) const {
  if (required) require(key);
  const YAML::Node* n = find(key);
  return n ? as_number(ctx_, *n, path(key), min) : std::nullopt;
}

std::optional<bool> Map::boolean(const std::string& key, bool required) const {
  if (required) require(key);
  const YAML::Node* n = find(key);
  return n ? as_bool(ctx_, *n, path(key)) : std::nullopt;
}

std::optional<Date> Map::date(const std::string& key, bool required) const {
  if (required) require(key);
  const YAML::Node* n = find(key);
  return n ? as_date(ctx_, *n, path(key)) : std::nullopt;
}

}  // namespace rota::yaml
