-- Jobs :from .. :to of project :'slug' (project.sql), one statement: src/bench/run loads in statements
-- of 100,000 rows. Job i has status (i mod 7) over the seven statuses, created = base + i * 10 s
-- (distinct, so job N is the newest) and uuid md5(slug-job-i).
INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)
SELECT md5(:'slug' || '-job-' || i)::uuid, md5('project-' || :'slug')::uuid, '01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f',
       (ARRAY['pending', 'claimed', 'running', 'completed', 'processed', 'failed', 'canceled'])[1 + i % 7],
       '{"timeout": 3600}', timestamptz '2026-01-01T00:00:00Z' + i * interval '10 seconds',
       timestamptz '2026-01-01T00:00:00Z' + i * interval '10 seconds'
FROM generate_series(:from, :to) AS i;
