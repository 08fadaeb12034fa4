package dev.bencher.jobs.job.mapping;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.bencher.jobs.job.Spec;

/** R34: every member always present; {@code sandbox}, {@code fallback}, {@code archived} may be null. */
@JsonPropertyOrder({ "uuid", "name", "slug", "os", "architecture", "sandbox", "cpu", "memory", "disk", "network",
        "fallback", "created", "modified", "archived" })
public record JsonSpec(UUID uuid, String name, String slug, String os, String architecture, String sandbox, int cpu,
        long memory, long disk, boolean network, Instant fallback, Instant created, Instant modified,
        Instant archived) {

    public static JsonSpec from(Spec spec) {
        return new JsonSpec(spec.uuid(), spec.name(), spec.slug(), spec.os(), spec.architecture(), spec.sandbox(),
                spec.cpu(), spec.memory(), spec.disk(), spec.network(), DateTimes.seconds(spec.fallback()),
                DateTimes.seconds(spec.created()), DateTimes.seconds(spec.modified()), DateTimes.seconds(spec.archived()));
    }
}
