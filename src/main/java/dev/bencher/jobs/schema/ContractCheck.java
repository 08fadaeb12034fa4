package dev.bencher.jobs.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Adopting an existing Bencher database (docs/operations.md "Adopting an existing database"): the
 * writers' database holds the contract schema (database.md §2) but no Flyway history, so Flyway
 * records V1 as the baseline ({@code quarkus.flyway.baseline-on-migrate}) and applies V2 on top.
 * Before it records that baseline, this check proves that what is there is what V1 describes: it
 * runs V1 itself into temporary tables of the migration's own session (never committed), and
 * compares the tables V1 creates, their columns, constraints and indexes with the existing ones.
 * Any difference stops the migration before anything is written, with a message naming each one.
 * Tables V1 does not create (the writers' other tables) are not compared.
 */
@Singleton
public class ContractCheck implements FlywayConfigurationCustomizer, Callback {

    static final String CONTRACT_MIGRATION = "db/migration/V1__contract_schema.sql";

    /**
     * Every object of the tables of the current schema (all of them, or those named by the array
     * parameter), as (what, definition) pairs. search_path is that schema alone, so definitions name
     * its objects unqualified; an index definition names its table's schema anyway, which is cut.
     */
    private static final String DESCRIBE = """
            WITH t AS (
                SELECT c.oid, c.relname FROM pg_class c
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                  AND (c.relname = ANY (?::text[]) OR ?::text[] IS NULL)
            )
            SELECT 'table ' || t.relname, '' FROM t
            UNION ALL
            SELECT 'column ' || t.relname || '.' || a.attname,
                   format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                   || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
            FROM t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            UNION ALL
            SELECT 'constraint ' || t.relname || '.' || k.conname, pg_get_constraintdef(k.oid)
            FROM t JOIN pg_constraint k ON k.conrelid = t.oid
            UNION ALL
            SELECT 'index ' || t.relname || '.' || i.relname, regexp_replace(pg_get_indexdef(x.indexrelid), ' ON \\S+\\.', ' ON ')
            FROM t JOIN pg_index x ON x.indrelid = t.oid JOIN pg_class i ON i.oid = x.indexrelid
            """;

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(this);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_BASELINE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            List<String> differences = differences(context.getConnection());
            if (!differences.isEmpty()) {
                throw new FlywayException("The existing schema differs from " + CONTRACT_MIGRATION
                        + " (the contract schema of database.md), so it was not adopted and nothing was changed: "
                        + String.join("; ", differences)
                        + ". Make the schema match the contract, then run the migration again"
                        + " (docs/operations.md \"Adopting an existing database\").");
            }
        } catch (SQLException e) {
            throw new FlywayException("Cannot compare the existing schema with " + CONTRACT_MIGRATION + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "contract-check";
    }

    /** What V1 would create that differs from what the current schema has, one line each. */
    static List<String> differences(Connection connection) throws SQLException {
        Map<String, String> contract = contract(connection);
        String[] tables = contract.keySet().stream()
                .filter(what -> what.startsWith("table ")).map(what -> what.substring("table ".length()))
                .toArray(String[]::new);
        Map<String, String> existing = describe(connection, tables);

        List<String> differences = new ArrayList<>();
        contract.forEach((what, definition) -> {
            String found = existing.get(what);
            if (found == null && !what.startsWith("table ") && !existing.containsKey("table " + table(what))) {
                return; // the missing table is named, not each of its parts
            }
            if (found == null) {
                differences.add(what + " is missing" + (definition.isEmpty() ? "" : " (" + definition + ")"));
            } else if (!found.equals(definition)) {
                differences.add(what + " is " + found + ", the contract has " + definition);
            }
        });
        existing.forEach((what, definition) -> {
            if (!contract.containsKey(what)) {
                differences.add(what + " is not in the contract (" + definition + ")");
            }
        });
        return differences;
    }

    /** The table a column, constraint or index ("column job.status") belongs to. */
    private static String table(String what) {
        return what.substring(what.indexOf(' ') + 1, what.indexOf('.'));
    }

    /** V1 run into temporary tables of this session (search_path pg_temp) and described, then rolled back. */
    private static Map<String, String> contract(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL search_path = pg_temp");
            statement.execute(contractDdl());
            return describe(connection, null);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** {@link #DESCRIBE} on these tables of the current schema, or all of them when {@code tables} is null. */
    private static Map<String, String> describe(Connection connection, String[] tables) throws SQLException {
        Map<String, String> objects = new TreeMap<>();
        try (PreparedStatement describe = connection.prepareStatement(DESCRIBE)) {
            Array names = tables == null ? null : connection.createArrayOf("text", tables);
            describe.setArray(1, names);
            describe.setArray(2, names);
            try (ResultSet rows = describe.executeQuery()) {
                while (rows.next()) {
                    objects.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return objects;
    }

    private static String contractDdl() {
        try (InputStream in = ContractCheck.class.getClassLoader().getResourceAsStream(CONTRACT_MIGRATION)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT_MIGRATION + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
