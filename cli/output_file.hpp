// Files the CLI writes for the user (-o FILE, --rejects FILE, --unmatched FILE): whole or not at all, and never
// by replacing a device, a pipe or a symbolic link.
#pragma once

#include <fstream>
#include <iosfwd>
#include <memory>
#include <string>

namespace asnbelajar::cli {

// A regular file, or a new one, is written beside its target as PATH.tmp and renamed into place by commit(),
// so that a failed run never leaves half a file (a cron job never publishes a truncated report). Anything
// else that exists (a pipe, a terminal, /dev/null, /dev/stdout) is written straight through: renaming over it
// would replace the device or pipe with a plain file. A symbolic link is followed, also one to a file not yet
// there: its target is written.
// The file is created mode 0600 whatever the umask (it holds personal data, as the store does), also when it
// replaces a regular file (whose old mode goes with it). Uncommitted temporary files are removed on destruction. Errors throw asnbelajar::Error naming PATH.
class OutputFile {
  public:
    // `verb` words the errors: "cannot VERB PATH: reason" ("write", "back up to").
    explicit OutputFile(std::string path, std::string verb = "write");
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // The stream to write to (opened on the first call).
    std::ostream& stream();
    // For writers that open a file by name themselves (xlsx, db backup): the file to write, created empty (mode
    // 0600); commit() publishes it.
    const std::string& file_for_writer();
    // Flushes, checks for write errors and puts the file in place.
    void commit();

  private:
    [[noreturn]] void fail(int error) const;
    void create_tmp(); // tmp_, empty, mode 0600 (or the mode of the regular file it will replace)

    std::string path_; // as given, for messages
    std::string verb_;
    std::string target_; // the file written in the end (symbolic links resolved)
    bool direct_ = false;
    std::string tmp_; // written and renamed over target_ (regular files), or copied into it (direct_)
    std::unique_ptr<std::ofstream> file_;
    bool committed_ = false;
};

// A file a command writes besides its report (--rejects FILE, --unmatched FILE): FILE through an OutputFile,
// "-" for the command's standard output, or nothing for an empty path.
class OutputTarget {
  public:
    // Opens FILE's stream at once, so that a file that cannot be written fails before the command's work.
    OutputTarget(const std::string& path, std::ostream& standard_output);

    // Where to write; nullptr for an empty path.
    std::ostream* stream() const { return stream_; }
    // Puts FILE in place (OutputFile::commit), or flushes standard output. Throws Error when writing failed.
    void commit();

  private:
    std::unique_ptr<OutputFile> file_;
    std::ostream* stream_ = nullptr;
};

} // namespace asnbelajar::cli
