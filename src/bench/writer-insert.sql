-- W2: one writer's transaction, a single job inserted as in database.md §5 (autocommit), into the
-- project :project (pgbench -c 8 -D project=UUID): every client writes to the same project.
INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)
VALUES (gen_random_uuid(), :project, '01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f', 'pending',
        '{"registry": "https://registry.bencher.dev",
          "project": "0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
          "digest": "sha256:0000000000000000000000000000000000000000000000000000000000000000",
          "timeout": 3600}',
        now(), now());
