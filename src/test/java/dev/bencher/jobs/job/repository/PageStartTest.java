package dev.bencher.jobs.job.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bencher.jobs.job.Direction;

/**
 * Where a deep page is read from (docs/performance.md "Deep pages"), against buckets 10, 11, 13
 * holding 5, 3 and 4 jobs (12 in all; bucket 12 is empty). Rows are numbered 0-11 in ascending order.
 */
class PageStartTest {

    private static final List<PageStart.Bucket> BUCKETS = List.of(
            new PageStart.Bucket(10, 5), new PageStart.Bucket(11, 3), new PageStart.Bucket(13, 4));

    @ParameterizedTest(name = "{0} offset {1} limit {2}")
    @CsvSource({
            // direction, offset, limit -> reading, fromBucket, untilBucket, skip, take
            // near the start: read in the requested direction from the bucket holding the first row
            "ASC,  0, 3,  ASC,  10, 241665, 0, 3",
            "ASC,  5, 1,  ASC,  11, 241665, 0, 1",
            "ASC,  3, 2,  ASC,  10, 241665, 3, 2",
            "DESC, 0, 3,  DESC,  0,     14, 0, 3",
            "DESC, 4, 2,  DESC,  0,     12, 0, 2",
            // past the middle: read from the other end
            "ASC,  9, 3,  DESC,  0,     14, 0, 3",
            "ASC,  6, 4,  DESC,  0,     14, 2, 4",
            "DESC, 10, 8, ASC,  10, 241665, 0, 2",
            "DESC, 7, 2,  ASC,  10, 241665, 3, 2",
            // the last page is cut at the total (R23)
            "ASC,  11, 255, DESC, 0,    14, 0, 1",
    })
    void r19_r20_r21_theNearerEndAndTheBucketEdge(Direction direction, long offset, int limit, Direction reading,
            int fromBucket, int untilBucket, int skip, int take) {
        assertThat(PageStart.of(BUCKETS, direction, offset, limit))
                .contains(new PageStart(reading, fromBucket, untilBucket, skip, take));
    }

    @ParameterizedTest(name = "{0} offset {1} limit {2}")
    @CsvSource({ "ASC, 12, 8", "DESC, 12, 1", "ASC, 1095216659970, 255", "ASC, 0, 0", "DESC, 5, 0" })
    void r21_r22_r23_noRowNoPage(Direction direction, long offset, int limit) {
        assertThat(PageStart.of(BUCKETS, direction, offset, limit)).isEmpty();
        assertThat(PageStart.of(List.of(), direction, offset, limit)).isEmpty();
    }

    /**
     * Every page of every size, read as PageStart says (its keys in the reading direction, then in
     * the requested order), is the slice of the order (R20, R21).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({ "ASC", "DESC" })
    void r20_r21_everyPageReadAsPlannedIsTheSlice(Direction direction) {
        // row i (0-11, ascending) lies in bucket bucketOf[i]
        int[] bucketOf = { 10, 10, 10, 10, 10, 11, 11, 11, 13, 13, 13, 13 };
        List<Integer> ordered = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ordered.add(direction == Direction.ASC ? i : 11 - i);
        }
        for (int limit = 1; limit <= 13; limit++) {
            for (int offset = 0; offset < 12; offset++) {
                PageStart start = PageStart.of(BUCKETS, direction, offset, limit).orElseThrow();
                List<Integer> read = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    int row = start.reading() == Direction.ASC ? i : 11 - i;
                    if (bucketOf[row] >= start.fromBucket() && bucketOf[row] < start.untilBucket()) {
                        read.add(row);
                    }
                }
                List<Integer> page = new ArrayList<>(read.subList(start.skip(), start.skip() + start.take()));
                page.sort(direction == Direction.ASC ? Comparator.naturalOrder() : Comparator.reverseOrder());
                assertThat(page).as("offset %d limit %d", offset, limit)
                        .isEqualTo(ordered.subList(offset, Math.min(offset + limit, 12)));
                assertThat(start.skip()).isLessThan(5); // never more than one bucket's rows
            }
        }
    }
}
