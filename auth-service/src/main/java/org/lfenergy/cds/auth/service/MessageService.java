package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.MessageRepository;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Message;

/**
 * Messages API (WG1-02 §6): client-created Messages (validated, with the status and side effects §6.9 gives them)
 * and the read flag; server-created ones come from registration, changelogs and reviews.
 */
@ApplicationScoped
public class MessageService {

    /** Largest total attachment size accepted (decoded bytes); WG1-02 §6.9 asks for at least 10 MB. */
    public static final int ATTACHMENT_LIMIT = 10 * 1024 * 1024;

    /** Types a client may create, with the status the server gives them. */
    private static final Map<String, String> CLIENT_TYPES = Map.of(
            "private_message", "complete",
            "production_request", "pending",
            "support_request", "pending",
            "grant_request", "pending",
            "client_submission", "complete");

    private final Pool pool;
    private final MessageRepository messages;
    private final ClientObjectRepository clients;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public MessageService(Pool pool, MessageRepository messages, ClientObjectRepository clients, CdsUrls urls,
            ObjectMapper mapper) {
        this.pool = pool;
        this.messages = messages;
        this.clients = clients;
        this.urls = urls;
        this.mapper = mapper;
    }

    /** A Message of this registrant, or 404. */
    public Uni<Message> owned(String messageId, String registrantId) {
        return messages.find(messageId).map(m -> m.filter(x -> x.registrantId().equals(registrantId))
                .orElseThrow(() -> ApiError.notFound("no such message")));
    }

    /** {@code PATCH uri}: only {@code read} is honoured; other members are ignored. */
    public Uni<Message> markRead(String messageId, String registrantId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        JsonNode read = body.get("read");
        if (read != null && !read.isBoolean()) {
            throw ApiError.badRequest("read must be true or false");
        }
        return owned(messageId, registrantId).chain(m -> {
            if (read == null || read.asBoolean() == m.read()) {
                return Uni.createFrom().item(m);
            }
            Message changed = m.withRead(read.asBoolean(), clock.instant());
            return pool.withTransaction(sql -> messages.update(sql, changed)).replaceWith(changed);
        });
    }

    /** {@code POST cds_messages_api} by the registrant's client admin object ({@code creator}). */
    public Uni<Message> create(ClientObject me, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        String type = body.path("type").asText(null);
        if (type == null || !CLIENT_TYPES.containsKey(type)) {
            throw ApiError.badRequest("type must be one of " + List.copyOf(new java.util.TreeSet<>(CLIENT_TYPES.keySet())));
        }
        boolean submission = type.equals("client_submission");
        String name = requiredText(body, "name");
        String description = requiredText(body, "description");
        if (submission && (!name.isEmpty() || !description.isEmpty())) {
            throw ApiError.badRequest("name and description must be \"\" for a client_submission");
        }
        if (!submission && name.isBlank()) {
            throw ApiError.badRequest("name must not be blank");
        }
        String previousId = previousId(body.get("previous_uri"));
        if (submission && previousId == null) {
            throw ApiError.badRequest("previous_uri is required for a client_submission (the server_request it answers)");
        }
        ObjectNode d = mapper.createObjectNode();
        d.put("name", name);
        d.put("description", description);
        JsonNode updates = body.get("updates_requested");
        if (updates != null && !updates.isNull()) {
            d.set("updates_requested", updatesRequested(updates));
        } else if (submission) {
            throw ApiError.badRequest("updates_requested is required for a client_submission");
        }
        JsonNode grants = body.get("grants_requested");
        if (grants != null && !grants.isNull()) {
            d.set("grants_requested", grantsRequested(grants));
        } else if (type.equals("grant_request")) {
            throw ApiError.badRequest("grants_requested is required for a grant_request");
        }
        JsonNode related = body.get("related_uri");
        if (related != null && !related.isNull()) {
            if (!related.isTextual() || !RegistrationService.isHttpUrl(related.asText())) {
                throw ApiError.badRequest("related_uri must be an absolute http(s) URL or null");
            }
            d.put("related_uri", related.asText());
            d.put("related_type", relatedType(related.asText()));
        }
        if (type.equals("production_request") && related == null) {
            throw ApiError.badRequest("a production_request names the sandbox Client Object in related_uri");
        }
        JsonNode attachments = body.get("attachments");
        if (attachments != null && !attachments.isNull()) {
            d.set("attachments", attachments(attachments));
        }
        Instant now = clock.instant();
        Message message = new Message(Ids.random("m"), me.registrantId(), previousId, type, CLIENT_TYPES.get(type), true,
                me.clientId(), now, now, d);
        Uni<Void> checks = Uni.createFrom().voidItem();
        if (previousId != null) {
            checks = owned(previousId, me.registrantId()).onFailure().transform(e ->
                    ApiError.badRequest("previous_uri names no message of yours")).invoke(previous -> {
                        if (submission && !previous.type().equals("server_request")) {
                            throw ApiError.badRequest("a client_submission answers a server_request");
                        }
                    }).replaceWithVoid();
        }
        if (type.equals("production_request")) {
            String clientId = related.asText().substring(related.asText().lastIndexOf('/') + 1);
            checks = checks.chain(() -> clients.find(clientId).invoke(c -> {
                Optional<ClientObject> sandbox = c.filter(x -> x.registrantId().equals(me.registrantId())
                        && related.asText().equals(urls.client(x.clientId())));
                if (sandbox.isEmpty() || !sandbox.get().statusOptions().contains("sandbox")) {
                    throw ApiError.badRequest("related_uri must be the cds_client_uri of one of your sandbox Client Objects");
                }
            }).replaceWithVoid());
        }
        return checks.chain(() -> pool.withTransaction(sql -> messages.insert(sql, message)
                .chain(() -> submission ? openToPending(sql, previousId, now) : Uni.createFrom().voidItem())))
                .replaceWith(message);
    }

    /** A client_submission moves the server_request it answers from open to pending. */
    private Uni<Void> openToPending(io.vertx.mutiny.sqlclient.SqlClient sql, String requestId, Instant now) {
        return messages.find(requestId).chain(found -> found.filter(m -> m.status().equals("open"))
                .map(m -> messages.update(sql, m.withStatus("pending", now))).orElse(Uni.createFrom().voidItem()));
    }

    private String previousId(JsonNode previous) {
        if (previous == null || previous.isNull()) {
            return null;
        }
        String prefix = urls.messages() + "/";
        if (!previous.isTextual() || !previous.asText().startsWith(prefix) || previous.asText().length() == prefix.length()) {
            throw ApiError.badRequest("previous_uri must be the uri of a message (" + prefix + "...) or null");
        }
        return previous.asText().substring(prefix.length());
    }

    private String relatedType(String uri) {
        if (uri.startsWith(urls.clients() + "/")) {
            return "client";
        }
        if (uri.startsWith(urls.grants() + "/")) {
            return "grant";
        }
        if (uri.startsWith(urls.grants())) {
            return "grant_list";
        }
        if (uri.startsWith(urls.messages() + "/")) {
            return "message";
        }
        return "more_info";
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw ApiError.badRequest(field + " is required (a string)");
        }
        if (v.asText().length() > 100_000) {
            throw ApiError.badRequest(field + " is longer than 100000 characters");
        }
        return v.asText();
    }

    private ArrayNode updatesRequested(JsonNode updates) {
        if (!updates.isArray()) {
            throw ApiError.badRequest("updates_requested must be an array");
        }
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode u : updates) {
            if (!u.isObject() || !u.path("field").isTextual() || u.get("field").asText().isBlank()) {
                throw ApiError.badRequest("every updates_requested entry needs a field (string)");
            }
            JsonNode uri = u.get("uri");
            if (uri != null && !uri.isNull() && (!uri.isTextual() || !RegistrationService.isHttpUrl(uri.asText()))) {
                throw ApiError.badRequest("updates_requested[].uri must be an absolute http(s) URL");
            }
            out.add(u.deepCopy());
        }
        return out;
    }

    private ArrayNode grantsRequested(JsonNode grants) {
        if (!grants.isArray() || grants.isEmpty()) {
            throw ApiError.badRequest("grants_requested must be a non-empty array");
        }
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode g : grants) {
            if (!g.isObject() || !g.path("scope").isTextual() || g.get("scope").asText().isBlank()) {
                throw ApiError.badRequest("every grants_requested entry needs a scope (string)");
            }
            if (!g.path("authorization_details").isArray()) {
                throw ApiError.badRequest("every grants_requested entry needs authorization_details (an array, [] if none)");
            }
            out.add(g.deepCopy());
        }
        return out;
    }

    private ArrayNode attachments(JsonNode attachments) {
        if (!attachments.isArray()) {
            throw ApiError.badRequest("attachments must be an array");
        }
        long total = 0;
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode a : attachments) {
            if (!a.isObject() || !a.path("filename").isTextual() || a.get("filename").asText().isBlank()
                    || !a.path("data").isTextual()) {
                throw ApiError.badRequest("every attachment needs filename and data (Base64)");
            }
            byte[] data;
            try {
                data = Base64.getDecoder().decode(a.get("data").asText());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("attachment " + a.get("filename").asText() + ": data is not Base64");
            }
            total += data.length;
            if (total > ATTACHMENT_LIMIT) {
                throw new ApiError(413, "payload_too_large", "attachments may hold at most " + ATTACHMENT_LIMIT
                        + " bytes in total");
            }
            ObjectNode copy = out.addObject();
            copy.put("filename", a.get("filename").asText());
            copy.put("mime_type", a.path("mime_type").isTextual() ? a.get("mime_type").asText()
                    : "application/octet-stream");
            copy.put("data", a.get("data").asText());
        }
        return out;
    }
}
