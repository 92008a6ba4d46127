#include "app.hpp"
#include "language.hpp"
#include "output_file.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/store_retry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string_view>
#include <sys/stat.h>
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
std::int64_t Context::now() const {
    return static_cast<std::int64_t>(std::time(nullptr));
}
std::string Context::store_path() const {
    return store::resolve_store_path(globals.db.empty() ? std::nullopt
                                                        : std::optional<std::string>(globals.db));
}

void Context::note(const std::string& line) const {
    if (!globals.quiet) err << "asnbelajar: " << line << '\n';
}

void Context::warn(const std::string& line) const {
    err << tr("asnbelajar: warning: {}", line) << '\n';
}

bool Context::progress_allowed() const {
    return !globals.quiet && &err == &std::cerr && ::isatty(2);
}

std::optional<render::Format> Context::chosen_format() const {
    std::optional<render::Format> format;
    if (!globals.format.empty()) format = render::parse_format(globals.format);
    if (!format && !globals.output.empty() && globals.output != "-")
        format = render::format_from_extension(globals.output);
    return format;
}

render::Format Context::format() const {
    return chosen_format().value_or(render::Format::table);
}

ReportContext Context::report_context() const {
    return {zone(), lang(), render::format_info(format()).rows_only, now(), command()};
}

std::string Context::command() const {
    if (globals.db.empty()) return "asnbelajar";
    const bool plain = std::all_of(globals.db.begin(), globals.db.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("/._-+:@%", c) != nullptr;
    });
    if (plain) return "asnbelajar --db " + globals.db;
    std::string quoted = "'";
    for (char c : globals.db)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return "asnbelajar --db " + quoted + "'";
}

void Context::emit(const Report& report) const {
    emit(report, format());
}

void Context::emit(const Report& report, render::Format format) const {
    const render::FormatInfo& info = render::format_info(format);
    bool to_file = !globals.output.empty() && globals.output != "-";
    render::Options options;
    options.excel_safe = globals.excel_safe;
    for (const std::string& line : report.notes)
        note(line);
    for (const std::string& line : report.warnings)
        warn(line);
    if (!info.write && !to_file)
        throw UsageError(tr("{0} is a binary file: give -o FILE.{0} (it cannot go to stdout)", info.name));
    if (!to_file) {
        options.color =
            format == render::Format::table && &out == &std::cout && ::isatty(1) && !std::getenv("NO_COLOR");
        render::write(report, format, options, out);
        out.flush();
        if (!out) throw Error(tr("cannot write to standard output: {}", std::strerror(errno)));
        return;
    }
    OutputFile file(globals.output);
    if (info.write_file)
        info.write_file(report, file.file_for_writer()); // removes its own partial file on failure
    else
        render::write(report, format, options, file.stream());
    file.commit();
    note(tr("wrote {}", globals.output));
}

std::unique_ptr<store::Store> Context::read_store() const {
    const store::ReadFrom from =
        globals.read_from == "standby" ? store::ReadFrom::standby : store::ReadFrom::primary;
    return store::open(store::location_for(store_path(), store::Access::read, from), store::Access::read);
}

void Context::check_writable() const {
    if (globals.read_only)
        throw Error(_("the store is opened --read-only and this command writes to it: nothing was written"));
}

void Context::write(const std::function<std::int64_t(store::Store&)>& work,
                    const std::function<void()>& before_rerun) const {
    check_writable();
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
        throw UsageError(
            tr("{}: '{}' is not a number of seconds (expected a whole number from 0 to 86400)", what, text));
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
        const std::string first = reason.substr(0, reason.find('\n'));
        note(retry == 1 ? tr("the store is unavailable ({}); retrying", first)
                        : tr("the store is unavailable ({}); retrying (retry {})", first, retry));
    };
    // Each write of the run has an id of its own (a command id is recorded once).
    const std::string id = ++writes_ == 1 ? command_id_ : fmt::format("{}.{}", command_id_, writes_);
    store::write_retrying(location, command, id, policy, work);
}

int current_year(const Context& ctx) {
    return today_in(ctx.zone()).year;
}

std::string examples(std::initializer_list<std::string_view> lines) {
    std::string text = P_("Example:", "Examples:", lines.size());
    for (std::string_view line : lines)
        text += fmt::format("\n  {}", line);
    return text;
}

std::string footer(const std::string& text, std::initializer_list<std::string_view> lines) {
    return text + "\n\n" + examples(lines);
}

Date current_date(const Context& ctx) {
    return today_in(ctx.zone());
}

namespace {

// An error on stderr, every line prefixed (a message listing several problems has several lines): logs of cron
// jobs are searched for "asnbelajar:".
void print_error(std::ostream& err, std::string_view message) {
    std::size_t from = 0;
    do {
        std::size_t to = message.find('\n', from);
        if (to == std::string_view::npos) to = message.size();
        const std::string_view line = message.substr(from, to - from);
        if (from == 0)
            err << tr("asnbelajar: error: {}", line) << '\n';
        else
            err << "asnbelajar: " << line << '\n';
        from = to + 1;
    } while (from < message.size());
}

void add_globals(CLI::App& app, Globals& g) {
    app.add_option("--db", g.db,
                   _("Store file, or postgresql://user@host/dbname (default: $ASNBELAJAR_DB, else "
                     "./asnbelajar.db)"));
    app.add_option("-f,--format", g.format, render::format_names(" | ", " | "));
    app.add_option("-o,--output", g.output,
                   _("Write to FILE instead of stdout (format may follow the extension)"));
    app.add_option("--lang", g.lang,
                   _("Language of labels, messages and help: id or en (default: $ASNBELAJAR_LANG, else "
                     "$LANGUAGE or $LANG, else id)"))
        ->check(CLI::IsMember({"id", "en"}));
    app.add_option("--tz", g.tz, _("Time zone for input and display (default Asia/Jakarta)"));
    app.add_flag("-q,--quiet", g.quiet, _("No progress or summary lines on stderr"));
    app.add_flag("--excel-safe", g.excel_safe,
                 _("CSV/TSV: neutralise cells a spreadsheet would run as formulas"));
    app.add_flag(
        "--read-only", g.read_only,
        _("Never write the store: commands that would are refused (automatic for reading a store whose "
          "file or folder you may not write)"));
    app.add_option("--retry-for", g.retry_for,
                   _("PostgreSQL: retry a write for up to SECONDS while the server fails over (default: "
                     "$ASNBELAJAR_RETRY_FOR, else 60; 0: never)"));
}

// -o FILE without --format: FILE's extension must name a format (a report.xls or a report without one would
// get a text table that looks done but is not). A device or pipe (/dev/stdout, a FIFO) takes the default.
void check_output_extension(const Globals& g) {
    if (!g.format.empty() || g.output.empty() || g.output == "-" || render::format_from_extension(g.output))
        return;
    struct stat st {};
    if (::stat(g.output.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return;
    std::string extensions;
    for (const render::FormatInfo& info : render::formats())
        for (std::string_view rest = info.extensions; !rest.empty();) {
            const std::size_t end = std::min(rest.find(' '), rest.size());
            extensions += fmt::format("{}.{}", extensions.empty() ? "" : ", ", rest.substr(0, end));
            rest.remove_prefix(std::min(end + 1, rest.size()));
        }
    const std::string name = std::filesystem::path(g.output).filename().string();
    const std::size_t dot = name.rfind('.');
    const std::string formats = render::format_names(", ", _(" or "));
    if (dot == std::string::npos || dot == 0)
        throw UsageError(
            tr("-o {}: the file name has no extension; name the file with a report extension ({}) "
               "or give --format ({})",
               g.output, extensions, formats));
    throw UsageError(tr("-o {}: '{}' is not a report format; name the file with a report extension ({}) or "
                        "give --format ({})",
                        g.output, name.substr(dot), extensions, formats));
}

// A missing or unknown (sub)command, said as such with the commands there are: CLI11 says "A subcommand is
// required" or "The following arguments were not expected". nullopt for any other parse error.
std::optional<std::string> command_error(CLI::App& app, const CLI::ParseError& e) {
    CLI::App* level = &app; // the deepest command given
    std::string path;       // "session", or "" at the top
    for (std::vector<CLI::App*> given = app.get_subcommands(); !given.empty();
         given = level->get_subcommands()) {
        level = given.front();
        path += (path.empty() ? "" : " ") + level->get_name();
    }
    const std::vector<CLI::App*> commands = level->get_subcommands({});
    if (commands.empty()) return std::nullopt;
    std::string names;
    for (const CLI::App* c : commands)
        names += fmt::format("\n  {:<12} {}", c->get_name(), c->get_description());
    const std::string what = e.what();
    const std::vector<std::string> extra = app.remaining(true);
    const std::string full = path.empty() ? "asnbelajar" : "asnbelajar " + path;
    if (what.find("subcommand is required") != std::string::npos && extra.empty())
        return tr("'{0}' needs a command; the commands are:{1}\nRun '{0} COMMAND --help' for its options.",
                  full, names);
    if (!extra.empty() && !extra.front().empty() && extra.front().front() != '-')
        return tr("unknown command '{}'; the commands are:{}",
                  path.empty() ? extra.front() : path + " " + extra.front(), names);
    return std::nullopt;
}

} // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
    std::vector<std::string> args(argv, argv + argc);
    if (!args.empty()) args[0] = "asnbelajar";
    Context ctx(out, err, args);
    // The language first: --help is built in it.
    const Lang lang = choose_language(args);
    use_language(lang, locale_dir());
    ctx.globals.lang = lang == Lang::en ? "en" : "id";
    CLI::App app{_("asnbelajar: training records for large civil-service (ASN) webinars"), "asnbelajar"};
    app.set_help_flag("-h,--help", _("Print this help message and exit"));
    app.fallthrough(); // global options also work after the subcommand
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("asnbelajar ") + ASNBELAJAR_VERSION,
                         _("Display program version information and exit"));
    add_globals(app, ctx.globals);
    setup_session(app, ctx);
    setup_participant(app, ctx);
    setup_enroll(app, ctx);
    setup_attend(app, ctx);
    setup_report(app, ctx);
    setup_results(app, ctx);
    setup_certify(app, ctx);
    setup_db(app, ctx);
    app.footer(footer(_("Exit status: 0 success, 1 failure, 2 usage error, 3 some rows rejected "
                        "(--skip-invalid).\nRun 'asnbelajar COMMAND --help' for a command's options and "
                        "examples; 'man asnbelajar' for the manual."),
                      {"asnbelajar --db /var/lib/asnbelajar/asnbelajar.db session list --year 2022",
                       "asnbelajar report weekly --week-of 2022-03-03 --format csv -o minggu-09.csv"}));
    localize_help(app);

    auto validate_globals = [&] {
        if (!ctx.globals.format.empty() && !render::parse_format(ctx.globals.format))
            throw UsageError(tr("--format: unknown format '{}' (expected {})", ctx.globals.format,
                                render::format_names(", ", _(" or "))));
        if (auto f = render::parse_format(ctx.globals.format);
            f && !render::format_info(*f).write && (ctx.globals.output.empty() || ctx.globals.output == "-"))
            throw UsageError(tr("--format {0} needs -o FILE.{0} (a spreadsheet cannot go to stdout)",
                                render::format_info(*f).name));
        check_output_extension(ctx.globals);
        find_zone(ctx.globals.tz);
    };
    app.parse_complete_callback(validate_globals);
    try {
        app.parse(argc, argv);
        // Data that did not reach stdout (a full disk, a closed pipe) is a failure, not a silent success.
        out.flush();
        if (!out) throw Error(tr("cannot write to standard output: {}", std::strerror(errno)));
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
        if (std::optional<std::string> message = command_error(app, e)) {
            print_error(err, *message);
            return 2;
        }
        err << tr("asnbelajar: error: {}", parse_error_message(e)) << '\n'
            << _("Run 'asnbelajar --help' for usage.") << '\n';
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
