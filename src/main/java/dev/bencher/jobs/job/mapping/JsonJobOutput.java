package dev.bencher.jobs.job.mapping;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** R35: the output of a terminal job; {@code error} only when stored and not null. */
@JsonPropertyOrder({ "results", "error" })
public record JsonJobOutput(List<JsonIterationOutput> results,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
}
