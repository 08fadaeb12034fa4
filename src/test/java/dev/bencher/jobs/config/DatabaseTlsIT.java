package dev.bencher.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.PackagedApp;
import dev.bencher.jobs.testsupport.TestCertificates;
import dev.bencher.jobs.testsupport.TestDatabase;

/**
 * TLS to PostgreSQL, as a cloud database expects it (docs/operations.md "TLS to PostgreSQL"): the
 * test server gets a certificate for {@code localhost} signed by a self-signed CA and refuses every
 * connection without TLS to a database of this test's own ({@code hostnossl ... reject}), and the
 * packaged service connects to it with {@code bencher.database.ssl-mode=verify-full} and that CA:
 * the migration over Flyway's JDBC connection, then the service's two reactive pools. A certificate
 * that does not verify (another CA, or a host name the certificate does not name) leaves the service
 * not ready with one clear ERROR line, and its requests answer 503 (R57).
 */
class DatabaseTlsIT {

    private static final String ROLE = "tls_reader";
    private static final String CLEAR_ERROR = "SSL handshake failed: the server's certificate does not verify with"
            + " bencher.database.ssl-mode and bencher.database.ssl-root-cert";

    private static TestCertificates server;
    private static String database;
    private static Path hbaFile;
    private static String hba;

    @BeforeAll
    static void serverWithTls() throws Exception {
        TestDatabase.start();
        server = TestCertificates.create("Jobs Test CA");
        database = TestDatabase.createDatabase("tls_");
        try (Connection connection = TestDatabase.connect()) {
            hbaFile = Path.of(TestDatabase.rows(connection, "SHOW hba_file").get(0));
            hba = Files.readString(hbaFile);
            Files.writeString(hbaFile, "hostnossl " + database + " all all reject\n" + hba);
            TestDatabase.execute(connection, "ALTER SYSTEM SET ssl_cert_file = '" + server.serverCertificate() + "'");
            TestDatabase.execute(connection, "ALTER SYSTEM SET ssl_key_file = '" + server.serverKey() + "'");
            TestDatabase.execute(connection, "ALTER SYSTEM SET ssl = on");
            TestDatabase.execute(connection, "SELECT pg_reload_conf()");
            TestDatabase.execute(connection, "DROP ROLE IF EXISTS " + ROLE);
            TestDatabase.execute(connection, "CREATE ROLE " + ROLE + " LOGIN IN ROLE pg_read_all_data");
        }
    }

    @AfterAll
    static void serverWithoutTls() throws Exception {
        Files.writeString(hbaFile, hba);
        try (Connection connection = TestDatabase.connect()) {
            TestDatabase.execute(connection, "ALTER SYSTEM RESET ssl");
            TestDatabase.execute(connection, "ALTER SYSTEM RESET ssl_cert_file");
            TestDatabase.execute(connection, "ALTER SYSTEM RESET ssl_key_file");
            TestDatabase.execute(connection, "SELECT pg_reload_conf()");
        }
    }

    @Test
    void verifyFull_theMigrationAndEveryServiceConnectionAreEncrypted() throws Exception {
        Map<String, String> migration = settings("localhost", server);
        migration.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
        migration.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        migration.put("QUARKUS_INIT_AND_EXIT", "true");
        try (PackagedApp migrate = PackagedApp.start("tls-migration", migration)) {
            assertThat(migrate.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(migrate.process().exitValue()).as(migrate.log()).isZero();
        }
        try (Connection connection = TestDatabase.connect(database)) {
            TestDatabase.execute(connection, "INSERT INTO organization (uuid, name, slug, created, modified)"
                    + " VALUES (gen_random_uuid(), 'O', 'o', now(), now())");
            TestDatabase.execute(connection, "INSERT INTO project (uuid, organization_uuid, name, slug, created, modified)"
                    + " SELECT gen_random_uuid(), uuid, 'TLS', 'tls', now(), now() FROM organization");
        }

        try (PackagedApp app = PackagedApp.start("tls-verify-full", settings("localhost", server))) {
            app.awaitReady(Duration.ofSeconds(90));
            HttpResponse<String> list = app.get("/v0/projects/tls/jobs");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.headers().firstValue("X-Total-Count")).hasValue("0");
            try (Connection connection = TestDatabase.connect()) {
                assertThat(TestDatabase.rows(connection, "SELECT s.ssl || ' ' || s.version FROM pg_stat_ssl s"
                        + " JOIN pg_stat_activity a USING (pid) WHERE a.usename = ?", ROLE))
                        .hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(connectionTls -> assertThat(connectionTls).startsWith("true TLSv1."));
            }
        }
    }

    @Test
    void verifyFull_aServerCertificateOfAnotherCaIsOneClearError() throws Exception {
        TestCertificates other = TestCertificates.create("Some Other CA");
        assertNotReadyWithOneClearError(settings("localhost", other));
    }

    @Test
    void verifyFull_aHostTheCertificateDoesNotNameIsOneClearError() throws Exception {
        assertNotReadyWithOneClearError(settings("127.0.0.1", server));
    }

    private static void assertNotReadyWithOneClearError(Map<String, String> settings) throws Exception {
        try (PackagedApp app = PackagedApp.start("tls-refused", settings)) {
            Awaitility.await("readiness names the certificate").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreException(ConnectException.class).untilAsserted(() -> {
                        HttpResponse<String> ready = app.management("/q/health/ready");
                        assertThat(ready.statusCode()).isEqualTo(503);
                        assertThat(ready.body()).contains("cannot reach PostgreSQL: " + CLEAR_ERROR);
                    });
            HttpResponse<String> list = app.get("/v0/projects/tls/jobs");
            assertThat(list.statusCode()).isEqualTo(503);
            assertThat(list.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(app.log().lines().filter(line -> line.contains("\"level\":\"ERROR\""))).singleElement()
                    .satisfies(line -> assertThat(line).contains("cannot reach PostgreSQL: " + CLEAR_ERROR));
        }
    }

    /** Production's settings against the test database as {@link #ROLE}, over TLS verified against {@code ca}. */
    private static Map<String, String> settings(String host, TestCertificates ca) {
        Map<String, String> settings = PackagedApp.productionSettings();
        settings.put("QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabase.reactiveUrl(database).replace("localhost", host));
        settings.put("QUARKUS_DATASOURCE_USERNAME", ROLE);
        settings.put("BENCHER_DATABASE_SSL_MODE", "verify-full");
        settings.put("BENCHER_DATABASE_SSL_ROOT_CERT", ca.ca().toString());
        return settings;
    }
}
