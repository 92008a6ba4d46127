-- report agency --year Y, by hand, in PostgreSQL (psql -v year=Y -v target=T --csv; T in tenths of a JP): the
-- PostgreSQL peer of ../agency.sql, the same columns as `asnbelajar --format csv report agency` (one row per
-- agency and type; no met_target for PPPK).
WITH chosen AS (
  SELECT id, jp_tenths FROM sessions
  WHERE start >= extract(epoch FROM make_date(:year, 1, 1))::bigint - 2 * 86400
    AND start < extract(epoch FROM make_date(:year + 1, 1, 1))::bigint + 2 * 86400
    AND status <> 'cancelled'
    AND to_char(to_timestamp(start + CASE tz WHEN 'Asia/Jakarta' THEN 25200 WHEN 'Asia/Pontianak' THEN 25200
                                     WHEN 'Asia/Makassar' THEN 28800 WHEN 'Asia/Jayapura' THEN 32400 WHEN 'UTC' THEN 0
                                     ELSE (CASE substr(tz, 1, 1) WHEN '-' THEN -1 ELSE 1 END)
                                          * (CAST(substr(tz, 2, 2) AS INTEGER) * 3600
                                             + CAST(substr(tz, 5, 2) AS INTEGER) * 60)
                                END) AT TIME ZONE 'UTC', 'YYYY') = :'year'
), k(pid, jp) AS (
  SELECT e.participant_id, NULL::bigint FROM chosen JOIN enrollments e ON e.session_id = chosen.id
  UNION ALL
  SELECT a.participant_id, CASE a.outcome WHEN 'attended' THEN chosen.jp_tenths END
  FROM chosen JOIN attendance a ON a.session_id = chosen.id
), py AS (
  SELECT pid, count(jp) AS sessions, coalesce(sum(jp), 0) AS jp FROM k GROUP BY pid
)
SELECT nullif(ag, '') AS agency, count(*) AS participants, count(*) FILTER (WHERE sessions > 0) AS active,
       sum(sessions) AS attendances, (sum(jp) / 10.0)::float8 AS jp,
       CASE WHEN type IS DISTINCT FROM 'PPPK' THEN count(*) FILTER (WHERE jp >= :target) END AS met_target,
       CASE WHEN type IS DISTINCT FROM 'PPPK'
            THEN to_char(1.0 * count(*) FILTER (WHERE jp >= :target) / count(*), 'FM0.0000') END AS met_target_rate,
       type
FROM (SELECT coalesce(p.agency, '') AS ag, py.sessions, py.jp,
             CASE WHEN coalesce(p.nip, '') = '' THEN NULL
                  WHEN length(p.nip) = 18 AND substr(p.nip, 13, 2) BETWEEN '21' AND '29' THEN 'PPPK' ELSE 'PNS' END AS type
      FROM py JOIN participants p ON p.id = py.pid) x
GROUP BY ag, type
ORDER BY ag, CASE type WHEN 'PNS' THEN 0 WHEN 'PPPK' THEN 1 ELSE 2 END;
