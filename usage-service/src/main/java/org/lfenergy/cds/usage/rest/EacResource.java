package org.lfenergy.cds.usage.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.lfenergy.cds.usage.config.UsageConfig;
import org.lfenergy.cds.usage.service.ListParams;
import org.lfenergy.cds.usage.service.PageCursor;
import org.lfenergy.cds.usage.service.RequestAccess;

/**
 * CDS Energy Attribute Certificates API (CDS-WG3-01 §10.9). GridX has no EAC file type and this server defines no
 * extension file yet, so the list is always empty (a documented capability: {@code cds_eac_formats} = {}); the
 * parameters are validated as the spec defines them.
 */
@Path("/cds/v1/eacs")
@Produces(MediaType.APPLICATION_JSON)
public class EacResource {

    private final RequestAccess access;
    private final UsageConfig config;

    public EacResource(RequestAccess access, UsageConfig config) {
        this.access = access;
        this.config = config;
    }

    @GET
    public ObjectNode list(@QueryParam("cds_eac_ids") String ids, @QueryParam("eac_numbers") String numbers,
                           @QueryParam("beneficiaries") String beneficiaries, @QueryParam("before") String before,
                           @QueryParam("after") String after, @QueryParam("limit") String limit,
                           @QueryParam("cursor") String cursor) {
        access.filter();
        ListParams.list("cds_eac_ids", ids);
        ListParams.list("eac_numbers", numbers);
        ListParams.list("beneficiaries", beneficiaries);
        ListParams.dateTime("before", before);
        ListParams.dateTime("after", after);
        ListParams.limit(limit, config.pageSize());
        PageCursor.decode(cursor, 3);
        return Queries.emptyList("eacs");
    }
}
