-- W3 mix: a transaction that inserts, updates and deletes, then rolls back: it must count for nothing.
-- It locks one existing job only (no lock-order deadlock between two such transactions).
\set p random(1, 3)
SELECT coalesce((SELECT uuid FROM job WHERE uuid >= gen_random_uuid() ORDER BY uuid LIMIT 1),
                '00000000-0000-0000-0000-000000000000') AS victim \gset
BEGIN;
INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)
SELECT gen_random_uuid(), md5('project-bench-w3-' || :p)::uuid, '01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f', 'pending',
       '{"timeout": 3600}', now(), now()
FROM generate_series(1, 5);
UPDATE job SET status = 'canceled', modified = now() WHERE uuid = :victim;
DELETE FROM job WHERE uuid = :victim;
ROLLBACK;
