-- B2: exactly the two statements the service sends for one list request with {project} a slug,
-- direction=desc and no status: JobRepository.pageSql(filter, false) and JobRepository.countSql(filter)
-- (src/main/java/dev/bencher/jobs/job/repository/JobRepository.java, with VISIBLE_PROJECT formatted
-- for "slug", JOB_COLUMNS, JOB_ROW and SPEC_ROW). The service runs them at the same time on two
-- pools; here they run one after the other on one connection.
-- Parameters: $1 = :slug; $2 (admin) = false, $3 (organizations led) and $4 (projects with a role)
-- = '{}'::uuid[], as for an anonymous caller; $5 = :offset, $6 = :limit
-- (pgbench -D slug=bench-1m -D offset=0 -D limit=8).
-- src/bench/run checks at every run that these are the statements the service sends (log_statement).
WITH project AS (SELECT p.uuid FROM project p
  WHERE p.slug = :slug AND p.deleted IS NULL
    AND (p.visibility = 'public' OR false OR p.organization_uuid = ANY ('{}'::uuid[]) OR p.uuid = ANY ('{}'::uuid[]))), buckets AS (SELECT c.created_bucket AS b, sum(c.n)::bigint AS n FROM job_count c WHERE c.project_uuid = (SELECT uuid FROM project) GROUP BY c.created_bucket), total AS (SELECT coalesce(sum(n), 0)::bigint AS n FROM buckets), ahead AS (SELECT b, before FROM (SELECT b, sum(n) OVER w - n AS before, sum(n) OVER w AS through FROM buckets WINDOW w AS (ORDER BY b DESC)) AS running WHERE through > :offset::bigint ORDER BY b DESC LIMIT 1), behind AS (SELECT b, before FROM (SELECT b, sum(n) OVER w - n AS before, sum(n) OVER w AS through FROM buckets WINDOW w AS (ORDER BY b ASC)) AS running WHERE through > greatest((SELECT n FROM total) - :offset::bigint - :limit::bigint, 0) ORDER BY b ASC LIMIT 1), keys AS ((SELECT j.uuid, j.created FROM job j WHERE j.project_uuid = (SELECT uuid FROM project) AND 2 * :offset::bigint + :limit::bigint <= (SELECT n FROM total) AND j.created < job_count_bucket_start((SELECT b FROM ahead) + 1) ORDER BY j.created DESC, j.uuid DESC LIMIT :limit::bigint OFFSET :offset::bigint - (SELECT before FROM ahead)) UNION ALL (SELECT j.uuid, j.created FROM job j WHERE j.project_uuid = (SELECT uuid FROM project) AND NOT (2 * :offset::bigint + :limit::bigint <= (SELECT n FROM total)) AND j.created >= job_count_bucket_start((SELECT b FROM behind)) ORDER BY j.created ASC, j.uuid ASC LIMIT greatest(least(:limit::bigint, (SELECT n FROM total) - :offset::bigint), 0) OFFSET greatest((SELECT n FROM total) - :offset::bigint - :limit::bigint, 0) - (SELECT before FROM behind))) SELECT project.uuid, j.uuid, j.status, j.runner_uuid, j.claimed, j.started, j.completed, j.created, j.modified,
  s.uuid, s.name, s.slug, s.os, s.architecture, s.sandbox, s.cpu, s.memory, s.disk,
  s.network, s.fallback, s.created, s.modified, s.archived FROM project LEFT JOIN (keys k CROSS JOIN LATERAL (SELECT job.uuid, job.status, job.spec_uuid, job.runner_uuid, job.claimed, job.started, job.completed,
  job.created, job.modified FROM job WHERE job.uuid = k.uuid OFFSET 0) AS j CROSS JOIN LATERAL (SELECT spec.uuid, spec.name, spec.slug, spec.os, spec.architecture, spec.sandbox, spec.cpu, spec.memory,
  spec.disk, spec.network, spec.fallback, spec.created, spec.modified, spec.archived FROM spec WHERE spec.uuid = j.spec_uuid OFFSET 0) AS s) ON true ORDER BY k.created DESC, k.uuid DESC;
SELECT coalesce(sum(c.n), 0)::bigint FROM (SELECT p.uuid FROM project p
  WHERE p.slug = :slug AND p.deleted IS NULL
    AND (p.visibility = 'public' OR false OR p.organization_uuid = ANY ('{}'::uuid[]) OR p.uuid = ANY ('{}'::uuid[]))) AS project LEFT JOIN job_count c ON c.project_uuid = project.uuid GROUP BY project.uuid;
