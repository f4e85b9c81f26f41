-- The same ranking as `kaoping rank --year 2025 --format csv`, written as one SQL query with
-- window functions, for bench/run_rank.sh to time against the binary. It follows the rules
-- of docs/scoring.md except that it rounds with SQLite's round() on binary doubles (so a
-- total that is mathematically xx.xx5 may round down: the C engine is exact) and does not
-- flag incomplete data. Year and pool order are fixed to the benchmark's.
WITH
sch AS (SELECT * FROM scheme WHERE year = 2025),
keypts AS (SELECT pool, sum(points) AS key FROM category WHERE year = 2025 GROUP BY pool),
item AS (
  SELECT t.unit, t.points, t.method,
         t.target_value * t.sched2 / 100.0 AS e2, t.target_value * t.sched4 / 100.0 AS e4,
         p2.actual AS a2, p2.score AS s2, p4.actual AS a4, p4.score AS s4
  FROM target t
  LEFT JOIN progress p2 ON p2.year = t.year AND p2.unit = t.unit AND p2.item = t.item AND p2.quarter = 2
  LEFT JOIN progress p4 ON p4.year = t.year AND p4.unit = t.unit AND p4.item = t.item AND p4.quarter = 4
  WHERE t.year = 2025),
scored AS (
  SELECT unit,
    CASE WHEN a2 IS NULL THEN 0
         WHEN method = 'manual' THEN min(max(coalesce(s2, 0), 0), points)
         WHEN method = 'ratio' THEN CASE WHEN e2 = 0 OR a2 >= e2 THEN points ELSE points * a2 / e2 END
         ELSE CASE WHEN a2 <= e2 THEN points ELSE points * e2 / a2 END END AS k2,
    CASE WHEN a4 IS NULL THEN 0
         WHEN method = 'manual' THEN min(max(coalesce(s4, 0), 0), points)
         WHEN method = 'ratio' THEN CASE WHEN e4 = 0 OR a4 >= e4 THEN points ELSE points * a4 / e4 END
         ELSE CASE WHEN a4 <= e4 THEN points ELSE points * e4 / a4 END END AS k4
  FROM item),
k AS (SELECT unit, sum(k2) AS kh, sum(k4) AS ky FROM scored GROUP BY unit),
led AS (
  SELECT unit,
    sum(CASE WHEN type = 'inspection' THEN points ELSE 0 END) AS si,
    sum(CASE WHEN type = 'complaint' THEN points ELSE 0 END) AS sc,
    sum(CASE WHEN type = 'bonus' THEN points ELSE 0 END) AS sb,
    sum(type = 'veto') AS nv
  FROM ledger WHERE year = 2025 GROUP BY unit),
tot AS (
  SELECT u.code, u.name, u.pool, pl.sort_order AS pool_order, k.kh, k.ky,
    (k.kh * sch.half_share + k.ky * sch.year_share) / kp.key AS c,
    coalesce(a.score, 0) AS p,
    coalesce(a.score, 0) * sch.appraisal_share / 100.0 AS ap,
    min(sch.inspection_cap, coalesce(l.si, 0)) AS di,
    min(sch.complaint_cap, coalesce(l.sc, 0)) AS dc,
    min(sch.bonus_cap, coalesce(l.sb, 0)) AS b,
    (coalesce(l.nv, 0) > 0 AND sch.veto_effect <> 'none') AS veto,
    sch.veto_effect AS effect, sch.band_excellent AS be, sch.band_good AS bg, sch.band_pass AS bp
  FROM unit u JOIN k ON k.unit = u.code JOIN pool pl ON pl.name = u.pool
  CROSS JOIN sch JOIN keypts kp ON kp.pool = u.pool
  LEFT JOIN appraisal a ON a.year = 2025 AND a.unit = u.code
  LEFT JOIN led l ON l.unit = u.code),
fin AS (SELECT *, round(c + ap + b - di - dc, 2) AS total FROM tot)
SELECT rank() OVER (PARTITION BY pool ORDER BY (veto AND effect = 'fail'), total DESC) AS rnk,
  code, name, pool, printf('%.2f', kh), printf('%.2f', ky), printf('%.2f', c), printf('%.2f', p),
  printf('%.2f', di), printf('%.2f', dc), printf('%.2f', b), printf('%.2f', total),
  CASE WHEN veto AND effect = 'fail' THEN '不合格'
       WHEN total >= be AND NOT (veto AND effect = 'cap') THEN '优秀'
       WHEN total >= bg AND NOT (veto AND effect = 'cap') THEN '良好'
       WHEN total >= bp THEN '合格' ELSE '不合格' END,
  CASE WHEN veto THEN '是' ELSE '' END
FROM fin
ORDER BY pool_order, (veto AND effect = 'fail'), total DESC, code;
