-- Benchmark data, part 1 (src/bench/run): the organization and the spec every project and job uses.
-- Projects: project.sql; jobs: jobs.sql; outputs: outputs.sql. Changing any of these files makes
-- src/bench/run rebuild the benchmark database (their sha256 is part of its marker).
INSERT INTO organization (uuid, name, slug, created, modified)
VALUES ('0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff', 'Bench', 'bench-org', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO spec (uuid, name, slug, os, architecture, cpu, memory, disk, created, modified)
VALUES ('01953b10-5c2d-7a4e-8f10-9a8b7c6d5e4f', 'Linux 2 vCPU', 'linux-2', 'linux', 'x86_64', 2, 4294967296,
        10737418240, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
