// Open-loop load for the soak (src/bench/soak.sh), run from source by the JDK:
//
//   java src/bench/SoakLoad.java URL RATE SECONDS TOKEN RAW_FILE REQUEST...
//
// Sends RATE requests per second for SECONDS at fixed times (request i is due at i / RATE s),
// whatever the answers take, rotating over the REQUESTs: "STATUS PATH" or "STATUS auth PATH"
// (auth: sent with "Authorization: Bearer TOKEN"), STATUS being the answer expected. A latency is
// measured from the time the request was due, so a slow answer also counts against the requests
// queued behind it. Prints "start EPOCH_MS" when the first request is due, then, once every answer
// is in, one line per minute and a total line: minute, requests, errors (answers other than the
// expected status, timeouts, I/O errors), p50, p99, max (ms), status counts. RAW_FILE gets one line
// per request: due and done (epoch ms), request index, expected status, status (or timeout, io,
// overload), latency ms.
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

public class SoakLoad {
    // Statuses of requests that got no answer.
    static final int TIMEOUT = -1, IO_ERROR = -2, OVERLOAD = -3;
    // Beyond this many requests without an answer, the next ones are not sent but counted as
    // "overload" errors: the client never hides a stalled service by slowing down.
    static final int MAX_IN_FLIGHT = 2000;
    static final Duration TIMEOUT_AFTER = Duration.ofSeconds(10);
    static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: java SoakLoad.java URL RATE SECONDS TOKEN RAW_FILE REQUEST...");
            System.exit(2);
        }
        String url = args[0];
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String token = args[3];
        Path rawFile = Path.of(args[4]);
        List<HttpRequest> requests = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (String spec : Arrays.copyOfRange(args, 5, args.length)) {
            String[] words = spec.trim().split(" +");
            boolean auth = words.length == 3 && words[1].equals("auth");
            if (words.length != (auth ? 3 : 2)) throw new IllegalArgumentException("bad REQUEST: " + spec);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + words[words.length - 1]))
                    .timeout(TIMEOUT_AFTER);
            if (auth) request.header("Authorization", "Bearer " + token);
            requests.add(request.build());
            expected.add(Integer.parseInt(words[0]));
        }

        int total = (int) Math.round(rate * seconds);
        long[] due = new long[total];      // ns after start
        long[] latency = new long[total];  // ns after due
        int[] status = new int[total];
        CountDownLatch answered = new CountDownLatch(total);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT_AFTER)
                .build();

        long startMs = System.currentTimeMillis();
        long start = System.nanoTime();
        System.out.println("start " + startMs);
        System.out.flush();
        for (int i = 0; i < total; i++) {
            int k = i;
            due[k] = (long) (k * 1e9 / rate);
            for (long wait; (wait = start + due[k] - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
            if (!inFlight.tryAcquire()) {
                status[k] = OVERLOAD;
                answered.countDown();
                continue;
            }
            client.sendAsync(requests.get(k % requests.size()), BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latency[k] = System.nanoTime() - start - due[k];
                        status[k] = response != null ? response.statusCode() : failure(error);
                        inFlight.release();
                        answered.countDown();
                    });
        }
        answered.await();

        try (PrintWriter raw = new PrintWriter(Files.newBufferedWriter(rawFile))) {
            for (int i = 0; i < total; i++) {
                long dueMs = startMs + due[i] / 1_000_000;
                raw.printf("%d %d %d %d %s %.3f%n", dueMs, dueMs + latency[i] / 1_000_000, i % requests.size(),
                        expected.get(i % requests.size()), name(status[i]), latency[i] / 1e6);
            }
        }
        System.out.println("# minute requests errors p50_ms p99_ms max_ms statuses");
        int minutes = (seconds + 59) / 60;
        for (int m = 0; m < minutes; m++) {
            long from = m * 60_000_000_000L, to = from + 60_000_000_000L;
            System.out.println((m + 1) + " " + summary(due, latency, status, expected, from, to));
        }
        System.out.println("total " + summary(due, latency, status, expected, 0, Long.MAX_VALUE));
        FAILURES.forEach((message, count) -> System.err.println(count + " x " + message));
    }

    // Timeout or I/O error (any other failure); each distinct message is counted for stderr.
    static int failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        FAILURES.merge(cause.toString(), 1, Integer::sum);
        return cause instanceof HttpTimeoutException ? TIMEOUT : IO_ERROR;
    }

    static String name(int status) {
        return switch (status) {
            case TIMEOUT -> "timeout";
            case IO_ERROR -> "io";
            case OVERLOAD -> "overload";
            default -> Integer.toString(status);
        };
    }

    // "requests errors p50 p99 max statuses" over the requests due in [from, to) ns.
    static String summary(long[] due, long[] latency, int[] status, List<Integer> expected, long from, long to) {
        long[] latencies = new long[due.length];
        int n = 0, errors = 0;
        Map<String, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < due.length; i++) {
            if (due[i] < from || due[i] >= to) continue;
            latencies[n++] = latency[i];
            if (status[i] != expected.get(i % expected.size())) errors++;
            statuses.merge(name(status[i]), 1, Integer::sum);
        }
        if (n == 0) return "0 0 - - - -";
        Arrays.sort(latencies, 0, n);
        StringBuilder counts = new StringBuilder();
        statuses.forEach((s, c) -> counts.append(counts.length() == 0 ? "" : ",").append(s).append('=').append(c));
        return String.format("%d %d %.1f %.1f %.1f %s", n, errors, percentile(latencies, n, 0.50),
                percentile(latencies, n, 0.99), latencies[n - 1] / 1e6, counts);
    }

    static double percentile(long[] sorted, int n, double q) {
        return sorted[(int) Math.ceil(q * n) - 1] / 1e6;
    }
}
