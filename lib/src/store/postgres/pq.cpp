// The libpq wrapper (pq.hpp).
#include "pq.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace asnbelajar::store::postgres::pq {
namespace {

// The failure that a result (or, without one, the connection) reports.
Failure failure(PGconn* conn, const PGresult* r) {
    const auto field = [r](int code) {
        const char* v = r ? lib().PQresultErrorField(r, code) : nullptr;
        return v ? std::string(v) : std::string();
    };
    std::string message = field(PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) {
        message = r ? lib().PQresultErrorMessage(r) : "";
        if (message.empty()) message = lib().PQerrorMessage(conn);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
    }
    if (message.empty()) message = "unknown libpq failure";
    return Failure(message, field(PG_DIAG_SQLSTATE), field(PG_DIAG_CONSTRAINT_NAME),
                   field(PG_DIAG_MESSAGE_DETAIL));
}

// The first words of a statement, for the trace.
std::string_view head(const char* sql) {
    std::string_view s(sql);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n'))
        s.remove_prefix(1);
    return s.substr(0, std::min<std::size_t>(s.find('\n'), 60));
}

// COPY's text format: backslash, tab, newline and carriage return escaped.
void escape_copy(std::string& out, std::string_view v) {
    for (char c : v) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
        }
    }
}

} // namespace

std::int64_t Result::int64(int row, int col) const {
    const std::string_view t = text(row, col);
    std::int64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

void Array::add(std::string_view v) {
    if (text_.size() > 1) text_ += ',';
    text_ += '"';
    for (char c : v) {
        if (c == '"' || c == '\\') text_ += '\\';
        text_ += c;
    }
    text_ += '"';
}

void Array::add(std::int64_t v) {
    if (text_.size() > 1) text_ += ',';
    text_ += std::to_string(v);
}

void Array::add_null() {
    if (text_.size() > 1) text_ += ',';
    text_ += "NULL";
}

void CopyRows::separate() {
    if (!first_) data_ += '\t';
    first_ = false;
}

CopyRows& CopyRows::field(std::string_view v) {
    separate();
    escape_copy(data_, v);
    return *this;
}

CopyRows& CopyRows::field(std::int64_t v) {
    separate();
    data_ += std::to_string(v);
    return *this;
}

CopyRows& CopyRows::null() {
    separate();
    data_ += "\\N";
    return *this;
}

void CopyRows::end_row() {
    data_ += '\n';
    first_ = true;
    ++rows_;
}

bool copy_field(std::string_view raw, std::string& out) {
    out.clear();
    if (raw == "\\N") return false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\\' && i + 1 < raw.size()) {
            switch (raw[++i]) {
            case 't': c = '\t'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'v': c = '\v'; break;
            default: c = raw[i];
            }
        }
        out += c;
    }
    return true;
}

Connection::Connection(const std::string& conninfo, const std::string& display) {
    // The URL first, expanded (expand_dbname); what follows overrides it: the store speaks UTF-8.
    const char* keys[] = {"dbname", "client_encoding", "fallback_application_name", nullptr};
    const char* values[] = {conninfo.c_str(), "UTF8", "asnbelajar", nullptr};
    conn_ = lib().PQconnectdbParams(keys, values, 1);
    if (!conn_) throw Failure(fmt::format("cannot connect to {}: out of memory", display));
    if (lib().PQstatus(conn_) != CONNECTION_OK) {
        std::string_view message = lib().PQerrorMessage(conn_);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.remove_suffix(1);
        // libpq's hint comes on a line of its own, indented: one line here.
        std::string why;
        for (std::size_t i = 0; i < message.size(); ++i) {
            if (message[i] != '\n') {
                why += message[i];
                continue;
            }
            why += ' ';
            if (i + 1 < message.size() && message[i + 1] == '\t') ++i;
        }
        lib().PQfinish(conn_);
        conn_ = nullptr;
        throw Failure(why, "08001");
    }
    // The server's notices (NOTICE, WARNING) would go to stderr: the library never prints.
    lib().PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    if (const char* trace = std::getenv("ASNBELAJAR_PG_TRACE"); trace && *trace)
        trace_ = std::fopen(trace, "a");
    ++round_trips_; // the connection's own (startup, authentication)
    if (trace_) std::fputs("rt connect\n", trace_);
}

Connection::~Connection() {
    if (copy_buffer_) lib().PQfreemem(copy_buffer_);
    if (conn_) lib().PQfinish(conn_);
    if (trace_) {
        std::fprintf(trace_, "round_trips %llu\n", static_cast<unsigned long long>(round_trips_));
        std::fclose(trace_);
    }
}

void Connection::trip(const char* kind, const char* sql) {
    ++round_trips_;
    if (trace_) {
        const std::string_view h = head(sql);
        std::fprintf(trace_, "rt %s: %.*s\n", kind, static_cast<int>(h.size()), h.data());
    }
}

Result Connection::check(PGresult* r, const char* sql) {
    (void)sql;
    const ExecStatusType status = r ? lib().PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN ||
        status == PGRES_COPY_OUT)
        return Result(r);
    Failure f = failure(conn_, r);
    lib().PQclear(r);
    throw f;
}

Result Connection::exec(const char* sql) {
    trip("exec", sql);
    return check(lib().PQexec(conn_, sql), sql);
}

Result Connection::query(const char* sql, const Params& params) {
    std::vector<const char*> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i)
        values[i] = params[i] ? params[i]->c_str() : nullptr;
    const int n = static_cast<int>(params.size());
    int& uses = uses_[sql];
    const std::string name = fmt::format("a{}", reinterpret_cast<std::uintptr_t>(sql));
    if (uses == 1) { // used before: worth preparing (one round trip, once per connection)
        trip("prepare", sql);
        check(lib().PQprepare(conn_, name.c_str(), sql, 0, nullptr), sql);
    }
    ++uses;
    trip("query", sql);
    if (uses == 1)
        return check(lib().PQexecParams(conn_, sql, n, nullptr, values.data(), nullptr, nullptr, 0), sql);
    return check(lib().PQexecPrepared(conn_, name.c_str(), n, values.data(), nullptr, nullptr, 0), sql);
}

void Connection::copy_in(const char* sql, const CopyRows& rows) {
    trip("copy", sql);
    check(lib().PQexec(conn_, sql), sql); // PGRES_COPY_IN
    const std::string& data = rows.data();
    constexpr std::size_t chunk = 1 << 20;
    for (std::size_t at = 0; at < data.size(); at += chunk) {
        const std::size_t n = std::min(chunk, data.size() - at);
        if (lib().PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) != 1) break;
    }
    trip("copy-end", sql);
    if (lib().PQputCopyEnd(conn_, nullptr) != 1) throw failure(conn_, nullptr);
    // The COPY's own result, then the end of the command.
    Result last;
    bool failed = false;
    Failure f("");
    while (PGresult* r = lib().PQgetResult(conn_)) {
        if (lib().PQresultStatus(r) != PGRES_COMMAND_OK && !failed) {
            failed = true;
            f = failure(conn_, r);
        }
        lib().PQclear(r);
    }
    if (failed) throw f;
}

void Connection::start_copy_out(const char* sql) {
    trip("copy-out", sql);
    check(lib().PQexec(conn_, sql), sql); // PGRES_COPY_OUT
}

bool Connection::next_copy_line(std::string& line) {
    if (copy_buffer_) {
        lib().PQfreemem(copy_buffer_);
        copy_buffer_ = nullptr;
    }
    const int n = lib().PQgetCopyData(conn_, &copy_buffer_, 0);
    if (n > 0) {
        line.assign(copy_buffer_, static_cast<std::size_t>(n));
        if (!line.empty() && line.back() == '\n') line.pop_back();
        return true;
    }
    if (n == -2) throw failure(conn_, nullptr);
    // -1: done; the command's result follows.
    ++round_trips_;
    bool failed = false;
    Failure f("");
    while (PGresult* r = lib().PQgetResult(conn_)) {
        if (lib().PQresultStatus(r) != PGRES_COMMAND_OK && !failed) {
            failed = true;
            f = failure(conn_, r);
        }
        lib().PQclear(r);
    }
    if (failed) throw f;
    return false;
}

} // namespace asnbelajar::store::postgres::pq
