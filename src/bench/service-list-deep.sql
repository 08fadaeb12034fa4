-- B2 for S3 (the deep page): exactly the statements the service sends for one list request with
-- {project} a slug, direction=desc, no status and page=125000, per_page=8 (offset 999992). Today
-- they are those of service-list.sql (one page statement for every page: it reads from the nearer
-- end, docs/performance.md "Deep pages"); this file is its own slot so that a data layer that asks
-- a deep page differently can be measured with its own SQL.
-- pgbench variables given by src/bench/run: :slug, :project (the project's uuid), :offset, :limit,
-- :page, :per_page (pgbench -D slug=bench-1m -D offset=999992 -D limit=8 ...).
-- src/bench/run checks at every run that these are the statements the service sends for the deep
-- page of bench-1m (log_statement); without this file S3's B2 runs service-list.sql.
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
