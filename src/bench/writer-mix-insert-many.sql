-- W3 mix: 2 to 20 jobs inserted by one statement, spread over the three projects and all statuses.
\set p random(1, 3)
\set n random(2, 20)
INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)
SELECT gen_random_uuid(), md5('project-bench-w3-' || (1 + (:p + i) % 3))::uuid, '01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f',
       (ARRAY['pending', 'claimed', 'running', 'completed', 'processed', 'failed', 'canceled'])[1 + (:p + i) % 7],
       '{"timeout": 3600}', now(), now()
FROM generate_series(1, :n) AS i;
