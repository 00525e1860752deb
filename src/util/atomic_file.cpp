#include "rota/util/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace rota {

namespace {

// -1: no --umask given.
int g_output_umask = -1;

mode_t file_mode(FileAccess access) {
  if (g_output_umask >= 0) return static_cast<mode_t>(0666 & ~g_output_umask);
  if (access == FileAccess::owner_only) return 0600;
  static const mode_t process_umask = [] {
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  return 0666 & ~process_umask;
}

}  // namespace

void set_output_umask(unsigned mask) { g_output_umask = static_cast<int>(mask & 0777); }

namespace {

// Writes all of `content` to `fd`; errno is set when it returns false.
bool write_all(int fd, const std::string& content) {
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content, FileAccess access) {
  // A device, pipe or socket (-o /dev/null, -o /dev/stdout, a FIFO) is
  // written in place: renaming a file over it would replace the device
  // itself, and nothing can be half-written there that a reader keeps.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    int fd = ::open(path.c_str(), O_WRONLY);
    if (fd < 0) throw OutputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    const bool ok = write_all(fd, content);
    const int err = errno;
    ::close(fd);
    if (!ok) throw OutputError(fmt::format("{}: write failed: {}", path, std::strerror(err)));
    return;
  }
  std::string pattern = path + ".tmp.XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0)
    throw OutputError(fmt::format("{}: cannot create a temporary file: {}", path, std::strerror(errno)));
  auto fail = [&](const char* what) {
    int err = errno;
    ::close(fd);
    ::unlink(name.data());
    throw OutputError(fmt::format("{}: {}: {}", path, what, std::strerror(err)));
  };
  if (::fchmod(fd, file_mode(access)) != 0) fail("chmod failed");
  if (!write_all(fd, content)) fail("write failed");
  if (::fsync(fd) != 0) fail("fsync failed");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(name.data());
    throw OutputError(fmt::format("{}: close failed: {}", path, std::strerror(err)));
  }
  if (::rename(name.data(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(name.data());
    throw OutputError(fmt::format("{}: rename failed: {}", path, std::strerror(err)));
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot open file", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace rota
