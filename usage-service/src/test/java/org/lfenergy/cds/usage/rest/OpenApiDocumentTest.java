package org.lfenergy.cds.usage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class OpenApiDocumentTest {

    static final List<Class<?>> RESOURCES = List.of(ServicePointResource.class, MeterDeviceResource.class,
            UsageSegmentResource.class, AggregationResource.class, EacResource.class);

    @Test
    void theServedDocumentListsExactlyEachEndpointsQueryParameters() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        List<String> expectedPaths = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            String path = resource.getAnnotation(Path.class).value();
            expectedPaths.add(path);
            List<String> params = new ArrayList<>();
            for (Method m : resource.getDeclaredMethods()) {
                if (m.isAnnotationPresent(jakarta.ws.rs.GET.class)) {
                    for (Parameter p : m.getParameters()) {
                        QueryParam q = p.getAnnotation(QueryParam.class);
                        if (q != null) {
                            params.add(q.value());
                        }
                    }
                }
            }
            List<String> documented = doc.getList("paths.'" + path + "'.get.parameters.findAll { it.in == 'query' }.name");
            assertThat(documented).as(path).containsExactlyInAnyOrderElementsOf(params);
            assertThat(doc.getList("paths.'" + path + "'.get.parameters.findAll { it.in == 'header' }.name"))
                    .containsExactly("X-CDS-Access-Filter");
            assertThat(doc.getMap("paths.'" + path + "'.get.responses")).containsKeys("200", "400", "401");
        }
        assertThat(paths.keySet()).containsExactlyInAnyOrderElementsOf(expectedPaths);
    }

    @Test
    void theDocumentedObjectsRequireTheSpecsRequiredFields() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getList("components.schemas.UsageSegment.required")).contains("segment_start", "segment_end",
                "interval", "formats", "values", "related_billsections");
        assertThat(doc.getList("components.schemas.MeterDevice.required")).contains("current_servicepoints",
                "previous_servicepoints", "meter_types");
        assertThat(doc.getList("components.schemas.ServicePoint.required")).contains("servicepoint_number",
                "current_servicecontracts");
        assertThat(doc.getList("components.schemas.Aggregation.required")).contains("aggregation_types",
                "aggregation_number", "scope", "authorization_details", "grouped_servicepoints", "grouped_regions",
                "consent_requirements");
    }
}
