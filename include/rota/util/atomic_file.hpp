#pragma once

#include <stdexcept>
#include <string>

namespace rota {

// An output that could not be written (the message names the file).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes `content` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`, so readers see the old file or the new one, never
// half of one. Throws OutputError (and leaves nothing behind) on failure.
void write_file_atomically(const std::string& path, const std::string& content);

// Reads a whole file; throws std::runtime_error naming the file.
std::string read_file(const std::string& path);

}  // namespace rota
