package org.lfenergy.cds.auth.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.mapping.AuthorizationFormView;
import org.lfenergy.cds.auth.service.AuthorizationRequests;
import org.lfenergy.cds.auth.service.AuthorizeError;
import org.lfenergy.cds.auth.service.CustomerAuthorization;
import org.lfenergy.cds.auth.service.Ids;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/**
 * The customer-facing pages of the authorization code flow (WG3 §9): {@code /oauth/authorize} validates and sends
 * the customer to log in, {@code callback} receives the login, {@code form} shows and takes the decision. Errors
 * before the redirect URI is trusted are shown as a page, later ones go back to the client (RFC 6749 §4.1.2.1).
 */
@Path("/oauth/authorize")
public class AuthorizeResource {

    private static final String COOKIE_PATH = "/oauth/authorize";

    private final CustomerAuthorization authorization;
    private final ScopeCatalog catalog;
    private final CdsConfig config;

    @Location("authorize-error.html")
    Template errorPage;

    @Location("authorize-form.html")
    Template formPage;

    @Location("authorize-preselection-error.html")
    Template preselectionErrorPage;

    public AuthorizeResource(CustomerAuthorization authorization, ScopeCatalog catalog, CdsConfig config) {
        this.authorization = authorization;
        this.catalog = catalog;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> authorize(@Context UriInfo uri) {
        String secret = Ids.secret();
        return authorization.start(uri.getQueryParameters(), secret)
                .chain(request -> authorization.loginUrl(request, secret, callback(uri)).map(login ->
                        Response.seeOther(URI.create(login))
                                .cookie(new NewCookie.Builder(CustomerAuthorization.cookieName(request.requestId()))
                                        .value(secret).path(COOKIE_PATH).httpOnly(true)
                                        .secure("https".equals(uri.getBaseUri().getScheme()))
                                        .sameSite(NewCookie.SameSite.LAX)
                                        .maxAge((int) config.auth().requestLifetime().toSeconds()).build())
                                .header(HttpHeaders.CACHE_CONTROL, "no-store").build()));
    }

    @GET
    @Path("callback")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error, @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorization.loggedIn(state, code, error, cookie(headers, state), callback(uri))
                .map(next -> Response.seeOther(next.formOf() == null ? URI.create(next.location())
                                : uri.getBaseUriBuilder().path("oauth/authorize/form").queryParam("request", next.formOf())
                                        .build())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    @GET
    @Path("form")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> form(@QueryParam("request") String requestId, @Context HttpHeaders headers) {
        return authorization.form(requestId, cookie(headers, requestId)).chain(form -> render(form, 200));
    }

    /** The re-login link: back to the customer login for the same request (another customer may log in). */
    @GET
    @Path("relogin")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> relogin(@QueryParam("request") String requestId, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        return authorization.relogin(requestId, cookie(headers, requestId), callback(uri))
                .map(login -> Response.seeOther(URI.create(login)).header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }

    @POST
    @Path("form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> decide(MultivaluedMap<String, String> form, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        String requestId = form.getFirst("request");
        return authorization.decide(requestId, cookie(headers, requestId), form).chain(outcome -> {
            if (outcome instanceof CustomerAuthorization.Form again) {
                return render(again, 400);
            }
            CustomerAuthorization.Next next = (CustomerAuthorization.Next) outcome;
            Response.ResponseBuilder out = Response.seeOther(URI.create(next.location()))
                    .cookie(new NewCookie.Builder(CustomerAuthorization.cookieName(requestId)).value("")
                            .path(COOKIE_PATH).maxAge(0).build())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
            if (next.receiptToken() != null) {
                out.cookie(new NewCookie.Builder(DefaultRedirectResource.RECEIPT_COOKIE).value(next.receiptToken())
                        .path("/oauth/default-redirect").httpOnly(true).sameSite(NewCookie.SameSite.LAX)
                        .secure("https".equals(uri.getBaseUri().getScheme())).maxAge(600).build());
            }
            return Uni.createFrom().item(out.build());
        });
    }

    private Uni<Response> render(CustomerAuthorization.Form form, int status) {
        Template template = form.preselectionFailed() ? preselectionErrorPage : formPage;
        return template.data("view", AuthorizationFormView.of(config.auth().brandName(), form, catalog))
                .createUni().map(html -> page(status, html));
    }

    @ServerExceptionMapper
    public Uni<Response> refused(AuthorizeError e) {
        if (e.redirectable()) {
            return Uni.createFrom().item(Response.seeOther(URI.create(AuthorizationRequests.errorRedirect(e)))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
        }
        return errorPage.data("brand", config.auth().brandName()).data("error", e.error())
                .data("description", e.description()).createUni().map(html -> page(400, html));
    }

    private static Response page(int status, String html) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
                        + " script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self' http: https:")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** Where Keycloak sends the customer back after the login: this server, as the browser reached it. */
    private static String callback(UriInfo uri) {
        return uri.getBaseUriBuilder().path("oauth/authorize/callback").build().toString();
    }

    private static String cookie(HttpHeaders headers, String requestId) {
        if (requestId == null) {
            return null;
        }
        Cookie c = headers.getCookies().get(CustomerAuthorization.cookieName(requestId));
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }
}
