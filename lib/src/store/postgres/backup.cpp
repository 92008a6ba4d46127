// The PostgreSQL backend's backups, written owner-only beside FILE and renamed over it: `db backup FILE.dump`
// runs pg_dump -Fc (a consistent snapshot: pg_dump reads in one REPEATABLE READ transaction); any other FILE
// is an SQLite store holding the same rows (copy_store(): one REPEATABLE READ snapshot of every table,
// written through the SQLite backend), so that an agency can take the registry's data home.
#include "errors.hpp"
#include "postgres_store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/store_copy.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace asnbelajar::store::postgres {
namespace {

struct ConninfoFree {
    void operator()(PQconninfoOption* o) const { pq::lib().PQconninfoFree(o); }
};

// The last lines of a file (pg_dump's complaints), on one line.
std::string tail(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    for (char& c : text)
        if (c == '\n') c = ' ';
    if (text.size() > 400) text = "…" + text.substr(text.size() - 400);
    return text.empty() ? std::string("no message") : text;
}

// SIGCHLD's default action while it lives, the action found before restored after.
class DefaultSigchld {
  public:
    DefaultSigchld() {
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        ::sigemptyset(&dfl.sa_mask);
        ::sigaction(SIGCHLD, &dfl, &old_);
    }
    ~DefaultSigchld() { ::sigaction(SIGCHLD, &old_, nullptr); }
    DefaultSigchld(const DefaultSigchld&) = delete;
    DefaultSigchld& operator=(const DefaultSigchld&) = delete;

  private:
    struct sigaction old_ {};
};

} // namespace

std::string PostgresStore::backup_to(const std::string& file, const std::string& shown) const {
    // `file` is an empty file the caller created (mode 0600) and will put in place.
    if (!shown.ends_with(".dump")) {
        ::unlink(file.c_str()); // the SQLite backend creates its store file itself (0600)
        try {
            const std::unique_ptr<Store> copy = store::open(file, Access::write);
            Store::Transaction tx(*copy);
            copy_store(*this, *copy, {});
            tx.commit();
        } catch (const Error& e) {
            throw Error(tr("cannot back up to {}: {}", shown, reason(e)));
        }
        return _("an SQLite file (`asnbelajar db backup FILE.dump` writes a pg_dump -Fc archive instead)");
    }
    const std::string err = file + ".err";
    // The connection's parameters (password included) go to pg_dump through its environment, never its
    // command line (which `ps` shows).
    std::unique_ptr<PQconninfoOption, ConninfoFree> opts(pq::lib().PQconninfo(db_->raw()));
    // Started with SIGCHLD ignored (a supervisor's habit, inherited across exec), the kernel would reap pg_dump
    // itself and its exit status would be lost, a failed dump taken for a good one: the default action is
    // restored while pg_dump runs.
    const DefaultSigchld sigchld;
    const pid_t pid = ::fork();
    if (pid < 0) throw Error(tr("cannot back up to {}: {}", shown, std::strerror(errno)));
    if (pid == 0) {
        ::umask(077); // the dump holds personal data: 0600
        for (PQconninfoOption* o = opts.get(); o && o->keyword; ++o)
            if (o->envvar && o->val && *o->val) ::setenv(o->envvar, o->val, 1);
        const int fd = ::open(err.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
        if (fd >= 0) {
            ::dup2(fd, 2);
            ::dup2(fd, 1);
        }
        const char* argv[] = {"pg_dump", "-Fc", "--no-password", "-f", file.c_str(), nullptr};
        ::execvp("pg_dump", const_cast<char* const*>(argv));
        std::fprintf(stderr, "cannot run pg_dump: %s\n", std::strerror(errno));
        ::_exit(127);
    }
    int status = -1; // not "exited with 0" unless waitpid says so
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const std::string why = tail(err);
        ::unlink(err.c_str());
        throw Error(tr("cannot back up to {}: pg_dump failed: {}", shown, why));
    }
    ::unlink(err.c_str());
    ::chmod(file.c_str(), 0600);
    return _("a pg_dump -Fc archive (restore with pg_restore)");
}

} // namespace asnbelajar::store::postgres
