package dev.bencher.jobs.api;

import java.util.Optional;
import java.util.UUID;

/**
 * A parsed {@code {project}} (jobs-api.md R8-R11): exactly one of {@code uuid} and {@code slug} is
 * present. {@code raw} is the value as received (after percent-decoding), used in messages (R56).
 */
public record ProjectRef(String raw, Optional<UUID> uuid, Optional<String> slug) {
}
