package org.lfenergy.cds.usage.service;

import jakarta.enterprise.context.RequestScoped;
import org.lfenergy.cds.contracts.access.AccessFilter;

/** The verified access filter of the current request, set by the gate before any resource runs. */
@RequestScoped
public class RequestAccess {

    private AccessFilter filter;

    /** The verified filter (never null inside a CDS resource). */
    public AccessFilter filter() {
        if (filter == null) {
            throw new IllegalStateException("no verified access filter on this request");
        }
        return filter;
    }

    /** Set by the gate. */
    public void set(AccessFilter filter) {
        this.filter = filter;
    }
}
