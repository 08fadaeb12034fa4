package dev.bencher.jobs.job.repository;

import java.util.List;

import dev.bencher.jobs.job.Job;

/** One page of jobs plus the number of jobs matching the filter (X-Total-Count, R24). */
public record JobPage(List<Job> jobs, long total) {
}
