package dev.bencher.jobs.job.mapping;

import java.util.SortedMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** R35: one iteration; the optional members only when stored and not null; files in path order (R36). */
@JsonPropertyOrder({ "exit_code", "stdout", "stderr", "output" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonIterationOutput(@JsonProperty("exit_code") int exitCode, String stdout, String stderr,
        SortedMap<String, String> output) {
}
