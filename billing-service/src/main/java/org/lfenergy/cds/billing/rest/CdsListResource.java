package org.lfenergy.cds.billing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.lfenergy.cds.billing.service.IdService;
import org.lfenergy.cds.billing.service.ListingService;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterException;

/**
 * The internal CDS list endpoints behind the api-gateway (docs/api-paths.md). Every request must carry the
 * gateway's signed {@code X-CDS-Access-Filter}; without a valid one the answer is 401.
 */
@Path("/cds/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CdsListResource {

    private final ListingService listings;
    private final IdService ids;

    public CdsListResource(ListingService listings, IdService ids) {
        this.listings = listings;
        this.ids = ids;
    }

    @GET
    @Path("/accounts")
    public Uni<Response> accounts(@HeaderParam(AccessFilter.HEADER) String filter, @Context UriInfo uri) {
        return list(Listing.ACCOUNTS, filter, uri);
    }

    @GET
    @Path("/service-contracts")
    public Uni<Response> serviceContracts(@HeaderParam(AccessFilter.HEADER) String filter, @Context UriInfo uri) {
        return list(Listing.SERVICE_CONTRACTS, filter, uri);
    }

    @GET
    @Path("/bill-statements")
    public Uni<Response> billStatements(@HeaderParam(AccessFilter.HEADER) String filter, @Context UriInfo uri) {
        return list(Listing.BILL_STATEMENTS, filter, uri);
    }

    @GET
    @Path("/bill-sections")
    public Uni<Response> billSections(@HeaderParam(AccessFilter.HEADER) String filter, @Context UriInfo uri) {
        return list(Listing.BILL_SECTIONS, filter, uri);
    }

    private Uni<Response> list(Listing listing, String header, UriInfo uri) {
        AccessFilter filter;
        try {
            filter = ids.filters().verify(header);
        } catch (AccessFilterException e) {
            throw ApiException.unauthorized("a valid " + AccessFilter.HEADER + " header is required ("
                    + e.reason().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        ListRequest request = ListRequest.parse(listing, uri.getQueryParameters(true));
        return listings.list(request, filter)
                .map(body -> Response.ok(body, MediaType.APPLICATION_JSON).build());
    }
}
