package dev.bencher.jobs.job.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Flyway applied the contract DDL of database.md §2 exactly (D1, R3), plus the job counts of V2
 * (docs/job-counts.md), which add one table and triggers and change nothing of the contract.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class SchemaMigrationTest {

    @Test
    void flywayAppliedTheContractAndTheCountsMigrations() throws SQLException {
        assertThat(rows("SELECT version || ':' || success FROM flyway_schema_history WHERE version IS NOT NULL"
                + " ORDER BY installed_rank"))
                .containsExactly("1:true", "2:true");
    }

    @Test
    void d1_d5_theContractTablesExistBesideTheJobCounts() throws SQLException {
        assertThat(rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " ORDER BY table_name"))
                .containsExactly("flyway_schema_history", "job", "job_count", "job_output", "organization", "project",
                        "runner", "spec");
    }

    @Test
    void d11_jobColumnsHaveTheContractTypesAndNullability() throws SQLException {
        assertThat(columns("job")).containsExactly(
                "uuid uuid NO", "project_uuid uuid NO", "spec_uuid uuid NO", "status text NO",
                "runner_uuid uuid YES", "config jsonb YES", "claimed timestamp with time zone YES",
                "started timestamp with time zone YES", "completed timestamp with time zone YES",
                "created timestamp with time zone NO", "modified timestamp with time zone NO");
    }

    @Test
    void d9_specColumnsHaveTheContractTypesAndNullability() throws SQLException {
        assertThat(columns("spec")).containsExactly(
                "uuid uuid NO", "name text NO", "slug text NO", "os text NO", "architecture text NO",
                "sandbox text YES", "cpu integer NO", "memory bigint NO", "disk bigint NO", "network boolean NO",
                "fallback timestamp with time zone YES", "created timestamp with time zone NO",
                "modified timestamp with time zone NO", "archived timestamp with time zone YES");
    }

    @Test
    void d8_d12_projectAndOutputColumns() throws SQLException {
        assertThat(columns("project")).containsExactly(
                "uuid uuid NO", "organization_uuid uuid NO", "name text NO", "slug text NO", "visibility text NO",
                "created timestamp with time zone NO", "modified timestamp with time zone NO",
                "deleted timestamp with time zone YES");
        assertThat(columns("job_output")).containsExactly(
                "job_uuid uuid NO", "output jsonb NO", "created timestamp with time zone NO");
    }

    @Test
    void d13_theIndexesThatServeTheQueriesExist() throws SQLException {
        assertThat(rows("SELECT indexdef FROM pg_indexes WHERE tablename = 'job'"))
                .containsExactlyInAnyOrder(
                        "CREATE INDEX job_project_created_idx ON public.job USING btree (project_uuid, created, uuid)",
                        "CREATE INDEX job_project_status_created_idx ON public.job USING btree (project_uuid, status, created, uuid)",
                        "CREATE UNIQUE INDEX job_pkey ON public.job USING btree (uuid)",
                        "CREATE INDEX job_runner_uuid_idx ON public.job USING btree (runner_uuid) WHERE (runner_uuid IS NOT NULL)",
                        "CREATE INDEX job_spec_uuid_idx ON public.job USING btree (spec_uuid)");
        assertThat(rows("SELECT indexname FROM pg_indexes WHERE tablename IN ('project', 'spec')"))
                .containsExactlyInAnyOrder("project_organization_uuid_idx", "project_pkey", "project_slug_live_key",
                        "spec_pkey", "spec_single_fallback_key", "spec_slug_key");
    }

    @Test
    void d2_theContractConstraintsExist() throws SQLException {
        assertThat(rows("SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace"
                + " ORDER BY conname"))
                .containsExactly("job_config_check", "job_output_output_check", "job_status_check",
                        "organization_name_check", "organization_slug_check", "project_name_check",
                        "project_slug_check", "project_visibility_check", "runner_name_check", "runner_slug_check",
                        "spec_architecture_check", "spec_cpu_check", "spec_disk_check", "spec_memory_check",
                        "spec_name_check", "spec_os_check", "spec_sandbox_check", "spec_slug_check");
    }

    private static List<String> columns(String table) throws SQLException {
        return rows("SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = '" + table + "' ORDER BY ordinal_position");
    }

    private static List<String> rows(String sql) throws SQLException {
        try (Connection connection = TestDatabase.connect()) {
            return TestDatabase.rows(connection, sql);
        }
    }
}
