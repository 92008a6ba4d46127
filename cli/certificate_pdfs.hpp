// certify --pdf: the PDF files of a session's certificates, one per person in a directory or all in one file.
#pragma once

#include "app.hpp"

#include "asnbelajar/certificate_pdf.hpp"
#include "asnbelajar/verification.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asnbelajar::cli {

struct PdfOptions {
    std::string target;       // --pdf DIR, or FILE.pdf with --single-file
    bool single_file = false; // --single-file
    std::string layout;       // --layout FILE; empty = the built-in layout
    std::string verify_url;   // --verify-url URL
    std::string key;          // --key FILE: the signing key; empty = the default beside the store
    unsigned jobs = 0;        // --jobs N; 0 = one per CPU
};

// Adds --pdf, --single-file, --layout, --verify-url, --key and --jobs to `cmd`.
void add_pdf_options(CLI::App& cmd, PdfOptions& o);

// A PDF run, prepared before the store is touched so that every mistake is reported before anything is
// written: the layout is parsed, its fonts and background checked, the output checked (DIR made when missing
// and tried with a scratch file; FILE's directory tried), and then the signing key read (made on first use,
// signing.hpp). Throws UsageError for contradictory options (FILE.pdf without --single-file, a directory with
// it, a --verify-url that is no http(s) URL), Error for the rest. A directory made here is removed again when
// the run fails before writing into it.
class PdfRun {
  public:
    PdfRun(const Context& ctx, const PdfOptions& o);
    ~PdfRun();
    PdfRun(const PdfRun&) = delete;
    PdfRun& operator=(const PdfRun&) = delete;

    // Writes the PDF(s) of `certificates` (live certificates of `session`) and notes what was written. Each
    // file is written beside its place and renamed into it, so a file is whole or absent; files written before
    // a failure stay (they are whole). Several files are written by --jobs threads.
    void write(const Session& session, const std::vector<store::CertificateRow>& certificates);

  private:
    void load_key();
    void remove_made_dirs();

    const Context& ctx_;
    PdfOptions o_;
    CertificateLayout layout_;
    std::optional<SigningKey> key_;                              // signs every QR code's verification code
    std::vector<std::unique_ptr<CertificatePdfWriter>> writers_; // one per thread
    std::string made_dir_;                                       // the directory this run created, if any
    bool wrote_ = false;
};

// The file name (without directory) of a certificate's PDF: its NIP, else its e-mail, else its number, with
// every character but letters, digits and . _ - + @ replaced by '_' ("198609262015051001.pdf").
std::string certificate_file_name(const CertificateText& text);

} // namespace asnbelajar::cli
