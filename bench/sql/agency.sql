-- report agency --year :year (target :target in tenths of a JP), by hand: per agency (people without one under
-- an empty agency), participants of the year, active (attended at least once), attendances, JP, met_target,
-- met_target_rate. The same columns as `asnbelajar --format csv report agency`.
WITH chosen AS (
  SELECT id, jp_tenths FROM sessions
  WHERE start >= unixepoch(:year || '-01-01') - 2 * 86400 AND start < unixepoch((:year + 1) || '-01-01') + 2 * 86400
    AND status <> 'cancelled'
    AND strftime('%Y', start + CASE tz WHEN 'Asia/Jakarta' THEN 25200 WHEN 'Asia/Pontianak' THEN 25200
                                       WHEN 'Asia/Makassar' THEN 28800 WHEN 'Asia/Jayapura' THEN 32400 WHEN 'UTC' THEN 0
                                       ELSE (CASE substr(tz, 1, 1) WHEN '-' THEN -1 ELSE 1 END)
                                            * (CAST(substr(tz, 2, 2) AS INTEGER) * 3600
                                               + CAST(substr(tz, 5, 2) AS INTEGER) * 60)
                                  END, 'unixepoch') = CAST(:year AS TEXT)
), k(pid, jp) AS (
  SELECT e.participant_id, NULL FROM chosen JOIN enrollments e ON e.session_id = chosen.id
  UNION ALL
  SELECT a.participant_id, CASE a.outcome WHEN 'attended' THEN chosen.jp_tenths END
  FROM chosen JOIN attendance a ON a.session_id = chosen.id
), py AS (
  SELECT pid, count(jp) AS sessions, coalesce(sum(jp), 0) AS jp FROM k GROUP BY pid
)
SELECT nullif(coalesce(p.agency, ''), '') AS agency, count(*) AS participants, sum(py.sessions > 0) AS active,
       sum(py.sessions) AS attendances, sum(py.jp) / 10.0 AS jp, sum(py.jp >= :target) AS met_target,
       printf('%.4f', 1.0 * sum(py.jp >= :target) / count(*)) AS met_target_rate
FROM py JOIN participants p ON p.id = py.pid
GROUP BY coalesce(p.agency, '')
ORDER BY coalesce(p.agency, '');
