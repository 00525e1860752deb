#include "rota/store/database_lock.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

namespace rota::store {

DatabaseLock::DatabaseLock(const std::string& path, double wait_seconds) {
  // Created when missing (0600: a roster holds leave and health data), so
  // that a first import is locked too; SQLite accepts an empty file.
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error(fmt::format("{}: cannot open the database: {}", path, std::strerror(errno)));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      int e = errno;
      ::close(fd_);
      throw std::runtime_error(fmt::format("{}: cannot lock the database: {}", path, std::strerror(e)));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw LockBusy(fmt::format("{}: another rota run holds the lock on this database; try again later{}", path,
                                 wait_seconds > 0 ? fmt::format(" (waited {}s)", wait_seconds)
                                                  : std::string(" or give --wait SECONDS")));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // poll: flock has no timeout
  }
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace rota::store
