package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import java.util.List;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.mapping.AuthorizationFormView;
import org.lfenergy.cds.auth.repository.ReceiptRepository;
import org.lfenergy.cds.auth.repository.ReceiptRepository.Receipt;
import org.lfenergy.cds.auth.service.consent.Modifications;
import org.lfenergy.cds.auth.service.model.AuthorizationRequest;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.model.GrantState;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/**
 * Authorization Receipts (WG3 §9.4): one per approval, with a unique confirmation number (also in the Grant's
 * {@code receipt_confirmations}) and a random URL unrelated to it. Whoever holds the URL may see the receipt and
 * revoke the Grant without logging in.
 */
@ApplicationScoped
public class Receipts {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(Receipts.class);
    /** How receipts show their date and time (in the utility's zone). */
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final ReceiptRepository receipts;
    private final GrantService grants;
    private final ScopeCatalog catalog;
    private final CdsConfig config;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();
    private final ClientObjectRepository clients;
    private final KeycloakRealm keycloak;
    private final ReceiptMailTransport transport;
    private final ZoneId zone;

    public Receipts(ReceiptRepository receipts, GrantService grants, ScopeCatalog catalog, CdsConfig config,
            CdsUrls urls, ObjectMapper mapper, ClientObjectRepository clients, KeycloakRealm keycloak,
            ReceiptMailTransport transport) {
        this.clients = clients;
        this.keycloak = keycloak;
        this.transport = transport;
        this.zone = ZoneId.of(config.timezone());
        this.receipts = receipts;
        this.grants = grants;
        this.catalog = catalog;
        this.config = config;
        this.urls = urls;
        this.mapper = mapper;
    }

    /** A new confirmation number: 10 random digits. */
    public static String confirmationNumber() {
        return String.format("%010d", Math.floorMod(RANDOM.nextLong(), 10_000_000_000L));
    }

    /**
     * Stores the receipt of an approval (a snapshot of what the customer saw and selected; a newer receipt of the same
     * Grant supersedes the earlier ones) and e-mails it to the customer when their Keycloak user has an address.
     */
    public Uni<Receipt> create(String confirmation, Grant grant, AuthorizationRequest request, ClientObject client,
            ObjectNode selections, Modifications changes) {
        var view = AuthorizationFormView.of(config.auth().brandName(), new CustomerAuthorization.Form(request, client,
                List.of(), List.of(), java.util.Map.of(), false, null, changes), catalog);
        ObjectNode d = mapper.createObjectNode();
        d.put("client_name", view.clientName());
        if (view.clientUri() != null) {
            d.put("client_uri", view.clientUri());
        }
        ArrayNode sections = d.putArray("sections");
        for (var s : view.sections()) {
            if (!s.kept()) {
                continue; // the customer removed this request on the form
            }
            ObjectNode o = sections.addObject();
            o.put("name", s.name());
            o.put("data", s.leftOut().isEmpty() ? s.data()
                    : s.data() + " (you left out: " + String.join(", ", s.leftOut()) + ")");
            o.set("durations", mapper.valueToTree(s.durations()));
            o.put("purpose_name", s.purposeName());
            o.put("purpose_content", s.purposeContent());
        }
        d.set("selected", selections.path("numbers").deepCopy());
        d.put("include_future", selections.path("include_future").asBoolean(false));
        d.put("scope", grant.enabledScope().isBlank() ? grant.scope() : grant.enabledScope());
        // purpose texts go into the e-mail only when the utility reviewed them (production objects, WG3 §9.4)
        d.put("purposes_reviewed", ClientUpdate.reviewsChanges(client));
        return receipts.ofGrant(grant.grantId()).chain(earlier -> {
            if (!earlier.isEmpty()) {
                d.put("replaces", earlier.get(earlier.size() - 1).confirmation());
            }
            Receipt receipt = new Receipt(Ids.secret(), confirmation, grant.grantId(), clock.instant(), d);
            return receipts.insert(receipt).replaceWith(receipt);
        }).invoke(r -> notify(r, request.customerUserId()));
    }

    /** E-mails the receipt in the background; a failure is logged and never undoes the approval. */
    private void notify(Receipt receipt, String customerUserId) {
        if (customerUserId == null) {
            return;
        }
        keycloak.emailOf(customerUserId)
                .chain(email -> email == null ? Uni.createFrom().voidItem()
                        : transport.send(mail(email, config.auth().brandName(), receipt, url(receipt.token()), zone)))
                .subscribe().with(ok -> {
                }, e -> LOG.warnf(e, "receipt %s: the e-mail to the customer failed", receipt.confirmation()));
    }

    /**
     * The receipt e-mail (WG3 §9.4 notification): brand, confirmation number and the direct link (required), the date
     * and time, the app, what was shared with its durations, the selected resources, and the purpose only when the
     * utility reviewed it.
     */
    public static ReceiptMailTransport.Mail mail(String to, String brand, Receipt receipt, String link, ZoneId zone) {
        ObjectNode d = receipt.document();
        StringBuilder t = new StringBuilder(brand).append("\n\n");
        t.append("You authorized ").append(d.path("client_name").asText()).append(" to access your data.\n\n");
        t.append("Confirmation number: ").append(receipt.confirmation()).append('\n');
        t.append("Date: ").append(DATE_TIME.format(receipt.created().atZone(zone))).append('\n');
        t.append("Receipt: ").append(link).append("\n");
        if (d.hasNonNull("replaces")) {
            t.append("This receipt replaces receipt ").append(d.get("replaces").asText())
                    .append(" of the same authorization.\n");
        }
        t.append("\nWhat you shared:\n");
        boolean purposes = d.path("purposes_reviewed").asBoolean(false);
        for (var s : d.path("sections")) {
            t.append("- ").append(s.path("name").asText()).append(": ").append(s.path("data").asText());
            List<String> durations = new java.util.ArrayList<>();
            s.path("durations").forEach(x -> durations.add(x.asText()));
            if (!durations.isEmpty()) {
                t.append(" (").append(String.join(" ", durations)).append(')');
            }
            t.append('\n');
            if (purposes && s.hasNonNull("purpose_content")) {
                t.append("  Purpose: ").append(s.get("purpose_content").asText()).append('\n');
            }
        }
        List<String> selected = selectedLines(d);
        if (!selected.isEmpty()) {
            t.append("\nWhat you selected:\n");
            selected.forEach(line -> t.append("- ").append(line).append('\n'));
        }
        t.append("\nOpen the receipt to see the current status or to revoke this access at any time, without logging")
                .append(" in. Keep the link private: anyone who has it can do the same.\n");
        return new ReceiptMailTransport.Mail(to, brand + ": authorization receipt " + receipt.confirmation(),
                t.toString());
    }

    /** The selected resources of a receipt in plain words (include-future stated). */
    public static List<String> selectedLines(ObjectNode d) {
        List<String> selected = new java.util.ArrayList<>();
        d.path("selected").path("accounts").forEach(n -> selected.add("Account " + n.asText()));
        d.path("selected").path("service_contracts").forEach(n -> selected.add("Service contract " + n.asText()));
        d.path("selected").path("service_points").forEach(n -> selected.add("Service point " + n.asText()));
        d.path("selected").path("meter_devices").forEach(n -> selected.add("Meter " + n.asText()));
        d.path("selected").path("aggregations").forEach(n -> selected.add("Group (aggregation) " + n.asText()));
        if (d.path("include_future").asBoolean(false)) {
            selected.add("Accounts and services you add in the future");
        }
        return selected;
    }

    /** The receipt behind a URL token, the current state of its Grant and client, and the Grant's receipts. */
    public Uni<ReceiptPage> page(String token) {
        return receipts.find(token == null ? "" : token).chain(found -> {
            Receipt r = found.orElseThrow(() -> ApiError.notFound("no such receipt"));
            return grants.get(r.grantId()).chain(g -> clients.find(g.clientId()).chain(c -> receipts.ofGrant(g.grantId())
                    .map(versions -> new ReceiptPage(r, g, versions, changesSince(r, g, c.orElse(null))))));
        });
    }

    /**
     * What changed since the receipt was issued (WG3 §9.4 "changes and versions"), each next to the original: the
     * app's name and link, and the data the Grant still gives (the client may reduce it, the server may end it).
     */
    List<Change> changesSince(Receipt r, Grant g, ClientObject client) {
        List<Change> out = new java.util.ArrayList<>();
        ObjectNode d = r.document();
        if (client != null) {
            String name = client.document().path("client_name").asText(client.clientId());
            if (!name.equals(d.path("client_name").asText())) {
                out.add(new Change("App name", d.path("client_name").asText(), name));
            }
            String uri = client.document().path("client_uri").asText("");
            if (!uri.equals(d.path("client_uri").asText(""))) {
                out.add(new Change("App website", d.path("client_uri").asText("(none)"), uri.isEmpty() ? "(none)" : uri));
            }
        }
        if (d.hasNonNull("scope")) {
            String now = g.status().allowsAccess() ? g.enabledScope() : "";
            if (!now.equals(d.get("scope").asText())) {
                out.add(new Change("Data the app may access", scopeNames(d.get("scope").asText()),
                        now.isBlank() ? "none" : scopeNames(now)));
            }
        }
        return out;
    }

    private String scopeNames(String scope) {
        return String.join(", ", java.util.Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isBlank())
                .map(id -> catalog.scope(id).map(sc -> sc.published().path("name").asText(id)).orElse(id)).toList());
    }

    /** One change since a receipt was issued, shown next to the original value. */
    @io.quarkus.qute.TemplateData
    public record Change(String what, String was, String now) {
    }

    /** Revokes the receipt's Grant (no login: the receipt URL is the capability). */
    public Uni<Grant> revoke(String token) {
        return page(token).chain(p -> p.grant().status().allowsAccess()
                ? grants.transition(p.grant(), GrantState.REVOKED, null)
                : Uni.createFrom().item(p.grant()));
    }

    public String url(String token) {
        return urls.base() + "/oauth/receipts/" + token;
    }

    /** A receipt with its Grant's current state, the Grant's receipts (oldest first) and the changes since. */
    public record ReceiptPage(Receipt receipt, Grant grant, List<ReceiptRepository.Version> versions,
            List<Change> changes) {

        /** The newest receipt of the Grant when it is not this one (this one is superseded), else null. */
        public ReceiptRepository.Version newer() {
            ReceiptRepository.Version last = versions.get(versions.size() - 1);
            return last.token().equals(receipt.token()) ? null : last;
        }
    }
}
