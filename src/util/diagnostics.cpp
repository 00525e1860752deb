#include "rota/util/diagnostics.hpp"

#include <fmt/format.h>

namespace rota {

std::string Diagnostic::to_string() const {
  std::string out = where.file.empty() ? std::string("<input>") : where.file;
  if (where.line > 0) {
    out += fmt::format(":{}", where.line);
    if (where.column > 0) out += fmt::format(":{}", where.column);
  }
  out += severity == Severity::error ? ": error: " : ": warning: ";
  if (!key.empty()) out += fmt::format("key '{}': ", key);
  out += message;
  return out;
}

void Diagnostics::error(SourceLocation where, std::string key, std::string message) {
  items_.push_back({Severity::error, std::move(where), std::move(key), std::move(message)});
}

void Diagnostics::warning(SourceLocation where, std::string key, std::string message) {
  items_.push_back({Severity::warning, std::move(where), std::move(key), std::move(message)});
}

bool Diagnostics::has_errors() const {
  for (const auto& d : items_)
    if (d.severity == Severity::error) return true;
  return false;
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::throw_if_errors() const {
  if (has_errors()) throw InputError(items_);
}

static std::string first_error_text(const std::vector<Diagnostic>& ds) {
  for (const auto& d : ds)
    if (d.severity == Severity::error) return d.to_string();
  return ds.empty() ? std::string("bad input") : ds.front().to_string();
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_error_text(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(SourceLocation where, std::string key, std::string message)
    : InputError(std::vector<Diagnostic>{
          {Severity::error, std::move(where), std::move(key), std::move(message)}}) {}

}  // namespace rota
