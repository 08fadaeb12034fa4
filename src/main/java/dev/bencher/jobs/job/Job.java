package dev.bencher.jobs.job;

import java.time.Instant;
import java.util.UUID;

/**
 * A job row with its spec (database.md D11). The {@code config} column is deliberately never read:
 * the service never emits it (jobs-api.md R37).
 */
public record Job(UUID uuid, JobStatus status, Spec spec, UUID runner, Instant claimed, Instant started,
        Instant completed, Instant created, Instant modified) {
}
