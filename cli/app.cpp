#include "app.hpp"
#include "output_file.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/store_retry.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string_view>
#include <unistd.h>

#ifndef ASNBELAJAR_VERSION
#define ASNBELAJAR_VERSION "dev"
#endif

namespace asnbelajar::cli {

Context::Context(std::ostream& o, std::ostream& e, std::vector<std::string> args)
    : out(o), err(e), args_(std::move(args)), command_id_(store::new_command_id()) {}

Zone Context::zone() const {
    return find_zone(globals.tz);
}
Lang Context::lang() const {
    return globals.lang == "en" ? Lang::en : Lang::id;
}
std::string Context::store_path() const {
    return store::resolve_store_path(globals.db.empty() ? std::nullopt
                                                        : std::optional<std::string>(globals.db));
}

void Context::note(const std::string& line) const {
    if (!globals.quiet) err << "asnbelajar: " << line << '\n';
}

bool Context::progress_allowed() const {
    return !globals.quiet && &err == &std::cerr && ::isatty(2);
}

render::Format Context::format() const {
    std::optional<render::Format> format;
    if (!globals.format.empty()) format = render::parse_format(globals.format);
    if (!format && !globals.output.empty() && globals.output != "-")
        format = render::format_from_extension(globals.output);
    return format.value_or(render::Format::table);
}

ReportContext Context::report_context() const {
    return {zone(), lang(), render::format_info(format()).rows_only};
}

void Context::emit(const Report& report) const {
    const render::Format format = this->format();
    const render::FormatInfo& info = render::format_info(format);
    bool to_file = !globals.output.empty() && globals.output != "-";
    render::Options options;
    options.excel_safe = globals.excel_safe;
    for (const std::string& line : report.notes)
        note(line);
    if (!info.write && !to_file)
        throw UsageError(fmt::format("{} is a binary file: give -o FILE.{} (it cannot go to stdout)",
                                     info.name, info.name));
    if (!to_file) {
        options.color =
            format == render::Format::table && &out == &std::cout && ::isatty(1) && !std::getenv("NO_COLOR");
        render::write(report, format, options, out);
        out.flush();
        if (!out) throw Error(fmt::format("cannot write to standard output: {}", std::strerror(errno)));
        return;
    }
    OutputFile file(globals.output);
    if (info.write_file)
        info.write_file(report, file.file_for_writer()); // removes its own partial file on failure
    else
        render::write(report, format, options, file.stream());
    file.commit();
    note(fmt::format("wrote {}", globals.output));
}

std::unique_ptr<store::Store> Context::read_store() const {
    const store::ReadFrom from =
        globals.read_from == "standby" ? store::ReadFrom::standby : store::ReadFrom::primary;
    return store::open(store::location_for(store_path(), store::Access::read, from), store::Access::read);
}

void Context::write(const std::function<std::int64_t(store::Store&)>& work,
                    const std::function<void()>& before_rerun) const {
    write_to(store_path(), work, before_rerun);
}

namespace {

// --retry-for SECONDS, else $ASNBELAJAR_RETRY_FOR, else 60: a whole number of seconds from 0 to 86400.
std::chrono::milliseconds retry_for(const std::string& option) {
    std::string text = option;
    const char* what = "--retry-for";
    if (text.empty())
        if (const char* env = std::getenv("ASNBELAJAR_RETRY_FOR"); env && *env) {
            text = env;
            what = "ASNBELAJAR_RETRY_FOR";
        }
    if (text.empty()) return std::chrono::seconds{60};
    int s = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), s);
    if (ec != std::errc() || end != text.data() + text.size() || s < 0 || s > 86400)
        throw UsageError(fmt::format("{}: '{}' is not a number of seconds (expected a whole number from 0 to "
                                     "86400)",
                                     what, text));
    return std::chrono::seconds{s};
}

} // namespace

void Context::write_to(const std::string& location, const std::function<std::int64_t(store::Store&)>& work,
                       const std::function<void()>& before_rerun) const {
    std::string command;
    for (const std::string& a : args_)
        command += (command.empty() ? "" : " ") + store::printable_argument(a); // never a password
    store::RetryPolicy policy;
    policy.retry_for = retry_for(globals.retry_for);
    policy.before_rerun = before_rerun;
    policy.on_retry = [this](const std::string& reason, int retry) {
        // The first line of the failure: the store and the server's words.
        note(fmt::format("the store is unavailable ({}); retrying{}", reason.substr(0, reason.find('\n')),
                         retry == 1 ? "" : fmt::format(" (retry {})", retry)));
    };
    // Each write of the run has an id of its own (a command id is recorded once).
    const std::string id = ++writes_ == 1 ? command_id_ : fmt::format("{}.{}", command_id_, writes_);
    store::write_retrying(location, command, id, policy, work);
}

int current_year(const Context& ctx) {
    return today_in(ctx.zone()).year;
}

namespace {

// An error on stderr, every line prefixed (a message listing several problems has several lines): logs of cron
// jobs are searched for "asnbelajar:".
void print_error(std::ostream& err, std::string_view message) {
    const char* prefix = "asnbelajar: error: ";
    std::size_t from = 0;
    do {
        std::size_t to = message.find('\n', from);
        if (to == std::string_view::npos) to = message.size();
        err << prefix << message.substr(from, to - from) << '\n';
        prefix = "asnbelajar: ";
        from = to + 1;
    } while (from < message.size());
}

void add_globals(CLI::App& app, Globals& g) {
    app.add_option(
        "--db", g.db,
        "Store file, or postgresql://user@host/dbname (default: $ASNBELAJAR_DB, else ./asnbelajar.db)");
    app.add_option("-f,--format", g.format, render::format_names(" | ", " | "));
    app.add_option("-o,--output", g.output,
                   "Write to FILE instead of stdout (format may follow the extension)");
    app.add_option("--lang", g.lang, "Language of human-facing labels: id (default) or en")
        ->check(CLI::IsMember({"id", "en"}));
    app.add_option("--tz", g.tz, "Time zone for input and display (default Asia/Jakarta)");
    app.add_flag("-q,--quiet", g.quiet, "No progress or summary lines on stderr");
    app.add_flag("--excel-safe", g.excel_safe,
                 "CSV/TSV: neutralise cells a spreadsheet would run as formulas");
    app.add_option("--retry-for", g.retry_for,
                   "PostgreSQL: retry a write for up to SECONDS while the server fails over (default: "
                   "$ASNBELAJAR_RETRY_FOR, else 60; 0: never)");
}

} // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
    std::vector<std::string> args(argv, argv + argc);
    if (!args.empty()) args[0] = "asnbelajar";
    Context ctx(out, err, args);
    CLI::App app{"asnbelajar: training records for large civil-service (ASN) webinars", "asnbelajar"};
    app.fallthrough(); // global options also work after the subcommand
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("asnbelajar ") + ASNBELAJAR_VERSION);
    add_globals(app, ctx.globals);
    setup_session(app, ctx);
    setup_participant(app, ctx);
    setup_enroll(app, ctx);
    setup_attend(app, ctx);
    setup_report(app, ctx);
    setup_certify(app, ctx);
    setup_db(app, ctx);
    app.footer(
        "Exit status: 0 success, 1 failure, 2 usage error, 3 some rows rejected (--skip-invalid).\n"
        "Run 'asnbelajar COMMAND --help' for a command's options and examples; 'man asnbelajar' for the manual.\n\n"
        "Examples:\n"
        "  asnbelajar --db /var/lib/asnbelajar/asnbelajar.db session list --year 2022\n"
        "  asnbelajar report weekly --week-of 2022-03-03 --format csv -o minggu-09.csv");

    auto validate_globals = [&] {
        if (!ctx.globals.format.empty() && !render::parse_format(ctx.globals.format))
            throw UsageError(fmt::format("--format: unknown format '{}' (expected {})", ctx.globals.format,
                                         render::format_names()));
        if (auto f = render::parse_format(ctx.globals.format);
            f && !render::format_info(*f).write && (ctx.globals.output.empty() || ctx.globals.output == "-"))
            throw UsageError(fmt::format("--format {0} needs -o FILE.{0} (a spreadsheet cannot go to stdout)",
                                         render::format_info(*f).name));
        find_zone(ctx.globals.tz);
    };
    app.parse_complete_callback(validate_globals);
    try {
        app.parse(argc, argv);
        // Data that did not reach stdout (a full disk, a closed pipe) is a failure, not a silent success.
        out.flush();
        if (!out) throw Error(fmt::format("cannot write to standard output: {}", std::strerror(errno)));
        return ctx.exit_code;
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::CallForVersion& e) {
        out << e.what() << '\n';
        return 0;
    } catch (const CLI::ParseError& e) {
        err << "asnbelajar: error: " << e.what() << "\nRun 'asnbelajar --help' for usage.\n";
        return 2;
    } catch (const UsageError& e) {
        print_error(err, e.what());
        return 2;
    } catch (const Error& e) {
        print_error(err, e.what());
        return 1;
    } catch (const std::exception& e) {
        print_error(err, e.what());
        return 1;
    }
}

} // namespace asnbelajar::cli
