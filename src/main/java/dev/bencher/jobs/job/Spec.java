package dev.bencher.jobs.job;

import java.time.Instant;
import java.util.UUID;

/** A hardware spec row (database.md D9), rendered as the job's {@code spec} member. */
public record Spec(UUID uuid, String name, String slug, String os, String architecture, String sandbox, int cpu,
        long memory, long disk, boolean network, Instant fallback, Instant created, Instant modified,
        Instant archived) {
}
