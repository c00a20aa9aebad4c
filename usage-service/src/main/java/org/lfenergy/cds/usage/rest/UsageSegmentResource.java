package org.lfenergy.cds.usage.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import org.lfenergy.cds.usage.config.CdsSharedConfig;
import org.lfenergy.cds.usage.config.UsageConfig;
import org.lfenergy.cds.usage.repository.UsageSegmentQueries;
import org.lfenergy.cds.usage.service.AccessScope;
import org.lfenergy.cds.usage.service.ListParams;
import org.lfenergy.cds.usage.service.PageCursor;
import org.lfenergy.cds.usage.service.RequestAccess;
import org.lfenergy.cds.usage.service.UsageSegmentService;

/** CDS Usage Segments API (CDS-WG3-01 §10.8), internal: behind the api-gateway's access filter. */
@Path("/cds/v1/usage-segments")
@Produces(MediaType.APPLICATION_JSON)
public class UsageSegmentResource {

    private final UsageSegmentService service;
    private final RequestAccess access;
    private final UsageConfig config;
    private final CdsSharedConfig shared;

    public UsageSegmentResource(UsageSegmentService service, RequestAccess access, UsageConfig config,
                                CdsSharedConfig shared) {
        this.service = service;
        this.access = access;
        this.config = config;
        this.shared = shared;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("cds_usagesegment_ids") String segmentIds,
                                @QueryParam("before") String before,
                                @QueryParam("after") String after,
                                @QueryParam("cds_account_ids") String accountIds,
                                @QueryParam("account_numbers") String accountNumbers,
                                @QueryParam("cds_servicecontract_ids") String contractIds,
                                @QueryParam("contract_numbers") String contractNumbers,
                                @QueryParam("cds_servicepoint_ids") String servicePointIds,
                                @QueryParam("servicepoint_numbers") String servicePointNumbers,
                                @QueryParam("cds_meterdevice_ids") String meterIds,
                                @QueryParam("meter_numbers") String meterNumbers,
                                @QueryParam("cds_billsection_ids") String billSectionIds,
                                @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor,
                                @Context UriInfo uri) {
        AccessScope scope = new AccessScope(access.filter());
        List<String> segIds = ListParams.list("cds_usagesegment_ids", segmentIds);
        OffsetDateTime b = ListParams.dateTime("before", before);
        OffsetDateTime a = ListParams.dateTime("after", after);
        List<String> billSections = ListParams.list("cds_billsection_ids", billSectionIds);
        UsageSegmentQueries.Filters f = new UsageSegmentQueries.Filters(segIds, b, a,
                ListParams.list("cds_account_ids", accountIds), ListParams.list("account_numbers", accountNumbers),
                ListParams.list("cds_servicecontract_ids", contractIds),
                ListParams.list("contract_numbers", contractNumbers),
                ListParams.list("cds_servicepoint_ids", servicePointIds),
                ListParams.list("servicepoint_numbers", servicePointNumbers),
                ListParams.list("cds_meterdevice_ids", meterIds), ListParams.list("meter_numbers", meterNumbers),
                UsageSegmentService.windowStart(scope.filter().windows()),
                UsageSegmentService.windowEnd(scope.filter().windows()), billSections);
        int n = ListParams.limit(limit, config.pageSize(), Math.max(config.pageSize(), config.segmentMaxLimit()));
        PageCursor c = PageCursor.decode(cursor, UsageSegmentQueries.ORDER.size());
        if (!scope.showsUsageSegments()) {
            return Uni.createFrom().item(Queries.emptyList("usage_segments"));
        }
        return service.page(scope, f, c, n).map(page -> Queries.listBody("usage_segments", page, s -> s,
                shared.publicBaseUrl(), uri));
    }
}
