#include "output_file.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace asnbelajar::cli {

OutputFile::OutputFile(std::string path, std::string verb)
    : path_(std::move(path)), verb_(std::move(verb)), target_(path_) {
    struct stat st {};
    if (::lstat(path_.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        std::error_code ec;
        std::filesystem::path p = path_;
        // A link to a file not yet there (a dangling link) is written through too, as the shell's > does,
        // never replaced by a file: its links are followed by hand, since weakly_canonical gives a dangling
        // link's own path back. A link whose target exists (also /dev/stdout's magic links) is resolved as is.
        for (int hops = 0;
             hops < 40 && ::stat(p.c_str(), &st) != 0 && ::lstat(p.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
             ++hops) {
            const std::filesystem::path link = std::filesystem::read_symlink(p, ec);
            if (ec) break;
            p = link.is_absolute() ? link : p.parent_path() / link;
        }
        auto resolved = std::filesystem::weakly_canonical(p, ec);
        if (!ec) target_ = resolved.string();
    }
    direct_ = ::stat(target_.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
    if (!direct_) tmp_ = target_ + ".tmp";
}

OutputFile::~OutputFile() {
    file_.reset();
    // A scratch file of a direct write is removed in any case; a PATH.tmp only when it was not renamed.
    if (!tmp_.empty() && (direct_ || !committed_)) std::remove(tmp_.c_str());
}

void OutputFile::fail(int error) const {
    // Whole sentences for the translators: the verbs there are ("write", "back up to"), each with its message.
    const bool backup = verb_ == "back up to";
    if (error == 0) throw Error(backup ? tr("cannot back up to {}", path_) : tr("cannot write {}", path_));
    throw Error(backup ? tr("cannot back up to {}: {}", path_, std::strerror(error))
                       : tr("cannot write {}: {}", path_, std::strerror(error)));
}

void OutputFile::create_tmp() {
    // Personal data: the file is private to its owner (0600, whatever the umask), as the store is; a regular
    // file it replaces is replaced by this new one, so its old mode goes too (chmod the result to share it).
    ::unlink(tmp_.c_str());
    const int fd = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) fail(errno);
    ::close(fd);
}

std::ostream& OutputFile::stream() {
    if (!file_) {
        if (!direct_) create_tmp();
        errno = 0;
        file_ = std::make_unique<std::ofstream>(direct_ ? target_ : tmp_, std::ios::binary | std::ios::trunc);
        if (!*file_) fail(errno);
    }
    return *file_;
}

const std::string& OutputFile::file_for_writer() {
    if (!direct_) {
        // Created here (empty, mode 0600), so that a directory that cannot take the file is reported under the
        // user's name.
        create_tmp();
    } else if (tmp_.empty()) {
        // A scratch file to copy from: a device or pipe has no directory to write beside.
        const char* dir = std::getenv("TMPDIR");
        std::string templ = std::string(dir && *dir ? dir : "/tmp") + "/asnbelajar-XXXXXX";
        int fd = ::mkstemp(templ.data()); // mode 0600
        if (fd < 0) fail(errno);
        ::close(fd);
        tmp_ = templ;
    }
    return tmp_;
}

void OutputFile::commit() {
    if (direct_ && !tmp_.empty()) { // a writer filled the scratch file: copy it in
        std::ifstream from(tmp_, std::ios::binary);
        if (!from) fail(errno);
        std::ostream& to = stream();
        if (from.peek() != std::char_traits<char>::eof()) to << from.rdbuf();
    }
    errno = 0;
    if (file_) {
        file_->flush();
        if (!*file_) fail(errno);
        file_->close();
        if (!*file_) fail(errno);
    }
    if (!direct_ && std::rename(tmp_.c_str(), target_.c_str()) != 0) fail(errno);
    committed_ = true;
}

OutputTarget::OutputTarget(const std::string& path, std::ostream& standard_output) {
    if (path.empty()) return;
    if (path == "-") {
        stream_ = &standard_output;
        return;
    }
    file_ = std::make_unique<OutputFile>(path);
    stream_ = &file_->stream();
}

void OutputTarget::commit() {
    if (file_) {
        file_->commit();
    } else if (stream_) {
        errno = 0;
        stream_->flush();
        if (!*stream_) throw Error(tr("cannot write to standard output: {}", std::strerror(errno)));
    }
}

} // namespace asnbelajar::cli
