package dev.bencher.jobs.api;

import dev.bencher.jobs.testsupport.PackagedAppResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link GateHardeningTest} against the packaged artifact (README "Tests against the packaged artifact"). */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedAppResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GateHardeningIT extends GateHardeningTest {
}
