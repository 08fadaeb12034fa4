package dev.bencher.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.TestDatabase;

/**
 * Adopting an existing database (database.md §2, D1): {@link ContractCheck} finds a schema made by
 * hand from the contract DDL equal to V1, and names each way another one differs. Each test has a
 * database of its own on the test server; the migration's end-to-end path is SchemaAdoptionIT.
 */
class ContractCheckTest {

    @BeforeAll
    static void server() {
        TestDatabase.start();
    }

    @Test
    void d1_theContractDdlRunByHandIsTheContract() throws Exception {
        try (Connection connection = databaseWithContract()) {
            assertThat(ContractCheck.differences(connection)).isEmpty();
        }
    }

    @Test
    void d1_tablesOfTheWritersThatTheContractDoesNotNameAreNotCompared() throws Exception {
        try (Connection connection = databaseWithContract()) {
            TestDatabase.execute(connection, "CREATE TABLE branch (uuid uuid PRIMARY KEY, name text)");
            assertThat(ContractCheck.differences(connection)).isEmpty();
        }
    }

    @Test
    void d13_aMissingIndexAndAnExtraColumnAreNamed() throws Exception {
        try (Connection connection = databaseWithContract()) {
            TestDatabase.execute(connection, "DROP INDEX job_project_status_created_idx");
            TestDatabase.execute(connection, "ALTER TABLE job ADD COLUMN priority integer");
            assertThat(ContractCheck.differences(connection)).containsExactlyInAnyOrder(
                    "index job.job_project_status_created_idx is missing (CREATE INDEX job_project_status_created_idx"
                            + " ON job USING btree (project_uuid, status, created, uuid))",
                    "column job.priority is not in the contract (integer)");
        }
    }

    @Test
    void d11_aColumnOfAnotherTypeAndAMissingTableAreNamed() throws Exception {
        try (Connection connection = databaseWithContract()) {
            TestDatabase.execute(connection, "ALTER TABLE job ALTER COLUMN status TYPE varchar(16)");
            TestDatabase.execute(connection, "DROP TABLE job_output");
            assertThat(ContractCheck.differences(connection)).containsExactlyInAnyOrder(
                    "column job.status is character varying(16) not null default 'pending'::text,"
                            + " the contract has text not null default 'pending'::text",
                    "constraint job.job_status_check is CHECK (((status)::text = ANY (ARRAY['pending'::text,"
                            + " 'claimed'::text, 'running'::text, 'completed'::text, 'processed'::text, 'failed'::text,"
                            + " 'canceled'::text]))), the contract has CHECK ((status = ANY (ARRAY['pending'::text,"
                            + " 'claimed'::text, 'running'::text, 'completed'::text, 'processed'::text, 'failed'::text,"
                            + " 'canceled'::text])))",
                    "table job_output is missing");
        }
    }

    @Test
    void theCheckLeavesNoTraceInTheDatabase() throws Exception {
        try (Connection connection = databaseWithContract()) {
            ContractCheck.differences(connection);
            assertThat(TestDatabase.count(connection,
                    "SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()")).isZero();
            assertThat(TestDatabase.rows(connection, "SHOW search_path")).containsExactly("\"$user\", public");
        }
    }

    /** A new database holding the contract DDL, run by hand as the writers would. */
    private static Connection databaseWithContract() throws SQLException {
        Connection connection = TestDatabase.connect(TestDatabase.createDatabase("contract_"));
        TestDatabase.execute(connection, TestDatabase.contractDdl());
        return connection;
    }
}
