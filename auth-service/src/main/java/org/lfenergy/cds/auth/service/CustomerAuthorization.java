package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.repository.AuthorizationRequestRepository;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.CustomerObjectRepository;
import org.lfenergy.cds.auth.repository.CustomerObjectRepository.CustomerObject;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.keycloak.KeycloakTokens;
import org.lfenergy.cds.auth.service.model.AuthorizationRequest;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;

/**
 * The customer side of the authorization code flow (WG3 §9): after {@link AuthorizationRequests} validated the
 * request, the customer logs in at Keycloak (auth-service is an OIDC relying party with its own client, always
 * {@code prompt=login}: the customer always (re-)authenticates), sees the authorization form and
 * decides. On approval the Grant is created and the browser is handed to Keycloak's authorization endpoint for the
 * CDS client with the Grant's scope: Keycloak issues the code (bound to client, redirect URI and PKCE challenge) in
 * the session that just logged in, and its tokens carry {@code cds_grant_id}.
 */
@ApplicationScoped
public class CustomerAuthorization {

    /**
     * What the browser is sent to next.
     *
     * @param formOf when set, the authorization form of this request on this server (as the browser reached it)
     */
    public record Next(String location, String formOf, String receiptToken) {
        Next(String location) {
            this(location, null, null);
        }

        static Next form(String requestId) {
            return new Next(null, requestId, null);
        }
    }

    /** Everything the authorization form shows. */
    public record Form(AuthorizationRequest request, ClientObject client, List<CustomerObject> objects,
            String error) {
    }

    private final AuthorizationRequests validator;
    private final AuthorizationRequestRepository requests;
    private final ClientObjectRepository clients;
    private final CustomerObjectRepository customers;
    private final KeycloakRealm realm;
    private final KeycloakTokens tokens;
    private final GrantService grants;
    private final CdsUrls urls;
    private final CdsConfig config;
    private final CdsIds ids;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<String> loginSecret = new AtomicReference<>();
    private final Receipts receipts;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CustomerAuthorization.class);

    public CustomerAuthorization(AuthorizationRequests validator, AuthorizationRequestRepository requests,
            ClientObjectRepository clients, CustomerObjectRepository customers, KeycloakRealm realm,
            KeycloakTokens tokens, GrantService grants, CdsUrls urls, CdsConfig config, CdsIds ids,
            ObjectMapper mapper, Receipts receipts) {
        this.receipts = receipts;
        this.validator = validator;
        this.requests = requests;
        this.clients = clients;
        this.customers = customers;
        this.realm = realm;
        this.tokens = tokens;
        this.grants = grants;
        this.urls = urls;
        this.config = config;
        this.ids = ids;
        this.mapper = mapper;
    }

    /** Cookie that binds an authorization request to the browser that started it. */
    public static String cookieName(String requestId) {
        return "cds_authz_" + requestId;
    }

    /**
     * Validates the request and sends the customer to log in. The browser secret (the cookie value) is also the
     * PKCE verifier of the login.
     */
    public Uni<AuthorizationRequest> start(Map<String, List<String>> params, String browserSecret) {
        return validator.startFromQuery(params, Ids.hash(browserSecret));
    }

    /** Keycloak's login page for this request. */
    public Uni<String> loginUrl(AuthorizationRequest request, String browserSecret, String callbackUri) {
        return loginClientSecret().map(secret -> {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("client_id", config.auth().loginClient());
            p.put("response_type", "code");
            p.put("scope", "openid");
            p.put("redirect_uri", callbackUri);
            p.put("state", request.requestId());
            p.put("prompt", "login");
            p.put("code_challenge", s256(browserSecret));
            p.put("code_challenge_method", "S256");
            return AuthorizationRequests.redirect(urls.issuer() + "/protocol/openid-connect/auth", p);
        });
    }

    /** The login came back: identify the customer, or send the client {@code access_denied}. */
    public Uni<Next> loggedIn(String requestId, String code, String error, String browserSecret, String callbackUri) {
        return boundRequest(requestId, browserSecret, AuthorizationRequest.STARTED).chain(request -> {
            if (error != null || code == null) {
                // WG3 §9.1 step 3: authentication failed or was cancelled → access_denied
                return requests.decide(request.requestId(), AuthorizationRequest.DECLINED, null)
                        .replaceWith(new Next(clientError(request, "access_denied", "the customer did not log in")));
            }
            return loginClientSecret().chain(secret -> {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("grant_type", "authorization_code");
                form.put("code", code);
                form.put("redirect_uri", callbackUri);
                form.put("code_verifier", browserSecret);
                String basic = "Basic " + Base64.getEncoder().encodeToString((config.auth().loginClient() + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8));
                return tokens.token(basic, form);
            }).chain(answer -> {
                String subject = answer.status() == 200 ? subjectOf(answer.body().getString("id_token")) : null;
                if (subject == null) {
                    return requests.decide(request.requestId(), AuthorizationRequest.DECLINED, null).replaceWith(
                            new Next(clientError(request, "access_denied", "the customer login failed")));
                }
                return realm.personIdOf(subject).chain(personId -> {
                    if (personId == null) {
                        return requests.decide(request.requestId(), AuthorizationRequest.DECLINED, null).replaceWith(
                                new Next(clientError(request, "access_denied",
                                        "the login is not linked to a customer of this utility")));
                    }
                    return requests.authenticated(request.requestId(), subject, personId, Ids.secret(),
                            clock.instant().plus(config.auth().requestLifetime()))
                            .replaceWith(Next.form(request.requestId()));
                });
            });
        });
    }

    /** The authorization form of an authenticated request. */
    public Uni<Form> form(String requestId, String browserSecret, String error) {
        return boundRequest(requestId, browserSecret, AuthorizationRequest.AUTHENTICATED).chain(request ->
                clients.find(request.clientId()).chain(client -> customers.ofPerson(request.personId())
                        .map(objects -> new Form(request, client.orElseThrow(), objects, error))));
    }

    /**
     * The customer's decision. Approve needs the form's CSRF token and at least one selected object of the
     * customer; the request is decided once (a second submission is refused).
     *
     * @return where the browser goes next, or a {@link Form} to show again with an inline error
     */
    public Uni<Object> decide(String requestId, String browserSecret, Map<String, List<String>> form) {
        return boundRequest(requestId, browserSecret, AuthorizationRequest.AUTHENTICATED).chain(request -> {
            String csrf = first(form, "csrf_token");
            if (csrf == null || request.csrfToken() == null || !MessageDigest.isEqual(
                    csrf.getBytes(StandardCharsets.UTF_8), request.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw AuthorizeError.page("invalid_request", "the form expired or was not sent from this page;"
                        + " start again from the application");
            }
            if ("decline".equals(first(form, "decision"))) {
                return requests.decide(request.requestId(), AuthorizationRequest.DECLINED, null).map(ok -> {
                    if (!ok) {
                        throw AuthorizeError.page("invalid_request", "this request was already decided");
                    }
                    return (Object) new Next(clientError(request, "access_denied", "the customer declined"));
                });
            }
            if (!"approve".equals(first(form, "decision"))) {
                throw AuthorizeError.page("invalid_request", "approve or decline");
            }
            return customers.ofPerson(request.personId()).chain(objects -> {
                ObjectNode selections = selections(request, objects, form);
                if (selections == null) {
                    return clients.find(request.clientId()).map(c -> (Object) new Form(request, c.orElseThrow(), objects,
                            "Select at least one account, service contract or service point to share."));
                }
                return approve(request, selections);
            });
        });
    }

    private Uni<Object> approve(AuthorizationRequest request, ObjectNode selections) {
        String confirmation = Receipts.confirmationNumber();
        return requests.decide(request.requestId(), AuthorizationRequest.APPROVED, null).chain(ok -> {
            if (!ok) {
                throw AuthorizeError.page("invalid_request", "this request was already decided");
            }
            return clients.find(request.clientId());
        }).map(java.util.Optional::orElseThrow).chain(client -> grants.createConsent(client, request.scopes(),
                        request.authorizationDetails(), selections, request.customerUserId(), request.state(),
                        confirmation)
                .chain(grant -> receipts.create(confirmation, grant, request, client, selections)
                        .invoke(r -> LOG.infof("grant %s approved; receipt %s at %s", grant.grantId(), confirmation,
                                receipts.url(r.token())))
                        .call(() -> requests.recordGrant(request.requestId(), grant.grantId()))
                        // the server-hosted default redirect shows the receipt (the client never sees the code)
                        .map(r -> (Object) new Next(handoff(request, grant), null,
                                request.redirectUri().equals(client.document().path("cds_default_redirect_uri")
                                        .asText(null)) ? r.token() : null))));
    }

    /** Keycloak's authorization endpoint for the CDS client, asking for the Grant's scope (code issued at once). */
    private String handoff(AuthorizationRequest request, Grant grant) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", request.clientId());
        p.put("response_type", "code");
        p.put("redirect_uri", request.redirectUri());
        p.put("scope", String.join(" ", request.scopes()) + " " + grant.keycloakScope());
        p.put("code_challenge", request.codeChallenge());
        p.put("code_challenge_method", "S256");
        p.put("state", request.state());
        return AuthorizationRequests.redirect(urls.issuer() + "/protocol/openid-connect/auth", p);
    }

    /** The selected objects, checked against the customer's own; null when nothing valid was selected. */
    private ObjectNode selections(AuthorizationRequest request, List<CustomerObject> objects,
            Map<String, List<String>> form) {
        Set<String> accounts = new LinkedHashSet<>(form.getOrDefault("account", List.of()));
        Set<String> contracts = new LinkedHashSet<>(form.getOrDefault("contract", List.of()));
        Set<String> servicePoints = new LinkedHashSet<>(form.getOrDefault("service_point", List.of()));
        ObjectNode out = mapper.createObjectNode();
        List<String> accountIds = new ArrayList<>();
        List<String> contractIds = new ArrayList<>();
        List<String> servicePointIds = new ArrayList<>();
        String gridxClient = null;
        Set<String> seen = new LinkedHashSet<>();
        for (CustomerObject o : objects) {
            gridxClient = o.gridxClient();
            if (accounts.contains(o.entityId()) && seen.add("a" + o.entityId())) {
                accountIds.add(ids.id(CdsIdKind.ACCOUNT, o.gridxClient(), o.entityId()));
            }
            if (contracts.contains(o.contractId()) && seen.add("c" + o.contractId())) {
                contractIds.add(ids.id(CdsIdKind.SERVICE_CONTRACT, o.gridxClient(), o.contractId()));
            }
            if (!o.servicePointId().isEmpty() && servicePoints.contains(o.servicePointId())
                    && seen.add("s" + o.servicePointId())) {
                servicePointIds.add(ids.id(CdsIdKind.SERVICE_POINT, o.gridxClient(), o.servicePointId()));
            }
        }
        if (gridxClient == null || accountIds.isEmpty() && contractIds.isEmpty() && servicePointIds.isEmpty()) {
            return null;
        }
        out.put("customer_id", ids.id(CdsIdKind.CUSTOMER, gridxClient, request.personId()));
        out.set("accounts", mapper.valueToTree(accountIds));
        out.set("service_contracts", mapper.valueToTree(contractIds));
        out.set("service_points", mapper.valueToTree(servicePointIds));
        out.put("include_future", "on".equals(first(form, "include_future")));
        out.set("numbers", mapper.createObjectNode()
                .<ObjectNode>set("accounts", mapper.valueToTree(new ArrayList<>(accounts)))
                .<ObjectNode>set("service_contracts", mapper.valueToTree(new ArrayList<>(contracts)))
                .set("service_points", mapper.valueToTree(new ArrayList<>(servicePoints))));
        return out;
    }

    /** The request, if this browser started it, it is in the expected step and not expired. */
    private Uni<AuthorizationRequest> boundRequest(String requestId, String browserSecret, String status) {
        if (requestId == null || browserSecret == null) {
            throw AuthorizeError.page("invalid_request", "this page was not opened from an authorization request in"
                    + " this browser; start again from the application");
        }
        return requests.find(requestId).map(found -> {
            AuthorizationRequest r = found.orElse(null);
            if (r == null || r.browserHash() == null || !Ids.sameHash(r.browserHash(), Ids.hash(browserSecret))) {
                throw AuthorizeError.page("invalid_request", "this page was not opened from an authorization request"
                        + " in this browser; start again from the application");
            }
            if (r.isExpiredAt(clock.instant())) {
                throw new AuthorizeError("access_denied", "the authorization request expired", r.redirectUri(),
                        r.state());
            }
            if (!status.equals(r.status())) {
                throw AuthorizeError.page("invalid_request", "this authorization request was already "
                        + (r.status().equals(AuthorizationRequest.APPROVED) || r.status()
                                .equals(AuthorizationRequest.DECLINED) ? "decided" : "used"));
            }
            return r;
        });
    }

    private static String clientError(AuthorizationRequest request, String error, String description) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("error", error);
        p.put("error_description", description);
        p.put("state", request.state());
        return AuthorizationRequests.redirect(request.redirectUri(), p);
    }

    private Uni<String> loginClientSecret() {
        String known = loginSecret.get();
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        List<String> redirects = new ArrayList<>();
        redirects.add(urls.oauth("authorize/callback"));
        config.auth().loginRedirectPatterns().ifPresent(redirects::addAll);
        return realm.ensureLoginClient(config.auth().loginClient(), redirects).invoke(loginSecret::set);
    }

    /** The subject of the login's ID token (Keycloak just issued it to us on the back channel). */
    private String subjectOf(String idToken) {
        if (idToken == null) {
            return null;
        }
        String[] parts = idToken.split("\\.");
        try {
            JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("sub").asText(null);
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
