package org.lfenergy.cds.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error answer of this service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String errorDescription, String rule, String parameter) {

    public static ApiError of(String error, String description) {
        return new ApiError(error, description, null, null);
    }
}
