package dev.bencher.jobs.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.bencher.jobs.job.Direction;
import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code /q/openapi} describes the two GET operations (jobs-api.md, table at the top) like Bencher's
 * own OpenAPI document 0.6.12 ({@code src/test/resources/bencher-openapi.json}, a verbatim copy of
 * {@code bencher-openapi.json}). Both documents are compared structurally: every {@code $ref} is
 * inlined (keeping the chain of component names), {@code allOf} is merged, parameters are keyed by
 * {@code in} and name, required lists are sets, header names are case-insensitive. Types, formats,
 * enums, bounds, defaults, nullability, required flags, descriptions and component names must all
 * match, except for the differences in {@link #ALLOWED}, which the spec requires.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class OpenApiTest {

    private static final String LIST = "/v0/projects/{project}/jobs";
    private static final String VIEW = "/v0/projects/{project}/jobs/{job}";
    private static final String LIST_DESCRIPTION = "/paths/" + escape(LIST) + "/get/description";
    private static final String VIEW_DESCRIPTION = "/paths/" + escape(VIEW) + "/get/description";

    /** An allowed difference: Bencher's document is edited this way before the comparison. */
    record Allowed(String rule, String pointer, String bencherText, String ourText, String why) {

        static Allowed removed(String rule, String pointer, String why) {
            return new Allowed(rule, pointer, null, null, why);
        }

        static Allowed text(String rule, String pointer, String bencherText, String ourText, String why) {
            return new Allowed(rule, pointer, bencherText, ourText, why);
        }
    }

    /** The only differences from Bencher's document; each is required by a rule of the spec. */
    static final List<Allowed> ALLOWED = List.of(
            Allowed.removed("R37", "/components/schemas/JsonJob/properties/config",
                    "JsonJob.config (JsonJobConfig) is never emitted by these endpoints"),
            Allowed.text("auth.md A2", LIST_DESCRIPTION, ", or provide a valid project key for the project", "",
                    "project API keys are not accepted (401 Invalid project key)"),
            Allowed.text("auth.md A2", VIEW_DESCRIPTION, ", or provide a valid project key for the project", "",
                    "project API keys are not accepted (401 Invalid project key)"),
            Allowed.text("R30", VIEW_DESCRIPTION,
                    "terminal (completed, failed, or canceled) jobs when the user is authenticated and has `view`"
                            + " permissions for the project.",
                    "terminal (completed, processed, failed, or canceled) jobs when the user is authenticated"
                            + " (on a public project any valid token is enough).",
                    "processed is terminal; any authenticated request sees the output, roles do not matter"));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode bencher;
    private static JsonNode expected;
    private static JsonNode ours;

    /** Per test, since REST Assured knows the (random) test port only once the application runs. */
    @BeforeEach
    void loadDocuments() throws IOException {
        if (ours != null) {
            return;
        }
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/bencher-openapi.json")) {
            bencher = MAPPER.readTree(in);
        }
        expected = withAllowedDifferences(bencher);
        String served = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().asString();
        ours = MAPPER.readTree(served);
    }

    /** Swagger UI (dev mode and tests only; production has none) goes through the request gate like every path. */
    @Test
    void swaggerUiIsServedThroughTheGate() {
        given().redirects().follow(true).get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/swagger-ui/index.html").then().statusCode(200);
    }

    @Test
    void documentIsOpenApi303LikeBencherWithItsOwnInfo() {
        // 3.0.x keeps Bencher's `nullable: true` style for generators.
        assertThat(ours.path("openapi").asText()).isEqualTo(bencher.path("openapi").asText()).isEqualTo("3.0.3");
        assertThat(ours.path("info").path("title").asText()).isEqualTo("Bencher Jobs API");
        assertThat(ours.path("info").path("version").asText()).isNotBlank();
        // Like Bencher's: no security schemes or requirements (tokens are described in the texts).
        assertThat(ours.has("security")).isFalse();
        assertThat(ours.path("components").has("securitySchemes")).isFalse();
    }

    @Test
    void r5_theTwoPathsAreTheOnlyApiPaths() {
        Set<String> apiPaths = new TreeSet<>();
        ours.path("paths").fieldNames().forEachRemaining(path -> {
            if (!path.startsWith("/q/")) {
                apiPaths.add(path);
            }
        });
        assertThat(apiPaths).containsExactlyInAnyOrder(LIST, VIEW);
    }

    @Test
    void r47_r51_pathItemsHoldOnlyTheGetsNotTheOptionsPreflights() {
        for (String path : List.of(LIST, VIEW)) {
            assertThat(fieldNames(ours.path("paths").path(path))).as(path).containsExactly("get");
        }
    }

    @Test
    void r30_operationIdsTagsSummariesAndDescriptionsMatchBencher() {
        for (String path : List.of(LIST, VIEW)) {
            JsonNode want = expected.path("paths").path(path).path("get");
            JsonNode got = ours.path("paths").path(path).path("get");
            assertThat(fieldNames(got)).as(path).containsExactlyInAnyOrderElementsOf(fieldNames(want));
            for (String member : List.of("operationId", "tags", "summary", "description", "deprecated", "security")) {
                assertThat(got.path(member)).as("%s %s", path, member).isEqualTo(want.path(member));
            }
        }
        assertThat(ours.at("/paths/" + escape(LIST) + "/get/operationId").asText()).isEqualTo("proj_jobs_get");
        assertThat(ours.at("/paths/" + escape(VIEW) + "/get/operationId").asText()).isEqualTo("proj_job_get");
        assertThat(ours.at(VIEW_DESCRIPTION).asText()).contains("processed");
    }

    @Test
    void r13_listParametersMatchBencher() {
        assertSame(LIST + " parameters", parameters(expected, LIST), parameters(ours, LIST));
        assertThat(fieldNames(parameters(ours, LIST))).containsExactlyInAnyOrder("path:project", "query:direction",
                "query:page", "query:per_page", "query:sort", "query:status");
    }

    @Test
    void r8_r12_r16_viewParametersMatchBencher() {
        assertSame(VIEW + " parameters", parameters(expected, VIEW), parameters(ours, VIEW));
        assertThat(fieldNames(parameters(ours, VIEW))).containsExactlyInAnyOrder("path:project", "path:job");
    }

    @Test
    void r13_r33_enumsHoldExactlyTheSpecValues() {
        JsonNode list = parameters(ours, LIST);
        List<String> statuses = List.of("pending", "claimed", "running", "completed", "processed", "failed", "canceled");
        assertThat(texts(list.at("/query:status/schema/enum"))).containsExactlyElementsOf(statuses);
        assertThat(Stream.of(JobStatus.values()).map(JobStatus::value)).as("the service's statuses")
                .containsExactlyElementsOf(statuses);
        assertThat(texts(list.at("/query:direction/schema/enum"))).containsExactly("asc", "desc")
                .containsExactlyElementsOf(Stream.of(Direction.values()).map(Direction::value).toList());
        assertThat(texts(list.at("/query:sort/schema/oneOf/0/enum"))).containsExactly("created");
        assertThat(list.at("/query:per_page/schema/format").asText()).isEqualTo("uint8");
        assertThat(list.at("/query:page/schema/format").asText()).isEqualTo("uint32");
    }

    @Test
    void r24_r27_r29_r44_r55_responsesMatchBencher() {
        List<String> differences = new ArrayList<>();
        for (String path : List.of(LIST, VIEW)) {
            diff(path + " responses", responses(expected, path), responses(ours, path), differences);
        }
        assertNoDifferences(differences);
        for (String path : List.of(LIST, VIEW)) {
            assertThat(fieldNames(responses(ours, path))).as(path).containsExactlyInAnyOrder("200", "4XX", "5XX");
            assertThat(fieldNames(responses(ours, path).path("200").path("headers"))).as(path).containsExactlyInAnyOrder(
                    "x-total-count", "access-control-allow-origin", "access-control-allow-methods",
                    "access-control-allow-headers", "access-control-expose-headers");
        }
    }

    @Test
    void r32_r34_r35_jobSchemasMatchBencherExceptConfig() {
        // Every component schema the two operations reach, in Bencher's document (without
        // JsonJob.config, so without JsonJobConfig: R37) and in ours.
        Set<String> names = new TreeSet<>();
        for (JsonNode document : List.of(expected, ours)) {
            for (String path : List.of(LIST, VIEW)) {
                collectComponentNames(document, document.path("paths").path(path).path("get"), names);
            }
        }
        assertThat(names).contains("JsonJobs", "JsonJob", "JsonSpec", "JsonJobOutput", "JsonIterationOutput",
                "JobStatus", "Error", "DateTime", "JobUuid", "ResourceId", "Slug");
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            JsonNode want = expected.path("components").path("schemas").path(name);
            JsonNode got = ours.path("components").path("schemas").path(name);
            if (want.isMissingNode() || got.isMissingNode()) {
                differences.add("#/components/schemas/" + name + ": declared only in "
                        + (want.isMissingNode() ? "ours" : "Bencher's document"));
            } else {
                diff("#/components/schemas/" + name, normalize(expected, want, new ArrayList<>()),
                        normalize(ours, got, new ArrayList<>()), differences);
            }
        }
        assertNoDifferences(differences);
    }

    @Test
    void r37_jobConfigIsNotDeclared() {
        assertThat(ours.at("/components/schemas/JsonJob/properties").has("config")).isFalse();
        assertThat(ours.path("components").path("schemas").has("JsonJobConfig")).isFalse();
        assertThat(ours.toString()).doesNotContain("JsonJobConfig");
        // Bencher's document does declare it: the allowance is not stale.
        assertThat(bencher.at("/components/schemas/JsonJob/properties").has("config")).isTrue();
    }

    @Test
    void r52_errorBodyMatchesBencher() {
        JsonNode want = normalize(expected, expected.at("/components/responses/Error"), new ArrayList<>());
        JsonNode got = normalize(ours, ours.at("/components/responses/Error"), new ArrayList<>());
        assertSame("#/components/responses/Error", want, got);
        JsonNode schema = got.at("/content/application~1json/schema");
        assertThat(fieldNames(schema.path("properties"))).containsExactlyInAnyOrder("request_id", "error_code",
                "message");
        assertThat(texts(schema.path("required"))).containsExactly("message", "request_id");
    }

    // --- Bencher's document with the allowed differences -------------------------------------

    private static JsonNode withAllowedDifferences(JsonNode document) {
        JsonNode copy = document.deepCopy();
        for (Allowed allowed : ALLOWED) {
            JsonPointer pointer = JsonPointer.compile(allowed.pointer());
            JsonNode target = copy.at(pointer);
            assertThat(target.isMissingNode()).as("%s (%s): %s is in Bencher's document", allowed.rule(),
                    allowed.why(), allowed.pointer()).isFalse();
            ObjectNode parent = (ObjectNode) copy.at(pointer.head());
            String member = pointer.last().getMatchingProperty();
            if (allowed.bencherText() == null) {
                parent.remove(member);
            } else {
                assertThat(target.asText()).as("%s (%s): Bencher's text", allowed.rule(), allowed.why()).contains(allowed.bencherText());
                parent.put(member, target.asText().replace(allowed.bencherText(), allowed.ourText()));
            }
        }
        return copy;
    }

    // --- Structural normal form ------------------------------------------------------------------

    private static JsonNode parameters(JsonNode document, String path) {
        ObjectNode byKey = JsonNodeFactory.instance.objectNode();
        for (JsonNode parameter : document.path("paths").path(path).path("get").path("parameters")) {
            JsonNode resolved = normalize(document, parameter, new ArrayList<>());
            byKey.set(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
        }
        return byKey;
    }

    private static JsonNode responses(JsonNode document, String path) {
        return normalize(document, document.path("paths").path(path).path("get").path("responses"),
                new ArrayList<>());
    }

    /**
     * Inlines every {@code $ref} (recording the component names as {@code x-refs}), merges
     * {@code allOf} into its schema, turns an OpenAPI 3.1 {@code type: [t, "null"]} into
     * {@code type: t, nullable: true}, makes required lists sorted sets and header names lowercase.
     */
    private static JsonNode normalize(JsonNode document, JsonNode node, List<String> refStack) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(normalize(document, element, refStack)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (node.has("$ref")) {
            String ref = node.path("$ref").asText();
            assertThat(refStack).as("cyclic $ref %s", ref).doesNotContain(ref);
            assertThat(ref).startsWith("#/");
            JsonNode target = document.at(ref.substring(1));
            assertThat(target.isMissingNode()).as("$ref %s resolves", ref).isFalse();
            refStack.add(ref);
            JsonNode resolved = normalize(document, target, refStack);
            refStack.remove(refStack.size() - 1);
            merge(out, resolved);
            ArrayNode refs = JsonNodeFactory.instance.arrayNode().add(ref.substring(ref.lastIndexOf('/') + 1));
            resolved.path("x-refs").forEach(refs::add);
            out.set("x-refs", refs);
        }
        for (JsonNode part : node.path("allOf")) {
            merge(out, normalize(document, part, refStack));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "$ref", "allOf" -> {
                    // handled above
                }
                case "properties" -> {
                    ObjectNode properties = JsonNodeFactory.instance.objectNode();
                    value.fields().forEachRemaining(
                            property -> properties.set(property.getKey(),
                                    normalize(document, property.getValue(), refStack)));
                    out.set(name, properties);
                }
                case "headers" -> {
                    ObjectNode headers = JsonNodeFactory.instance.objectNode();
                    value.fields().forEachRemaining(header -> headers.set(header.getKey().toLowerCase(Locale.ROOT),
                            normalize(document, header.getValue(), refStack)));
                    out.set(name, headers);
                }
                case "required" -> out.set(name, value.isArray() ? sortedSet(value) : value);
                case "type" -> {
                    if (value.isArray()) {
                        List<String> types = texts(value);
                        if (types.remove("null")) {
                            out.put("nullable", true);
                        }
                        out.set(name, types.size() == 1 ? TextNode.valueOf(types.get(0)) : sortedSet(value));
                    } else {
                        out.set(name, value);
                    }
                }
                case "nullable" -> {
                    if (value.asBoolean() || out.path("nullable").asBoolean()) {
                        out.put(name, true);
                    }
                }
                default -> out.set(name, normalize(document, value, refStack));
            }
        }
        if (out.has("nullable") && !out.path("nullable").asBoolean()) {
            out.remove("nullable");
        }
        return out;
    }

    /** Members of {@code from} that {@code into} does not have yet; {@code nullable} is or-ed. */
    private static void merge(ObjectNode into, JsonNode from) {
        from.fields().forEachRemaining(field -> {
            if (field.getKey().equals("nullable")) {
                if (field.getValue().asBoolean()) {
                    into.put("nullable", true);
                }
            } else if (field.getKey().equals("x-refs")) {
                // the caller records the chain
            } else if (!into.has(field.getKey())) {
                into.set(field.getKey(), field.getValue());
            }
        });
    }

    private static void collectComponentNames(JsonNode document, JsonNode node, Set<String> names) {
        if (node.isObject() && node.has("$ref")) {
            String ref = node.path("$ref").asText();
            if (ref.startsWith("#/components/schemas/")) {
                String name = ref.substring("#/components/schemas/".length());
                if (names.add(name)) {
                    collectComponentNames(document, document.path("components").path("schemas").path(name), names);
                }
            } else {
                collectComponentNames(document, document.at(ref.substring(1)), names);
            }
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collectComponentNames(document, child, names));
        }
    }

    // --- Comparison ------------------------------------------------------------------------------

    private static void assertSame(String where, JsonNode want, JsonNode got) {
        List<String> differences = new ArrayList<>();
        diff(where, want, got, differences);
        assertNoDifferences(differences);
    }

    private static void assertNoDifferences(List<String> differences) {
        assertThat(differences).as("differences from Bencher's document (beyond the allowed ones)").isEmpty();
    }

    private static void diff(String where, JsonNode want, JsonNode got, List<String> differences) {
        if (want.isObject() && got.isObject()) {
            Set<String> names = new TreeSet<>(fieldNames(want));
            names.addAll(fieldNames(got));
            for (String name : names) {
                if (!got.has(name)) {
                    differences.add(where + "/" + name + ": missing, Bencher has " + want.get(name));
                } else if (!want.has(name)) {
                    differences.add(where + "/" + name + ": not in Bencher's document: " + got.get(name));
                } else {
                    diff(where + "/" + name, want.get(name), got.get(name), differences);
                }
            }
        } else if (want.isArray() && got.isArray() && want.size() == got.size()) {
            for (int i = 0; i < want.size(); i++) {
                diff(where + "/" + i, want.get(i), got.get(i), differences);
            }
        } else if (want.isNumber() && got.isNumber()) {
            if (want.decimalValue().compareTo(got.decimalValue()) != 0) {
                differences.add(where + ": Bencher has " + want + ", ours " + got);
            }
        } else if (!want.equals(got)) {
            differences.add(where + ": Bencher has " + want + ", ours " + got);
        }
    }

    // --- Helpers ---------------------------------------------------------------------------------

    private static ArrayNode sortedSet(JsonNode array) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        new TreeSet<>(texts(array)).forEach(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(element -> out.add(element.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
