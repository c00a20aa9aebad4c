package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.lfenergy.cds.auth.mapping.GrantMapper;
import org.lfenergy.cds.auth.repository.GrantRepository;
import org.lfenergy.cds.auth.service.AdminAuthorization;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.GrantService;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.model.GrantState;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/** Grants API (WG1-02 §8.4–8.6). */
@Path(CdsUrls.API + "/grants")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class GrantsResource {

    private final AdminAuthorization admin;
    private final GrantRepository grants;
    private final GrantService grantService;
    private final GrantMapper grantMapper;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final ScopeCatalog catalog;

    public GrantsResource(AdminAuthorization admin, GrantRepository grants, GrantService grantService,
            GrantMapper grantMapper, CdsUrls urls, ObjectMapper mapper, SecurityIdentity identity, ScopeCatalog catalog) {
        this.catalog = catalog;
        this.admin = admin;
        this.grants = grants;
        this.grantService = grantService;
        this.grantMapper = grantMapper;
        this.urls = urls;
        this.mapper = mapper;
        this.identity = identity;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("grant_ids") String grantIds, @QueryParam("parents") String parents,
            @QueryParam("statuses") String statuses, @QueryParam("client_ids") String clientIds,
            @QueryParam("scopes") String scopes, @QueryParam("receipt_confirmations") String receipts,
            @QueryParam("after") String after, @QueryParam("before") String before,
            @QueryParam("offset") String offset, @Context UriInfo uri) {
        GrantRepository.Filter filter = new GrantRepository.Filter(Listings.ids(grantIds), Listings.ids(parents),
                Listings.ids(statuses), Listings.ids(clientIds), catalog.expand(Listings.ids(scopes)), Listings.ids(receipts),
                instant(after, "after"), instant(before, "before"));
        return admin.registrant(identity)
                .chain(me -> grants.page(me.registrantId(), filter, Listings.offset(offset), Listings.PAGE_SIZE))
                .chain(page -> Multi.createFrom().iterable(page.items())
                        .onItem().transformToUniAndConcatenate(this::json)
                        .collect().asList().map(items -> {
                            ObjectNode out = mapper.createObjectNode();
                            out.putArray("grants").addAll(items);
                            Listings.links(out, page, urls.grants(), uri, "");
                            return out;
                        }));
    }

    @GET
    @Path("{grantId}")
    public Uni<ObjectNode> get(@PathParam("grantId") String grantId) {
        return admin.registrant(identity).chain(me -> grantService.getOwned(grantId, me.registrantId())).chain(this::json);
    }

    /** Only {@code status=closed} and reductions of scope / authorization_details are accepted (WG1-02 §8.6). */
    @PATCH
    @Path("{grantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> patch(@PathParam("grantId") String grantId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        JsonNode status = body.get("status");
        if (status != null && !"closed".equals(status.asText())) {
            throw ApiError.badRequest("status can only be set to closed");
        }
        return admin.registrant(identity).chain(me -> grantService.getOwned(grantId, me.registrantId()))
                .chain(grant -> {
                    if (status != null) {
                        if (grant.status().isFinal() && grant.status() != GrantState.CLOSED) {
                            throw ApiError.badRequest("a " + grant.status().wire() + " grant cannot be closed");
                        }
                        return grantService.transition(grant, GrantState.CLOSED, null);
                    }
                    if (body.has("scope") || body.has("authorization_details")) {
                        JsonNode scope = body.get("scope");
                        return grantService.reduce(grant, scope == null ? null : scope.asText(), body.get("authorization_details"));
                    }
                    return Uni.createFrom().item(grant);
                })
                .chain(this::json);
    }

    private Uni<ObjectNode> json(Grant g) {
        return grants.childIds(g.grantId()).map(children -> grantMapper.toJson(g, children));
    }

    private static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " must be an RFC 3339 datetime");
        }
    }
}
