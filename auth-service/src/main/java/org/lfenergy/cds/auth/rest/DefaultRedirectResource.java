package org.lfenergy.cds.auth.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.lfenergy.cds.auth.config.CdsConfig;

/**
 * The server-hosted default {@code redirect_uri} of consent Client Objects (WG3 §9.3 step 8): success → the receipt of
 * the approval this browser just made; errors → the Default Redirect Error page ("you declined" for access_denied).
 * The code itself is never used here: the client finds the Grant through the Grants API.
 */
@Path("/oauth/default-redirect/{clientId}")
public class DefaultRedirectResource {

    /** Cookie set at approval when the request used the default redirect URI: the receipt's URL token. */
    public static final String RECEIPT_COOKIE = "cds_receipt";

    private final CdsConfig config;

    @Location("default-redirect.html")
    Template page;

    public DefaultRedirectResource(CdsConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> landed(@PathParam("clientId") String clientId, @QueryParam("code") String code,
            @QueryParam("error") String error, @QueryParam("error_description") String description,
            @CookieParam(RECEIPT_COOKIE) String receipt, @Context UriInfo uri) {
        if (error == null && code != null && receipt != null && !receipt.isBlank()) {
            return Uni.createFrom().item(Response.seeOther(uri.getBaseUriBuilder().path("oauth/receipts").path(receipt)
                    .build()).header(HttpHeaders.CACHE_CONTROL, "no-store").build());
        }
        return page.data("brand", config.auth().brandName()).data("error", error)
                .data("declined", "access_denied".equals(error)).data("description", description)
                .createUni().map(html -> Response.status(error == null ? 200 : 400)
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").header("X-Robots-Tag", "noindex")
                        .header("Referrer-Policy", "no-referrer").build());
    }
}
