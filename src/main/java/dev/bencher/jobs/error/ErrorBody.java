package dev.bencher.jobs.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The error body of jobs-api.md R52 (Bencher's, not problem+json). */
@JsonPropertyOrder({ "request_id", "error_code", "message" })
public record ErrorBody(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("error_code") @JsonInclude(JsonInclude.Include.NON_NULL) String errorCode,
        String message) {
}
