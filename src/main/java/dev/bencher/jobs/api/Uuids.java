package dev.bencher.jobs.api;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The strict UUID parser of jobs-api.md R8: hyphenated (36), simple (32), braced (38) or URN (45)
 * spellings, hex digits in either case, nothing else. {@link UUID#fromString} accepts short groups
 * such as {@code 1-2-3-4-5} and must not be used on input.
 */
public final class Uuids {

    private static final Pattern HYPHENATED = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SIMPLE = Pattern.compile("[0-9a-fA-F]{32}");

    private Uuids() {
    }

    public static Optional<UUID> parse(String text) {
        String hex;
        if (text.length() == 45 && text.startsWith("urn:uuid:") && HYPHENATED.matcher(text.substring(9)).matches()) {
            hex = text.substring(9).replace("-", "");
        } else if (text.length() == 38 && text.charAt(0) == '{' && text.charAt(37) == '}'
                && HYPHENATED.matcher(text.substring(1, 37)).matches()) {
            hex = text.substring(1, 37).replace("-", "");
        } else if (HYPHENATED.matcher(text).matches()) {
            hex = text.replace("-", "");
        } else if (SIMPLE.matcher(text).matches()) {
            hex = text;
        } else {
            return Optional.empty();
        }
        return Optional.of(new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16)));
    }
}
