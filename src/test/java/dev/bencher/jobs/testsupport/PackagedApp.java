package dev.bencher.jobs.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The packaged application started as its own process with a production environment, for the
 * {@code *IT} tests run by failsafe: the artifact the last {@code package} built, as
 * {@code target/quarkus-artifact.properties} names it (the one {@code @QuarkusIntegrationTest}
 * launches too), so {@code quarkus-run.jar} in {@code ./mvnw verify} and the native executable
 * ({@code native.image.path}) in {@code .ci/native}. The test JVM's own QUARKUS_, MP_ and
 * SMALLRYE_ variables are not passed on.
 */
public final class PackagedApp implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private PackagedApp(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * The settings production needs (README "Configuration"), against the test database, as
     * configuration properties: what {@code @QuarkusIntegrationTest} passes to the artifact
     * ({@link PackagedAppResource}).
     */
    public static Map<String, String> productionProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.reactive.url", TestDatabase.reactiveUrl());
        properties.put("quarkus.datasource.username", TestDatabase.USER);
        properties.put("quarkus.datasource.password", "unused");
        properties.put("mp.jwt.verify.issuer", Tokens.ISSUER);
        properties.put("mp.jwt.verify.publickey.location",
                Path.of("src", "test", "resources", "jwt", "public-key.pem").toAbsolutePath().toString());
        return properties;
    }

    /** {@link #productionProperties()} as the environment variables production sets. */
    public static Map<String, String> productionSettings() {
        Map<String, String> env = new HashMap<>();
        productionProperties().forEach((name, value) ->
                env.put(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return env;
    }

    /**
     * Starts the packaged application with exactly {@code settings} as its configuration, the API
     * and the management interface ({@code /q/*}, docs/decisions.md "Operational endpoints") each on
     * a free port.
     */
    public static PackagedApp start(String name, Map<String, String> settings) {
        try {
            int port = freePort();
            int managementPort = freePort();
            Path log = Path.of("target", name + "-app.log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(command());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("MP_") || key.startsWith("SMALLRYE_"));
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            env.putAll(settings);
            return new PackagedApp(builder.redirectErrorStream(true).redirectOutput(log.toFile()).start(),
                    port, managementPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logFile() {
        return log;
    }

    /** Polls readiness; fails at once if the process exits. */
    public void awaitReady(Duration timeout) {
        Awaitility.await("readiness UP").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                return management("/q/health/ready").statusCode() == 200;
            } catch (ConnectException notListeningYet) {
                return false;
            }
        });
    }

    /** A GET on the public (API) port. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client().send(request(port, path), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the public (API) port with an {@code Authorization} header. */
    public HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return get(path, Map.of("Authorization", authorization));
    }

    /** A GET on the public (API) port with these request headers. */
    public HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return client().sendAsync(request(port, path), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the management interface ({@code /q/*}). */
    public HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return client().send(request(managementPort, path), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** HTTP/1.1 on a new client (so a new connection) each time; Java's default would try h2c. */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).build();
    }

    /** How to run the artifact the last {@code package} built: the jar, or the native executable. */
    private static List<String> command() throws IOException {
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("run after `package`: " + e.getFile());
        }
        return switch (artifact.getProperty("type", "")) {
            case "jar" -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Path.of("target", artifact.getProperty("path")).toAbsolutePath().toString());
            case "native" -> List.of(Path.of(System.getProperty("native.image.path")).toAbsolutePath().toString());
            default -> throw new IllegalStateException("no runnable artifact in target/: " + artifact);
        };
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
