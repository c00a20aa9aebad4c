package org.lfenergy.cds.billing.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lfenergy.cds.billing.config.BillingConfig;
import org.lfenergy.cds.billing.mapping.Body;
import org.lfenergy.cds.billing.mapping.Docs;
import org.lfenergy.cds.billing.mapping.ResponseShaper;
import org.lfenergy.cds.billing.repository.SqlParams;
import org.lfenergy.cds.billing.rest.ListRequest;
import org.lfenergy.cds.billing.rest.Listing;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.IncludeField;

/** Answers the four list APIs: filters, access filter and ordering in SQL, gating per object, paging links. */
@ApplicationScoped
public class ListingService {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(Docs.JSON)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final Pool pool;
    private final String baseUrl;

    public ListingService(Pool pool, BillingConfig config) {
        this.pool = pool;
        String base = config.publicBaseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * One page of a list, as the response body (UTF-8 JSON). The stored documents arrive as UTF-8 bytes and become
     * part of the body as they are (shaped when the grant needs it): never decoded into strings, and their long runs
     * of untouched bytes not even copied ({@link Body}).
     */
    public Uni<Buffer> list(ListRequest request, AccessFilter filter) {
        Plan plan = plan(request, filter);
        return pool.preparedQuery(plan.sql()).execute(plan.params().tuple()).map(rows -> {
            Body body = new Body();
            body.appendByte((byte) '{').appendByte((byte) '"').appendString(request.listing().listKey())
                    .appendString("\":[");
            int count = 0;
            boolean more = false;
            for (Row r : rows) {
                if (count == request.limit()) {
                    more = true;
                    break;
                }
                Set<String> visibleSections = r.size() > 1
                        ? new HashSet<>(Arrays.asList(r.getArrayOfStrings(1))) : null;
                if (count++ > 0) {
                    body.appendByte((byte) ',');
                }
                plan.shape().write(bytes(r.getDelegate().getBuffer(0)), visibleSections, body);
            }
            return body.appendByte((byte) ']').appendString(links(request, new StringBuilder(), more).append('}')
                    .toString()).toBuffer();
        });
    }

    /**
     * The bytes of a {@code bytea} value of a row. The client reads each such value into an array of its own, which
     * nothing changes afterwards: that array is used as it is (a copy only if the value shares a larger array).
     */
    static byte[] bytes(Buffer value) {
        ByteBuf b = value.getByteBuf();
        if (b.hasArray() && b.arrayOffset() == 0 && b.readerIndex() == 0 && b.array().length == b.readableBytes()) {
            return b.array();
        }
        return value.getBytes();
    }

    /**
     * The query of one page (column 1 the stored document as UTF-8 bytes, column 2 the visible sections of a
     * statement).
     */
    record Plan(String sql, SqlParams params, ResponseShaper.Shape shape) {
    }

    /** The page's query: the request's filters, the access filter and the ordering, in SQL. */
    Plan plan(ListRequest request, AccessFilter filter) {
        SqlParams params = new SqlParams();
        AccessConditions access = new AccessConditions(filter, params);
        ResponseShaper shaper = new ResponseShaper(filter);
        StringBuilder extra = new StringBuilder();
        String from;
        List<String> where = new ArrayList<>();
        List<String[]> order; // {column, "" / " DESC" / " COLLATE ..."}; the last is the table's unique id
        ResponseShaper.Shape shape;
        switch (request.listing()) {
            case ACCOUNTS -> {
                from = "account a";
                where.add(access.accounts("a"));
                in(where, params, request, "cds_account_ids", "a.cds_account_id", true);
                in(where, params, request, "customer_numbers", "a.customer_number",
                        access.sees(IncludeField.ACCOUNT_NUMBERS));
                in(where, params, request, "account_numbers", "a.account_number",
                        access.sees(IncludeField.ACCOUNT_NUMBERS));
                in(where, params, request, "account_statuses", "a.account_status",
                        access.sees(IncludeField.ACCOUNT_DETAILS));
                search(where, params, request, List.of("lower(a.cds_account_id)"),
                        access.sees(IncludeField.ACCOUNT_NUMBERS) ? "a.q_numbers" : null,
                        access.sees(IncludeField.ACCOUNT_DETAILS) ? "a.q_details" : null,
                        access.sees(IncludeField.ACCOUNT_PROGRAMS) ? "a.q_programs" : null);
                order = List.of(new String[] {"a.cds_modified", " DESC"}, new String[] {"a.cds_account_id", ""});
                shape = shaper.account();
            }
            case SERVICE_CONTRACTS -> {
                from = "service_contract s";
                where.add(access.contracts("s"));
                in(where, params, request, "cds_servicecontract_ids", "s.cds_servicecontract_id", true);
                in(where, params, request, "account_numbers", "s.account_number",
                        access.sees(IncludeField.ACCOUNT_NUMBERS));
                in(where, params, request, "contract_numbers", "s.contract_number",
                        access.sees(IncludeField.CONTRACT_NUMBERS));
                in(where, params, request, "contract_statuses", "s.contract_status", true);
                overlap(where, params, request, "contract_types", "s.contract_types");
                overlap(where, params, request, "service_types", "s.service_types");
                search(where, params, request, List.of("lower(s.cds_servicecontract_id)"),
                        access.sees(IncludeField.ACCOUNT_NUMBERS) ? "s.q_account_number" : null,
                        access.sees(IncludeField.CONTRACT_NUMBERS) ? "s.q_contract_number" : null,
                        access.sees(IncludeField.SERVICE_CONTRACT_DETAILS) ? "s.q_details" : null,
                        access.sees(IncludeField.RATE_PLANS) ? "s.q_rates" : null,
                        access.sees(IncludeField.SERVICE_PROGRAMS) ? "s.q_programs" : null);
                order = List.of(new String[] {"s.cds_modified", " DESC"},
                        new String[] {"s.cds_servicecontract_id", ""});
                shape = shaper.contract();
            }
            case BILL_STATEMENTS -> {
                if (access.sees(IncludeField.BILL_SECTIONS)) {
                    // the statement's sections this grant may see: related_billsections lists no other
                    extra.append(", ARRAY(SELECT bs.cds_billsection_id FROM bill_section bs WHERE bs.client = b.client"
                            + " AND bs.cds_billstatement_id = b.cds_billstatement_id AND ")
                            .append(access.sections("bs")).append(")");
                }
                from = "bill_statement b";
                where.add(access.statements("b"));
                in(where, params, request, "cds_billstatement_ids", "b.cds_billstatement_id", true);
                date(where, params, request, "before", "b.statement_date <= ");
                date(where, params, request, "after", "b.statement_date >= ");
                in(where, params, request, "cds_account_ids", "b.cds_account_id", true);
                in(where, params, request, "account_numbers", "b.account_number", true);
                order = List.of(new String[] {"b.statement_date", " DESC"}, new String[] {"b.cds_modified", " DESC"},
                        new String[] {"b.cds_billstatement_id", ""});
                shape = shaper.statement();
            }
            case BILL_SECTIONS -> {
                from = "bill_section b";
                where.add(access.sections("b"));
                in(where, params, request, "cds_billsection_ids", "b.cds_billsection_id", true);
                date(where, params, request, "before", "b.start_date <= ");
                date(where, params, request, "after", "b.end_date >= ");
                in(where, params, request, "cds_billstatement_ids", "b.cds_billstatement_id",
                        access.sees(IncludeField.BILL_STATEMENTS));
                in(where, params, request, "cds_account_ids", "b.cds_account_id", true);
                in(where, params, request, "account_numbers", "b.account_number", true);
                in(where, params, request, "cds_servicecontract_ids", "b.cds_servicecontract_id", true);
                in(where, params, request, "contract_numbers", "b.contract_number",
                        access.sees(IncludeField.CONTRACT_NUMBERS));
                order = List.of(new String[] {"b.account_number", " COLLATE \"C\""},
                        new String[] {"b.contract_number", " COLLATE \"C\""}, new String[] {"b.start_date", ""},
                        new String[] {"b.cds_modified", " DESC"}, new String[] {"b.cds_billsection_id", ""});
                shape = shaper.section();
            }
            default -> throw new IllegalStateException();
        }
        return new Plan(pageQuery(from, extra.toString(), where, order, request,
                request.listing() == Listing.BILL_SECTIONS), params, shape);
    }

    /**
     * The page's query. With {@code keysFirst} (bill sections, whose documents are large enough to be stored
     * compressed) the page's rows are chosen on the filter and order columns alone and only their documents are
     * read: reading the documents of every matching row before the sort and limit cost ten times the query itself.
     * The other lists' documents are small and uncompressed, so one plain query is cheaper for them.
     */
    private static String pageQuery(String from, String extra, List<String> where, List<String[]> order,
                                    ListRequest request, boolean keysFirst) {
        String alias = from.substring(from.indexOf(' ') + 1);
        String paging = " LIMIT " + (request.limit() + 1) + " OFFSET " + request.offset();
        if (!keysFirst) {
            return "SELECT " + doc(alias) + extra + " FROM " + from + " WHERE " + String.join(" AND ", where)
                    + " ORDER BY " + String.join(", ", order.stream().map(o -> o[0] + o[1]).toList()) + paging;
        }
        StringBuilder keys = new StringBuilder("SELECT ");
        StringBuilder inner = new StringBuilder();
        StringBuilder outer = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            String[] o = order.get(i);
            keys.append(i > 0 ? ", " : "").append(o[0]).append(" AS o").append(i);
            inner.append(i > 0 ? ", " : "").append(o[0]).append(o[1]);
            outer.append(i > 0 ? ", " : "").append("k.o").append(i).append(o[1]);
        }
        String id = order.get(order.size() - 1)[0];
        return "SELECT " + doc(alias) + extra + " FROM (" + keys + " FROM " + from
                + " WHERE " + String.join(" AND ", where) + " ORDER BY " + inner + paging + ") k JOIN " + from
                + " ON " + id + " = k.o" + (order.size() - 1) + " ORDER BY " + outer;
    }

    /**
     * The stored document as bytea: its UTF-8 text, which the client receives in binary form and the page copies
     * as it is (a text column would be decoded into a Java string and encoded again).
     */
    private static String doc(String alias) {
        return "convert_to(" + alias + ".doc::text, 'UTF8')";
    }

    private StringBuilder links(ListRequest request, StringBuilder body, boolean more) {
        body.append(",\"next\":");
        body.append(more ? quote(link(request, request.offset() + request.limit())) : "null");
        body.append(",\"previous\":");
        return body.append(request.offset() > 0
                ? quote(link(request, Math.max(0, request.offset() - request.limit()))) : "null");
    }

    private String link(ListRequest request, int offset) {
        StringBuilder sb = new StringBuilder(baseUrl).append(request.listing().path());
        char sep = '?';
        for (Map.Entry<String, String> e : request.filters().entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        if (request.limitGiven()) {
            sb.append(sep).append(Listing.LIMIT).append('=').append(request.limit());
            sep = '&';
        }
        if (offset > 0) {
            sb.append(sep).append(Listing.CURSOR).append('=').append(ListRequest.cursor(offset));
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quote(String s) {
        return JSON.getNodeFactory().textNode(s).toString();
    }

    private static void in(List<String> where, SqlParams params, ListRequest request, String name, String column,
                           boolean visible) {
        List<String> values = request.lists().get(name);
        if (values != null) {
            where.add(visible ? column + " = ANY(" + params.add(values) + ")" : "FALSE");
        }
    }

    private static void overlap(List<String> where, SqlParams params, ListRequest request, String name,
                                String column) {
        List<String> values = request.lists().get(name);
        if (values != null) {
            where.add(column + " && " + params.add(values) + "::text[]");
        }
    }

    private static void date(List<String> where, SqlParams params, ListRequest request, String name, String test) {
        if (request.dates().containsKey(name)) {
            where.add(test + params.add(request.dates().get(name)) + "::date");
        }
    }

    private static void search(List<String> where, SqlParams params, ListRequest request, List<String> always,
                               String... gated) {
        if (request.q() == null) {
            return;
        }
        String q = params.add(request.q().toLowerCase(Locale.ROOT));
        List<String> tests = new ArrayList<>();
        always.forEach(c -> tests.add("strpos(" + c + ", " + q + ") > 0"));
        for (String c : gated) {
            if (c != null) {
                tests.add("strpos(" + c + ", " + q + ") > 0");
            }
        }
        where.add("(" + String.join(" OR ", tests) + ")");
    }
}
