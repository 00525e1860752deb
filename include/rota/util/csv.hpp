#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rota {

// One RFC 4180 record and the 1-based line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// Reads RFC 4180 text: quoted fields with "" escapes and embedded line
// breaks, CRLF or LF line ends, a leading UTF-8 BOM. Blank lines are skipped.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text);
  // nullopt at the end; throws std::runtime_error on an unterminated quote.
  std::optional<CsvRecord> next();

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

// A field quoted only when it needs to be.
std::string csv_field(std::string_view value);

}  // namespace rota
