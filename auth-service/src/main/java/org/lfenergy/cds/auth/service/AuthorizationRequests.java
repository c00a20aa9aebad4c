package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.repository.AuthorizationRequestRepository;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.GrantRepository;
import org.lfenergy.cds.auth.service.consent.Preselection;
import org.lfenergy.cds.auth.service.model.AuthorizationRequest;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.scope.AuthorizationDetailsResolver;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/**
 * Pre-authentication validation of customer authorization requests (WG3 §9.1, cds-auth-side §13.2 step 1), shared
 * by {@code /oauth/authorize} and {@code /oauth/par}: client, exact redirect URI, response type, PKCE S256, then
 * scope and {@code authorization_details} resolved like the direct-access path (defaults from the Client Object).
 */
@ApplicationScoped
public class AuthorizationRequests {

    /** RFC 9126 §2.2 request_uri prefix. */
    public static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ClientObjectRepository clients;
    private final GrantRepository grants;
    private final AuthorizationRequestRepository requests;
    private final AuthorizationDetailsResolver resolver;
    private final ScopeCatalog catalog;
    private final ObjectMapper mapper;
    private final CdsConfig config;
    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    public AuthorizationRequests(ClientObjectRepository clients, AuthorizationRequestRepository requests,
            GrantRepository grants, ScopeCatalog catalog, ObjectMapper mapper, CdsConfig config) {
        this.clients = clients;
        this.grants = grants;
        this.requests = requests;
        this.resolver = new AuthorizationDetailsResolver(catalog);
        this.catalog = catalog;
        this.mapper = mapper;
        this.config = config;
        this.zone = ZoneId.of(config.timezone());
    }

    /**
     * Validates a front-channel request and stores it as {@code started} for this browser.
     *
     * @param params      the query parameters (first value of each; repeated parameters are refused)
     * @param browserHash hash of the browser's binding cookie
     */
    public Uni<AuthorizationRequest> startFromQuery(Map<String, List<String>> params, String browserHash) {
        String clientId = single(params, "client_id", null);
        if (clientId == null || clientId.isBlank()) {
            throw AuthorizeError.page("invalid_request", "client_id is missing");
        }
        return clients.find(clientId).chain(found -> {
            ClientObject client = codeClient(found.orElse(null));
            if (params.containsKey("request_uri")) {
                return fromPushed(client, single(params, "request_uri", null), browserHash);
            }
            AuthorizationRequest request = validate(client, params, AuthorizationRequest.STARTED, browserHash, null);
            return checkGrant(request).chain(() -> requests.insert(request)).replaceWith(request);
        });
    }

    /** Validates a pushed request (RFC 9126) of an authenticated client and stores it; errors are not redirected. */
    public Uni<AuthorizationRequest> push(ClientObject client, Map<String, List<String>> params) {
        String formClient = single(params, "client_id", null);
        if (formClient != null && !formClient.equals(client.clientId())) {
            throw ApiError.invalidClient("client_id does not match the authenticated client");
        }
        if (params.containsKey("request_uri")) {
            throw ApiError.badRequest("request_uri is not allowed in a pushed authorization request");
        }
        AuthorizationRequest request;
        try {
            request = validate(codeClientForPar(client), params, AuthorizationRequest.PUSHED, null,
                    REQUEST_URI_PREFIX + Ids.secret());
        } catch (AuthorizeError e) {
            throw new ApiError(400, e.error(), e.description());
        }
        AuthorizationRequest valid = request;
        return checkGrant(valid).onFailure(AuthorizeError.class)
                .transform(e -> new ApiError(400, ((AuthorizeError) e).error(), e.getMessage()))
                .chain(() -> requests.insert(valid)).replaceWith(valid);
    }

    /**
     * A Grant Authorization Request (WG1-02 §8.3) names a Grant of this client that is not final and whose scope
     * holds every requested scope; otherwise {@code cds_grant_id_invalid_value}, redirected to the client.
     */
    private Uni<Void> checkGrant(AuthorizationRequest request) {
        String grantId = request.grantIdToAuthorize();
        if (grantId == null) {
            return Uni.createFrom().voidItem();
        }
        return grants.find(grantId).map(found -> {
            Grant grant = found.orElse(null);
            if (grant == null || !grant.clientId().equals(request.clientId()) || grant.status().isFinal()
                    || grant.targetGrantId() != null || !grant.scopes().containsAll(request.scopes())) {
                throw new AuthorizeError("cds_grant_id_invalid_value", "cds_grant_id does not name an open grant of"
                        + " this client covering the requested scope", request.redirectUri(), request.state());
            }
            return null;
        }).replaceWithVoid();
    }

    private Uni<AuthorizationRequest> fromPushed(ClientObject client, String requestUri, String browserHash) {
        return requests.findByRequestUri(requestUri == null ? "" : requestUri).chain(found -> {
            Instant now = clock.instant();
            AuthorizationRequest pushed = found.filter(r -> r.clientId().equals(client.clientId())
                    && AuthorizationRequest.PUSHED.equals(r.status()) && !r.isExpiredAt(now)).orElseThrow(() ->
                    AuthorizeError.page("invalid_request_uri", "request_uri is unknown, expired or used already"));
            Instant expires = now.plus(config.auth().requestLifetime());
            return requests.start(pushed.requestId(), browserHash, expires).map(ok -> {
                if (!ok) {
                    throw AuthorizeError.page("invalid_request_uri", "request_uri is unknown, expired or used already");
                }
                return pushed;
            });
        });
    }

    private static ClientObject codeClient(ClientObject client) {
        if (client == null || client.isDisabled()) {
            throw AuthorizeError.page("invalid_request", "the client is unknown or disabled");
        }
        if (!client.responseTypes().contains("code")) {
            throw AuthorizeError.page("unauthorized_client", "the client may not use the authorization code flow");
        }
        return client;
    }

    private static ClientObject codeClientForPar(ClientObject client) {
        if (!client.responseTypes().contains("code")) {
            throw new ApiError(400, "unauthorized_client", "this Client Object may not use the authorization code flow");
        }
        return client;
    }

    /** The pure validation: throws {@link AuthorizeError} (redirectable once the redirect URI is trusted). */
    AuthorizationRequest validate(ClientObject client, Map<String, List<String>> params, String status,
            String browserHash, String requestUri) {
        String redirectUri = single(params, "redirect_uri", null);
        List<String> registered = ClientObjectTexts.list(client.document().path("redirect_uris"));
        if (redirectUri == null) {
            redirectUri = client.document().path("cds_default_redirect_uri").asText(null);
            if (redirectUri == null) {
                throw AuthorizeError.page("invalid_request", "redirect_uri is missing and the client has no default");
            }
        } else if (!registered.contains(redirectUri)) {
            throw AuthorizeError.page("invalid_request", "redirect_uri is not registered for this client");
        }
        String state = single(params, "state", null);
        String target = redirectUri;
        String responseType = single(params, "response_type", target, state);
        // cds-auth-side §16 C8: an invalid response_type shows the Invalid Request Error page (no redirect).
        if (!"code".equals(responseType)) {
            throw AuthorizeError.page("unsupported_response_type", "response_type must be code");
        }
        String challenge = single(params, "code_challenge", target, state);
        String method = single(params, "code_challenge_method", target, state);
        if (challenge == null) {
            throw new AuthorizeError("invalid_request", "PKCE is required: send code_challenge with"
                    + " code_challenge_method=S256", target, state);
        }
        if (!"S256".equals(method)) {
            throw new AuthorizeError("invalid_request", "code_challenge_method must be S256 (plain is not allowed)",
                    target, state);
        }
        if (!S256_CHALLENGE.matcher(challenge).matches()) {
            throw new AuthorizeError("invalid_request", "code_challenge must be a base64url SHA-256 value (43 characters)",
                    target, state);
        }
        String scope = single(params, "scope", target, state);
        String detailsText = single(params, "authorization_details", target, state);
        JsonNode details = null;
        if (detailsText != null && !detailsText.isBlank()) {
            try {
                details = mapper.readTree(detailsText);
            } catch (JsonProcessingException e) {
                throw new AuthorizeError("invalid_authorization_details", "authorization_details is not valid JSON",
                        target, state);
            }
        }
        if ((scope == null || scope.isBlank()) && details == null) {
            scope = client.document().path("cds_default_scope").asText(String.join(" ", client.scopes()));
            JsonNode defaults = client.document().get("cds_default_authorization_details");
            details = defaults == null || defaults.isNull() || defaults.isEmpty() ? null : defaults;
        }
        List<String> requested = scope == null || scope.isBlank() ? List.of() : catalog.expand(List.of(scope.trim().split("\\s+")));
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        AuthorizationDetailsResolver.Resolution resolution;
        try {
            resolution = resolver.resolve(requested, details, client.scopes(), client.authorizationDetailsTypes(), now,
                    true);
        } catch (ApiError e) {
            throw new AuthorizeError(e.error(), e.description(), target, state);
        }
        if (resolution.scopes().isEmpty()) {
            throw new AuthorizeError("invalid_scope", "no scope requested", target, state);
        }
        try {
            List<JsonNode> effective = new java.util.ArrayList<>();
            resolution.requested().forEach(effective::add);
            Preselection.sections(effective);
        } catch (ApiError e) {
            throw new AuthorizeError(e.error(), e.description(), target, state);
        }
        // WG1-02 §8.3: cds_grant_id is evaluated last; an empty value counts as absent
        List<String> grantIds = params.getOrDefault("cds_grant_id", List.of()).stream()
                .filter(v -> v != null && !v.isBlank()).distinct().toList();
        if (grantIds.size() > 1) {
            throw new AuthorizeError("cds_grant_id_invalid_value", "cds_grant_id must have one value", target, state);
        }
        ObjectNode document = mapper.createObjectNode();
        document.set("authorization_details", resolution.resolved());
        document.set("requested", resolution.requested());
        if (!grantIds.isEmpty()) {
            document.put("cds_grant_id", grantIds.get(0));
        }
        Instant created = clock.instant();
        Instant expires = created.plus(AuthorizationRequest.PUSHED.equals(status) ? config.auth().parLifetime()
                : config.auth().requestLifetime());
        return new AuthorizationRequest(Ids.random("ar"), requestUri, client.clientId(), redirectUri, state, challenge,
                String.join(" ", resolution.scopes()), status, browserHash, null, null, null, null, created, expires,
                document);
    }

    /** One value of a parameter; a repeated parameter is an error (redirected when {@code target} is known). */
    private static String single(Map<String, List<String>> params, String name, String target, String state) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            if (target == null) {
                throw AuthorizeError.page("invalid_request", "parameter " + name + " must not be repeated");
            }
            throw new AuthorizeError("invalid_request", "parameter " + name + " must not be repeated", target, state);
        }
        return values.get(0);
    }

    private static String single(Map<String, List<String>> params, String name, String target) {
        return single(params, name, target, null);
    }

    /** The client's redirect URI with error (or success) parameters appended (RFC 6749 §4.1.2). */
    public static String redirect(String redirectUri, Map<String, String> parameters) {
        StringBuilder out = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (p.getValue() == null) {
                continue;
            }
            out.append(separator).append(p.getKey()).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out.toString();
    }

    /** Error redirect of a redirectable {@link AuthorizeError}. */
    public static String errorRedirect(AuthorizeError e) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("error", e.error());
        p.put("error_description", e.description());
        p.put("state", e.state());
        return redirect(e.redirectUri(), p);
    }

    /** Small helpers over JSON arrays of strings. */
    static final class ClientObjectTexts {
        private ClientObjectTexts() {
        }

        static List<String> list(JsonNode array) {
            List<String> out = new java.util.ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }
    }
}
