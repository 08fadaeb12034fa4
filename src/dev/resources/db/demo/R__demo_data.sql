-- Demo data for `./mvnw quarkus:dev -Pdemo` only (never in the production artifact).
-- Written like the writers do (database.md §5): plain SQL on the contract schema.
-- One organization, a public and a private project, two specs (one with sandbox and fallback),
-- two runners, 35 jobs per project in every status, outputs on the terminal ones.

INSERT INTO organization (uuid, name, slug, created, modified)
VALUES ('0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff', 'Acme', 'acme', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO project (uuid, organization_uuid, name, slug, visibility, created, modified) VALUES
('0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b', '0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff', 'Bench Demo', 'bench-demo',
 'public', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('0190f7a3-1c2d-7e3f-8a4b-5c6d7e8f9a0c', '0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff', 'Acme Secret', 'acme-secret',
 'private', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO spec (uuid, name, slug, os, architecture, sandbox, cpu, memory, disk, network, fallback, created, modified)
VALUES
('01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f', 'Linux x86-64 2 vCPU', 'linux-x86-64-2-vcpu', 'linux', 'x86_64', NULL,
 2, 4294967296, 10737418240, false, NULL, '2026-02-24T12:00:00Z', '2026-02-24T12:00:00Z'),
('01953b10-6d3e-7b5f-9a21-0b9c8d7e6f5a', 'Linux x86-64 4 vCPU Firecracker', 'linux-x86-64-4-vcpu-firecracker',
 'linux', 'x86_64', 'firecracker', 4, 8589934592, 21474836480, true, '2026-02-24T12:00:00Z',
 '2026-02-24T12:00:00Z', '2026-02-24T12:00:00Z');

INSERT INTO runner (uuid, name, slug, created, modified) VALUES
('01953b11-0a1b-7c2d-9e3f-4a5b6c7d8e9f', 'Runner One', 'runner-one', '2026-02-24T12:00:00Z', '2026-02-24T12:00:00Z'),
('01953b11-1b2c-7d3e-8f4a-5b6c7d8e9fa0', 'Runner Two', 'runner-two', '2026-02-24T12:00:00Z', '2026-02-24T12:00:00Z');

-- 35 jobs per project: status cycles through all seven; every fifth pair shares its created time.
INSERT INTO job (uuid, project_uuid, spec_uuid, status, runner_uuid, config, claimed, started, completed, created,
                 modified)
SELECT md5(p.slug || '-job-' || i)::uuid,
       p.uuid,
       CASE WHEN i % 3 = 0 THEN '01953b10-6d3e-7b5f-9a21-0b9c8d7e6f5a'::uuid
            ELSE '01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f'::uuid END,
       s.status,
       CASE WHEN s.rank > 0 THEN (CASE WHEN i % 2 = 0 THEN '01953b11-0a1b-7c2d-9e3f-4a5b6c7d8e9f'
                                       ELSE '01953b11-1b2c-7d3e-8f4a-5b6c7d8e9fa0' END)::uuid END,
       jsonb_build_object('registry', 'https://registry.bencher.dev', 'project', p.uuid,
                          'digest', 'sha256:' || repeat('0', 64), 'timeout', 3600),
       CASE WHEN s.rank > 0 THEN t.created + interval '2 seconds' END,
       CASE WHEN s.rank > 1 THEN t.created + interval '4 seconds' END,
       CASE WHEN s.rank > 2 THEN t.created + interval '90 seconds' END,
       t.created,
       t.created + CASE WHEN s.rank > 2 THEN interval '90 seconds' ELSE interval '0 seconds' END
FROM project p
CROSS JOIN generate_series(1, 35) AS i
CROSS JOIN LATERAL (SELECT (ARRAY['pending', 'claimed', 'running', 'completed', 'processed', 'failed', 'canceled'])
                               [1 + i % 7] AS status,
                           LEAST(i % 7, 3) AS rank) AS s
CROSS JOIN LATERAL (SELECT timestamptz '2026-03-01T00:00:00Z' + (i - i % 5 / 4) * interval '10 minutes' AS created) AS t
WHERE p.organization_uuid = '0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff';

-- The job of the spec's example (jobs-api.md §12.1), in the public project.
INSERT INTO job (uuid, project_uuid, spec_uuid, status, runner_uuid, config, claimed, started, completed, created,
                 modified)
VALUES ('019561f2-3a7b-7c1e-8d2f-4b5a6c7d8e9f', '0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b',
        '01953b10-6d3e-7b5f-9a21-0b9c8d7e6f5a', 'failed', '01953b11-0a1b-7c2d-9e3f-4a5b6c7d8e9f',
        '{"registry": "https://registry.bencher.dev", "timeout": 3600}', '2026-03-02T14:05:11Z',
        '2026-03-02T14:05:13Z', '2026-03-02T14:06:40Z', '2026-03-02T14:05:09Z', '2026-03-02T14:06:40Z');

INSERT INTO job_output (job_uuid, output)
SELECT uuid,
       jsonb_build_object(
           'results', jsonb_build_array(jsonb_build_object(
               'exit_code', CASE status WHEN 'failed' THEN 1 ELSE 0 END,
               'stdout', 'running 3 benchmarks' || chr(10),
               'stderr', CASE status WHEN 'failed' THEN 'fatal error: out of memory' || chr(10) END,
               'output', jsonb_build_object('/output/results.json', '{"bench":{"latency":{"value":12.5}}}'))))
       || CASE status WHEN 'failed' THEN jsonb_build_object('error', 'container exited with code 1')
                      ELSE '{}'::jsonb END
FROM job
WHERE status IN ('completed', 'processed', 'failed', 'canceled');
