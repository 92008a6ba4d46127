// Writes retried across a failover, exactly once (asnbelajar/store_retry.hpp), and the target_session_attrs
// of a location.
#include "asnbelajar/store_retry.hpp"

#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <string_view>
#include <thread>

namespace asnbelajar::store {
namespace {

// `url` with its query parameter `key` set to `value`: replaced where the URL has one (when `replace`), else
// added.
std::string with_param(const std::string& url, std::string_view key, std::string_view value, bool replace) {
    const std::size_t q = url.find('?');
    if (q != std::string::npos) {
        for (std::size_t at = q; at != std::string::npos && at < url.size(); at = url.find('&', at + 1)) {
            const std::string_view rest = std::string_view(url).substr(at + 1);
            if (!rest.starts_with(key) || rest.size() <= key.size() || rest[key.size()] != '=') continue;
            if (!replace) return url;
            const std::size_t begin = at + 1 + key.size() + 1;
            const std::size_t end = std::min(url.find('&', begin), url.size());
            return url.substr(0, begin) + std::string(value) + url.substr(end);
        }
    }
    return url + (q == std::string::npos ? "?" : "&") + std::string(key) + "=" + std::string(value);
}

} // namespace

std::string new_command_id(const std::string& source) {
    try {
        std::random_device random(source); // "default": RDSEED/RDRAND, or getrandom (/dev/urandom) on Linux
        std::string id;
        for (int i = 0; i < 4; ++i)
            id += fmt::format("{:08x}", static_cast<std::uint32_t>(random()));
        return id;
    } catch (const std::exception&) {
        throw Error(_("cannot make a command id: the system has no random source"));
    }
}

std::string location_for(const std::string& location, Access access, ReadFrom from) {
    if (!postgres_url(location)) return location;
    if (access == Access::write) return with_param(location, "target_session_attrs", "read-write", false);
    if (from == ReadFrom::standby)
        return with_param(location, "target_session_attrs", "prefer-standby", true);
    return location;
}

int write_retrying(const std::string& location, const std::string& command, const std::string& command_id,
                   const RetryPolicy& policy, const std::function<std::int64_t(Store&)>& work) {
    using clock = std::chrono::steady_clock;
    const std::string target = location_for(location, Access::write);
    clock::time_point first_failure{};
    bool commit_unknown = false; // an attempt's COMMIT may have committed
    bool ran = false;            // `work` ran at least once: a rerun forgets what it produced first
    std::chrono::milliseconds pause{200};
    for (int retries = 0;; ++retries) {
        try {
            const std::unique_ptr<Store> store = open(target, Access::write);
            if (commit_unknown && store->command_committed(command_id)) return retries;
            try {
                if (ran && policy.before_rerun) policy.before_rerun();
                ran = true;
                Store::Transaction tx(*store);
                const std::int64_t rows = work(*store);
                store->audit(command, rows, command_id);
                tx.commit();
            } catch (...) {
                store->discard_created();
                throw;
            }
            return retries;
        } catch (const Unavailable& e) {
            commit_unknown = commit_unknown || e.commit_unknown();
            const clock::time_point now = clock::now();
            if (retries == 0) first_failure = now;
            const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - first_failure);
            if (waited + pause > policy.retry_for) {
                if (policy.retry_for.count() == 0) throw;
                const std::string gave_up =
                    trn("gave up after retrying for {:.1f} s ({} attempt; --retry-for SECONDS waits longer)",
                        "gave up after retrying for {:.1f} s ({} attempts; --retry-for SECONDS waits longer)",
                        static_cast<unsigned long>(retries + 1), static_cast<double>(waited.count()) / 1000.0,
                        retries + 1);
                throw Error(e.message() + "\n" + gave_up +
                            (commit_unknown
                                 ? _("; the connection was lost during COMMIT: see `asnbelajar db log` "
                                     "before running the command again")
                                 : ""));
            }
            if (policy.on_retry) policy.on_retry(e.message(), retries + 1);
            if (policy.sleep)
                policy.sleep(pause);
            else
                std::this_thread::sleep_for(pause);
            pause = std::min(pause * 2, std::chrono::milliseconds{1000});
        }
    }
}

} // namespace asnbelajar::store
