package org.lfenergy.cds.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.lfenergy.cds.gateway.service.UpstreamService;
import org.lfenergy.cds.testing.LocalStack;

/**
 * The real servers the gateway tests put around the gateway: the {@link EchoUpstreams} and the
 * {@link SwitchableTcpProxy} in front of Keycloak, plus a small control server through which tests stop and restart
 * them. Started once per JVM; everything the tests need is published as system properties (plain strings), because
 * the test profile and the test classes may be loaded by different class loaders.
 */
public final class TestServers {

    static final String CONTROL_PORT = "gwtest.control.port";
    private static final String URL_PREFIX = "gwtest.url.";
    private static final String KEYCLOAK_RELAY = "gwtest.keycloak.relay";

    private TestServers() {
    }

    /** Starts the servers unless this JVM already has them. */
    public static synchronized void ensureStarted() {
        if (System.getProperty(CONTROL_PORT) != null) {
            return;
        }
        // no file cache: its shutdown hook trips over the test class loaders
        Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setFileSystemOptions(
                new io.vertx.core.file.FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        EchoUpstreams upstreams = new EchoUpstreams(vertx);
        SwitchableTcpProxy keycloak = new SwitchableTcpProxy(vertx, LocalStack.infrastructure().keycloakUrl());
        HttpServer control = vertx.createHttpServer().requestHandler(req -> {
            // the commands block until done, so they must not run on the event loop that completes them
            vertx.executeBlocking(() -> {
                String[] parts = req.path().split("/");
                switch (parts[1]) {
                    case "stop" -> upstreams.stop(UpstreamService.valueOf(parts[2].toUpperCase(Locale.ROOT)));
                    case "restart" -> upstreams.restart(UpstreamService.valueOf(parts[2].toUpperCase(Locale.ROOT)));
                    case "keycloak-off" -> keycloak.disable();
                    case "keycloak-on" -> keycloak.enable();
                    default -> throw new IllegalArgumentException(req.path());
                }
                return "ok";
            }).onComplete(ar -> req.response().setStatusCode(ar.succeeded() ? 200 : 500)
                    .end(ar.succeeded() ? "ok" : ar.cause().toString()));
        });
        try {
            int port = control.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .actualPort();
            for (UpstreamService s : UpstreamService.values()) {
                System.setProperty(URL_PREFIX + s.name(), upstreams.url(s));
            }
            System.setProperty(KEYCLOAK_RELAY, "http://127.0.0.1:" + keycloak.port());
            System.setProperty(CONTROL_PORT, Integer.toString(port));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test control server", e);
        }
    }

    /** Base URL of the stand-in for {@code service}. */
    public static String url(UpstreamService service) {
        ensureStarted();
        return System.getProperty(URL_PREFIX + service.name());
    }

    /** Base URL of the relay in front of Keycloak. */
    public static String keycloakRelay() {
        ensureStarted();
        return System.getProperty(KEYCLOAK_RELAY);
    }

    /** Stops the stand-in for {@code service} (connections refused). */
    public static void stop(UpstreamService service) {
        command("stop/" + service.name().toLowerCase(Locale.ROOT));
    }

    /** Starts it again on the same port. */
    public static void restart(UpstreamService service) {
        command("restart/" + service.name().toLowerCase(Locale.ROOT));
    }

    /** Cuts the gateway off from Keycloak. */
    public static void keycloakOff() {
        command("keycloak-off");
    }

    /** Reconnects it. */
    public static void keycloakOn() {
        command("keycloak-on");
    }

    private static void command(String path) {
        String port = System.getProperty(CONTROL_PORT);
        if (port == null) {
            throw new IllegalStateException("test servers not started");
        }
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/" + path))
                            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
