-- S4's baseline: exactly the statement the service sends for one authenticated view of a job, with
-- {project} a slug: JobRepository.findInProject(project, caller, job, withOutput = true)
-- (src/main/java/dev/bencher/jobs/job/repository/JobRepository.java, VISIBLE_PROJECT for "slug").
-- Parameters: $1 = :slug; $2 = false, $3 = $4 = '{}'::uuid[] (a token without roles); $5 = :job;
-- $6 (withOutput) = true; $7 = the terminal statuses (Job.TERMINAL)
-- (pgbench -D slug=bench-1k -D job=UUID).
-- src/bench/run checks at every run that this is the statement the service sends (log_statement).
SELECT project.uuid, j.uuid, j.status, j.runner_uuid, j.claimed, j.started, j.completed, j.created, j.modified,
s.uuid, s.name, s.slug, s.os, s.architecture, s.sandbox, s.cpu, s.memory, s.disk,
s.network, s.fallback, s.created, s.modified, s.archived, o.output::text
 FROM (SELECT p.uuid FROM project p
WHERE p.slug = :slug AND p.deleted IS NULL
  AND (p.visibility = 'public' OR false OR p.organization_uuid = ANY ('{}'::uuid[]) OR p.uuid = ANY ('{}'::uuid[]))) AS project
 LEFT JOIN (job j JOIN spec s ON s.uuid = j.spec_uuid) ON j.project_uuid = project.uuid AND j.uuid = :job
 LEFT JOIN job_output o ON o.job_uuid = j.uuid AND true AND j.status = ANY ('{completed,processed,failed,canceled}'::text[]);
