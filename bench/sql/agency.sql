-- report agency --year :year (target :target in tenths of a JP), by hand: per agency (people without one under
-- an empty agency), participants of the year, active (attended at least once), attendances, JP, met_target,
-- met_target_rate (over the people with a target: PPPK have none without --target-pppk), type; rows by agency,
-- then PNS, PPPK, no NIP. The same columns as `asnbelajar --format csv report agency`.
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
SELECT nullif(ag, '') AS agency, count(*) AS participants, sum(sessions > 0) AS active,
       sum(sessions) AS attendances, sum(jp) / 10.0 AS jp,
       CASE WHEN type IS NOT 'PPPK' THEN sum(jp >= :target) END AS met_target,
       CASE WHEN type IS NOT 'PPPK' THEN printf('%.4f', 1.0 * sum(jp >= :target) / count(*)) END AS met_target_rate,
       type
FROM (SELECT coalesce(p.agency, '') AS ag, py.sessions, py.jp,
             CASE WHEN coalesce(p.nip, '') = '' THEN NULL
            WHEN length(p.nip) = 18 AND substr(p.nip, 13, 2) BETWEEN '21' AND '29' THEN 'PPPK' ELSE 'PNS' END AS type
      FROM py JOIN participants p ON p.id = py.pid)
GROUP BY ag, type
ORDER BY ag, CASE type WHEN 'PNS' THEN 0 WHEN 'PPPK' THEN 1 ELSE 2 END;
