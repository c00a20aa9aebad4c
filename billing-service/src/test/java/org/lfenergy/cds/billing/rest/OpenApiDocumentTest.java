package org.lfenergy.cds.billing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "billing"))
class OpenApiDocumentTest {

    @Test
    void documentsExactlyTheServedPathsAndParameters() {
        JsonPath doc = JsonPath.from(given().queryParam("format", "json").get("/q/openapi").asString());
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths.keySet()).containsExactlyInAnyOrder(
                java.util.Arrays.stream(Listing.values()).map(Listing::path).toArray(String[]::new));
        for (Listing l : Listing.values()) {
            String base = "paths.'" + l.path() + "'.get";
            List<String> query = doc.getList(base + ".parameters.findAll { it.in == 'query' }.name");
            assertThat(query).as(l.path()).containsExactlyElementsOf(l.acceptedNames());
            assertThat(doc.getList(base + ".parameters.findAll { it.in == 'header' }.name", String.class))
                    .containsExactly("X-CDS-Access-Filter");
            assertThat(doc.getMap(base + ".responses").keySet()).contains("200", "400", "401");
            assertThat(doc.getList(base + ".responses.'200'.content.'application/json'.schema.required", String.class))
                    .containsExactly(l.listKey(), "next", "previous");
        }
    }
}
