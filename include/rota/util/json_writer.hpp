#pragma once

#include <string>
#include <string_view>

namespace rota {

// A small streaming JSON writer: enough for reports, no DOM.
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(long long v);
  JsonWriter& value(int v) { return value(static_cast<long long>(v)); }
  JsonWriter& value(double v);  // rounded to 2 decimals, integers without a point
  JsonWriter& value(bool v);
  // A number already written out (format_number's digits).
  JsonWriter& number(std::string_view digits);
  JsonWriter& null();

  const std::string& str() const { return out_; }

 private:
  void separate();
  std::string out_;
  bool need_comma_ = false;
};

std::string json_escape(std::string_view s);

}  // namespace rota
