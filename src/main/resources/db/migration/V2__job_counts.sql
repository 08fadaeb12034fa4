-- Exact job totals in constant time (docs/job-counts.md; jobs-api.md R24, database.md D13).
--
-- job_count holds the number of jobs per project and status, split over a few rows: each writing
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
    project_uuid  uuid    NOT NULL,
    status        text    NOT NULL,
    backend       integer NOT NULL,
    batch         integer NOT NULL,
    n             bigint  NOT NULL,
    PRIMARY KEY (project_uuid, status, backend, batch)
);

-- Adds one statement's signed changes (parallel arrays: project, status, delta) to the caller's
-- rows; when that creates a row, folds the project's rows of ended backends into the caller's.
CREATE FUNCTION job_count_add(projects uuid[], statuses text[], deltas bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    me         constant integer := pg_backend_pid();
    statement  constant integer := coalesce(nullif(current_setting('job_count.statements', true), ''), '0')::integer + 1;
    created    uuid[];
BEGIN
    IF projects IS NULL THEN
        RETURN;
    END IF;
    PERFORM set_config('job_count.statements', statement::text, true);
    WITH upserted AS (
        INSERT INTO job_count AS c (project_uuid, status, backend, batch, n)
        SELECT d.project_uuid, d.status, me, statement / 128, d.n
        FROM unnest(projects, statuses, deltas) AS d (project_uuid, status, n)
        WHERE d.n <> 0
        ORDER BY d.project_uuid, d.status
        ON CONFLICT (project_uuid, status, backend, batch) DO UPDATE SET n = c.n + excluded.n
        RETURNING c.project_uuid, c.xmax = 0 AS inserted
    )
    SELECT array_agg(DISTINCT u.project_uuid) INTO created FROM upserted u WHERE u.inserted;
    -- Only at READ COMMITTED: at REPEATABLE READ or SERIALIZABLE, reading rows that other writers
    -- fold concurrently would make this writer fail with a serialization error.
    IF created IS NOT NULL AND current_setting('transaction_isolation') = 'read committed' THEN
        -- pg_stat_get_activity keeps the picture of its first call until the transaction ends: a
        -- backend that connected since then would look ended, and folding its live rows would make it
        -- wait for us (and deadlock if we wait for it on a job row).
        PERFORM pg_stat_clear_snapshot();
        WITH gone AS (
            DELETE FROM job_count
            WHERE ctid = ANY (ARRAY(
                SELECT c.ctid FROM job_count c
                WHERE c.project_uuid = ANY (created) AND c.backend <> me
                  AND NOT EXISTS (SELECT FROM pg_stat_get_activity(NULL) a WHERE a.pid = c.backend)
                FOR UPDATE SKIP LOCKED))
            RETURNING project_uuid, status, n
        )
        INSERT INTO job_count AS c (project_uuid, status, backend, batch, n)
        SELECT g.project_uuid, g.status, me, statement / 128, sum(g.n)
        FROM gone g GROUP BY g.project_uuid, g.status
        ORDER BY g.project_uuid, g.status
        ON CONFLICT (project_uuid, status, backend, batch) DO UPDATE SET n = c.n + excluded.n;
    END IF;
END
$$;

CREATE FUNCTION job_count_after_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    projects uuid[];
    statuses text[];
    deltas   bigint[];
BEGIN
    SELECT array_agg(project_uuid), array_agg(status), array_agg(n) INTO projects, statuses, deltas
    FROM (SELECT project_uuid, status, count(*) AS n FROM new_rows GROUP BY project_uuid, status) AS d;
    PERFORM job_count_add(projects, statuses, deltas);
    RETURN NULL;
END
$$;

CREATE FUNCTION job_count_after_delete() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    projects uuid[];
    statuses text[];
    deltas   bigint[];
BEGIN
    SELECT array_agg(project_uuid), array_agg(status), array_agg(n) INTO projects, statuses, deltas
    FROM (SELECT project_uuid, status, -count(*) AS n FROM old_rows GROUP BY project_uuid, status) AS d;
    PERFORM job_count_add(projects, statuses, deltas);
    RETURN NULL;
END
$$;

-- An update that changes neither status nor project (a heartbeat, a modified time) nets to zero
-- and writes nothing; one that moves jobs to another status or project adds -1 and +1 per job.
CREATE FUNCTION job_count_after_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    projects uuid[];
    statuses text[];
    deltas   bigint[];
BEGIN
    SELECT array_agg(project_uuid), array_agg(status), array_agg(n) INTO projects, statuses, deltas
    FROM (SELECT project_uuid, status, sum(n) AS n
          FROM (SELECT project_uuid, status, 1 AS n FROM new_rows
                UNION ALL
                SELECT project_uuid, status, -1 FROM old_rows) AS moves
          GROUP BY project_uuid, status
          HAVING sum(n) <> 0) AS d;
    PERFORM job_count_add(projects, statuses, deltas);
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

-- Verifies every total against count(*) in one snapshot and returns the (project, status) pairs
-- that differ. With repair => true it first locks job against writers (SHARE: readers go on,
-- writers wait until the caller's transaction ends), then rewrites the counts from the jobs.
CREATE FUNCTION job_count_check(repair boolean DEFAULT false)
RETURNS TABLE (project uuid, job_status text, counted bigint, recorded bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF repair THEN
        LOCK TABLE job IN SHARE MODE;
    END IF;
    RETURN QUERY
        WITH counted AS (
            SELECT j.project_uuid, j.status, count(*) AS n FROM job j GROUP BY j.project_uuid, j.status
        ), recorded AS (
            SELECT c.project_uuid, c.status, sum(c.n)::bigint AS n FROM job_count c GROUP BY c.project_uuid, c.status
        )
        SELECT coalesce(a.project_uuid, b.project_uuid), coalesce(a.status, b.status),
               coalesce(a.n, 0), coalesce(b.n, 0)
        FROM counted a FULL JOIN recorded b ON b.project_uuid = a.project_uuid AND b.status = a.status
        WHERE coalesce(a.n, 0) <> coalesce(b.n, 0);
    IF repair THEN
        DELETE FROM job_count;
        INSERT INTO job_count (project_uuid, status, backend, batch, n)
        SELECT j.project_uuid, j.status, 0, 0, count(*) FROM job j GROUP BY j.project_uuid, j.status;
    END IF;
END
$$;

-- Counting the jobs that exist: writers wait (their statements block on this lock)
-- until the migration commits, so no write is counted twice or missed; readers are not blocked.
LOCK TABLE job IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER job_count_insert AFTER INSERT ON job
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_count_after_insert();
CREATE TRIGGER job_count_update AFTER UPDATE ON job
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_count_after_update();
CREATE TRIGGER job_count_delete AFTER DELETE ON job
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION job_count_after_delete();
CREATE TRIGGER job_count_truncate AFTER TRUNCATE ON job
    FOR EACH STATEMENT EXECUTE FUNCTION job_count_after_truncate();

INSERT INTO job_count (project_uuid, status, backend, batch, n)
SELECT project_uuid, status, 0, 0, count(*) FROM job GROUP BY project_uuid, status;

-- Only the owner's functions write the counts. Every role that may read job (the service's
-- read-only role, database.md D6) may read them too.
REVOKE ALL ON FUNCTION job_count_add(uuid[], text[], bigint[]), job_count_check(boolean) FROM PUBLIC;
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
