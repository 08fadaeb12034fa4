package dev.bencher.jobs.job.mapping;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * R41: the stored output document is normalised, not passed through. Unknown members are dropped,
 * null optional members omitted, and a document that is not well-formed is treated as absent.
 */
@ApplicationScoped
public class OutputNormalizer {

    private final ObjectMapper json;

    public OutputNormalizer(ObjectMapper json) {
        this.json = json;
    }

    /** Empty when the document is not well-formed (R31: the job is then shown without output). */
    public Optional<JsonJobOutput> normalize(String stored) {
        try {
            return Optional.of(output(json.readTree(stored)));
        } catch (IOException | MalformedOutput e) {
            return Optional.empty();
        }
    }

    private static JsonJobOutput output(JsonNode document) {
        JsonNode results = document.isObject() ? document.get("results") : null;
        if (results == null || !results.isArray()) {
            throw new MalformedOutput();
        }
        List<JsonIterationOutput> iterations = new ArrayList<>();
        for (JsonNode iteration : results) {
            iterations.add(iteration(iteration));
        }
        return new JsonJobOutput(iterations, optionalString(document, "error"));
    }

    private static JsonIterationOutput iteration(JsonNode iteration) {
        JsonNode exitCode = iteration.isObject() ? iteration.get("exit_code") : null;
        if (exitCode == null || !exitCode.isIntegralNumber() || !exitCode.canConvertToInt()) {
            throw new MalformedOutput();
        }
        return new JsonIterationOutput(exitCode.intValue(), optionalString(iteration, "stdout"),
                optionalString(iteration, "stderr"), files(iteration.get("output")));
    }

    private static SortedMap<String, String> files(JsonNode files) {
        if (files == null || files.isNull()) {
            return null;
        }
        if (!files.isObject()) {
            throw new MalformedOutput();
        }
        SortedMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> file : files.properties()) {
            if (!file.getValue().isTextual()) {
                throw new MalformedOutput();
            }
            sorted.put(file.getKey(), file.getValue().textValue());
        }
        return sorted;
    }

    private static String optionalString(JsonNode object, String member) {
        JsonNode value = object.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedOutput();
        }
        return value.textValue();
    }

    /** Control flow inside this class only: the document is not well-formed. */
    private static final class MalformedOutput extends RuntimeException {
        MalformedOutput() {
            super(null, null, false, false);
        }
    }
}
