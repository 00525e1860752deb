#include "rota/util/csv.hpp"


namespace rota {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

std::optional<CsvRecord> CsvReader::next() {
  while (pos_ < text_.size()) {
    CsvRecord record;
    record.line = line_;
    std::string field;
    bool quoted_field = false;
    bool end_of_record = false;
    while (!end_of_record) {
      if (pos_ >= text_.size()) break;
      char c = text_[pos_];
      if (c == '"' && field.empty() && !quoted_field) {
        quoted_field = true;
        const int opened = line_;
        ++pos_;
        for (;;) {
          if (pos_ >= text_.size())
            throw CsvError(opened, static_cast<int>(record.fields.size()) + 1, "a quoted field is not closed");
          char q = text_[pos_++];
          if (q == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              field += '"';
              ++pos_;
            } else {
              if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n')
                throw CsvError(line_, static_cast<int>(record.fields.size()) + 1,
                               "text after the closing quote of a field");
              break;
            }
          } else {
            if (q == '\n') ++line_;
            field += q;
          }
        }
        continue;
      }
      ++pos_;
      if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
        quoted_field = false;
      } else if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
        ++pos_;
        ++line_;
        end_of_record = true;
      } else if (c == '\n') {
        ++line_;
        end_of_record = true;
      } else {
        field += c;
      }
    }
    record.fields.push_back(std::move(field));
    bool blank = record.fields.size() == 1 && record.fields[0].empty() && !quoted_field;
    if (!blank) return record;
  }
  return std::nullopt;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace rota
