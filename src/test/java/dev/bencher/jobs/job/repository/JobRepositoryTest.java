package dev.bencher.jobs.job.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.bencher.jobs.api.PathParams;
import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.job.Direction;
import dev.bencher.jobs.job.Job;
import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.security.ProjectRoles;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;

/**
 * The repository reads back what a writer inserted with the plain SQL of database.md §5: live
 * projects by slug or UUID only (R11, D8), private ones only under the view rule (R58, A8), the job
 * with its spec and output (D11, R28, R30), page and total under one filter (R19, R24).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-03-02T14:05:09Z");

    private static final ProjectRoles ADMIN = new ProjectRoles(true, Set.of(), Set.of());

    private final JobRepository jobs;
    private final JobCountRepository counts;

    private UUID organization;
    private UUID project;
    private String slug;
    private UUID spec;
    private UUID runner;
    private UUID failedJob;
    private UUID otherProjectJob;
    private UUID nonTerminalJob;

    JobRepositoryTest(JobRepository jobs, JobCountRepository counts) {
        this.jobs = jobs;
        this.counts = counts;
    }

    @BeforeAll
    void writeRows() {
        organization = Writer.organization();
        slug = Writer.uniqueSlug("repo-");
        project = Writer.project(organization, slug, "private");
        spec = Writer.spec("firecracker", Instant.parse("2026-02-24T12:00:00Z"));
        runner = Writer.runner();
        failedJob = Writer.job(project, spec, JobStatus.PENDING, T0);
        Writer.execute("UPDATE job SET status = 'failed' WHERE uuid = ?", failedJob); // a writer's transition
        Writer.progress(failedJob, runner, T0.plusSeconds(2), T0.plusSeconds(4), T0.plusSeconds(91));
        Writer.output(failedJob, "{\"results\": [{\"exit_code\": 1, \"stdout\": \"partial output\"}],"
                + " \"error\": \"container crashed\"}");
        for (int i = 1; i <= 4; i++) {
            nonTerminalJob = Writer.job(project, spec, i % 2 == 0 ? JobStatus.PENDING : JobStatus.RUNNING, T0.plusSeconds(60L * i));
        }
        UUID other = Writer.project(organization, Writer.uniqueSlug("repo-other-"), "public");
        otherProjectJob = Writer.job(other, spec, JobStatus.PENDING, T0);
    }

    @Test
    @RunOnVertxContext
    void d8_r11_findsLiveProjectsBySlugAndUuidOnly(UniAsserter asserter) {
        asserter.assertThat(() -> pageWithTotal(filter(slugRef(slug), ADMIN, null), Direction.DESC, 0, 8),
                page -> assertThat(page).get().extracting(JobPage::total).isEqualTo(5L));
        asserter.assertThat(() -> pageWithTotal(filter(uuidRef(project), ADMIN, null), Direction.DESC, 0, 8),
                page -> assertThat(page).get().extracting(JobPage::total).isEqualTo(5L));
        asserter.assertThat(() -> pageWithTotal(filter(slugRef("repo-no-such-project"), ADMIN, null), Direction.DESC, 0, 8),
                page -> assertThat(page).isEmpty());
    }

    @Test
    @RunOnVertxContext
    void d8_softDeletedProjectsAreNotFound(UniAsserter asserter) {
        UUID deleted = Writer.project(organization, Writer.uniqueSlug("repo-deleted-"), "public");
        Writer.deleteProject(deleted);
        asserter.assertThat(() -> pageWithTotal(filter(uuidRef(deleted), ADMIN, null), Direction.DESC, 0, 8),
                page -> assertThat(page).isEmpty());
        asserter.assertThat(() -> jobs.findInProject(uuidRef(deleted), ADMIN, UUID.randomUUID(), true),
                found -> assertThat(found).isEmpty());
    }

    @Test
    @RunOnVertxContext
    void r58_a8_privateProjectsAreFoundOnlyWithTheViewRule(UniAsserter asserter) {
        ProjectRoles member = new ProjectRoles(false, Set.of(), Set.of(UUID.randomUUID()));
        ProjectRoles leader = new ProjectRoles(false, Set.of(organization), Set.of());
        ProjectRoles viewer = new ProjectRoles(false, Set.of(), Set.of(project));
        asserter.assertThat(() -> pageWithTotal(filter(slugRef(slug), ProjectRoles.NONE, null), Direction.DESC, 0, 8),
                page -> assertThat(page).isEmpty());
        // the page query applies the rule itself: it reads no job of a project the caller may not view
        asserter.assertThat(() -> jobs.findPage(filter(slugRef(slug), ProjectRoles.NONE, null), Direction.DESC, 0, 8),
                page -> assertThat(page).isEmpty());
        asserter.assertThat(() -> jobs.findPage(filter(slugRef(slug), viewer, null), Direction.DESC, 0, 8),
                page -> assertThat(page).hasSize(5));
        asserter.assertThat(() -> pageWithTotal(filter(slugRef(slug), member, null), Direction.DESC, 0, 8),
                page -> assertThat(page).isEmpty());
        asserter.assertThat(() -> pageWithTotal(filter(slugRef(slug), leader, null), Direction.DESC, 0, 8),
                page -> assertThat(page).isPresent());
        asserter.assertThat(() -> jobs.findInProject(slugRef(slug), viewer, failedJob, false),
                found -> assertThat(found).get().extracting(StoredJob::job).isNotEqualTo(Optional.empty()));
        asserter.assertThat(() -> jobs.findInProject(slugRef(slug), ProjectRoles.NONE, failedJob, false),
                found -> assertThat(found).isEmpty());
    }

    @Test
    @RunOnVertxContext
    void d11_readsTheJobWithItsSpecAndOutput(UniAsserter asserter) {
        asserter.assertThat(() -> jobs.findInProject(uuidRef(project), ADMIN, failedJob, true), found -> {
            Job job = found.orElseThrow().job().orElseThrow();
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.runner()).isEqualTo(runner);
            assertThat(job.created()).isEqualTo(T0);
            assertThat(job.claimed()).isEqualTo(T0.plusSeconds(2));
            assertThat(job.completed()).isEqualTo(T0.plusSeconds(91));
            assertThat(job.spec().uuid()).isEqualTo(spec);
            assertThat(job.spec().sandbox()).isEqualTo("firecracker");
            assertThat(job.spec().memory()).isEqualTo(4294967296L);
            assertThat(job.spec().fallback()).isEqualTo(Instant.parse("2026-02-24T12:00:00Z"));
            assertThat(found.get().output()).get(InstanceOfAssertFactories.STRING)
                    .contains("\"exit_code\": 1").contains("container crashed");
        });
    }

    @Test
    @RunOnVertxContext
    void r30_theOutputIsReadOnlyWhenItMayBeShown(UniAsserter asserter) {
        asserter.assertThat(() -> jobs.findInProject(uuidRef(project), ADMIN, failedJob, false),
                found -> assertThat(found.orElseThrow().output()).isEmpty());
        Writer.output(nonTerminalJob, "{\"results\": []}");
        asserter.assertThat(() -> jobs.findInProject(uuidRef(project), ADMIN, nonTerminalJob, true),
                found -> assertThat(found.orElseThrow().output()).isEmpty());
    }

    @Test
    @RunOnVertxContext
    void r28_aJobOfAnotherProjectIsNotFound(UniAsserter asserter) {
        asserter.assertThat(() -> jobs.findInProject(uuidRef(project), ADMIN, otherProjectJob, true),
                found -> assertThat(found.orElseThrow().job()).isEmpty());
    }

    @Test
    @RunOnVertxContext
    void r19_r24_pageAndTotalUseTheSameFilter(UniAsserter asserter) {
        asserter.assertThat(() -> pageWithTotal(filter(uuidRef(project), ADMIN, null), Direction.DESC, 1, 2), page -> {
            assertThat(page.orElseThrow().total()).isEqualTo(5);
            assertThat(page.get().jobs()).extracting(Job::created)
                    .containsExactly(T0.plusSeconds(180), T0.plusSeconds(120));
        });
        asserter.assertThat(() -> pageWithTotal(filter(uuidRef(project), ADMIN, JobStatus.PENDING), Direction.ASC, 0, 8), page -> {
            assertThat(page.orElseThrow().total()).isEqualTo(2);
            assertThat(page.get().jobs()).extracting(Job::status).containsOnly(JobStatus.PENDING);
            assertThat(page.get().jobs()).extracting(Job::created)
                    .containsExactly(T0.plusSeconds(120), T0.plusSeconds(240));
        });
    }

    /** The page and the total of a filter, as JobService combines them (R25). */
    private Uni<Optional<JobPage>> pageWithTotal(JobFilter filter, Direction direction, long offset, int limit) {
        return Uni.combine().all().unis(jobs.findPage(filter, direction, offset, limit), counts.total(filter))
                .with((page, total) -> total.map(count -> new JobPage(page, count)));
    }

    private static JobFilter filter(ProjectRef ref, ProjectRoles caller, JobStatus status) {
        return new JobFilter(ref, caller, Optional.ofNullable(status));
    }

    private static ProjectRef slugRef(String slug) {
        return PathParams.project(slug);
    }

    private static ProjectRef uuidRef(UUID uuid) {
        return PathParams.project(uuid.toString());
    }
}
