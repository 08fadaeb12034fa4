package dev.bencher.jobs.job.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.bencher.jobs.job.Job;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

/** The entities read back what a writer inserted with the plain SQL of database.md §5. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-03-02T14:05:09Z");

    private final ProjectRepository projects;
    private final JobRepository jobs;

    private UUID organization;
    private UUID project;
    private String slug;
    private UUID spec;
    private UUID runner;
    private UUID failedJob;
    private UUID otherProjectJob;

    JobRepositoryTest(ProjectRepository projects, JobRepository jobs) {
        this.projects = projects;
        this.jobs = jobs;
    }

    @BeforeAll
    void writeRows() {
        organization = Writer.organization();
        slug = "repo-" + UUID.randomUUID();
        project = Writer.project(organization, slug, "private");
        spec = Writer.spec("firecracker", Instant.parse("2026-02-24T12:00:00Z"));
        runner = Writer.runner();
        failedJob = Writer.job(project, spec, "pending", T0);
        Writer.execute("UPDATE job SET status = 'failed' WHERE uuid = ?", failedJob);
        Writer.progress(failedJob, runner, T0.plusSeconds(2), T0.plusSeconds(4), T0.plusSeconds(91));
        Writer.output(failedJob, "{\"results\": [{\"exit_code\": 1, \"stdout\": \"partial output\"}],"
                + " \"error\": \"container crashed\"}");
        for (int i = 1; i <= 4; i++) {
            Writer.job(project, spec, i % 2 == 0 ? "pending" : "running", T0.plusSeconds(60L * i));
        }
        UUID other = Writer.project(organization, "repo-other-" + UUID.randomUUID(), "public");
        otherProjectJob = Writer.job(other, spec, "pending", T0);
    }

    @Test
    @RunOnVertxContext
    void d8_findsLiveProjectsBySlugAndUuidOnly(UniAsserter asserter) {
        asserter.assertThat(() -> projects.findLiveBySlug(slug), found -> {
            assertThat(found.uuid).isEqualTo(project);
            assertThat(found.organizationUuid).isEqualTo(organization);
            assertThat(found.isPublic()).isFalse();
        });
        asserter.assertThat(() -> projects.findLiveByUuid(project), found -> assertThat(found.slug).isEqualTo(slug));
        asserter.assertThat(() -> projects.findLiveBySlug("repo-no-such-project"), found -> assertThat(found).isNull());
    }

    @Test
    @RunOnVertxContext
    void d8_softDeletedProjectsAreNotFound(UniAsserter asserter) {
        UUID deleted = Writer.project(organization, "repo-deleted-" + UUID.randomUUID(), "public");
        Writer.deleteProject(deleted);
        asserter.assertThat(() -> projects.findLiveByUuid(deleted), found -> assertThat(found).isNull());
    }

    @Test
    @RunOnVertxContext
    void d11_readsTheJobWithItsSpecAndOutput(UniAsserter asserter) {
        asserter.assertThat(() -> jobs.findInProject(failedJob, project), job -> {
            assertThat(job.status).isEqualTo("failed");
            assertThat(job.runnerUuid).isEqualTo(runner);
            assertThat(job.created).isEqualTo(T0);
            assertThat(job.claimed).isEqualTo(T0.plusSeconds(2));
            assertThat(job.completed).isEqualTo(T0.plusSeconds(91));
            assertThat(job.spec.uuid).isEqualTo(spec);
            assertThat(job.spec.sandbox).isEqualTo("firecracker");
            assertThat(job.spec.memory).isEqualTo(4294967296L);
            assertThat(job.spec.fallback).isEqualTo(Instant.parse("2026-02-24T12:00:00Z"));
        });
        asserter.assertThat(() -> jobs.findOutput(failedJob),
                output -> assertThat(output.output).contains("\"exit_code\":1").contains("container crashed"));
    }

    @Test
    @RunOnVertxContext
    void r28_aJobOfAnotherProjectIsNotFound(UniAsserter asserter) {
        asserter.assertThat(() -> jobs.findInProject(otherProjectJob, project), job -> assertThat(job).isNull());
    }

    @Test
    @RunOnVertxContext
    void r19_r24_pageAndTotalUseTheSameFilter(UniAsserter asserter) {
        JobFilter all = new JobFilter(project, Optional.empty());
        asserter.assertThat(() -> jobs.findPageWithTotal(all, false, 1, 2), page -> {
            assertThat(page.total()).isEqualTo(5);
            assertThat(page.jobs()).extracting(job -> job.created)
                    .containsExactly(T0.plusSeconds(180), T0.plusSeconds(120));
        });
        JobFilter pending = new JobFilter(project, Optional.of("pending"));
        asserter.assertThat(() -> jobs.findPageWithTotal(pending, true, 0, 8), page -> {
            assertThat(page.total()).isEqualTo(2);
            assertThat(page.jobs()).extracting(Job::isTerminal).containsOnly(false);
            assertThat(page.jobs()).extracting(job -> job.created)
                    .containsExactly(T0.plusSeconds(120), T0.plusSeconds(240));
        });
    }
}
