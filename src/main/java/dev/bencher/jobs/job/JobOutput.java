package dev.bencher.jobs.job;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored job output document (database.md D12), read only by the view endpoint. */
@Entity
@Immutable
@Table(name = "job_output")
public class JobOutput {

    @Id
    @Column(name = "job_uuid")
    public UUID jobUuid;

    /** The raw jsonb document; normalised before it is shown (jobs-api.md R41). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String output;
}
