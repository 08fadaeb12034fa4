package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;

import dev.bencher.jobs.testsupport.PackagedAppResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link HttpSeriesTest} against the packaged artifact (README "Tests against the packaged artifact"),
 * which serves /q/metrics on its management port.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedAppResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HttpSeriesIT extends HttpSeriesTest {

    @Override
    String scrape() {
        return given().port(PackagedAppResource.managementPort()).get("/q/metrics").then().statusCode(200).extract()
                .asString();
    }
}
