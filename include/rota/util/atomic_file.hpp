#pragma once

#include <string>

namespace rota {

// Writes `content` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`, so readers see the old file or the new one, never
// half of one. Throws std::runtime_error (and leaves nothing behind) on failure.
void write_file_atomically(const std::string& path, const std::string& content);

// Reads a whole file; throws std::runtime_error naming the file.
std::string read_file(const std::string& path);

}  // namespace rota
