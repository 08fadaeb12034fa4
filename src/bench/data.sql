-- Benchmark data: one public project with 10,000 jobs in every status, outputs on terminal ones.
INSERT INTO organization (uuid, name, slug, created, modified)
VALUES ('0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff', 'Bench', 'bench-org', now(), now());
INSERT INTO project (uuid, organization_uuid, name, slug, visibility, created, modified)
VALUES ('0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b', '0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff', 'Bench', 'bench', 'public',
        now(), now());
INSERT INTO spec (uuid, name, slug, os, architecture, cpu, memory, disk, created, modified)
VALUES ('01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f', 'Linux 2 vCPU', 'linux-2', 'linux', 'x86_64', 2, 4294967296,
        10737418240, now(), now());
INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)
SELECT md5('bench-job-' || i)::uuid, '0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b', '01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f',
       (ARRAY['pending', 'claimed', 'running', 'completed', 'processed', 'failed', 'canceled'])[1 + i % 7],
       '{"timeout": 3600}', timestamptz '2026-01-01' + i * interval '1 minute',
       timestamptz '2026-01-01' + i * interval '1 minute'
FROM generate_series(1, 10000) AS i;
INSERT INTO job_output (job_uuid, output)
SELECT uuid, jsonb_build_object('results', jsonb_build_array(jsonb_build_object(
           'exit_code', 1, 'stdout', repeat('benchmark line' || chr(10), 40),
           'output', jsonb_build_object('/output/results.json', '{"bench":{"latency":{"value":12.5}}}'))),
       'error', 'container exited with code 1')
FROM job WHERE status IN ('completed', 'processed', 'failed', 'canceled');
ANALYZE;
