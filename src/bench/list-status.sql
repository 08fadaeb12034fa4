SELECT uuid, organization_uuid, visibility FROM project WHERE slug = 'bench' AND deleted IS NULL;
SELECT j.uuid, j.status, j.runner_uuid, j.claimed, j.started, j.completed, j.created, j.modified,
       s.uuid, s.name, s.slug, s.os, s.architecture, s.sandbox, s.cpu, s.memory, s.disk,
       s.network, s.fallback, s.created, s.modified, s.archived
FROM job j JOIN spec s ON s.uuid = j.spec_uuid
WHERE j.project_uuid = '0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b' AND j.status = 'failed'
ORDER BY j.created DESC, j.uuid DESC LIMIT :limit OFFSET :offset;
SELECT count(*) FROM job WHERE project_uuid = '0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b' AND status = 'failed';
