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
import java.time.Instant;
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
import org.lfenergy.cds.auth.repository.CustomerObjectRepository.CustomerMeter;
import org.lfenergy.cds.auth.repository.CustomerObjectRepository.CustomerObject;
import org.lfenergy.cds.auth.service.consent.Modifications;
import org.lfenergy.cds.auth.service.consent.Preselection;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;
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

    /**
     * Everything the authorization form shows.
     *
     * @param ticked             per Request Section index, what starts ticked (the preselection, or what the customer
     *                           sent when the form is shown again)
     * @param preselectionFailed the Preselection Error page is shown instead of the form (WG3 §9.1 step 4)
     */
    public record Form(AuthorizationRequest request, ClientObject client, List<CustomerObject> objects,
            List<CustomerMeter> meters, Map<Integer, Ticked> ticked, boolean preselectionFailed, String error,
            Modifications modifications) {

        public Form(AuthorizationRequest request, ClientObject client, List<CustomerObject> objects,
                List<CustomerMeter> meters, Map<Integer, Ticked> ticked, boolean preselectionFailed, String error) {
            this(request, client, objects, meters, ticked, preselectionFailed, error, Modifications.NONE);
        }

        /** The customer's holdings as preselection paths (current meters only). */
        public List<Preselection.Holding> holdings(Instant now) {
            return CustomerAuthorization.holdings(objects, meters, now);
        }
    }

    /** What is ticked in one Request Section. */
    public record Ticked(Set<String> numbers, boolean includeFuture) {
        static final Ticked NONE = new Ticked(Set.of(), false);
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
    private final ScopeCatalog catalog;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CustomerAuthorization.class);

    public CustomerAuthorization(AuthorizationRequests validator, AuthorizationRequestRepository requests,
            ClientObjectRepository clients, CustomerObjectRepository customers, KeycloakRealm realm,
            KeycloakTokens tokens, GrantService grants, CdsUrls urls, CdsConfig config, CdsIds ids,
            ObjectMapper mapper, Receipts receipts, ScopeCatalog catalog) {
        this.receipts = receipts;
        this.catalog = catalog;
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
                String subject = answer.status() == 200 ? claimOf(answer.body().getString("id_token"), "sub") : null;
                String loginSession = subject == null ? null : claimOf(answer.body().getString("id_token"), "sid");
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
                    return grantMeantFor(request, subject, personId).chain(mine -> {
                        if (!mine) {
                            // WG1-02 §8.3 step 4: the Grant is not this customer's
                            return requests.decide(request.requestId(), AuthorizationRequest.DECLINED, null)
                                    .replaceWith(new Next(clientError(request, "cds_grant_id_invalid_user",
                                            "the grant is not meant for the customer who logged in")));
                        }
                        return requests.authenticated(request.requestId(), subject, personId, Ids.secret(),
                                clock.instant().plus(config.auth().requestLifetime()), loginSession)
                                .replaceWith(Next.form(request.requestId()));
                    });
                });
            });
        });
    }

    /**
     * The authorization form of an authenticated request, its sections preselected from the request; or the
     * Preselection Error page when a section that asks for it ({@code error_if_no_preselections}) would start with
     * nothing ticked.
     */
    public Uni<Form> form(String requestId, String browserSecret) {
        return boundRequest(requestId, browserSecret, AuthorizationRequest.AUTHENTICATED).chain(request ->
                clients.find(request.clientId()).chain(client -> customers.ofPerson(request.personId())
                        .chain(objects -> customers.metersOfPerson(request.personId()).map(meters -> {
                            List<Preselection.Holding> holdings = holdings(objects, meters, clock.instant());
                            Map<Integer, Ticked> ticked = new LinkedHashMap<>();
                            boolean failed = false;
                            for (Preselection.Section section : sections(request)) {
                                Preselection.Result r = Preselection.of(section, holdings);
                                ticked.put(section.index(), new Ticked(r.ticked(), r.includeFuture()));
                                failed |= section.errorIfNoPreselections() && r.nothingPreselected();
                            }
                            return new Form(request, client.orElseThrow(), objects, meters, ticked, failed, null);
                        }))));
    }

    /** The Request Sections of a validated request (validation already checked the merge rules). */
    public static List<Preselection.Section> sections(AuthorizationRequest request) {
        List<JsonNode> entries = new ArrayList<>();
        request.requested().forEach(entries::add);
        return Preselection.sections(entries);
    }

    /** The customer's holdings as preselection paths: one per (contract, meter account, current meter). */
    static List<Preselection.Holding> holdings(List<CustomerObject> objects, List<CustomerMeter> meters,
            Instant now) {
        Map<String, List<String>> current = new LinkedHashMap<>();
        for (CustomerMeter m : meters) {
            if (m.isCurrentAt(now)) {
                current.computeIfAbsent(m.gridxClient() + "|" + m.meterAccountId(), k -> new ArrayList<>())
                        .add(m.meterId());
            }
        }
        List<Preselection.Holding> out = new ArrayList<>();
        for (CustomerObject o : objects) {
            List<String> installed = o.meterAccountId().isEmpty() ? List.of()
                    : current.getOrDefault(o.gridxClient() + "|" + o.meterAccountId(), List.of());
            if (installed.isEmpty()) {
                out.add(new Preselection.Holding(o.entityId(), o.contractId(), o.premiseId(), o.servicePointId(),
                        null));
            }
            for (String meter : installed) {
                out.add(new Preselection.Holding(o.entityId(), o.contractId(), o.premiseId(), o.servicePointId(),
                        meter));
            }
        }
        return out;
    }

    /**
     * The form's re-login link (WG3 §9.2 footer) and the Preselection Error page's "log in as another customer":
     * the request goes back to the login, which always asks for credentials.
     */
    public Uni<String> relogin(String requestId, String browserSecret, String callbackUri) {
        return boundRequest(requestId, browserSecret, AuthorizationRequest.AUTHENTICATED).chain(request ->
                requests.restart(request.requestId()).chain(ok -> {
                    if (!ok) {
                        throw AuthorizeError.page("invalid_request", "this authorization request was already decided");
                    }
                    // Keycloak re-authenticates the same user while its session lives: end the login's session so
                    // the login page asks for a username again
                    String session = request.document().path("login_session").asText(null);
                    Uni<Void> ended = session == null ? Uni.createFrom().voidItem() : realm.endBrowserSession(session)
                            .onFailure().invoke(e -> LOG.warnf("could not end login session %s: %s", session,
                                    e.getMessage()))
                            .onFailure().recoverWithNull().replaceWithVoid();
                    return ended.chain(() -> loginUrl(request, browserSecret, callbackUri));
                }));
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
            String decision = first(form, "decision");
            if ("decline".equals(decision) || "no_preselections".equals(decision)) {
                // the Preselection Error page's cancel answers no_preselections (cds-auth-side §16 C7)
                String error = "decline".equals(decision) ? "access_denied" : "no_preselections";
                String description = "decline".equals(decision) ? "the customer declined"
                        : "nothing the request preselects belongs to the customer";
                return requests.decide(request.requestId(), AuthorizationRequest.DECLINED, null).map(ok -> {
                    if (!ok) {
                        throw AuthorizeError.page("invalid_request", "this request was already decided");
                    }
                    return (Object) new Next(clientError(request, error, description));
                });
            }
            if (!"approve".equals(decision)) {
                throw AuthorizeError.page("invalid_request", "approve or decline");
            }
            List<Preselection.Section> all = sections(request);
            Modifications changes;
            try {
                changes = Modifications.parse(all, effective(request), form);
            } catch (Modifications.Forged e) {
                // allow_scope_modifications false (or a field the form never offered): the form is read-only, so
                // this POST was not made by it; the request ends with the RFC 9396 error
                LOG.warnf("authorization request %s: refused a forged modification: %s", request.requestId(),
                        e.getMessage());
                return requests.decide(request.requestId(), AuthorizationRequest.DECLINED, null).map(ok -> {
                    throw new AuthorizeError("invalid_authorization_details", e.getMessage(), request.redirectUri(),
                            request.state());
                });
            }
            return customers.ofPerson(request.personId()).chain(objects -> customers.metersOfPerson(
                    request.personId()).chain(meters -> {
                        List<Preselection.Section> sections = changes.sections(all);
                        Map<Integer, Ticked> ticked = posted(all, holdings(objects, meters, clock.instant()),
                                form);
                        String missing = changes.removesAll(all) ? null : firstEmpty(sections, ticked);
                        if (changes.removesAll(all) || missing != null || objects.isEmpty()) {
                            String error = changes.removesAll(all)
                                    ? "Keep at least one request to approve, or decline."
                                    : "Select at least one item to share for " + (missing == null ? "each request"
                                            : missing) + ".";
                            return clients.find(request.clientId()).map(c -> (Object) new Form(request,
                                    c.orElseThrow(), objects, meters, ticked, false, error, changes));
                        }
                        return approve(request, selections(request, objects, sections, ticked), changes);
                    }));
        });
    }

    /** Per scope id, the effective authorization details of the request (what the form shows). */
    public static Map<String, JsonNode> effective(AuthorizationRequest request) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        request.requested().forEach(e -> out.put(e.path("type").asText(), e));
        request.authorizationDetails().forEach(e -> out.put(e.path("type").asText(), e));
        return out;
    }

    /** What the customer ticked per section, keeping only entries of the customer (or of the preselected list). */
    private static Map<Integer, Ticked> posted(List<Preselection.Section> sections,
            List<Preselection.Holding> holdings, Map<String, List<String>> form) {
        Map<Integer, Ticked> out = new LinkedHashMap<>();
        for (Preselection.Section section : sections) {
            Preselection.Level level = section.level();
            Set<String> allowed = new LinkedHashSet<>();
            if (level == Preselection.Level.AGGREGATION) {
                allowed.addAll(Preselection.of(section, holdings).ticked());
            } else {
                holdings.stream().map(Preselection.keyOf(level)).filter(k -> k != null && !k.isEmpty())
                        .forEach(allowed::add);
            }
            String prefix = "s" + section.index() + ".";
            Set<String> numbers = new LinkedHashSet<>(section.readOnly() ? allowed
                    : form.getOrDefault(prefix + level.formName(), List.of()));
            numbers.retainAll(allowed);
            boolean future = level.offersIncludeFuture() && "on".equals(first(form, prefix + "include_future"));
            out.put(section.index(), new Ticked(numbers, future));
        }
        return out;
    }

    /** The name of the first section with nothing ticked, or null. */
    private String firstEmpty(List<Preselection.Section> sections, Map<Integer, Ticked> ticked) {
        for (Preselection.Section section : sections) {
            if (ticked.getOrDefault(section.index(), Ticked.NONE).numbers().isEmpty()) {
                return String.join(", ", section.scopeIds().stream().map(id -> catalog.scope(id)
                        .map(sc -> sc.published().path("name").asText(id)).orElse(id)).toList());
            }
        }
        return null;
    }

    private Uni<Object> approve(AuthorizationRequest request, ObjectNode selections, Modifications changes) {
        String confirmation = Receipts.confirmationNumber();
        List<String> scopes = changes.scopes(request.scopes());
        com.fasterxml.jackson.databind.node.ArrayNode details = changes.apply(request.authorizationDetails());
        return requests.decide(request.requestId(), AuthorizationRequest.APPROVED, null).chain(ok -> {
            if (!ok) {
                throw AuthorizeError.page("invalid_request", "this request was already decided");
            }
            return clients.find(request.clientId());
        }).map(java.util.Optional::orElseThrow).chain(client -> (request.grantIdToAuthorize() == null
                ? grants.createConsent(client, scopes, details, selections,
                        request.customerUserId(), request.state(), confirmation)
                : grants.get(request.grantIdToAuthorize()).chain(existing -> grants.authorizeExisting(existing,
                        client, scopes, details, selections,
                        request.customerUserId(), request.state(), confirmation)))
                .chain(grant -> receipts.create(confirmation, grant, request, client, selections, changes)
                        .invoke(r -> LOG.infof("grant %s approved; receipt %s at %s", grant.grantId(), confirmation,
                                receipts.url(r.token())))
                        .call(() -> requests.recordGrant(request.requestId(), grant.grantId()))
                        // the server-hosted default redirect shows the receipt (the client never sees the code)
                        .map(r -> (Object) new Next(handoff(request, grant, scopes), null,
                                request.redirectUri().equals(client.document().path("cds_default_redirect_uri")
                                        .asText(null)) ? r.token() : null))));
    }

    /**
     * Whether the Grant of a Grant Authorization Request may be authorized by this customer: a Grant approved
     * before belongs to the Keycloak user who approved it and to that customer; a Grant the server created without
     * a customer may be authorized by whoever the client sends.
     */
    private Uni<Boolean> grantMeantFor(AuthorizationRequest request, String subject, String personId) {
        String grantId = request.grantIdToAuthorize();
        if (grantId == null) {
            return Uni.createFrom().item(true);
        }
        return grants.get(grantId).chain(grant -> grants.customerUser(grantId).chain(user -> {
            if (user != null && !user.equals(subject)) {
                return Uni.createFrom().item(false);
            }
            String customer = grant.document().path("selections").path("customer_id").asText(null);
            if (customer == null) {
                return Uni.createFrom().item(true);
            }
            return customers.ofPerson(personId).map(objects -> objects.stream().anyMatch(o ->
                    customer.equals(ids.id(CdsIdKind.CUSTOMER, o.gridxClient(), personId))));
        }));
    }

    /**
     * Keycloak's authorization endpoint for the CDS client, asking for the Grant's scope (code issued at once) and
     * {@code offline_access}: a consent lasts until the customer or the client ends it, so its refresh token must not
     * end with Keycloak's browser session (realm {@code offlineSessionIdleTimeout} bounds an unused one). The token
     * endpoint answers with the Grant's scope, so {@code offline_access} is never shown to the client.
     */
    private String handoff(AuthorizationRequest request, Grant grant, List<String> scopes) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", request.clientId());
        p.put("response_type", "code");
        p.put("redirect_uri", request.redirectUri());
        p.put("scope", String.join(" ", scopes) + " " + grant.keycloakScope() + " "
                + KeycloakRealm.OFFLINE_ACCESS);
        p.put("code_challenge", request.codeChallenge());
        p.put("code_challenge_method", "S256");
        p.put("state", request.state());
        return AuthorizationRequests.redirect(urls.issuer() + "/protocol/openid-connect/auth", p);
    }

    /**
     * The Grant's record of the customer's choices: per scope the selected objects of its section (accounts,
     * contracts, service points and meters by CDS id, aggregations by number; the Coverage of that scope on
     * {@code cds.grants.v1}), plus the numbers of everything selected for the receipt.
     */
    private ObjectNode selections(AuthorizationRequest request, List<CustomerObject> objects,
            List<Preselection.Section> sections, Map<Integer, Ticked> ticked) {
        String gridxClient = objects.get(0).gridxClient();
        ObjectNode out = mapper.createObjectNode();
        out.put("customer_id", ids.id(CdsIdKind.CUSTOMER, gridxClient, request.personId()));
        ObjectNode byScope = out.putObject("by_scope");
        Map<String, Set<String>> numbers = new LinkedHashMap<>();
        for (String kind : List.of("accounts", "service_contracts", "service_points", "meter_devices",
                "aggregations")) {
            numbers.put(kind, new LinkedHashSet<>());
        }
        boolean anyFuture = false;
        for (Preselection.Section section : sections) {
            Ticked t = ticked.get(section.index());
            ObjectNode chosen = mapper.createObjectNode();
            String kind = switch (section.level()) {
                case ACCOUNT -> "accounts";
                case SERVICE_CONTRACT -> "service_contracts";
                case SERVICE_POINT -> "service_points";
                case METER_DEVICE -> "meter_devices";
                case AGGREGATION -> "aggregations";
            };
            for (String k : List.of("accounts", "service_contracts", "service_points", "meter_devices",
                    "aggregations")) {
                chosen.putArray(k);
            }
            CdsIdKind idKind = switch (section.level()) {
                case ACCOUNT -> CdsIdKind.ACCOUNT;
                case SERVICE_CONTRACT -> CdsIdKind.SERVICE_CONTRACT;
                case SERVICE_POINT -> CdsIdKind.SERVICE_POINT;
                case METER_DEVICE -> CdsIdKind.METER_DEVICE;
                case AGGREGATION -> null;
            };
            for (String number : t.numbers()) {
                chosen.withArray(kind).add(idKind == null ? number : ids.id(idKind, gridxClient, number));
                numbers.get(kind).add(number);
            }
            chosen.put("include_future", t.includeFuture());
            anyFuture |= t.includeFuture();
            for (String scopeId : section.scopeIds()) {
                byScope.set(scopeId, chosen.deepCopy());
            }
        }
        out.put("include_future", anyFuture);
        out.set("numbers", mapper.valueToTree(numbers));
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

    /** A claim of the login's ID token (Keycloak just issued it to us on the back channel). */
    private String claimOf(String idToken, String claim) {
        if (idToken == null) {
            return null;
        }
        String[] parts = idToken.split("\\.");
        try {
            JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path(claim).asText(null);
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
