#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace rota {

// Where a piece of input came from. Line and column are 1-based; 0 = unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class Severity { error, warning };

// One problem found in the user's input: file, line, column, the key (a
// dotted path such as "rules.weekly_hours.max" or a CSV column) and what is
// wrong with it.
struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation where;
  std::string key;
  std::string message;

  // "file:line:col: error: key 'k': message"
  std::string to_string() const;
};

// Collects every problem in an input instead of stopping at the first.
class Diagnostics {
 public:
  void error(SourceLocation where, std::string key, std::string message);
  void warning(SourceLocation where, std::string key, std::string message);

  bool has_errors() const;
  const std::vector<Diagnostic>& all() const { return items_; }
  void append(const Diagnostics& other);

  // Throws InputError carrying every diagnostic when any is an error.
  void throw_if_errors() const;

 private:
  std::vector<Diagnostic> items_;
};

// Bad input (exit 3): carries every diagnostic found, warnings included.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(SourceLocation where, std::string key, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace rota
