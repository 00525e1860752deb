#include "rota/cli/app.hpp"

int main(int argc, char** argv) { return rota::cli::run(argc, argv); }
