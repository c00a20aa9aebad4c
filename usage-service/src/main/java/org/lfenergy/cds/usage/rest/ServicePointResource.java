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
import org.lfenergy.cds.usage.mapping.ServicePointMapper;
import org.lfenergy.cds.usage.repository.ServicePointQueries;
import org.lfenergy.cds.usage.service.AccessScope;
import org.lfenergy.cds.usage.service.ListParams;
import org.lfenergy.cds.usage.service.Page;
import org.lfenergy.cds.usage.service.PageCursor;
import org.lfenergy.cds.usage.service.RequestAccess;

/** CDS Service Points API (CDS-WG3-01 §10.3), internal: behind the api-gateway's access filter. */
@Path("/cds/v1/service-points")
@Produces(MediaType.APPLICATION_JSON)
public class ServicePointResource {

    private final ServicePointQueries queries;
    private final RequestAccess access;
    private final UsageConfig config;
    private final CdsSharedConfig shared;

    public ServicePointResource(ServicePointQueries queries, RequestAccess access, UsageConfig config,
                                CdsSharedConfig shared) {
        this.queries = queries;
        this.access = access;
        this.config = config;
        this.shared = shared;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("cds_servicepoint_ids") String ids,
                                @QueryParam("servicepoint_numbers") String numbers,
                                @QueryParam("current_servicecontracts") String current,
                                @QueryParam("previous_servicecontracts") String previous,
                                @QueryParam("q") String q,
                                @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor,
                                @Context UriInfo uri) {
        AccessScope scope = new AccessScope(access.filter());
        ServicePointQueries.Filters f = new ServicePointQueries.Filters(
                ListParams.list("cds_servicepoint_ids", ids), ListParams.list("servicepoint_numbers", numbers),
                ListParams.list("current_servicecontracts", current),
                ListParams.list("previous_servicecontracts", previous), Queries.q(q));
        int n = ListParams.limit(limit, config.pageSize());
        PageCursor c = PageCursor.decode(cursor, ServicePointQueries.ORDER.size());
        if (!scope.showsServicePoints()) {
            return Uni.createFrom().item(Queries.emptyList("service_points"));
        }
        return queries.list(scope, f, c, n).map(rows -> {
            Page<Row> page = Page.of(rows, n, c, r -> List.of(r.getString("modified_text"),
                    r.getString("cds_servicepoint_id")));
            return Queries.listBody("service_points", page, r -> ServicePointMapper.toCds(r, scope),
                    shared.publicBaseUrl(), uri);
        });
    }
}
