// A small RAII wrapper over libpq for the PostgreSQL backend: a connection, results freed with PQclear,
// statements prepared once per connection (keyed by the address of their string literal), parameters and
// arrays in PostgreSQL's text format, and a COPY … FROM STDIN writer. Every failure is a pq::Failure carrying
// the server's SQLSTATE and constraint name, which errors.cpp maps onto the store's messages.
//
// Round trips are counted (round_trips()): the bulk paths must cost O(rows / batch) of them. With
// $ASNBELAJAR_PG_TRACE=FILE, each round trip appends one line to FILE ("rt KIND: the statement's first words")
// and closing the connection appends "round_trips N", so that tests can count them.
#pragma once

#include "pg/module_api.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace asnbelajar::store::postgres::pq {

// libpq, from the PostgreSQL module (asnbelajar-pg.so, pg/module_api.hpp), loaded the first time it is asked for
// and kept for the life of the process: only commands that open a PostgreSQL store load libpq. Every libpq
// call of the backend goes through it (`lib().PQexec(…)`). Throws Error naming the module and where it was
// looked for when it cannot be loaded.
const pg::LibpqApi& lib();

// A failure of libpq or of the server.
class Failure : public std::runtime_error {
  public:
    Failure(std::string message, std::string state = {}, std::string constraint_name = {},
            std::string message_detail = {})
        : std::runtime_error(std::move(message)), sqlstate(std::move(state)),
          constraint(std::move(constraint_name)), detail(std::move(message_detail)) {}
    std::string sqlstate;   // five characters, or empty (a client-side failure: the connection is lost, ...)
    std::string constraint; // PG_DIAG_CONSTRAINT_NAME, or empty
    std::string detail;     // PG_DIAG_MESSAGE_DETAIL ("Key (nip)=(…) already exists."), or empty
};

// A result; the rows' values are read as text (libpq's text format).
class Result {
  public:
    Result() = default;
    explicit Result(PGresult* r) : r_(r) {}
    int rows() const { return r_ ? lib().PQntuples(r_.get()) : 0; }
    bool null(int row, int col) const { return lib().PQgetisnull(r_.get(), row, col) != 0; }
    // NULL reads as empty.
    std::string_view text(int row, int col) const {
        return {lib().PQgetvalue(r_.get(), row, col),
                static_cast<std::size_t>(lib().PQgetlength(r_.get(), row, col))};
    }
    std::string str(int row, int col) const { return std::string(text(row, col)); }
    std::int64_t int64(int row, int col) const; // NULL reads as 0
    int int32(int row, int col) const { return static_cast<int>(int64(row, col)); }
    bool boolean(int row, int col) const { return text(row, col) == "t"; }

  private:
    struct Clear {
        void operator()(PGresult* r) const { lib().PQclear(r); }
    };
    std::unique_ptr<PGresult, Clear> r_;
};

// Parameters of one statement, in text format. An empty optional is NULL.
class Params {
  public:
    Params& add(std::string_view v) {
        values_.emplace_back(v);
        return *this;
    }
    Params& add(const char* v) { return add(std::string_view(v)); }
    Params& add(const std::string& v) { return add(std::string_view(v)); }
    Params& add(std::int64_t v) { return add(std::string_view(std::to_string(v))); }
    Params& add(int v) { return add(static_cast<std::int64_t>(v)); }
    Params& add_null() {
        values_.emplace_back();
        return *this;
    }
    // Empty text as NULL (the store keeps absent text as NULL).
    Params& add_or_null(std::string_view v) { return v.empty() ? add_null() : add(v); }
    template <class T> Params& add(const std::optional<T>& v) { return v ? add(*v) : add_null(); }
    std::size_t size() const { return values_.size(); }
    const std::optional<std::string>& operator[](std::size_t i) const { return values_[i]; }

  private:
    std::vector<std::optional<std::string>> values_;
};

// A one-dimensional array parameter in PostgreSQL's text format ({"a","b",NULL} / {1,2}), built element by
// element: a batch's column travels as one parameter, and the statement opens it with unnest().
class Array {
  public:
    void add(std::string_view v);
    void add_or_null(std::string_view v) { v.empty() ? add_null() : add(v); }
    void add(std::int64_t v);
    void add_null();
    std::string done() const { return text_ + "}"; }
    bool empty() const { return text_.size() == 1; }

  private:
    std::string text_ = "{";
};

// One row after another of COPY's text format: fields separated by tabs, \N for NULL.
class CopyRows {
  public:
    CopyRows& field(std::string_view v);
    CopyRows& field_or_null(std::string_view v) { return v.empty() ? null() : field(v); }
    CopyRows& field(std::int64_t v);
    CopyRows& null();
    void end_row();
    const std::string& data() const { return data_; }
    void clear() { data_.clear(); }
    std::size_t rows() const { return rows_; }

  private:
    void separate();
    std::string data_;
    bool first_ = true;
    std::size_t rows_ = 0;
};

class Connection {
  public:
    // Connects with libpq's connection string or URL `conninfo` (libpq reads PGPASSFILE, ~/.pgpass, PGSERVICE
    // and the PG* variables as usual). Throws Failure naming `display` (the URL without its password).
    Connection(const std::string& conninfo, const std::string& display);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs `sql` (one or more statements, no parameters) in one round trip; the last statement's result.
    Result exec(const char* sql);
    // Runs one statement with parameters. `sql` must be a string literal: from its second use it runs as a
    // prepared statement keyed by the literal's address.
    Result query(const char* sql, const Params& params = {});
    // COPY … FROM STDIN with `rows` (COPY's text format): two round trips whatever the number of rows.
    void copy_in(const char* sql, const CopyRows& rows);
    // COPY … TO STDOUT: calls `each(line)` for every line (without its newline); two round trips.
    template <class F> void copy_out(const char* sql, F&& each);

    PGconn* raw() const { return conn_; }
    bool in_transaction() const { return lib().PQtransactionStatus(conn_) != PQTRANS_IDLE; }
    std::uint64_t round_trips() const { return round_trips_; }

  private:
    Result check(PGresult* r, const char* sql);
    void trip(const char* kind, const char* sql);
    bool next_copy_line(std::string& line);
    void start_copy_out(const char* sql);

    PGconn* conn_ = nullptr;
    std::unordered_map<const char*, int> uses_; // per statement literal: uses so far (prepared from the 2nd)
    std::uint64_t round_trips_ = 0;
    std::FILE* trace_ = nullptr;
    char* copy_buffer_ = nullptr;
};

template <class F> void Connection::copy_out(const char* sql, F&& each) {
    start_copy_out(sql);
    std::string line;
    while (next_copy_line(line))
        each(std::string_view(line));
}

// A COPY text field decoded (\t, \n, \\, \N...): `raw` is one field of a line copied out. Returns false for \N.
bool copy_field(std::string_view raw, std::string& out);

} // namespace asnbelajar::store::postgres::pq
