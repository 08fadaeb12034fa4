package dev.bencher.jobs.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import dev.bencher.jobs.job.JobStatus;

/**
 * Inserts rows the way the other services do: plain SQL on the contract schema (database.md §5).
 * Every call commits at once. Slugs carry a random suffix so test classes never collide.
 */
public final class Writer {

    private Writer() {
    }

    /** A slug no other test uses: {@code prefix} plus eight random hex digits. */
    public static String uniqueSlug(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    public static UUID organization() {
        UUID uuid = UUID.randomUUID();
        execute("INSERT INTO organization (uuid, name, slug, created, modified) VALUES (?, ?, ?, ?, ?)",
                uuid, "Org " + uuid, "org-" + uuid, Instant.EPOCH, Instant.EPOCH);
        return uuid;
    }

    public static UUID project(UUID organization, String slug, String visibility) {
        UUID uuid = UUID.randomUUID();
        execute("INSERT INTO project (uuid, organization_uuid, name, slug, visibility, created, modified)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                uuid, organization, "Project " + slug, slug, visibility, Instant.EPOCH, Instant.EPOCH);
        return uuid;
    }

    public static void deleteProject(UUID project) {
        execute("UPDATE project SET deleted = now() WHERE uuid = ?", project);
    }

    /** A spec; a non-null {@code fallback} makes it the one fallback spec (database.md §2 allows one). */
    public static UUID spec(String sandbox, Instant fallback) {
        UUID uuid = UUID.randomUUID();
        if (fallback != null) {
            execute("UPDATE spec SET fallback = NULL WHERE fallback IS NOT NULL");
        }
        execute("INSERT INTO spec (uuid, name, slug, os, architecture, sandbox, cpu, memory, disk, network,"
                + " fallback, created, modified) VALUES (?, ?, ?, 'linux', 'x86_64', ?, 2, 4294967296,"
                + " 10737418240, false, ?, ?, ?)",
                uuid, "Linux x86-64 2 vCPU", "spec-" + uuid, sandbox, fallback,
                Instant.parse("2026-02-24T12:00:00Z"), Instant.parse("2026-02-24T12:00:00Z"));
        return uuid;
    }

    public static UUID runner() {
        UUID uuid = UUID.randomUUID();
        execute("INSERT INTO runner (uuid, name, slug, created, modified) VALUES (?, ?, ?, ?, ?)",
                uuid, "Runner " + uuid, "runner-" + uuid, Instant.EPOCH, Instant.EPOCH);
        return uuid;
    }

    public static UUID job(UUID project, UUID spec, JobStatus status, Instant created) {
        return job(UUID.randomUUID(), project, spec, status, created);
    }

    public static UUID job(UUID uuid, UUID project, UUID spec, JobStatus status, Instant created) {
        execute("INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)"
                + " VALUES (?, ?, ?, ?, '{\"timeout\": 3600}'::jsonb, ?, ?)",
                uuid, project, spec, status.value(), created, created);
        return uuid;
    }

    /** Like a runner finishing: sets the runner and the three progress timestamps. */
    public static void progress(UUID job, UUID runner, Instant claimed, Instant started, Instant completed) {
        execute("UPDATE job SET runner_uuid = ?, claimed = ?, started = ?, completed = ?, modified = ?"
                + " WHERE uuid = ?", runner, claimed, started, completed, completed, job);
    }

    public static void output(UUID job, String json) {
        execute("INSERT INTO job_output (job_uuid, output) VALUES (?, ?::jsonb)", job, json);
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect()) {
            TestDatabase.execute(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("writer SQL failed: " + sql, e);
        }
    }
}
