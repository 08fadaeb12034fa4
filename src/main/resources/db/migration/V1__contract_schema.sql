-- The contract schema of spec/database.md §2 (D1-D13), verbatim.
-- Organization: owns projects. The Jobs service reads only its uuid (through project).
CREATE TABLE organization (
    uuid      uuid        PRIMARY KEY,
    name      text        NOT NULL,
    slug      text        NOT NULL,
    created   timestamptz NOT NULL,
    modified  timestamptz NOT NULL,
    CONSTRAINT organization_name_check
        CHECK (octet_length(name) BETWEEN 1 AND 64 AND name !~ '^[[:space:]]|[[:space:]]$'),
    CONSTRAINT organization_slug_check
        CHECK (char_length(slug) <= 64 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT organization_slug_key UNIQUE (slug)
);

-- Project: the scope of the two endpoints.
CREATE TABLE project (
    uuid               uuid        PRIMARY KEY,
    organization_uuid  uuid        NOT NULL REFERENCES organization (uuid) ON DELETE CASCADE,
    name               text        NOT NULL,
    slug               text        NOT NULL,
    visibility         text        NOT NULL DEFAULT 'public',
    created            timestamptz NOT NULL,
    modified           timestamptz NOT NULL,
    deleted            timestamptz,
    CONSTRAINT project_name_check
        CHECK (octet_length(name) BETWEEN 1 AND 64 AND name !~ '^[[:space:]]|[[:space:]]$'),
    CONSTRAINT project_slug_check
        CHECK (char_length(slug) <= 64 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT project_visibility_check
        CHECK (visibility IN ('public', 'private'))
);
-- A slug identifies at most one live (not deleted) project.
CREATE UNIQUE INDEX project_slug_live_key ON project (slug) WHERE deleted IS NULL;
CREATE INDEX project_organization_uuid_idx ON project (organization_uuid);

-- Spec: server-wide hardware specification a job runs on.
CREATE TABLE spec (
    uuid          uuid        PRIMARY KEY,
    name          text        NOT NULL,
    slug          text        NOT NULL,
    os            text        NOT NULL,
    architecture  text        NOT NULL,
    sandbox       text,
    cpu           integer     NOT NULL,
    memory        bigint      NOT NULL,
    disk          bigint      NOT NULL,
    network       boolean     NOT NULL DEFAULT false,
    fallback      timestamptz,
    created       timestamptz NOT NULL,
    modified      timestamptz NOT NULL,
    archived      timestamptz,
    CONSTRAINT spec_name_check
        CHECK (octet_length(name) BETWEEN 1 AND 64 AND name !~ '^[[:space:]]|[[:space:]]$'),
    CONSTRAINT spec_slug_check
        CHECK (char_length(slug) <= 64 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT spec_slug_key UNIQUE (slug),
    CONSTRAINT spec_os_check CHECK (os IN ('linux', 'macos', 'windows')),
    CONSTRAINT spec_architecture_check CHECK (architecture IN ('x86_64', 'aarch64')),
    CONSTRAINT spec_sandbox_check CHECK (sandbox IN ('firecracker')),
    CONSTRAINT spec_cpu_check CHECK (cpu > 0),
    CONSTRAINT spec_memory_check CHECK (memory > 0),
    CONSTRAINT spec_disk_check CHECK (disk > 0)
);
-- At most one spec is the fallback spec.
CREATE UNIQUE INDEX spec_single_fallback_key ON spec ((true)) WHERE fallback IS NOT NULL;

-- Runner: machine that executes jobs. The Jobs service shows only its uuid.
CREATE TABLE runner (
    uuid      uuid        PRIMARY KEY,
    name      text        NOT NULL,
    slug      text        NOT NULL,
    created   timestamptz NOT NULL,
    modified  timestamptz NOT NULL,
    archived  timestamptz,
    CONSTRAINT runner_name_check
        CHECK (octet_length(name) BETWEEN 1 AND 64 AND name !~ '^[[:space:]]|[[:space:]]$'),
    CONSTRAINT runner_slug_check
        CHECK (char_length(slug) <= 64 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT runner_slug_key UNIQUE (slug)
);

-- Job: one remote benchmark execution. Read by both endpoints.
CREATE TABLE job (
    uuid          uuid        PRIMARY KEY,
    project_uuid  uuid        NOT NULL REFERENCES project (uuid) ON DELETE CASCADE,
    spec_uuid     uuid        NOT NULL REFERENCES spec (uuid) ON DELETE RESTRICT,
    status        text        NOT NULL DEFAULT 'pending',
    runner_uuid   uuid        REFERENCES runner (uuid) ON DELETE RESTRICT,
    config        jsonb,
    claimed       timestamptz,
    started       timestamptz,
    completed     timestamptz,
    created       timestamptz NOT NULL,
    modified      timestamptz NOT NULL,
    CONSTRAINT job_status_check CHECK (status IN
        ('pending', 'claimed', 'running', 'completed', 'processed', 'failed', 'canceled')),
    CONSTRAINT job_config_check CHECK (config IS NULL OR jsonb_typeof(config) = 'object')
);
-- List without status filter; a backward scan serves direction=desc.
CREATE INDEX job_project_created_idx ON job (project_uuid, created, uuid);
-- List and count with a status filter.
CREATE INDEX job_project_status_created_idx ON job (project_uuid, status, created, uuid);
-- Support for the RESTRICT foreign keys (writers deleting specs or runners).
CREATE INDEX job_spec_uuid_idx ON job (spec_uuid);
CREATE INDEX job_runner_uuid_idx ON job (runner_uuid) WHERE runner_uuid IS NOT NULL;

-- Job output: kept out of the job row, read only by the view endpoint.
CREATE TABLE job_output (
    job_uuid  uuid        PRIMARY KEY REFERENCES job (uuid) ON DELETE CASCADE,
    output    jsonb       NOT NULL,
    created   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT job_output_output_check CHECK (
        jsonb_typeof(output) = 'object'
        AND coalesce(jsonb_typeof(output -> 'results'), '') = 'array')
);
