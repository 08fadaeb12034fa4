package dev.bencher.jobs.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** A row of {@code spec} (database.md D9), read only; rendered as the job's {@code spec} member. */
@Entity
@Table(name = "spec")
@Immutable
public class Spec {

    @Id
    private UUID uuid;

    @Column(columnDefinition = "text")
    private String name;

    @Column(columnDefinition = "text")
    private String slug;

    @Column(columnDefinition = "text")
    private String os;

    @Column(columnDefinition = "text")
    private String architecture;

    @Column(columnDefinition = "text")
    private String sandbox;

    private int cpu;

    private long memory;

    private long disk;

    private boolean network;

    @Column(columnDefinition = "timestamptz")
    private Instant fallback;

    @Column(columnDefinition = "timestamptz")
    private Instant created;

    @Column(columnDefinition = "timestamptz")
    private Instant modified;

    @Column(columnDefinition = "timestamptz")
    private Instant archived;

    protected Spec() {
    }

    public UUID uuid() {
        return uuid;
    }

    public String name() {
        return name;
    }

    public String slug() {
        return slug;
    }

    public String os() {
        return os;
    }

    public String architecture() {
        return architecture;
    }

    public String sandbox() {
        return sandbox;
    }

    public int cpu() {
        return cpu;
    }

    public long memory() {
        return memory;
    }

    public long disk() {
        return disk;
    }

    public boolean network() {
        return network;
    }

    public Instant fallback() {
        return fallback;
    }

    public Instant created() {
        return created;
    }

    public Instant modified() {
        return modified;
    }

    public Instant archived() {
        return archived;
    }
}
