package org.lfenergy.cds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * SQL and script injection payloads for every query parameter of every GET endpoint of an OpenAPI document, and the
 * one rule each answer must keep: a 400 JSON error naming the parameter, or a 200 listing that matched nothing
 * (a filter value is data, never SQL or markup). Never a 5xx, never an HTML body.
 */
public final class InjectionCorpus {

    /** The injection payloads sent as the value of every filter parameter. */
    public static final List<String> PAYLOADS = List.of(
            "' OR '1'='1",
            "1' OR 1=1--",
            "'; DROP TABLE accounts; --",
            "x') UNION SELECT table_name FROM information_schema.tables--",
            "1;SELECT pg_sleep(10)",
            "%' OR '%'='",
            "%1",
            "_1",
            "\\",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(document.cookie)>",
            "javascript:alert(1)",
            "${jndi:ldap://127.0.0.1:1/a}",
            "{{7*7}}",
            "\u0000",
            "'".repeat(1000)); // 3,000 characters URL-encoded: long, but within the 4,096-character request line

    /** One query parameter of one endpoint. */
    public record Parameter(String path, String name) {
    }

    /** One request of the corpus. */
    public record Probe(String path, String parameter, String value) {
        @Override
        public String toString() {
            String shown = value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
            return path + " " + parameter + "=" + shown.replace("\u0000", "\\0");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private InjectionCorpus() {
    }

    /** Every query parameter of every GET operation (path-level and {@code $ref}'d parameters included). */
    public static List<Parameter> queryParameters(JsonNode openApi) {
        List<Parameter> out = new ArrayList<>();
        JsonNode shared = openApi.path("components").path("parameters");
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().path("get");
            if (get.isMissingNode() || path.getKey().contains("{")) {
                continue;
            }
            List<JsonNode> params = new ArrayList<>();
            path.getValue().path("parameters").forEach(params::add);
            get.path("parameters").forEach(params::add);
            for (JsonNode p : params) {
                if (p.has("$ref")) {
                    String ref = p.get("$ref").asText();
                    p = shared.path(ref.substring(ref.lastIndexOf('/') + 1));
                }
                if ("query".equals(p.path("in").asText())) {
                    out.add(new Parameter(path.getKey(), p.path("name").asText()));
                }
            }
        }
        return out;
    }

    /** Every payload in every parameter. */
    public static Stream<Probe> probes(List<Parameter> parameters) {
        return parameters.stream().flatMap(p -> PAYLOADS.stream().map(v -> new Probe(p.path(), p.name(), v)));
    }

    /**
     * The answer to an injection probe: a 400 JSON error naming the parameter, or a 200 JSON listing whose every
     * array is empty (the value matched nothing, so it was treated as data).
     */
    public static void assertHarmless(Probe probe, Response response) {
        int status = response.statusCode();
        check(status == 200 || status == 400, probe + " answered " + status + ": " + response.asString());
        String type = response.contentType();
        check(type != null && type.startsWith("application/json"), probe + " content type " + type);
        JsonNode body;
        try {
            body = JSON.readTree(response.asByteArray());
        } catch (java.io.IOException e) {
            throw new AssertionError(probe + ": the body is not JSON: " + response.asString(), e);
        }
        if (status == 400) {
            // CDS data APIs name it in "parameter"; OAuth-style errors (auth-service) in "error_description"
            String named = body.has("parameter") ? body.path("parameter").asText()
                    : body.path("error_description").asText();
            check(named.contains(probe.parameter()), probe + ": the error does not name the parameter: " + body);
            return;
        }
        body.fields().forEachRemaining(field -> check(!field.getValue().isArray() || field.getValue().isEmpty(),
                probe + " matched " + field.getKey() + ": " + field.getValue()));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
