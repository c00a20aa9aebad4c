package org.lfenergy.cds.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lfenergy.cds.gateway.service.UpstreamService;

/**
 * Real HTTP servers standing in for auth-service, billing-service and usage-service: each answers every request with
 * a JSON echo of what it received (service, method, path, query, headers with repeated ones comma-joined, body, and
 * {@code connection}: the caller's port, which names the gateway's upstream connection). Request headers steer it:
 * {@code X-Test-Delay-Ms} answers late, {@code X-Test-Status} sets the status, {@code X-Test-Bytes} streams that
 * many bytes instead of the echo.
 */
public final class EchoUpstreams {

    private final Vertx vertx;
    private final Map<UpstreamService, Integer> ports = new EnumMap<>(UpstreamService.class);
    private final Map<UpstreamService, HttpServer> servers = new EnumMap<>(UpstreamService.class);

    EchoUpstreams(Vertx vertx) {
        this.vertx = vertx;
        for (UpstreamService s : UpstreamService.values()) {
            start(s, 0);
        }
    }

    /** Base URL of the stand-in for {@code service}. */
    public String url(UpstreamService service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Stops the stand-in: connections to its port are refused. */
    public synchronized void stop(UpstreamService service) {
        HttpServer server = servers.remove(service);
        if (server != null) {
            await(server.close().toCompletionStage().toCompletableFuture());
        }
    }

    /** Starts it again on the same port. */
    public synchronized void restart(UpstreamService service) {
        if (!servers.containsKey(service)) {
            start(service, ports.get(service));
        }
    }

    private void start(UpstreamService service, int port) {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> handle(service, req));
        HttpServer started = await(server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture());
        servers.put(service, started);
        ports.put(service, started.actualPort());
    }

    private void handle(UpstreamService service, HttpServerRequest req) {
        req.body().onSuccess(body -> {
            long delay = Long.parseLong(req.headers().get("X-Test-Delay-Ms") == null ? "0" : req.getHeader("X-Test-Delay-Ms"));
            Runnable answer = () -> answer(service, req, body);
            if (delay > 0) {
                vertx.setTimer(delay, id -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    private void answer(UpstreamService service, HttpServerRequest req, Buffer body) {
        if (req.response().closed()) {
            return;
        }
        int status = req.getHeader("X-Test-Status") == null ? 200 : Integer.parseInt(req.getHeader("X-Test-Status"));
        String bytes = req.getHeader("X-Test-Bytes");
        if (bytes != null) {
            streamBytes(req, Long.parseLong(bytes));
            return;
        }
        JsonObject headers = new JsonObject();
        // A repeated header shows all its values, comma-joined (RFC 9110 §5.3), so a duplicate cannot hide.
        req.headers().forEach(e -> {
            String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
            String seen = headers.getString(name);
            headers.put(name, seen == null ? e.getValue() : seen + ", " + e.getValue());
        });
        JsonObject echo = new JsonObject()
                .put("service", service.name().toLowerCase(java.util.Locale.ROOT))
                .put("method", req.method().name())
                .put("path", req.path())
                .put("query", req.query())
                .put("headers", headers)
                .put("body", body.toString())
                .put("connection", req.remoteAddress().port());
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("X-Upstream", service.name()).end(echo.encode());
    }

    /** Writes {@code total} bytes of a repeating pattern, chunked, respecting the write queue. */
    private void streamBytes(HttpServerRequest req, long total) {
        var response = req.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        for (int i = 0; i < chunk.length(); i++) {
            chunk.setByte(i, (byte) (i % 251));
        }
        new Object() {
            long sent;

            void pump() {
                while (sent < total && !response.writeQueueFull()) {
                    int n = (int) Math.min(chunk.length(), total - sent);
                    response.write(n == chunk.length() ? chunk : chunk.getBuffer(0, n));
                    sent += n;
                }
                if (sent >= total) {
                    response.end();
                } else {
                    response.drainHandler(v -> pump());
                }
            }
        }.pump();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
