// Writing through a server that may fail over (docs/deployment.md, docs/reliability.md): a write command's
// transaction retried on the new primary for a bounded time, exactly once, and reads sent to a standby.
//
// Every writing command carries a command id, unique per run, recorded in the audit log in the command's own
// transaction. When the connection drops while COMMIT is under way the outcome is unknown: the retry then first
// asks the store whether that id committed, and does not run the command again when it did.
#pragma once

#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace asnbelajar::store {

// The store's server could not be reached, or went away, or is not (any longer) the primary: a fault a retry
// on another connection may cure. Thrown by a backend behind a network (never by SQLite); the message is
// complete (the store's location, never a password, and the server's words). `commit_unknown`: the connection
// was lost after COMMIT was sent, so the transaction may have committed.
class Unavailable : public Error {
  public:
    Unavailable(const std::string& message, bool commit_unknown)
        : Error(message), commit_unknown_(commit_unknown) {}
    // The backend's translated error, as the failure a retry may cure.
    Unavailable(const Error& translated, bool commit_unknown)
        : Error(translated), commit_unknown_(commit_unknown) {}
    bool commit_unknown() const { return commit_unknown_; }
    std::string message() const { return what(); }

  private:
    bool commit_unknown_;
};

// A new command id: 32 hexadecimal digits from the system's random source (`source`: the std::random_device
// token; "default" is the CPU's or the system's). Throws Error when there is none.
std::string new_command_id(const std::string& source = "default");

struct RetryPolicy {
    // How long a write keeps retrying after its first failure (0: no retry).
    std::chrono::milliseconds retry_for{60'000};
    // Called before each retry with the failure's message and the retry's number (1, 2, ...): the caller tells
    // the user (the library never prints).
    std::function<void(const std::string& reason, int retry)> on_retry;
    // Called before each retry that runs the command again, to forget what the failed attempt produced (lines
    // to print, counts, a re-opened input). May throw Error when the command cannot run again (its input was
    // standard input).
    std::function<void()> before_rerun;
    // Waits out the pause before a retry; empty: std::this_thread::sleep_for (tests pass one that only records
    // the pauses).
    std::function<void(std::chrono::milliseconds)> sleep;
};

// Opens the store at `location` for writing and runs `work` in one transaction with an audit row
// (`command`, the rows `work` returns, `command_id`), committing it. When the store is Unavailable before the
// commit succeeded, it waits (0.2 s, doubling up to 1 s) and does it all again on a new connection, until
// `policy.retry_for` has passed since the first failure; then throws Error saying that the store stayed
// unavailable, for how long, and the last failure. After a commit with an unknown outcome every later attempt
// first looks for `command_id` in the audit log and returns without running `work` when it is there.
// A created store is discarded when the command fails (Store::discard_created). Other errors propagate at once.
// Returns the number of attempts that failed and were retried.
int write_retrying(const std::string& location, const std::string& command, const std::string& command_id,
                   const RetryPolicy& policy, const std::function<std::int64_t(Store&)>& work);

// Which server a read-only command reads from.
enum class ReadFrom { primary, standby };

// The location to open for `access`: a PostgreSQL URL gets libpq's target_session_attrs, so that writes go to
// the primary of a multi-host URL (read-write, unless the URL names its own) and reads given
// ReadFrom::standby go to a standby when one is up, else to the primary (prefer-standby, replacing the URL's).
// Any other location (an SQLite file) is returned as it is.
std::string location_for(const std::string& location, Access access, ReadFrom from = ReadFrom::primary);

} // namespace asnbelajar::store
