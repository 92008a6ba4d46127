-- report weekly --week-of D, by hand, in PostgreSQL (psql -v from=YYYY-MM-DD -v to=YYYY-MM-DD --csv): the
-- PostgreSQL peer of ../weekly.sql, the same columns as `asnbelajar --format csv report weekly`. A session with
-- no attendance row that was never imported from an export (sessions.attendance_imported) has its attendance
-- not recorded: its attendance counts and rate are empty and attendance_recorded is false.
WITH s AS (
  SELECT id, code, title, jp_tenths, start,
         to_char(to_timestamp(start + CASE tz WHEN 'Asia/Jakarta' THEN 25200 WHEN 'Asia/Pontianak' THEN 25200
                              WHEN 'Asia/Makassar' THEN 28800 WHEN 'Asia/Jayapura' THEN 32400 WHEN 'UTC' THEN 0
                              ELSE (CASE substr(tz, 1, 1) WHEN '-' THEN -1 ELSE 1 END)
                                   * (CAST(substr(tz, 2, 2) AS INTEGER) * 3600 + CAST(substr(tz, 5, 2) AS INTEGER) * 60)
                   END) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS d
  FROM sessions
  WHERE start >= extract(epoch FROM :'from'::date)::bigint - 2 * 86400
    AND start < extract(epoch FROM :'to'::date)::bigint + 3 * 86400 AND status <> 'cancelled'
), week AS (
  SELECT s.*,
         (EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id)
          OR (SELECT attendance_imported FROM sessions WHERE id = s.id) IS NOT NULL) AS recorded,
         (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'enrolled') AS enrolled,
         (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'waitlisted') AS waitlisted,
         (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'walk-in') AS walk_ins,
         (SELECT count(*) FROM certificates c WHERE c.session_id = s.id AND c.revoked IS NULL) AS certificates
  FROM s WHERE d BETWEEN :'from' AND :'to'
), a AS (
  SELECT a.session_id AS sid, count(*) FILTER (WHERE a.outcome = 'attended') AS attended,
         count(*) FILTER (WHERE a.outcome = 'partial') AS partial,
         count(*) FILTER (WHERE e.status = 'enrolled') AS enrolled_present,
         count(*) FILTER (WHERE e.status = 'enrolled' AND a.outcome = 'attended') AS attended_enrolled
  FROM week JOIN attendance a ON a.session_id = week.id
  LEFT JOIN enrollments e ON e.session_id = a.session_id AND e.participant_id = a.participant_id
  GROUP BY a.session_id
)
SELECT week.code AS session, week.d AS date, week.title,
       CASE WHEN week.jp_tenths % 10 = 0 THEN (week.jp_tenths / 10)::text
            ELSE to_char(week.jp_tenths / 10.0, 'FM999990.0') END AS jp,
       week.enrolled, week.waitlisted,
       CASE WHEN week.recorded THEN coalesce(a.attended, 0) END AS attended,
       CASE WHEN week.recorded THEN coalesce(a.partial, 0) END AS partial,
       CASE WHEN week.recorded THEN week.enrolled - coalesce(a.enrolled_present, 0) END AS absent,
       CASE WHEN week.recorded THEN week.walk_ins END AS walk_ins,
       CASE WHEN week.recorded AND week.enrolled > 0
            THEN to_char(1.0 * coalesce(a.attended_enrolled, 0) / week.enrolled, 'FM0.0000') END AS attendance_rate,
       week.certificates,
       CASE WHEN week.recorded THEN 'true' ELSE 'false' END AS attendance_recorded
FROM week LEFT JOIN a ON a.sid = week.id
ORDER BY week.start, week.id;
