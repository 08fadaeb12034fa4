package dev.bencher.jobs.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** A hardware spec row (database.md D9), read-only; rendered as the job's {@code spec} member. */
@Entity
@Immutable
@Table(name = "spec")
public class Spec {

    @Id
    public UUID uuid;

    @Column(columnDefinition = "text")
    public String name;

    @Column(columnDefinition = "text")
    public String slug;

    @Column(columnDefinition = "text")
    public String os;

    @Column(columnDefinition = "text")
    public String architecture;

    @Column(columnDefinition = "text")
    public String sandbox;

    public int cpu;

    public long memory;

    public long disk;

    public boolean network;

    public Instant fallback;

    public Instant created;

    public Instant modified;

    public Instant archived;
}
