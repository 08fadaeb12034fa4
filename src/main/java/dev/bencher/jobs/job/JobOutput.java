package dev.bencher.jobs.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code job_output} (database.md D12), read only. The view reads the document as
 * PostgreSQL's text of the {@code jsonb} value ({@code cast(o.output as String)} in
 * {@code Job.view}), which {@code OutputNormalizer} checks and normalises (jobs-api.md R41); the
 * entity is mapped so that Hibernate validates the column against the schema.
 */
@Entity
@Table(name = "job_output")
@Immutable
public class JobOutput {

    @Id
    @Column(name = "job_uuid")
    private UUID job;

    @JdbcTypeCode(SqlTypes.JSON)
    private String output;

    @Column(columnDefinition = "timestamptz")
    private Instant created;

    protected JobOutput() {
    }
}
