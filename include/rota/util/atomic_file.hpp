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
// Who may read a file rota writes: `shared` files (schedules, calendars)
// get 0666 less the process umask; `owner_only` files (compliance reports,
// which name leave and findings about people) get 0600. `--umask MASK`
// (set_output_umask) makes every file 0666 less MASK instead.
enum class FileAccess { shared, owner_only };
void write_file_atomically(const std::string& path, const std::string& content,
                           FileAccess access = FileAccess::shared);
void set_output_umask(unsigned mask);

// Reads a whole file; throws std::runtime_error naming the file.
std::string read_file(const std::string& path);

}  // namespace rota
