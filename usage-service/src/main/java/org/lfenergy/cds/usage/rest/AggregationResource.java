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
import org.lfenergy.cds.usage.config.CdsSharedConfig;
import org.lfenergy.cds.usage.config.UsageConfig;
import org.lfenergy.cds.usage.repository.AggregationQueries;
import org.lfenergy.cds.usage.service.AccessScope;
import org.lfenergy.cds.usage.service.AggregationService;
import org.lfenergy.cds.usage.service.ListParams;
import org.lfenergy.cds.usage.service.PageCursor;
import org.lfenergy.cds.usage.service.RequestAccess;

/** CDS Aggregations API (CDS-WG3-01 §10.7), internal: behind the api-gateway's access filter. */
@Path("/cds/v1/aggregations")
@Produces(MediaType.APPLICATION_JSON)
public class AggregationResource {

    private final AggregationService service;
    private final RequestAccess access;
    private final UsageConfig config;
    private final CdsSharedConfig shared;

    public AggregationResource(AggregationService service, RequestAccess access, UsageConfig config,
                               CdsSharedConfig shared) {
        this.service = service;
        this.access = access;
        this.config = config;
        this.shared = shared;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("cds_aggregation_ids") String ids,
                                @QueryParam("aggregation_numbers") String numbers,
                                @QueryParam("aggregation_types") String types,
                                @QueryParam("q") String q,
                                @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor,
                                @Context UriInfo uri) {
        AccessScope scope = new AccessScope(access.filter());
        AggregationQueries.Filters f = AggregationQueries.typeFilter(ListParams.list("cds_aggregation_ids", ids),
                ListParams.list("aggregation_numbers", numbers), ListParams.list("aggregation_types", types),
                Queries.q(q));
        int n = ListParams.limit(limit, config.pageSize());
        PageCursor c = PageCursor.decode(cursor, AggregationQueries.ORDER.size());
        if (!scope.showsAggregations()) {
            return Uni.createFrom().item(Queries.emptyList("aggregations"));
        }
        return service.page(scope, f, c, n).map(page -> Queries.listBody("aggregations", page, s -> s,
                shared.publicBaseUrl(), uri));
    }
}
