package org.lfenergy.cds.usage.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.lfenergy.cds.usage.config.CdsSharedConfig;
import org.lfenergy.cds.usage.config.UsageConfig;
import org.lfenergy.cds.usage.mapping.ChannelFormats;
import org.lfenergy.cds.usage.mapping.MeterDeviceMapper;
import org.lfenergy.cds.usage.repository.MeterDeviceQueries;
import org.lfenergy.cds.usage.service.AccessScope;
import org.lfenergy.cds.usage.service.ListParams;
import org.lfenergy.cds.usage.service.Page;
import org.lfenergy.cds.usage.service.PageCursor;
import org.lfenergy.cds.usage.service.RequestAccess;

/** CDS Meter Devices API (CDS-WG3-01 §10.4), internal: behind the api-gateway's access filter. */
@Path("/cds/v1/meter-devices")
@Produces(MediaType.APPLICATION_JSON)
public class MeterDeviceResource {

    private final MeterDeviceQueries queries;
    private final RequestAccess access;
    private final UsageConfig config;
    private final CdsSharedConfig shared;
    private final ChannelFormats formats;

    public MeterDeviceResource(MeterDeviceQueries queries, RequestAccess access, UsageConfig config,
                               CdsSharedConfig shared, ChannelFormats formats) {
        this.queries = queries;
        this.access = access;
        this.config = config;
        this.shared = shared;
        this.formats = formats;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("cds_meterdevice_ids") String ids,
                                @QueryParam("meter_number") String numbers,
                                @QueryParam("current_servicepoints") String current,
                                @QueryParam("previous_servicepoints") String previous,
                                @QueryParam("q") String q,
                                @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor,
                                @Context UriInfo uri) {
        AccessScope scope = new AccessScope(access.filter());
        MeterDeviceQueries.Filters f = new MeterDeviceQueries.Filters(
                ListParams.list("cds_meterdevice_ids", ids), ListParams.list("meter_number", numbers),
                ListParams.list("current_servicepoints", current), ListParams.list("previous_servicepoints", previous),
                Queries.q(q));
        int n = ListParams.limit(limit, config.pageSize());
        PageCursor c = PageCursor.decode(cursor, MeterDeviceQueries.ORDER.size());
        if (!scope.showsMeterDevices()) {
            return Uni.createFrom().item(Queries.emptyList("meter_devices"));
        }
        return queries.list(scope, f, c, n).map(rows -> {
            Page<Row> page = Page.of(rows, n, c, r -> List.of(r.getString("modified_text"),
                    r.getString("cds_meterdevice_id")));
            return Queries.listBody("meter_devices", page, r -> MeterDeviceMapper.toCds(r, scope, formats),
                    shared.publicBaseUrl(), uri);
        });
    }
}
