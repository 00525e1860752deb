#pragma once

namespace rota {

// Exit statuses of the rota binary (SPEC.md section 1; listed in rota(1)).
enum class ExitCode : int {
  ok = 0,
  violations = 1,
  usage = 2,
  bad_input = 3,
  infeasible = 4,
  time_limit = 5,
  output_failed = 74,  // an output or the database could not be written (disk full, read-only, ...)
  locked = 75,
  interrupted = 130,
};

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace rota
