// rota completion bash: a bash completion script made from the command
// table itself, so it always knows the commands and options this binary
// has (installed as share/bash-completion/completions/rota).

#include <fmt/format.h>

#include "commands.hpp"
#include "rota/exit_code.hpp"

namespace rota::cli {

namespace {

struct Node {
  std::string path;  // "", "cache", "cache stats", ...
  const CLI::App* app;
};

// The choices of an option whose value is one of a set: CLI11 writes them
// as "{a,b,c}" in the option's type name.
std::string choices(const CLI::Option* opt) {
  const std::string type = opt->get_type_name();
  const auto open = type.find('{'), close = type.find('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::string out = type.substr(open + 1, close - open - 1);
  for (char& c : out)
    if (c == ',') c = ' ';
  return out;
}

std::string bash_script(const CLI::App& root) {
  std::vector<Node> nodes{{"", &root}};
  for (std::size_t i = 0; i < nodes.size(); ++i)
    for (const CLI::App* sub : nodes[i].app->get_subcommands({}))
      nodes.push_back({nodes[i].path.empty() ? sub->get_name() : nodes[i].path + " " + sub->get_name(), sub});
  std::string subs, opts, values;
  for (const Node& n : nodes) {
    std::string names;
    for (const CLI::App* sub : n.app->get_subcommands({})) names += (names.empty() ? "" : " ") + sub->get_name();
    if (!names.empty()) subs += fmt::format("    \"{}\") echo \"{}\" ;;\n", n.path, names);
    std::string flags;
    for (const CLI::Option* o : n.app->get_options()) {
      std::vector<std::string> all;
      for (const auto& s : o->get_snames()) all.push_back("-" + s);
      for (const auto& l : o->get_lnames()) all.push_back("--" + l);
      const std::string these = choices(o);
      for (const std::string& name : all) {
        flags += (flags.empty() ? "" : " ") + name;
        if (!these.empty()) values += fmt::format("    \"{} {}\") echo \"{}\" ;;\n", n.path, name, these);
      }
    }
    if (!flags.empty()) opts += fmt::format("    \"{}\") echo \"{}\" ;;\n", n.path, flags);
  }
  return fmt::format(R"SH(# bash completion for rota, made by `rota completion bash`.
_rota_subcommands() {{
  case "$1" in
{}  esac
}}
_rota_options() {{
  case "$1" in
{}  esac
}}
_rota_values() {{
  case "$1 $2" in
{}  esac
}}
_rota() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" path="" i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="${{COMP_WORDS[i]}}"
    if [[ " $(_rota_subcommands "$path") " == *" $w "* ]]; then path="${{path:+$path }}$w"; fi
  done
  local words
  words="$(_rota_values "$path" "$prev")"
  if [[ -n $words ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
  elif [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_rota_options "$path")" -- "$cur")
  elif words="$(_rota_subcommands "$path")" && [[ -n $words ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}}
complete -o filenames -o bashdefault -F _rota rota
)SH",
                     subs, opts, values);
}

}  // namespace

void add_completion_command(CLI::App& app, Action& action) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("completion", "print a shell completion script: rota completion bash");
  cmd->add_option("SHELL", *shell, "the shell (bash)")->required()->check(CLI::IsMember({"bash"}));
  // The callback owns `shell`, which CLI11 writes through a reference.
  cmd->callback([&app, &action, shell] {
    action = [&app] {
      fmt::print("{}", bash_script(app));
      return to_int(ExitCode::ok);
    };
  });
}

}  // namespace rota::cli
