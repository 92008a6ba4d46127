#include "asnbelajar/model.hpp"

#include <fmt/format.h>

namespace asnbelajar {

std::string_view to_string(EnrollmentStatus s) {
    switch (s) {
    case EnrollmentStatus::enrolled: return "enrolled";
    case EnrollmentStatus::waitlisted: return "waitlisted";
    case EnrollmentStatus::cancelled: return "cancelled";
    case EnrollmentStatus::walk_in: return "walk-in";
    }
    return "enrolled";
}

std::string_view to_string(AttendanceOutcome o) {
    switch (o) {
    case AttendanceOutcome::attended: return "attended";
    case AttendanceOutcome::partial: return "partial";
    case AttendanceOutcome::absent: return "absent";
    }
    return "absent";
}

std::string_view to_string(SessionStatus s) {
    return s == SessionStatus::cancelled ? "cancelled" : "scheduled";
}

std::string_view to_string(MarkKind k) {
    switch (k) {
    case MarkKind::interval: return "interval";
    case MarkKind::duration: return "duration";
    case MarkKind::manual: return "manual";
    case MarkKind::self: return "self";
    case MarkKind::span: return "span";
    }
    return "interval";
}

std::string_view to_string(ResultKind k) {
    return k == ResultKind::survey ? "survey" : "posttest";
}

std::optional<ResultKind> result_kind_from(std::string_view s) {
    for (auto v : {ResultKind::survey, ResultKind::posttest})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

std::optional<EnrollmentStatus> enrollment_status_from(std::string_view s) {
    for (auto v : {EnrollmentStatus::enrolled, EnrollmentStatus::waitlisted, EnrollmentStatus::cancelled,
                   EnrollmentStatus::walk_in})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

std::optional<MarkKind> mark_kind_from(std::string_view s) {
    for (auto v : {MarkKind::interval, MarkKind::duration, MarkKind::manual, MarkKind::self, MarkKind::span})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

std::string format_jp(std::int64_t jp_tenths, char decimal) {
    const char* sign = jp_tenths < 0 ? "-" : "";
    const std::int64_t t = jp_tenths < 0 ? -jp_tenths : jp_tenths;
    if (t % 10 == 0) return fmt::format("{}{}", sign, t / 10);
    return fmt::format("{}{}{}{}", sign, t / 10, decimal, t % 10);
}

} // namespace asnbelajar
