// rota help [COMMAND [SUBCOMMAND]]: the same text as `rota COMMAND --help`.

#include <fmt/format.h>

#include "commands.hpp"
#include "rota/exit_code.hpp"

namespace rota::cli {

namespace {

int run_help(CLI::App& app, const std::vector<std::string>& path) {
  CLI::App* at = &app;
  std::string so_far = "rota";
  for (const std::string& name : path) {
    CLI::App* next = nullptr;
    for (CLI::App* sub : at->get_subcommands({}))
      if (sub->get_name() == name) next = sub;
    if (!next) {
      fmt::print(stderr, "rota: {} has no command '{}' (rota help lists them)\n", so_far, name);
      return to_int(ExitCode::usage);
    }
    at = next;
    so_far += " " + name;
  }
  // The formatter itself: App::help() would describe `help`, the command
  // being run.
  fmt::print("{}", at->get_formatter()->make_help(at, so_far, CLI::AppFormatMode::Normal));
  return to_int(ExitCode::ok);
}

}  // namespace

void add_help_command(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("help", "print the help of rota or of one command: rota help COMMAND [SUBCOMMAND]");
  // The words after `help` name commands: they are taken as they are, not
  // parsed as commands themselves.
  cmd->prefix_command();
  cmd->callback([&app, &action, cmd] {
    auto path = std::make_shared<std::vector<std::string>>(cmd->remaining());
    action = [&app, path] { return run_help(app, *path); };
  });
}

}  // namespace rota::cli
