#include "rota/cli/app.hpp"

#include <csignal>
#include <cstdio>
#include <system_error>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include "commands.hpp"
#include "inputs.hpp"
#include "rota/exit_code.hpp"
#include "rota/store/database.hpp"
#include "rota/store/database_lock.hpp"
#include "rota/util/atomic_file.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota::cli {

int run(int argc, char** argv) {
  // A file-size limit (ulimit -f) makes the write fail with EFBIG, reported
  // like a full disk, instead of killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"rota: duty schedules and ACGME compliance for residency programs", "rota"};
  app.set_version_flag("--version", std::string(ROTA_VERSION));
  app.require_subcommand(1);
  CommonOptions common;
  Action action;
  add_solve_command(app, common, action);
  add_check_command(app, common, action);
  add_lint_command(app, common, action);
  add_import_command(app, common, action);
  add_runs_command(app, common, action);
  add_export_command(app, common, action);
  add_diff_command(app, common, action);
  add_cache_command(app, common, action);
  add_nrp_command(app, common, action);
  std::vector<CLI::App*> commands = app.get_subcommands({});
  for (std::size_t i = 0; i < commands.size(); ++i) {
    CLI::App* sub = commands[i];
    for (CLI::App* nested : sub->get_subcommands({})) commands.push_back(nested);
    if (sub->get_subcommands({}).empty()) {
      sub->add_flag("-q,--quiet", common.quiet, "print nothing on stderr but errors");
      sub->add_flag("-v,--verbose", common.verbose, "print more on stderr");
      sub->add_option("--umask", common.umask,
                      "create every file written as 0666 less this octal MASK (default: reports 0600, "
                      "other files 0666 less the process umask)")
          ->check([](const std::string& text) {
            return text.find_first_not_of("01234567") == std::string::npos && !text.empty() && text.size() <= 4
                       ? std::string()
                       : std::string("expected an octal mask such as 022 or 077");
          });
    }
  }
  add_help_command(app, action);
  add_completion_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return to_int(ExitCode::usage);
  }
  if (!common.umask.empty()) set_output_umask(static_cast<unsigned>(std::stoul(common.umask, nullptr, 8)));
  try {
    const int status = action();
    // Data goes to standard output: a write that failed there (a full disk,
    // a closed pipe's reader gone) is an output failure too.
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      fmt::print(stderr, "rota: error: standard output: write failed\n");
      return to_int(ExitCode::output_failed);
    }
    return status;
  } catch (const InputError& e) {
    print_diagnostics(e.diagnostics());
    return to_int(ExitCode::bad_input);
  } catch (const store::LockBusy& e) {
    fmt::print(stderr, "rota: {}\n", e.what());
    return to_int(ExitCode::locked);
  } catch (const OutputError& e) {
    fmt::print(stderr, "rota: error: {}\n", e.what());
    return to_int(ExitCode::output_failed);
  } catch (const SQLite::Exception& e) {
    // A database that cannot be written is an output failure; one that is
    // not a database, or is damaged, is bad input.
    const int code = e.getErrorCode() & 0xff;
    const bool write = store::is_write_failure(code);
    fmt::print(stderr, "rota: error: database: {}\n", e.what());
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return to_int(ExitCode::locked);  // held by another program
    return to_int(write ? ExitCode::output_failed : ExitCode::bad_input);
  } catch (const std::system_error& e) {  // fmt::print to a standard output that cannot be written
    fmt::print(stderr, "rota: error: standard output: {}\n", e.what());
    return to_int(ExitCode::output_failed);
  } catch (const std::exception& e) {
    fmt::print(stderr, "rota: error: {}\n", e.what());
    return to_int(ExitCode::bad_input);
  }
}

}  // namespace rota::cli
