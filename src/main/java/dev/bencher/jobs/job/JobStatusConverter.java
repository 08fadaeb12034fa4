package dev.bencher.jobs.job;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** The {@code status} column's text (the {@code job_status_check} values) as a {@link JobStatus}. */
@Converter
public class JobStatusConverter implements AttributeConverter<JobStatus, String> {

    @Override
    public String convertToDatabaseColumn(JobStatus status) {
        return status == null ? null : status.value();
    }

    @Override
    public JobStatus convertToEntityAttribute(String value) {
        return value == null ? null : JobStatus.stored(value);
    }
}
