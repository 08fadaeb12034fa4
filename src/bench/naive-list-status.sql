-- B1 with a status filter: the D13 page and count(*) of one status
-- (pgbench -D project=UUID -D status=failed -D limit=8 -D offset=0).
SELECT j.uuid, j.status, j.runner_uuid, j.claimed, j.started, j.completed, j.created, j.modified,
       s.uuid, s.name, s.slug, s.os, s.architecture, s.sandbox, s.cpu, s.memory, s.disk,
       s.network, s.fallback, s.created, s.modified, s.archived
FROM job j
JOIN spec s ON s.uuid = j.spec_uuid
WHERE j.project_uuid = :project
  AND j.status = :status
ORDER BY j.created DESC, j.uuid DESC
LIMIT :limit OFFSET :offset;
SELECT count(*) FROM job WHERE project_uuid = :project AND status = :status;
