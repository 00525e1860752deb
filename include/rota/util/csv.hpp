#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rota {

// One RFC 4180 record and the 1-based line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// Text that is not RFC 4180, where it goes wrong: the 1-based line and
// field (column) of the bad field; what() says what is wrong, without them.
struct CsvError : std::runtime_error {
  CsvError(int at_line, int at_column, const std::string& what)
      : std::runtime_error(what), line(at_line), column(at_column) {}
  int line, column;
};

// Reads RFC 4180 text: quoted fields with "" escapes and embedded line
// breaks, CRLF or LF line ends, a leading UTF-8 BOM. Blank lines are skipped.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text);
  // nullopt at the end; throws CsvError on a quote that is not closed or
  // text after a closing quote (`"a"b`).
  std::optional<CsvRecord> next();

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

// A field quoted only when it needs to be.
std::string csv_field(std::string_view value);

}  // namespace rota
