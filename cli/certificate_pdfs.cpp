#include "certificate_pdfs.hpp"

#include "output_file.hpp"
#include "progress.hpp"
#include "signing.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace asnbelajar::cli {

namespace fs = std::filesystem;

void add_pdf_options(CLI::App& cmd, PdfOptions& o) {
    auto* pdf = cmd.add_option("--pdf", o.target,
                               _("Also write the session's certificates as PDF: one file per person in DIR "
                                 "(named by NIP, else e-mail), or with --single-file all in FILE.pdf"));
    cmd.add_flag("--single-file", o.single_file, _("With --pdf FILE.pdf: one file, a page per certificate"))
        ->needs(pdf);
    cmd.add_option("--layout", o.layout,
                   _("Certificate layout file (default: the built-in one, examples/sertifikat.layout)"))
        ->needs(pdf);
    cmd.add_option("--verify-url", o.verify_url,
                   _("The QR code carries this URL followed by the certificate's code (percent-encoded)"))
        ->needs(pdf);
    cmd.add_option("--key", o.key,
                   _("The signing key of the QR codes' verification codes (default: beside the store; made "
                     "on first use)"))
        ->needs(pdf);
    cmd.add_option("--jobs", o.jobs, _("PDF files written at once (default: one per CPU)"))
        ->check(CLI::Range(1u, 256u))
        ->needs(pdf);
}

std::string certificate_file_name(const CertificateText& text) {
    std::string base = !text.nip.empty() ? text.nip : !text.email.empty() ? text.email : text.number;
    for (char& c : base) {
        auto u = static_cast<unsigned char>(c);
        bool keep = (u < 0x80 && std::isalnum(u)) || c == '.' || c == '_' || c == '-' || c == '+' || c == '@';
        if (!keep) c = '_';
    }
    if (base.empty() || base.front() == '.') base.insert(0, "_"); // never a hidden file, never ".."
    return base + ".pdf";
}

namespace {

bool is_directory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Fails unless a file can be created in `dir` (tried with a scratch file: access() says yes to root even on a
// read-only file system).
void check_writable_dir(const std::string& dir) {
    std::string probe = (fs::path(dir) / ".asnbelajar-probe-XXXXXX").string();
    int fd = ::mkstemp(probe.data());
    if (fd < 0) throw Error(tr("cannot write into {}: {}", dir, std::strerror(errno)));
    ::close(fd);
    ::unlink(probe.c_str());
}

// `p` absolute and normal, without a trailing separator ("out/" is "/cwd/out").
fs::path absolute_dir(const std::string& p) {
    std::error_code ec;
    fs::path a = fs::absolute(p, ec).lexically_normal();
    return a.has_filename() ? a : a.parent_path();
}

std::string pdf_title(const CertificateLayout& layout, const std::string& what) {
    return fmt::format("{} {}", layout.lang == Lang::id ? "Sertifikat" : "Certificate", what);
}

} // namespace

PdfRun::PdfRun(const Context& ctx, const PdfOptions& o) : ctx_(ctx), o_(o) {
    if (!o_.verify_url.empty()) {
        const std::string& u = o_.verify_url;
        bool ok = u.starts_with("https://") || u.starts_with("http://");
        for (char c : u)
            ok = ok && static_cast<unsigned char>(c) > 0x20 && c != 0x7f;
        if (!ok || u.size() <= 8)
            throw UsageError(tr("--verify-url '{}' is not an http:// or https:// URL without blanks", u));
    }
    if (o_.target.empty()) throw UsageError(_("--pdf needs a directory (or FILE.pdf with --single-file)"));
    if (o_.target == "-" && !o_.single_file)
        throw UsageError(_("--pdf -: standard output takes one file (add --single-file)"));
    const bool ends_pdf = o_.target.size() > 4 && o_.target.ends_with(".pdf");
    if (o_.single_file && is_directory(o_.target))
        throw UsageError(
            tr("--pdf {} --single-file: {} is a directory (expected FILE.pdf)", o_.target, o_.target));
    if (!o_.single_file && ends_pdf && !is_directory(o_.target))
        throw UsageError(tr("--pdf {}: one file for all certificates needs --single-file (or give a "
                            "directory for one file per person)",
                            o_.target));

    // The layout, its fonts and background: all checked here, before the store is touched.
    layout_ = o_.layout.empty() ? default_certificate_layout() : load_certificate_layout(o_.layout);
    prepare_certificate_fonts();
    unsigned jobs = o_.jobs ? o_.jobs : std::max(1u, std::thread::hardware_concurrency());
    if (o_.single_file) jobs = 1; // one PDF surface: one thread
    for (unsigned i = 0; i < jobs; ++i)
        writers_.push_back(std::make_unique<CertificatePdfWriter>(layout_));

    if (o_.single_file) {
        if (o_.target == "-") {
            load_key();
            return;
        }
        struct stat st {};
        bool device = ::stat(o_.target.c_str(), &st) == 0 && !S_ISREG(st.st_mode); // /dev/stdout, a pipe
        if (!device) {
            fs::path parent = fs::path(o_.target).parent_path();
            std::string dir = parent.empty() ? "." : parent.string();
            if (!is_directory(dir))
                throw Error(tr("cannot write {}: there is no directory {}", o_.target, dir));
            check_writable_dir(dir);
        }
        load_key();
        return;
    }
    if (!is_directory(o_.target)) {
        std::error_code ec;
        if (fs::exists(o_.target, ec))
            throw Error(tr("cannot write into {}: it is not a directory", o_.target));
        // The topmost directory that does not exist yet: what to remove when the run fails.
        fs::path top = absolute_dir(o_.target);
        while (top.has_parent_path() && top.parent_path() != top && !fs::exists(top.parent_path(), ec))
            top = top.parent_path();
        made_dir_ = top.string();
        fs::create_directories(o_.target, ec);
        if (ec) {
            remove_made_dirs(); // what create_directories made before it failed
            throw Error(tr("cannot make the directory {}: {}", o_.target, ec.message()));
        }
    }
    try {
        check_writable_dir(o_.target);
        load_key();
    } catch (...) {
        remove_made_dirs(); // a constructor that throws runs no destructor
        throw;
    }
}

void PdfRun::load_key() {
    // Last of the checks: a run refused for its layout or its output makes no key.
    key_.emplace(signing_key(ctx_, o_.key));
}

PdfRun::~PdfRun() {
    if (!wrote_) remove_made_dirs();
}

void PdfRun::remove_made_dirs() {
    if (made_dir_.empty()) return;
    // The directories this run made, deepest first; fs::remove leaves any that is not empty.
    std::error_code ec;
    fs::path dir = absolute_dir(o_.target);
    while (fs::remove(dir, ec) && dir != fs::path(made_dir_))
        dir = dir.parent_path();
}

void PdfRun::write(const Session& session, const std::vector<store::CertificateRow>& certificates) {
    std::vector<CertificateText> texts;
    texts.reserve(certificates.size());
    for (const store::CertificateRow& row : certificates) {
        CertificateText t = certificate_text(session, row, layout_.lang);
        t.verification = certificate_payload(t, *key_);
        t.verification_url = o_.verify_url;
        texts.push_back(std::move(t));
    }
    wrote_ = true;
    if (texts.empty()) {
        ctx_.note(tr("{}: no live certificates: no PDF written", session.code));
        return;
    }
    ProgressBar bar(ctx_.err, ctx_.progress_allowed(),
                    o_.target == "-" ? std::string(_("standard output")) : o_.target);
    const std::uint64_t total = texts.size();

    if (o_.single_file) {
        OutputTarget file(o_.target, ctx_.out);
        writers_.front()->write(texts, *file.stream(), pdf_title(layout_, session.code), bar.callback());
        file.commit();
        bar.clear();
        ctx_.note(trn("{}: wrote {} certificate to {}", "{}: wrote {} certificates to {}", total,
                      session.code, total, o_.target == "-" ? std::string(_("standard output")) : o_.target));
        return;
    }

    if (texts.size() >= 1000 && writers_.front()->background_recompressed())
        ctx_.note(_("the PNG background is compressed again into every file (slow); a JPEG background is "
                    "embedded as it is: see certificates.md"));
    // One file per certificate, named by NIP or e-mail; a clash (two e-mails that differ only in characters a
    // file name cannot keep) takes the number as well.
    std::vector<std::string> paths;
    std::set<std::string> taken;
    for (const CertificateText& t : texts) {
        std::string name = certificate_file_name(t);
        if (!taken.insert(name).second) {
            CertificateText by_number;
            by_number.number = t.number;
            name = name.substr(0, name.size() - 4) + "-" + certificate_file_name(by_number);
            taken.insert(name);
        }
        paths.push_back((fs::path(o_.target) / name).string());
    }

    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t running = std::min(writers_.size(), texts.size());
    auto work = [&](CertificatePdfWriter& writer) {
        try {
            for (std::size_t i = next++; i < texts.size() && !stop; i = next++) {
                OutputFile file(paths[i]);
                writer.write(std::span(&texts[i], 1), file.stream(), pdf_title(layout_, texts[i].number));
                file.commit();
                ++done;
            }
        } catch (...) {
            std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            stop = true;
        }
        std::lock_guard lock(mutex);
        --running;
        finished.notify_all();
    };
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < running; ++i)
            threads.emplace_back(work, std::ref(*writers_[i]));
        std::unique_lock lock(mutex);
        while (!finished.wait_for(lock, std::chrono::milliseconds(100), [&] { return running == 0; })) {
            lock.unlock();
            bar.update({done, total, done, N_("certificates")});
            lock.lock();
        }
    }
    bar.clear();
    if (failure) {
        ctx_.note(tr("{}: wrote {} of {} certificates to {} before the error", session.code, done.load(),
                     texts.size(), o_.target));
        std::rethrow_exception(failure);
    }
    ctx_.note(trn("{}: wrote {} certificate to {}", "{}: wrote {} certificates to {}", texts.size(),
                  session.code, texts.size(), o_.target));
}

} // namespace asnbelajar::cli
