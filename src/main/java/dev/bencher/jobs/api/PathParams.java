package dev.bencher.jobs.api;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.bencher.jobs.error.ApiException;

/** Parses the path parameters of both endpoints (jobs-api.md R8-R12); failures are R10's 400. */
public final class PathParams {

    /** R9: 1 to 64 characters. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private PathParams() {
    }

    /** R8, R11: a UUID first; only a value that is no UUID may be a slug. */
    public static ProjectRef project(String raw) {
        Optional<UUID> uuid = Uuids.parse(raw);
        if (uuid.isPresent()) {
            return new ProjectRef(raw, uuid, Optional.empty());
        }
        if (raw.length() <= 64 && SLUG.matcher(raw).matches()) {
            return new ProjectRef(raw, Optional.empty(), Optional.of(raw));
        }
        throw ApiException.badPathParameter("project: expected a UUID or a slug, found `" + raw + "`");
    }

    /** R12: {@code {job}} is always a UUID. */
    public static UUID job(String raw) {
        return Uuids.parse(raw)
                .orElseThrow(() -> ApiException.badPathParameter("job: expected a UUID, found `" + raw + "`"));
    }
}
