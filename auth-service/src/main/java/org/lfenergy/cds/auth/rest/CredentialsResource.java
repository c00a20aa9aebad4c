package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
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
import org.lfenergy.cds.auth.mapping.CredentialMapper;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.CredentialRepository;
import org.lfenergy.cds.auth.service.AdminAuthorization;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.CredentialService;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.model.Credential;

/** Credentials API (WG1-02 §7): secrets come from Keycloak, which stores them; writes in {@link CredentialService}. */
@Path(CdsUrls.API + "/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CredentialsResource {

    private final AdminAuthorization admin;
    private final CredentialRepository credentials;
    private final ClientObjectRepository clients;
    private final KeycloakRealm keycloak;
    private final CredentialMapper credentialMapper;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final CredentialService credentialService;

    public CredentialsResource(AdminAuthorization admin, CredentialRepository credentials, ClientObjectRepository clients,
            KeycloakRealm keycloak, CredentialMapper credentialMapper, CdsUrls urls, ObjectMapper mapper,
            SecurityIdentity identity, CredentialService credentialService) {
        this.credentialService = credentialService;
        this.admin = admin;
        this.credentials = credentials;
        this.clients = clients;
        this.keycloak = keycloak;
        this.credentialMapper = credentialMapper;
        this.urls = urls;
        this.mapper = mapper;
        this.identity = identity;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("credential_ids") String credentialIds, @QueryParam("client_ids") String clientIds,
            @QueryParam("after") String after, @QueryParam("before") String before, @QueryParam("offset") String offset,
            @Context UriInfo uri) {
        return admin.registrant(identity).chain(me -> credentials.page(me.registrantId(), Listings.ids(credentialIds),
                Listings.ids(clientIds), instant(after, "after"), instant(before, "before"), Listings.offset(offset),
                Listings.PAGE_SIZE)).chain(page -> Multi.createFrom().iterable(page.items())
                        .onItem().transformToUniAndConcatenate(this::withSecret)
                        .collect().asList().map(items -> {
                            ObjectNode out = mapper.createObjectNode();
                            out.putArray("credentials").addAll(items);
                            Listings.links(out, page, urls.credentials(), uri, "");
                            return out;
                        }));
    }

    @GET
    @Path("{credentialId}")
    public Uni<ObjectNode> get(@PathParam("credentialId") String credentialId) {
        return admin.registrant(identity).chain(me -> credentials.find(credentialId).map(c -> c
                .filter(x -> x.registrantId().equals(me.registrantId()))
                .orElseThrow(() -> ApiError.notFound("no such credential"))))
                .chain(this::withSecret);
    }

    /** WG1-02 §7.3: a new secret for one of the caller's Client Objects; 201 with the secret. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(JsonNode body) {
        return admin.registrant(identity).chain(me -> credentialService.create(me.registrantId(), body))
                .map(created -> Response.status(201).entity(credentialMapper.toJson(created.credential(), created.secret()))
                        .header("Cache-Control", "no-store").build());
    }

    /** WG1-02 §7.5: only {@code client_secret_expires_at} (earlier, or now to revoke); 200 with the credential. */
    @PATCH
    @Path("{credentialId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> patch(@PathParam("credentialId") String credentialId, JsonNode body) {
        return admin.registrant(identity).chain(me -> credentialService.changeExpiry(credentialId, me.registrantId(), body))
                .chain(this::withSecret);
    }

    private Uni<ObjectNode> withSecret(Credential c) {
        return clients.find(c.clientId())
                .chain(client -> keycloak.credentialSecret(client.orElseThrow().keycloakId(), c.credentialId()))
                .map(secret -> credentialMapper.toJson(c, secret));
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
