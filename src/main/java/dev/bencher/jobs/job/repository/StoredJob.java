package dev.bencher.jobs.job.repository;

import java.util.Optional;

import dev.bencher.jobs.job.Job;

/**
 * What the view finds in a visible project: the job, if it belongs to the project (R28), and its
 * stored output document, read only when it may be shown (R30: terminal job, authenticated caller).
 */
public record StoredJob(Optional<Job> job, Optional<String> output) {
}
