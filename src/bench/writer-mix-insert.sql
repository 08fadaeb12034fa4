-- W3 mix: one job inserted (autocommit) into a random project, in a random status.
\set p random(1, 3)
\set s random(1, 7)
INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)
VALUES (gen_random_uuid(), md5('project-bench-w3-' || :p)::uuid, '01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f',
        (ARRAY['pending', 'claimed', 'running', 'completed', 'processed', 'failed', 'canceled'])[:s],
        '{"timeout": 3600}', now(), now());
