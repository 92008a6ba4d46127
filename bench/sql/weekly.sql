-- report weekly --week-of D, by hand: one row per session whose local start date is in :from..:to (ISO dates),
-- cancelled sessions left out; the same columns as `asnbelajar --format csv report weekly`.
-- Each count is one grouped pass over the week's enrollments or attendance rows (primary keys lead with
-- session_id), not a correlated subquery per column.
WITH s AS (
  SELECT id, code, title, jp_tenths, start,
         date(start + CASE tz WHEN 'Asia/Jakarta' THEN 25200 WHEN 'Asia/Pontianak' THEN 25200
                              WHEN 'Asia/Makassar' THEN 28800 WHEN 'Asia/Jayapura' THEN 32400 WHEN 'UTC' THEN 0
                              ELSE (CASE substr(tz, 1, 1) WHEN '-' THEN -1 ELSE 1 END)
                                   * (CAST(substr(tz, 2, 2) AS INTEGER) * 3600 + CAST(substr(tz, 5, 2) AS INTEGER) * 60)
                   END, 'unixepoch') AS d
  FROM sessions
  WHERE start >= unixepoch(:from) - 2 * 86400 AND start < unixepoch(:to) + 3 * 86400 AND status <> 'cancelled'
), week AS (
  SELECT * FROM s WHERE d BETWEEN :from AND :to
), e AS (
  SELECT e.session_id AS sid, sum(e.status = 'enrolled') AS enrolled, sum(e.status = 'waitlisted') AS waitlisted,
         sum(e.status = 'walk-in') AS walk_ins,
         sum(e.status = 'enrolled' AND a.participant_id IS NULL) AS absent,
         sum(e.status = 'enrolled' AND a.outcome = 'attended') AS attended_enrolled
  FROM week JOIN enrollments e ON e.session_id = week.id
  LEFT JOIN attendance a ON a.session_id = e.session_id AND a.participant_id = e.participant_id
  GROUP BY e.session_id
), a AS (
  SELECT a.session_id AS sid, sum(a.outcome = 'attended') AS attended, sum(a.outcome = 'partial') AS partial
  FROM week JOIN attendance a ON a.session_id = week.id GROUP BY a.session_id
), c AS (
  SELECT c.session_id AS sid, count(*) AS n FROM week JOIN certificates c ON c.session_id = week.id
  WHERE c.revoked IS NULL GROUP BY c.session_id
)
SELECT week.code AS session, week.d AS date, week.title,
       CASE WHEN week.jp_tenths % 10 = 0 THEN week.jp_tenths / 10 ELSE printf('%.1f', week.jp_tenths / 10.0) END AS jp,
       coalesce(e.enrolled, 0) AS enrolled, coalesce(e.waitlisted, 0) AS waitlisted,
       coalesce(a.attended, 0) AS attended, coalesce(a.partial, 0) AS partial, coalesce(e.absent, 0) AS absent,
       coalesce(e.walk_ins, 0) AS walk_ins,
       CASE WHEN coalesce(e.enrolled, 0) > 0 THEN printf('%.4f', 1.0 * e.attended_enrolled / e.enrolled) END
         AS attendance_rate,
       coalesce(c.n, 0) AS certificates
FROM week LEFT JOIN e ON e.sid = week.id LEFT JOIN a ON a.sid = week.id LEFT JOIN c ON c.sid = week.id
ORDER BY week.start, week.id;
