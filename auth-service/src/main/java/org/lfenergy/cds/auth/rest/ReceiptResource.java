package org.lfenergy.cds.auth.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.Receipts;
import org.lfenergy.cds.auth.service.model.GrantState;

/**
 * Authorization Receipt pages (WG3 §9.4) at {@code /oauth/receipts/<random token>}: no login, {@code noindex}, the
 * Grant's current status in plain words and, while it gives access, a revoke button that works without login.
 */
@Path("/oauth/receipts/{token}")
public class ReceiptResource {

    private final Receipts receipts;
    private final CdsConfig config;
    private final ZoneId zone;

    @Location("receipt.html")
    Template receiptPage;

    public ReceiptResource(Receipts receipts, CdsConfig config) {
        this.receipts = receipts;
        this.config = config;
        this.zone = ZoneId.of(config.timezone());
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> receipt(@PathParam("token") String token) {
        return receipts.page(token).chain(page -> {
            var d = page.receipt().document();
            var newer = page.newer();
            return receiptPage.data("brand", config.auth().brandName())
                    .data("confirmation", page.receipt().confirmation())
                    .data("created", Receipts.DATE_TIME.format(page.receipt().created().atZone(zone)))
                    .data("newerPath", newer == null ? null : newer.token())
                    .data("newerConfirmation", newer == null ? null : newer.confirmation())
                    .data("replaces", d.path("replaces").asText(null))
                    .data("changes", page.changes())
                    .data("status", status(page.grant().status()))
                    .data("active", page.grant().status().allowsAccess())
                    .data("clientName", d.path("client_name").asText())
                    .data("clientUri", d.path("client_uri").asText(null))
                    .data("sections", sections(d.path("sections")))
                    .data("selected", Receipts.selectedLines(d))
                    .data("revokePath", token + "/revoke")
                    .createUni();
        }).map(html -> Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("X-Robots-Tag", "noindex")
                .header("Referrer-Policy", "no-referrer").header("X-Frame-Options", "DENY").build());
    }

    /** Revokes the Grant; the receipt URL is the authority (no login, spec §9.4). */
    @POST
    @Path("revoke")
    public Uni<Response> revoke(@PathParam("token") String token, @Context UriInfo uri) {
        return receipts.revoke(token).map(g -> Response.seeOther(uri.getBaseUriBuilder().path("oauth/receipts")
                .path(token).build()).header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    @ServerExceptionMapper
    public Response notFound(ApiError e) {
        return Response.status(e.status()).type(MediaType.TEXT_PLAIN_TYPE).entity("No such receipt.")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("X-Robots-Tag", "noindex").build();
    }

    /** A Request Section as the customer saw it on the form. */
    @io.quarkus.qute.TemplateData
    public record Section(String name, String data, List<String> durations, String purposeName,
            String purposeContent) {
    }

    private static List<Section> sections(com.fasterxml.jackson.databind.JsonNode array) {
        List<Section> out = new ArrayList<>();
        for (var s : array) {
            List<String> durations = new ArrayList<>();
            s.path("durations").forEach(x -> durations.add(x.asText()));
            out.add(new Section(s.path("name").asText(), s.path("data").asText(), durations,
                    s.path("purpose_name").asText(null), s.path("purpose_content").asText(null)));
        }
        return out;
    }

    static String status(GrantState state) {
        return switch (state) {
            case ACTIVE -> "Active: the app can access the data you selected.";
            case PARTIAL -> "Partly active: the app can access part of the data you selected.";
            case PENDING -> "Being prepared: access starts when your data is ready.";
            case REVOKED -> "Revoked: the app can no longer access your data.";
            case CLOSED -> "Closed by the app: it can no longer access your data.";
            case EXPIRED -> "Expired: the app can no longer access your data.";
            default -> "Not active (" + state.wire() + "): the app cannot access your data now.";
        };
    }
}
