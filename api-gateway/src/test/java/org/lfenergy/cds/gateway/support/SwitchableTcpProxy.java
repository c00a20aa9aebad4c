package org.lfenergy.cds.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay in front of a real server that a test can switch off (every connection is then closed and new ones
 * are dropped), to simulate an outage of that server without stopping it for everyone else.
 */
public final class SwitchableTcpProxy {

    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private volatile boolean enabled = true;

    /** Relays a random local port to the host and port of {@code targetUrl}. */
    public SwitchableTcpProxy(Vertx vertx, String targetUrl) {
        this.client = vertx.createNetClient();
        URI uri = URI.create(targetUrl);
        this.targetHost = uri.getHost();
        this.targetPort = uri.getPort();
        NetServer server = vertx.createNetServer().connectHandler(this::relay);
        try {
            this.port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The local port clients connect to. */
    public int port() {
        return port;
    }

    /** Cuts every relayed connection and refuses new ones (they are closed at once). */
    public void disable() {
        enabled = false;
        open.forEach(NetSocket::close);
    }

    /** Relays again. */
    public void enable() {
        enabled = true;
    }

    private void relay(NetSocket in) {
        if (!enabled) {
            in.close();
            return;
        }
        in.pause();
        open.add(in);
        in.closeHandler(v -> open.remove(in));
        client.connect(targetPort, targetHost).onComplete(ar -> {
            if (ar.failed() || !enabled) {
                in.close();
                return;
            }
            NetSocket out = ar.result();
            open.add(out);
            out.closeHandler(v -> {
                open.remove(out);
                in.close();
            });
            in.closeHandler(v -> {
                open.remove(in);
                out.close();
            });
            in.pipeTo(out);
            out.pipeTo(in);
        });
    }
}
