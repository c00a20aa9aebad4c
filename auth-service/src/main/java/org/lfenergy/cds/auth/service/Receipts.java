package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
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

    private final ReceiptRepository receipts;
    private final GrantService grants;
    private final ScopeCatalog catalog;
    private final CdsConfig config;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public Receipts(ReceiptRepository receipts, GrantService grants, ScopeCatalog catalog, CdsConfig config,
            CdsUrls urls, ObjectMapper mapper) {
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

    /** Stores the receipt of an approval: a snapshot of what the customer saw and selected. */
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
        Receipt receipt = new Receipt(Ids.secret(), confirmation, grant.grantId(), clock.instant(), d);
        return receipts.insert(receipt).replaceWith(receipt);
    }

    /** The receipt behind a URL token and the current state of its Grant. */
    public Uni<ReceiptPage> page(String token) {
        return receipts.find(token == null ? "" : token).chain(found -> {
            Receipt r = found.orElseThrow(() -> ApiError.notFound("no such receipt"));
            return grants.get(r.grantId()).map(g -> new ReceiptPage(r, g));
        });
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

    /** A receipt with its Grant's current state. */
    public record ReceiptPage(Receipt receipt, Grant grant) {
    }
}
