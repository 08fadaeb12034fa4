package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.bencher.jobs.testsupport.OtlpReceiverResource;
import dev.bencher.jobs.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.response.Response;

/**
 * {@link TracingContract} in the test JVM, exporting to the {@link dev.bencher.jobs.testsupport.OtlpReceiver}
 * ({@link OtlpReceiverResource}); log lines are read from the log manager, MDC included.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(OtlpReceiverResource.class)
class TracingTest extends TracingContract {

    private static final List<LogLine> LINES = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord extended = (ExtLogRecord) record;
            extended.copyMdc(); // the MDC is read lazily; the access log clears its keys right after logging
            Map<String, String> mdc = new LinkedHashMap<>();
            extended.getMdcCopy().forEach((key, value) -> mdc.put(key, String.valueOf(value)));
            LINES.add(new LogLine(record.getLoggerName(), String.valueOf(extended.getFormattedMessage()), mdc));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void setUp() {
        writeRows();
        CAPTURE.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stopCapturing() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @Override
    Answer get(String pathAndQuery, Map<String, String> headers) {
        var request = given().urlEncodingEnabled(false);
        headers.forEach((name, value) -> request.header(new Header(name, value)));
        Response response = request.get(pathAndQuery);
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        response.headers().forEach(header -> answerHeaders.putIfAbsent(header.getName(), header.getValue()));
        return new Answer(response.statusCode(), answerHeaders, response.body().asString());
    }

    @Override
    List<LogLine> logLines() {
        return List.copyOf(LINES);
    }
}
