package org.lfenergy.cds.auth.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.lfenergy.cds.auth.config.CdsConfig;

/** Every public URL this server hands out, built from {@code cds.public-base-url}; paths are served by auth-service. */
@ApplicationScoped
public class CdsUrls {

    /** Path prefix of the CDS management APIs. */
    public static final String API = "/cds-api/v1";

    private final String base;
    private final String keycloakPublic;
    private final String realm;

    public CdsUrls(CdsConfig config) {
        this.base = stripSlash(config.publicBaseUrl());
        this.keycloakPublic = stripSlash(config.keycloak().publicUrl().orElse(config.keycloak().url()));
        this.realm = config.keycloak().realm();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String base() {
        return base;
    }

    public String serverMetadata() {
        return base + "/.well-known/cds-server-metadata.json";
    }

    public String oauthMetadata() {
        return base + "/.well-known/oauth-authorization-server";
    }

    public String coverage() {
        return base + API + "/coverage";
    }

    /** The token issuer: the Keycloak realm. */
    public String issuer() {
        return keycloakPublic + "/realms/" + realm;
    }

    public String jwks() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String oauth(String endpoint) {
        return base + "/oauth/" + endpoint;
    }

    public String clients() {
        return base + API + "/clients";
    }

    public String client(String clientId) {
        return clients() + "/" + clientId;
    }

    public String clientServerMetadata(String clientId) {
        return client(clientId) + "/cds-server-metadata";
    }

    public String clientOauthMetadata(String clientId) {
        return client(clientId) + "/oauth-authorization-server";
    }

    public String defaultRedirect(String clientId) {
        return base + "/oauth/default-redirect/" + clientId;
    }

    public String messages() {
        return base + API + "/messages";
    }

    public String message(String id) {
        return messages() + "/" + id;
    }

    public String credentials() {
        return base + API + "/credentials";
    }

    public String credential(String id) {
        return credentials() + "/" + id;
    }

    public String grants() {
        return base + API + "/grants";
    }

    public String grant(String id) {
        return grants() + "/" + id;
    }

    public String serverProvidedFiles() {
        return base + API + "/server-provided-files";
    }

    public String docs(String anchor) {
        return base + "/docs/auth#" + anchor;
    }
}
