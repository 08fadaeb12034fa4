package dev.bencher.jobs.job;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A job row (database.md D11), read-only. The {@code config} column is deliberately not mapped:
 * the service never reads or emits it (jobs-api.md R37).
 */
@Entity
@Immutable
@Table(name = "job")
public class Job {

    /** R33: the statuses whose output may be shown. */
    public static final Set<String> TERMINAL = Set.of("completed", "processed", "failed", "canceled");

    @Id
    public UUID uuid;

    @Column(name = "project_uuid")
    public UUID projectUuid;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "spec_uuid")
    public Spec spec;

    @Column(columnDefinition = "text")
    public String status;

    @Column(name = "runner_uuid")
    public UUID runnerUuid;

    public Instant claimed;

    public Instant started;

    public Instant completed;

    public Instant created;

    public Instant modified;

    public boolean isTerminal() {
        return TERMINAL.contains(status);
    }
}
