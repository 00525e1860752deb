#pragma once

// The lock that keeps two cron jobs from writing one database at once: an
// exclusive flock(2) on the database file itself, held for the whole
// command and released when the process ends, however it ends.

#include <stdexcept>
#include <string>

namespace rota::store {

// Another process holds the lock (exit status 75).
class LockBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DatabaseLock {
 public:
  // Waits up to `wait_seconds` (0: not at all) for the lock; throws
  // LockBusy when it stays taken, std::runtime_error when the file cannot
  // be opened.
  DatabaseLock(const std::string& path, double wait_seconds);
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace rota::store
