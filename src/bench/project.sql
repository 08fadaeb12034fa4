-- One public project of the benchmark organization (data.sql): psql -v slug=bench-1m -f project.sql.
-- Its uuid is derived from the slug, so every script can name it without a lookup.
INSERT INTO project (uuid, organization_uuid, name, slug, visibility, created, modified)
VALUES (md5('project-' || :'slug')::uuid, '0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff', :'slug', :'slug', 'public',
        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
