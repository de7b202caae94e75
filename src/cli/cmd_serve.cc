// `arkiv serve`: the index as a local web page (arkiv/serve.h). Prints the
// address to open, with its start-up token, and answers until Ctrl-C or
// SIGTERM.
#include <csignal>
#include <iostream>

#include "arkiv/serve.h"
#include "cli/commands.h"
#include "cli/i18n.h"

namespace arkiv::cli {
namespace {

struct ServeArgs {
  int port = 8080;                // --port. Default: 8080; 0 picks a free port
  std::string bind = "127.0.0.1";  // --bind. Default: loopback only
};

class ServeCommand : public Command {
 public:
  ServeCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("serve", tr("Serve the index as a web page on this computer (127.0.0.1)"));
    sub->add_option("-p,--port", args_.port, tr("Port to listen on (0: any free port)"))
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    sub->add_option("--bind", args_.bind,
                    tr("Address to listen on (default 127.0.0.1, this computer only; 0.0.0.0: every network)"))
        ->capture_default_str();
    sub->footer(tr("Only this computer can reach the page, and only with the address printed at start-up "
                   "(it holds a token). Stop with Ctrl-C."));
  }

  int run(const GlobalArgs& g) override {
    // SIGINT and SIGTERM are taken by sigwait() below, on this thread:
    // blocked before the server's threads start, so none of them gets one.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    ServeOptions opts;
    opts.search = g.search_options();
    opts.port = static_cast<std::uint16_t>(args_.port);
    opts.bind = args_.bind;
    Server server(opts);
    server.start();
    if (args_.bind != "127.0.0.1" && args_.bind != "::1")
      std::cerr << tr_format("Warning: listening on {1}: other computers that reach this address can open the page "
                             "with the address printed below.",
                             args_.bind)
                << std::endl;
    std::cout << tr("Open this address in a browser on this computer:") << '\n'
              << "  " << server.url() << '\n'
              << tr("Stop with Ctrl-C.") << std::endl;
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop();
    return kExitOk;
  }

 private:
  ServeArgs args_;
};

}  // namespace

std::unique_ptr<Command> add_serve_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<ServeCommand>(app, g);
}

}  // namespace arkiv::cli
