package dev.bencher.jobs.job.repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.bencher.jobs.job.Direction;

/**
 * Where a deep page is read from (docs/performance.md "Deep pages"): the rows at positions
 * {@code [offset, offset + limit)} in one direction are the rows at
 * {@code [total - offset - limit, total - offset)} in the other, because {@code (created, uuid)} is a
 * total order (jobs-api.md R20), so the page is read from the nearer end; and from that end it
 * enters the index at the edge of the {@code job_count} bucket that holds its first row, skipping
 * only the rest of the offset: at most one bucket's rows.
 *
 * @param reading the direction the page's rows are read in: the requested one, or the other one
 * @param fromBucket the page's rows were created at or after the start of this bucket
 * @param untilBucket ... and before the start of this one
 * @param skip rows to skip from that edge, in the reading direction
 * @param take rows of the page
 */
record PageStart(Direction reading, int fromBucket, int untilBucket, int skip, int take) {

    /** The bucket of 1970-01-01T00:00:00Z, the earliest time a writer may store (database.md D4). */
    static final int FIRST_BUCKET = 0;

    /** A bucket that starts after 9999-12-31T23:59:59Z, the latest time a writer may store (D4). */
    static final int END_BUCKET = 241_665;

    /** The jobs of one bucket ({@code job_count_bucket(created)}, V2 migration) that match the filter. */
    record Bucket(int bucket, long jobs) {
    }

    /**
     * The start of the page at {@code offset} of {@code limit} rows in {@code direction}, given the
     * filter's jobs per bucket in ascending bucket order; empty when the page holds no row.
     */
    static Optional<PageStart> of(List<Bucket> ascending, Direction direction, long offset, int limit) {
        long total = ascending.stream().mapToLong(Bucket::jobs).sum();
        if (limit == 0 || offset >= total) {
            return Optional.empty();
        }
        long end = Math.min(offset + limit, total);
        boolean fromStart = offset <= total - end;
        Direction reading = fromStart ? direction : direction.reversed();
        long position = fromStart ? offset : total - end;
        List<Bucket> inReadingOrder = new ArrayList<>(ascending);
        if (reading == Direction.DESC) {
            Collections.reverse(inReadingOrder);
        }
        long before = 0;
        for (Bucket bucket : inReadingOrder) {
            if (before + bucket.jobs() > position) {
                int skip = Math.toIntExact(position - before);
                int take = (int) (end - offset);
                return Optional.of(reading == Direction.ASC
                        ? new PageStart(reading, bucket.bucket(), END_BUCKET, skip, take)
                        : new PageStart(reading, FIRST_BUCKET, bucket.bucket() + 1, skip, take));
            }
            before += bucket.jobs();
        }
        throw new IllegalStateException("position " + position + " not below the total " + total);
    }
}
