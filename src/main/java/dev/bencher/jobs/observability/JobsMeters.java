package dev.bencher.jobs.observability;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The service's metrics: the domain meters an operator charts beside the HTTP ones, and the route
 * template of the HTTP ones (which also names the request's server span). Tags come from small fixed
 * sets (route templates, query kinds, rejection reasons); never a project, job or user. Each database
 * query is timed and traced in one place, {@link #timeQuery}.
 */
@ApplicationScoped
public class JobsMeters {

    /** The query span's attribute with the {@code query} tag of its timer. */
    static final AttributeKey<String> QUERY = AttributeKey.stringKey("bencher.query");

    private final MeterRegistry registry;
    private final Tracer tracer;
    private final Counter outputsServed;
    private final Map<String, Timer> queryTimers = new ConcurrentHashMap<>();

    /** The timers whose percentiles the dashboard and the alerts compute (k8s/overlays/prod, k8s/base). */
    private static final Set<String> HISTOGRAMS = Set.of("http.server.requests", "bencher.jobs.db.query");

    /** The Vert.x context key Quarkus' Micrometer binder reads the {@code uri} tag from. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    /** The {@code uri} values this service tagged requests with: route templates and refusal words only. */
    private static final Set<String> HTTP_ROUTES = ConcurrentHashMap.newKeySet();

    /** The binder's own {@code uri} for a CORS preflight, which it prefers to the request's template. */
    private static final String CORS_PREFLIGHT = "/cors-preflight";

    /** RFC 9110 §9 and PATCH (RFC 5789). */
    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
            "OPTIONS", "TRACE", "PATCH");

    public JobsMeters(MeterRegistry registry, OpenTelemetry telemetry) {
        this.registry = registry;
        this.tracer = telemetry.getTracer("dev.bencher.jobs");
        this.outputsServed = Counter.builder("bencher.jobs.outputs.served")
                .description("Job outputs included in view responses (R30)")
                .register(registry);
    }

    /**
     * {@code bencher_jobs_database_reachable}: 1 when the last schema check (schema/SchemaReadiness,
     * every few seconds) reached PostgreSQL, 0 when it did not. Readiness stays UP through an outage
     * (the pods answer 503 themselves, R57), so this is what the alert on an unreachable database reads.
     */
    public void databaseReachable(BooleanSupplier reachable) {
        Gauge.builder("bencher.jobs.database.reachable", () -> reachable.getAsBoolean() ? 1 : 0)
                .description("1 when the last schema check reached PostgreSQL, else 0")
                .register(registry);
    }

    /**
     * Times and traces a database query; {@code query} names it: {@code page} or {@code count} of the
     * list (R25), {@code view}. Its span, {@code db <query>}, is a child of the request's server span
     * and lasts from the query's subscription (before its connection is acquired) to its result, so
     * the list's page and count spans overlap. It is never made current: the list's two queries run
     * at once on the request's context. A failure sets the error status and the exception's class as
     * {@code error.type}, never its message (it may quote SQL values).
     */
    public <T> Uni<T> timeQuery(String query, Supplier<Uni<T>> work) {
        Timer timer = queryTimers.computeIfAbsent(query, name -> Timer.builder("bencher.jobs.db.query")
                .description("Latency of the service's database queries")
                .tag("query", name)
                .register(registry));
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder("db " + query)
                    .setAttribute(QUERY, query)
                    .setAttribute(DbAttributes.DB_SYSTEM_NAME, DbAttributes.DbSystemNameValues.POSTGRESQL)
                    .startSpan();
            Timer.Sample sample = Timer.start(registry);
            return work.get().onTermination().invoke((result, failure, cancelled) -> {
                sample.stop(timer);
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
                }
                span.end();
            });
        });
    }

    /**
     * p50/p99 by route and by query: histogram buckets ({@code _bucket} series) for the HTTP and
     * query timers, from 1 ms to 10 s (beyond every timeout of the service).
     */
    @Produces
    @Singleton
    static MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HISTOGRAMS.contains(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }

    /**
     * No per-connection gauges of the PostgreSQL client: it registers its gauges (waiting queue,
     * requests in flight) once per connection under the same name and tags, so Micrometer keeps the
     * first connection's, reports nothing of the others and warns at start. The pools' own gauges
     * ({@code sql_pool_queue_size}, {@code sql_pool_active}) give both for all connections of a
     * pool; the client's timers and counters add up across connections and stay.
     */
    @Produces
    @Singleton
    static MeterFilter noPerConnectionGauges() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE && id.getName().startsWith("postgresql."));
    }

    /**
     * The {@code uri} tag of this request's {@code http_server_requests_seconds}: a route template
     * (see {@link AccessLog}), never the raw path, so series do not grow with projects or jobs.
     */
    static void tagHttpRoute(String route) {
        String uri = route.startsWith("/") ? route : "/" + route; // as the binder writes it
        HTTP_ROUTES.add(uri);
        Vertx.currentContext().putLocal(URL_PATH_TEMPLATE, uri);
    }

    /**
     * Every HTTP series is a route template or a fixed bucket, whatever the request (README
     * "Metrics"). The binder labels a request that no handler of ours tagged with its raw path: one
     * that Vert.x answers itself before any handler runs (400 for a malformed message, 414, 431;
     * docs/decisions.md "Limits and transport"). Its {@code uri} becomes {@code /INVALID_REQUEST};
     * and as Vert.x takes any token for a method, a method RFC 9110 does not define becomes
     * {@code UNKNOWN}.
     */
    @Produces
    @Singleton
    static MeterFilter noRequestTextInHttpTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server.")) {
                    return id;
                }
                String uri = id.getTag("uri");
                if (uri != null && !HTTP_ROUTES.contains(uri) && !uri.equals(CORS_PREFLIGHT)) {
                    id = id.withTag(Tag.of("uri", "/" + AccessLog.INVALID_REQUEST));
                }
                String method = id.getTag("method");
                if (method != null && !HTTP_METHODS.contains(method)) {
                    id = id.withTag(Tag.of("method", "UNKNOWN"));
                }
                return id;
            }
        };
    }

    public void outputServed() {
        outputsServed.increment();
    }

    /** A presented token was refused; {@code reason} is a fixed word (auth.md A2-A4). */
    public void tokenRejected(String reason) {
        Counter.builder("bencher.jobs.token.rejections")
                .description("Tokens refused, by reason (auth.md A2-A4)")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
