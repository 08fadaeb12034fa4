package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard and the alerts shipped in k8s/ query only metrics and labels the service really
 * publishes: after some traffic, every metric name and label name of their PromQL expressions
 * (read from the files in k8s/, not from a copy) is looked up in a /q/metrics scrape. A renamed
 * metric or label breaks the build instead of silently emptying a panel or an alert.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class MonitoringQueriesTest {

    private static final Path K8S = Path.of("k8s");

    /** Series that come from Prometheus itself, kube-state-metrics and cAdvisor, not from the service. */
    private static final Pattern EXTERNAL_METRIC = Pattern.compile("up|kube_\\w+|container_\\w+");

    /** Labels Prometheus adds to every scraped series (target labels of the ServiceMonitor). */
    private static final Set<String> TARGET_LABELS = Set.of("job", "namespace", "pod", "container", "instance",
            "service", "endpoint");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\s*\\)");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    private static String slug;
    private static UUID job;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("monitoring-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        job = Writer.job(project, Writer.spec(null, null), JobStatus.FAILED, Instant.EPOCH);
        Writer.output(job, "{\"results\": []}");
    }

    @Test
    void dashboardAndAlertQueriesUseOnlyPublishedMetricsAndLabels() {
        sendTraffic();
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(unanswerableQueries(scrape)).as("queries in k8s/ that the service's metrics cannot answer").isEmpty();
    }

    /**
     * What the dashboard's and the alerts' queries (read from k8s/) use that this scrape does not
     * publish, one line each; empty when every query can be answered. Also run against the packaged
     * artifact (jar and native executable) by {@link MonitoringQueriesIT}.
     */
    static List<String> unanswerableQueries(String scrape) {
        Map<String, Set<String>> published = parseScrape(scrape);
        List<Query> queries = new ArrayList<>();
        queries.addAll(alertQueries());
        queries.addAll(dashboardQueries());
        assertThat(queries).as("alert expressions").anyMatch(q -> q.source().startsWith("alert"));
        assertThat(queries).as("dashboard expressions").anyMatch(q -> q.source().startsWith("dashboard"));

        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            Usage usage = Usage.of(query.expr(), query.legendLabels());
            if (usage.metrics().isEmpty()) {
                problems.add(query.source() + ": no metric found in `" + query.expr() + "`");
            }
            for (String metric : usage.metrics()) {
                if (!isExternal(metric) && !published.containsKey(metric)) {
                    problems.add(query.source() + ": metric " + metric + " is not published");
                }
            }
            usage.selectorLabels().forEach((metric, labels) -> labels.stream()
                    .filter(label -> !TARGET_LABELS.contains(label) && !isExternal(metric))
                    .filter(label -> !published.getOrDefault(metric, Set.of()).contains(label))
                    .forEach(label -> problems.add(query.source() + ": " + metric + " has no label " + label)));
            List<String> ownMetrics = usage.metrics().stream().filter(metric -> !isExternal(metric)).toList();
            usage.groupingLabels().stream()
                    .filter(label -> !TARGET_LABELS.contains(label) && !ownMetrics.isEmpty())
                    .filter(label -> ownMetrics.stream().noneMatch(m -> published.getOrDefault(m, Set.of()).contains(label)))
                    .forEach(label -> problems.add(query.source() + ": no metric of `" + query.expr()
                            + "` has the label " + label));
        }
        return problems;
    }

    /** A list, a view with output, a 404, an invalid token (401) and a bad query (400). */
    private static void sendTraffic() {
        given().get("/v0/projects/" + slug + "/jobs").then().statusCode(200);
        given().header("Authorization", Tokens.bearer(Tokens.valid())).get("/v0/projects/" + slug + "/jobs/" + job)
                .then().statusCode(200);
        given().get("/v0/projects/" + slug + "/jobs/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", "Bearer abc").get("/v0/projects/" + slug + "/jobs").then().statusCode(401);
        given().get("/v0/projects/" + slug + "/jobs?per_page=x").then().statusCode(400);
    }

    private static boolean isExternal(String metric) {
        return EXTERNAL_METRIC.matcher(metric).matches();
    }

    /** Metric name to the label names of its series, from the Prometheus text format. */
    private static Map<String, Set<String>> parseScrape(String text) {
        Map<String, Set<String>> metrics = new HashMap<>();
        text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            Set<String> labels = metrics.computeIfAbsent(name, key -> new LinkedHashSet<>());
            if (brace >= 0 && brace < space) {
                Matcher label = Pattern.compile("(\\w+)=\"").matcher(line.substring(brace, line.lastIndexOf('}')));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        });
        return metrics;
    }

    /** The `expr` of every rule of every PrometheusRule under k8s/. */
    private static List<Query> alertQueries() {
        YAMLMapper yaml = new YAMLMapper();
        List<Query> queries = new ArrayList<>();
        for (Path file : files(".yaml")) {
            try (var documents = yaml.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                for (JsonNode document : documents.readAll()) {
                    if (!"PrometheusRule".equals(document.path("kind").asText())) {
                        continue;
                    }
                    for (JsonNode group : document.path("spec").path("groups")) {
                        for (JsonNode rule : group.path("rules")) {
                            String name = rule.has("alert") ? rule.get("alert").asText() : rule.path("record").asText();
                            queries.add(new Query("alert " + name + " (" + file + ")", rule.path("expr").asText(), ""));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return queries;
    }

    /** Every panel target and every label_values() variable of every Grafana dashboard (JSON) under k8s/. */
    private static List<Query> dashboardQueries() {
        ObjectMapper json = new ObjectMapper();
        List<Query> queries = new ArrayList<>();
        for (Path file : files(".json")) {
            JsonNode dashboard;
            try {
                dashboard = json.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query("dashboard " + file + " panel \"" + panel.path("title").asText() + "\"",
                            target.path("expr").asText(), target.path("legendFormat").asText()));
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                Matcher values = LABEL_VALUES.matcher(variable.path("query").asText());
                if (values.matches()) {
                    queries.add(new Query("dashboard " + file + " variable " + variable.path("name").asText(),
                            values.group(1), "{{" + values.group(2) + "}}"));
                }
            }
        }
        return queries;
    }

    private static List<Path> files(String suffix) {
        try (Stream<Path> paths = Files.walk(K8S)) {
            return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One PromQL expression, where it was found, and the legend that names labels of its result. */
    private record Query(String source, String expr, String legendLabels) {
    }

    /**
     * The names a PromQL expression uses: metrics, labels in selectors (per metric), and labels in
     * grouping clauses and legends (of the expression's result). Enough PromQL for the queries in
     * k8s/: selectors, ranges, aggregations with by/without, vector matching, functions.
     */
    private record Usage(Set<String> metrics, Map<String, Set<String>> selectorLabels, Set<String> groupingLabels) {

        static Usage of(String expr, String legend) {
            Set<String> metrics = new LinkedHashSet<>();
            Map<String, Set<String>> selectorLabels = new HashMap<>();
            Set<String> groupingLabels = new LinkedHashSet<>();
            String rest = STRING.matcher(expr).replaceAll("\"\"");
            Matcher selector = SELECTOR.matcher(rest);
            StringBuilder withoutSelectors = new StringBuilder();
            while (selector.find()) {
                String metric = selector.group(1) == null ? "" : selector.group(1);
                Matcher matcher = MATCHER.matcher(selector.group(2));
                while (matcher.find()) {
                    selectorLabels.computeIfAbsent(metric, key -> new LinkedHashSet<>()).add(matcher.group(1));
                }
                selector.appendReplacement(withoutSelectors, Matcher.quoteReplacement(" " + metric + " "));
            }
            selector.appendTail(withoutSelectors);
            rest = withoutSelectors.toString().replaceAll("\\[[^]]*]", " ");
            Matcher grouping = GROUPING.matcher(rest);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    if (!label.isBlank()) {
                        groupingLabels.add(label.strip());
                    }
                }
            }
            rest = GROUPING.matcher(rest).replaceAll(" ");
            Matcher identifier = IDENTIFIER.matcher(rest);
            while (identifier.find()) {
                boolean function = identifier.group(1) != null;
                String name = identifier.group().replaceAll("[\\s(]", "");
                boolean partOfNumber = identifier.start() > 0 && Character.isDigit(rest.charAt(identifier.start() - 1));
                if (!function && !partOfNumber && !KEYWORDS.contains(name)) {
                    metrics.add(name);
                }
            }
            Matcher legendLabel = LEGEND_LABEL.matcher(legend);
            while (legendLabel.find()) {
                groupingLabels.add(legendLabel.group(1));
            }
            return new Usage(metrics, selectorLabels, groupingLabels);
        }
    }
}
