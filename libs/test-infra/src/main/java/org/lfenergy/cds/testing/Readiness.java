package org.lfenergy.cds.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Asserts the running {@code @QuarkusTest} application's readiness report. */
public final class Readiness {

    private Readiness() {
    }

    /** {@code /q/health/ready} answers 200 UP and lists each named check as UP. */
    public static void assertReadyWithChecksUp(String... checkNames) {
        var response = given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(checkNames));
        for (String name : checkNames) {
            response.body("checks.find { it.name == '" + name + "' }.status", equalTo("UP"));
        }
    }
}
