package dev.bencher.jobs.job;

/** The order of a job list by {@code (created, uuid)} (jobs-api.md R19, R20): descending by default. */
public enum Direction {
    ASC("asc"),
    DESC("desc");

    private final String value;

    Direction(String value) {
        this.value = value;
    }

    /** The value of the {@code direction} query parameter. */
    public String value() {
        return value;
    }

    /** The same order read from the other end. */
    public Direction reversed() {
        return this == ASC ? DESC : ASC;
    }
}
