package dev.bencher.jobs.job.mapping;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.bencher.jobs.job.Job;
import dev.bencher.jobs.job.JobStatus;

/**
 * A job as the API shows it (R32). {@code runner}, {@code claimed}, {@code started} and
 * {@code completed} are always present, null when unset; {@code output} is absent unless R30 holds.
 * There is no {@code config} member (R37).
 */
@JsonPropertyOrder({ "uuid", "status", "spec", "runner", "claimed", "started", "completed", "created", "modified",
        "output" })
public record JsonJob(UUID uuid, JobStatus status, JsonSpec spec, UUID runner, Instant claimed, Instant started,
        Instant completed, Instant created, Instant modified,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonJobOutput output) {

    /** A list item (R26): never an output. */
    public static JsonJob from(Job job) {
        return from(job, null);
    }

    public static JsonJob from(Job job, JsonJobOutput output) {
        return new JsonJob(job.uuid(), job.status(), JsonSpec.from(job.spec()), job.runner(),
                DateTimes.seconds(job.claimed()), DateTimes.seconds(job.started()), DateTimes.seconds(job.completed()),
                DateTimes.seconds(job.created()), DateTimes.seconds(job.modified()), output);
    }
}
