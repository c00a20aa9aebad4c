package org.lfenergy.cds.gridx.format.record;

import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * One typed row of a GridX file. Components are named after the specification's columns; optional columns and
 * open ends are {@code null} when absent.
 */
public sealed interface GridxRecord permits DailyDigestRecord, CustomerRecord, MeterAccountMeterRecord,
        CustomerAttributeRecord, BillingRecord, BillingDetailRecord, IntervalRecord, RegisterRecord,
        BillDeterminantsRecord, BillingCycleRecord, RateValuesRecord, EventRecord, NetworkRecord {

    /** The file type this record belongs to. */
    GridxFileType type();
}
