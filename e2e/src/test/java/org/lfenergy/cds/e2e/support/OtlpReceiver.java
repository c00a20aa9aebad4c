package org.lfenergy.cds.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * The run's trace collector: an OTLP/HTTP (protobuf) endpoint the services export their spans to, as they would to an
 * OpenTelemetry Collector in production ({@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}). Keeps every span it
 * receives, decoded with the OTLP protocol classes.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One received span: the exporting service (resource {@code service.name}) and its W3C ids as hex. */
    public record ReceivedSpan(String service, String name, String kind, String traceId, String spanId,
            String parentSpanId, List<String> linkedSpanIds) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    public OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle); // OTLP/HTTP posts to <endpoint>/v1/traces
        server.start();
    }

    /** The URL to configure as the services' OTLP endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span received so far. */
    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The spans of one trace received so far. */
    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans rs : request.getResourceSpansList()) {
                String service = rs.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(KeyValue::getValue)
                        .map(v -> v.getStringValue()).findFirst().orElse("");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                        spans.add(new ReceivedSpan(service, s.getName(), s.getKind().name(),
                                hex(s.getTraceId()), hex(s.getSpanId()), hex(s.getParentSpanId()),
                                s.getLinksList().stream().map(l -> hex(l.getSpanId())).toList()));
                    }
                }
            }
            byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            if (ok.length > 0) {
                exchange.getResponseBody().write(ok);
            }
        }
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return bytes.isEmpty() ? "" : HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
