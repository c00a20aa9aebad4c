package org.lfenergy.cds.gateway.rest;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.gateway.config.GatewayConfig;
import org.lfenergy.cds.gateway.service.ClientRateLimiter;
import org.lfenergy.cds.gateway.service.DataApi;
import org.lfenergy.cds.gateway.service.ForwardedHeaders;
import org.lfenergy.cds.gateway.service.GatewayError;
import org.lfenergy.cds.gateway.service.GatewayException;
import org.lfenergy.cds.gateway.service.GatewayMetrics;
import org.lfenergy.cds.gateway.service.GatewayTracing;
import org.lfenergy.cds.gateway.service.GrantAuthorizer;
import org.lfenergy.cds.gateway.service.SignedFilters;
import org.lfenergy.cds.gateway.service.TokenClaims;
import org.lfenergy.cds.gateway.service.UpstreamProxy;
import org.lfenergy.cds.gateway.service.UpstreamService;
import org.lfenergy.cds.gateway.service.VerifiedTokens;

/**
 * The public routes. {@code /cds/v1/<api>} (the nine data APIs) need a valid bearer token whose grant covers the API;
 * they go to billing-service or usage-service with the signed access filter. The auth paths go to auth-service
 * unchanged. Everything else ({@code /q/*}: health, metrics, OpenAPI, Swagger UI) is served by the gateway itself.
 * Runs on the event loop: token validation, grant lookup and forwarding never block. The per-request path uses plain
 * Vert.x futures (Mutiny only where quarkus-oidc verifies a token not seen before).
 */
@Singleton
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
    private static final String BEARER = "bearer ";

    private final TenantIdentityProvider tokens;
    private final GrantAuthorizer authorizer;
    private final ClientRateLimiter rateLimiter;
    private final SignedFilters signedFilters;
    private final UpstreamProxy proxy;
    private final GatewayMetrics metrics;
    private final GatewayConfig config;
    private final VerifiedTokens verifiedTokens;
    private final GatewayTracing tracing;

    public GatewayRoutes(TenantIdentityProvider tokens, GrantAuthorizer authorizer, ClientRateLimiter rateLimiter,
            SignedFilters signedFilters, UpstreamProxy proxy, GatewayMetrics metrics, GatewayConfig config,
            VerifiedTokens verifiedTokens, GatewayTracing tracing) {
        this.tracing = tracing;
        this.tokens = tokens;
        this.authorizer = authorizer;
        this.rateLimiter = rateLimiter;
        this.signedFilters = signedFilters;
        this.proxy = proxy;
        this.metrics = metrics;
        this.config = config;
        this.verifiedTokens = verifiedTokens;
    }

    void register(@Observes Router router) {
        router.route().order(-1000).handler(this::dispatch);
    }

    /** The route a request path takes. */
    record Target(String route, UpstreamService upstream, DataApi api) {
    }

    /** Where a normalized path goes: a data API, auth-service, or nowhere here (empty: Quarkus serves it). */
    Optional<Target> target(String path) {
        Optional<DataApi> api = DataApi.forPath(path);
        if (api.isPresent()) {
            return Optional.of(new Target(api.get().segment(), api.get().upstream(), api.get()));
        }
        if (path.startsWith(DataApi.BASE_PATH) || path.equals(DataApi.BASE_PATH.substring(0, DataApi.BASE_PATH.length() - 1))) {
            return Optional.of(new Target("unknown", null, null));
        }
        for (String prefix : authPaths()) {
            if (path.startsWith(prefix) || path.equals(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)) {
                return Optional.of(new Target("auth", UpstreamService.AUTH, null));
            }
        }
        return Optional.empty();
    }

    private List<String> authPaths() {
        return config.authPaths();
    }

    private void dispatch(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Optional<Target> target = target(path);
        if (target.isEmpty()) {
            ctx.next();
            return;
        }
        Target t = target.get();
        HttpServerRequest in = ctx.request();
        long start = System.nanoTime();
        io.opentelemetry.context.Context trace = tracing.startServer(in, t.api() == null ? null : t.api().path());
        ctx.addEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            long nanos = System.nanoTime() - start;
            // a recorded trace is current while timing, so the histogram's exemplar names it
            tracing.inRecordedSpan(trace, () -> metrics.record(t.route(),
                    t.upstream() == null ? "none" : t.upstream().displayName(), status, nanos));
            tracing.endServer(trace, status);
        });
        if (t.upstream() == null) {
            respond(ctx, GatewayError.unknownApi(path));
            return;
        }
        in.pause(); // the body (if any) is streamed to the service once the request is authorized
        String query = in.query();
        String pathAndQuery = query == null ? path : path + "?" + query;
        Future<MultiMap> headers;
        try {
            headers = t.api() == null
                    ? Future.succeededFuture(ForwardedHeaders.request(in, false))
                    : authorize(in, t.api());
        } catch (RuntimeException e) {
            headers = Future.failedFuture(e);
        }
        headers.compose(h -> proxy.send(t.upstream(), in, pathAndQuery, h, trace))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        stream(ctx, ar.result());
                    } else {
                        fail(ctx, t, ar.cause());
                    }
                });
    }

    /**
     * Validates the bearer token, applies the rate limit and the grant; the headers for the service. A token verified
     * before (and not expired) is decided synchronously; a new one goes through quarkus-oidc first.
     */
    private Future<MultiMap> authorize(HttpServerRequest in, DataApi api) {
        String authorization = in.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Future.failedFuture(GatewayError.missingToken().exception());
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            return Future.failedFuture(GatewayError.invalidToken("Empty bearer token").exception());
        }
        Optional<TokenClaims> known = verifiedTokens.find(token);
        if (known.isPresent()) {
            return Future.succeededFuture(forward(in, api, known.get()));
        }
        // back on the request's own context when done, so the upstream call continues the request's trace
        Context context = Vertx.currentContext();
        Promise<MultiMap> result = Promise.promise();
        tokens.authenticate(new AccessTokenCredential(token))
                .subscribe().with(identity -> onContext(context, () -> {
                    try {
                        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
                        TokenClaims claims = TokenClaims.read(
                                name -> "aud".equals(name) ? jwt.getAudience() : jwt.getClaim(name),
                                config.token().clientClaims(), config.token().grantClaim());
                        long exp = jwt.getExpirationTime();
                        verifiedTokens.put(token, claims, exp > 0 ? Instant.ofEpochSecond(exp) : null);
                        result.complete(forward(in, api, claims));
                    } catch (RuntimeException e) {
                        result.fail(e);
                    }
                }), failure -> onContext(context, () -> result.fail(tokenFailure(failure))));
        return result.future();
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** The checks after the token's signature: token shape, rate limit, grant; the headers for the service. */
    private MultiMap forward(HttpServerRequest in, DataApi api, TokenClaims claims) {
        authorizer.checkToken(claims);
        OptionalLong wait = rateLimiter.tryAcquire(claims.clientId());
        if (wait.isPresent()) {
            throw GatewayError.rateLimited(wait.getAsLong()).exception();
        }
        GrantAuthorizer.Decision decision = authorizer.decide(claims, api);
        MultiMap headers = ForwardedHeaders.request(in, true);
        headers.set(AccessFilter.HEADER, signedFilters.header(decision, authorizer::filter));
        return headers;
    }

    private static Throwable tokenFailure(Throwable failure) {
        if (failure instanceof AuthenticationFailedException) {
            return GatewayError.invalidToken("The access token is invalid or expired").exception();
        }
        LOG.warnf("token validation could not run: %s", failure.toString());
        return GatewayError.unavailable("Token validation is unavailable", 5).exception();
    }

    /** Streams the service's answer to the client with back-pressure; a broken stream resets the client connection. */
    private static void stream(RoutingContext ctx, HttpClientResponse response) {
        HttpServerResponse out = ctx.response();
        if (out.closed()) {
            response.request().reset();
            return;
        }
        out.setStatusCode(response.statusCode());
        if (response.statusMessage() != null) {
            out.setStatusMessage(response.statusMessage());
        }
        ForwardedHeaders.copyResponse(response.headers(), out.headers());
        if (!out.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(ctx.request().method(), response.statusCode())) {
            out.setChunked(true);
        }
        response.pipe().endOnFailure(false).to(out).onFailure(err -> {
            LOG.debugf("stream from upstream broken: %s", err.toString());
            response.request().reset();
            if (!out.ended() && !out.closed()) {
                out.reset();
            }
        });
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    private void fail(RoutingContext ctx, Target t, Throwable failure) {
        GatewayError error;
        if (failure instanceof GatewayException g) {
            error = g.error();
        } else if (failure instanceof TimeoutException) {
            error = GatewayError.gatewayTimeout(t.upstream().displayName() + " did not answer in time");
        } else if (failure instanceof ConnectException) {
            error = GatewayError.badGateway(t.upstream().displayName() + " is unreachable");
        } else {
            LOG.debugf(failure, "exchange with %s failed", t.upstream().displayName());
            error = GatewayError.badGateway("The exchange with " + t.upstream().displayName() + " failed");
        }
        respond(ctx, error);
    }

    private static void respond(RoutingContext ctx, GatewayError error) {
        HttpServerResponse out = ctx.response();
        if (out.headWritten()) {
            if (!out.ended() && !out.closed()) {
                out.reset();
            }
            return;
        }
        HttpServerRequest in = ctx.request();
        if (!in.isEnded()) {
            // discard an unread body; an HTTP/2 request whose stream is already ended refuses resume() with an
            // IllegalStateException, which left the client without an answer until its own timeout
            in.resume();
        }
        out.setStatusCode(error.status());
        out.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        out.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (error.wwwAuthenticate() != null) {
            out.putHeader("WWW-Authenticate", error.wwwAuthenticate());
        }
        if (error.retryAfterSeconds() != null) {
            out.putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        out.end(error.body());
    }
}
