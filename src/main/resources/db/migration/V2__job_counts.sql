-- Exact job totals in constant time (docs/job-counts.md; jobs-api.md R24, database.md D13).
--
-- job_count holds the number of jobs per project, status and 12-day bucket of `created` (the
-- buckets let a deep page start near its first row, docs/performance.md), split over a few rows
-- per bucket: each writing
-- backend adds its changes to rows of its own (backend = pg_backend_pid(), batch = which run of
-- 128 statements of its current transaction), so concurrent writers never update the same row and
-- never wait for each other here, and a long transaction never piles up versions of one row.
-- X-Total-Count is the sum of a project's rows: a few dozen at most, whatever its number of jobs.
-- When a writer at READ COMMITTED (the default) creates a row, it folds the project's rows left by
-- backends that have ended into its own, taking only rows no one holds (SKIP LOCKED): a writer
-- waits only for its own rows, so no deadlock can involve this table. The triggers run as the
-- owner of this schema (SECURITY DEFINER): writers need no privilege beyond the ones they have on
-- job.

CREATE TABLE job_count (
    project_uuid    uuid    NOT NULL,
    status          text    NOT NULL,
    created_bucket  integer NOT NULL,
    backend         integer NOT NULL,
    batch           integer NOT NULL,
    n               bigint  NOT NULL,
    PRIMARY KEY (project_uuid, status, created_bucket, backend, batch)
);

-- The bucket of a job's created time: 2^20 s (about 12 days) wide, counted from the epoch, and the
-- first instant of a bucket. Readers find the bucket that holds a deep page's first row with these.
CREATE FUNCTION job_count_bucket(created timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT floor(extract(epoch FROM created) / 1048576)::integer
$$;

CREATE FUNCTION job_count_bucket_start(bucket integer) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_timestamp(bucket * 1048576.0)
$$;

-- Folds into the caller's rows of this batch the projects' rows left by backends that have ended.
-- Only at READ COMMITTED: at REPEATABLE READ or SERIALIZABLE, reading rows that other writers fold
-- concurrently would make this writer fail with a serialization error.
CREATE FUNCTION job_count_fold(projects uuid[], this_batch integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RETURN;
    END IF;
    -- pg_stat_get_activity keeps the picture of its first call until the transaction ends: a
    -- backend that connected since then would look ended, and folding its live rows would make it
    -- wait for us (and deadlock if we wait for it on a job row).
    PERFORM pg_stat_clear_snapshot();
    WITH gone AS (
        DELETE FROM job_count
        WHERE ctid = ANY (ARRAY(
            SELECT c.ctid FROM job_count c
            WHERE c.project_uuid = ANY (projects) AND c.backend <> pg_backend_pid()
              AND NOT EXISTS (SELECT FROM pg_stat_get_activity(NULL) a WHERE a.pid = c.backend)
            FOR UPDATE SKIP LOCKED))
        RETURNING project_uuid, status, created_bucket, n
    )
    INSERT INTO job_count AS c (project_uuid, status, created_bucket, backend, batch, n)
    SELECT g.project_uuid, g.status, g.created_bucket, pg_backend_pid(), this_batch, sum(g.n)
    FROM gone g GROUP BY g.project_uuid, g.status, g.created_bucket
    ORDER BY g.project_uuid, g.status, g.created_bucket
    ON CONFLICT (project_uuid, status, created_bucket, backend, batch) DO UPDATE SET n = c.n + excluded.n;
END
$$;

-- Numbers the statements of the caller's transaction and returns the batch of this one: the
-- caller's rows change every 128 statements, so no row gets more than 128 versions in one
-- transaction (every later update of a row would walk all of them).
CREATE FUNCTION job_count_batch() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    statement constant integer := coalesce(nullif(current_setting('job_count.statements', true), ''), '0')::integer + 1;
BEGIN
    PERFORM set_config('job_count.statements', statement::text, true);
    RETURN statement / 128;
END
$$;

-- INSERT (one row or many) and DELETE (also by the cascade of a deleted project): adds the count of
-- the changed rows per project, status and bucket, signed by the trigger's argument (1 or -1), to the
-- caller's rows; creating a row of its own makes the caller fold the project's rows of ended
-- backends.
CREATE FUNCTION job_count_after_insert_or_delete() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    this_batch   constant integer := job_count_batch();
    new_projects uuid[];
BEGIN
    WITH added AS (
        INSERT INTO job_count AS c (project_uuid, status, created_bucket, backend, batch, n)
        SELECT project_uuid, status, job_count_bucket(created), pg_backend_pid(), this_batch,
               count(*) * TG_ARGV[0]::integer
        FROM changed_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (project_uuid, status, created_bucket, backend, batch) DO UPDATE SET n = c.n + excluded.n
        RETURNING c.project_uuid, c.xmax = 0 AS inserted
    )
    SELECT array_agg(DISTINCT project_uuid) INTO new_projects FROM added WHERE inserted;
    IF new_projects IS NOT NULL THEN
        PERFORM job_count_fold(new_projects, this_batch);
    END IF;
    RETURN NULL;
END
$$;

-- UPDATE: -1 for the old (project, status, bucket) and +1 for the new one of every job that
-- changed any of them; an update that changes none (a heartbeat, a modified time) nets to zero and
-- writes nothing.
CREATE FUNCTION job_count_after_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    this_batch   constant integer := job_count_batch();
    new_projects uuid[];
BEGIN
    WITH moves AS (
        SELECT project_uuid, status, job_count_bucket(created) AS created_bucket, sum(n) AS n
        FROM (SELECT project_uuid, status, created, 1 AS n FROM new_rows
              UNION ALL
              SELECT project_uuid, status, created, -1 FROM old_rows) AS changed
        GROUP BY 1, 2, 3
        HAVING sum(n) <> 0
    ), added AS (
        INSERT INTO job_count AS c (project_uuid, status, created_bucket, backend, batch, n)
        SELECT project_uuid, status, created_bucket, pg_backend_pid(), this_batch, n FROM moves ORDER BY 1, 2, 3
        ON CONFLICT (project_uuid, status, created_bucket, backend, batch) DO UPDATE SET n = c.n + excluded.n
        RETURNING c.project_uuid, c.xmax = 0 AS inserted
    )
    SELECT array_agg(DISTINCT project_uuid) INTO new_projects FROM added WHERE inserted;
    IF new_projects IS NOT NULL THEN
        PERFORM job_count_fold(new_projects, this_batch);
    END IF;
    RETURN NULL;
END
$$;

-- TRUNCATE job (also through TRUNCATE project CASCADE) empties the counts in the same transaction.
-- TRUNCATE, not DELETE: at REPEATABLE READ a DELETE would miss the rows committed after the
-- transaction's snapshot, while TRUNCATE job removed their jobs.
CREATE FUNCTION job_count_after_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    TRUNCATE job_count;
    RETURN NULL;
END
$$;

-- Verifies every count against count(*) in one snapshot and returns the (project, status, bucket)
-- whose counts differ. With repair => true it first locks job against writers and other repairs
-- (SHARE ROW EXCLUSIVE: readers go on, writers wait until the caller's transaction ends), then
-- rewrites the counts from the jobs; it must run at READ COMMITTED so that it sees every write
-- committed before it got the lock.
CREATE FUNCTION job_count_check(repair boolean DEFAULT false)
RETURNS TABLE (project uuid, job_status text, counted bigint, recorded bigint, created_from timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF repair THEN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'job_count_check(repair => true) must run at READ COMMITTED';
        END IF;
        LOCK TABLE job IN SHARE ROW EXCLUSIVE MODE;
    END IF;
    RETURN QUERY
        WITH counted AS (
            SELECT j.project_uuid, j.status, job_count_bucket(j.created) AS b, count(*) AS n
            FROM job j GROUP BY 1, 2, 3
        ), recorded AS (
            SELECT c.project_uuid, c.status, c.created_bucket AS b, sum(c.n)::bigint AS n
            FROM job_count c GROUP BY 1, 2, 3
        )
        SELECT coalesce(a.project_uuid, r.project_uuid), coalesce(a.status, r.status),
               coalesce(a.n, 0), coalesce(r.n, 0), job_count_bucket_start(coalesce(a.b, r.b))
        FROM counted a
        FULL JOIN recorded r ON r.project_uuid = a.project_uuid AND r.status = a.status AND r.b = a.b
        WHERE coalesce(a.n, 0) <> coalesce(r.n, 0);
    IF repair THEN
        DELETE FROM job_count;
        INSERT INTO job_count (project_uuid, status, created_bucket, backend, batch, n)
        SELECT j.project_uuid, j.status, job_count_bucket(j.created), 0, 0, count(*) FROM job j GROUP BY 1, 2, 3;
    END IF;
END
$$;

-- Counting the jobs that exist: writers wait (their statements block on this lock)
-- until the migration commits, so no write is counted twice or missed; readers are not blocked.
LOCK TABLE job IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER job_count_insert AFTER INSERT ON job
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION job_count_after_insert_or_delete('1');
CREATE TRIGGER job_count_update AFTER UPDATE ON job
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_count_after_update();
CREATE TRIGGER job_count_delete AFTER DELETE ON job
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION job_count_after_insert_or_delete('-1');
CREATE TRIGGER job_count_truncate AFTER TRUNCATE ON job
    FOR EACH STATEMENT EXECUTE FUNCTION job_count_after_truncate();

INSERT INTO job_count (project_uuid, status, created_bucket, backend, batch, n)
SELECT project_uuid, status, job_count_bucket(created), 0, 0, count(*) FROM job GROUP BY 1, 2, 3;

-- Only the owner's functions write the counts. Every role that may read job (the service's
-- read-only role, database.md D6) may read them too.
REVOKE ALL ON FUNCTION job_count_fold(uuid[], integer), job_count_check(boolean) FROM PUBLIC;
DO $$
DECLARE
    reader text;
BEGIN
    FOR reader IN
        SELECT DISTINCT a.grantee::regrole::text
        FROM pg_class c, aclexplode(c.relacl) AS a
        WHERE c.oid = 'job'::regclass AND a.privilege_type = 'SELECT'
          AND a.grantee <> 0 AND a.grantee <> c.relowner
    LOOP
        EXECUTE format('GRANT SELECT ON job_count TO %s', reader);
    END LOOP;
END
$$;
