package dev.bencher.jobs.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.bencher.jobs.error.ApiException;
import dev.bencher.jobs.job.Direction;
import dev.bencher.jobs.job.JobStatus;

/**
 * The query parameters of the list endpoint (jobs-api.md R13-R15, R21, R22), parsed as strictly as
 * Bencher's serde_urlencoded: unknown names ignored, known names at most once, never empty,
 * integers as ASCII digits with an optional leading {@code +}, enum values exact.
 *
 * @param direction {@code direction}; descending is the default (R19)
 * @param perPage 0..255, default 8
 * @param page 0..4294967295, default 1 (0 means 1)
 * @param status only jobs with this status (R18)
 */
public record JobsQuery(Direction direction, int perPage, long page, Optional<JobStatus> status) {

    private static final int DEFAULT_PER_PAGE = 8;
    private static final int MAX_PER_PAGE = 255;
    private static final long MAX_PAGE = 4294967295L;

    private static final List<String> NAMES = List.of("sort", "direction", "per_page", "page", "status");

    /** R21, R22: 64-bit, so the largest offset (4294967294 × 255) cannot overflow. */
    public long offset() {
        return page >= 2 ? (page - 1) * perPage : 0;
    }

    /** Parses a raw (still encoded) query string; {@code null} means no query. */
    public static JobsQuery parse(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = PercentDecoding.formValue(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : PercentDecoding.formValue(pair.substring(equals + 1));
                if (NAMES.contains(name) && values.put(name, value) != null) {
                    throw ApiException.badQuery("duplicate field `" + name + "`");
                }
            }
        }
        String sort = values.get("sort");
        if (sort != null) {
            variant(sort, List.of("created"), Function.identity());
        }
        String direction = values.get("direction");
        String perPage = values.get("per_page");
        String page = values.get("page");
        String status = values.get("status");
        return new JobsQuery(
                direction == null ? Direction.DESC : variant(direction, List.of(Direction.values()), Direction::value),
                perPage == null ? DEFAULT_PER_PAGE : (int) unsigned(perPage, MAX_PER_PAGE),
                page == null ? 1 : unsigned(page, MAX_PAGE),
                status == null ? Optional.empty()
                        : Optional.of(variant(status, List.of(JobStatus.values()), JobStatus::value)));
    }

    /** Rust's unsigned integer parsing: an optional '+', then ASCII digits only. */
    private static long unsigned(String text, long max) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (text.isEmpty()) {
            throw ApiException.badQuery("cannot parse integer from empty string");
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badQuery("invalid digit found in string");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        // every maximum has at most 10 digits, so a longer value is too large and a shorter one fits a long
        if (significant.length() > 10 || Long.parseLong(significant) > max) {
            throw ApiException.badQuery("number too large to fit in target type");
        }
        return Long.parseLong(significant);
    }

    /** serde's enum parsing: the variant spelled exactly {@code text}, or its error message. */
    private static <T> T variant(String text, List<T> values, Function<T, String> spelling) {
        for (T value : values) {
            if (spelling.apply(value).equals(text)) {
                return value;
            }
        }
        List<String> variants = values.stream().map(spelling).toList();
        String expected = switch (variants.size()) {
            case 1 -> "`" + variants.get(0) + "`";
            case 2 -> "`" + variants.get(0) + "` or `" + variants.get(1) + "`";
            default -> "one of `" + String.join("`, `", variants) + "`";
        };
        throw ApiException.badQuery("unknown variant `" + text + "`, expected " + expected);
    }
}
