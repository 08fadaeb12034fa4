-- W3 mix: one committed transaction of several statements: a job inserted then deleted (nets to
-- nothing), another inserted, and one existing job updated then moved to a random project. It locks
-- one existing job only (no lock-order deadlock between two such transactions).
\set p random(1, 3)
\set q random(1, 3)
SELECT gen_random_uuid() AS fleeting,
       coalesce((SELECT uuid FROM job WHERE uuid >= gen_random_uuid() ORDER BY uuid LIMIT 1),
                '00000000-0000-0000-0000-000000000000') AS victim \gset
BEGIN;
INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)
VALUES (:fleeting, md5('project-bench-w3-' || :q)::uuid, '01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f', 'pending',
        '{"timeout": 3600}', now(), now());
INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)
VALUES (gen_random_uuid(), md5('project-bench-w3-' || :p)::uuid, '01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f', 'pending',
        '{"timeout": 3600}', now(), now());
UPDATE job SET status = 'running', modified = now() WHERE uuid = :victim;
UPDATE job SET project_uuid = md5('project-bench-w3-' || :q)::uuid, modified = now() WHERE uuid = :victim;
DELETE FROM job WHERE uuid = :fleeting;
COMMIT;
