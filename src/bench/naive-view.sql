-- Naive view (database.md D13): the job and spec, then its output, for a project known by uuid
-- (pgbench -D project=UUID -D job=UUID).
SELECT j.uuid, j.status, j.runner_uuid, j.claimed, j.started, j.completed, j.created, j.modified,
       s.uuid, s.name, s.slug, s.os, s.architecture, s.sandbox, s.cpu, s.memory, s.disk,
       s.network, s.fallback, s.created, s.modified, s.archived
FROM job j JOIN spec s ON s.uuid = j.spec_uuid
WHERE j.uuid = :job AND j.project_uuid = :project;
SELECT output FROM job_output WHERE job_uuid = :job;
