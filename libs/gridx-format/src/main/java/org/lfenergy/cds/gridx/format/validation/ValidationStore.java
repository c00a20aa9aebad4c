package org.lfenergy.cds.gridx.format.validation;

/**
 * Everything the cross-row validators remember between rows and files. The ingest service can back it with
 * PostgreSQL; {@link InMemoryValidationStore} serves tests and small runs. Implementations need not be
 * thread-safe if one validator is used per thread.
 */
public interface ValidationStore extends ContractLinks, MeterInstalls, PeriodChains, Bills, Usage {
}
