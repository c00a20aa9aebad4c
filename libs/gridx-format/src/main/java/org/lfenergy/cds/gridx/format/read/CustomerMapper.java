package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.CUSTOMER;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.lfenergy.cds.gridx.format.record.CustomerRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;

/** Customer rows; contract dates are in the client's zone (the file has no zone column). */
final class CustomerMapper implements RecordMapper {
    private static final int PERSON_ID = ColumnRules.index(CUSTOMER, "Person_ID");
    private static final int ENTITY_ID = ColumnRules.index(CUSTOMER, "Entity_ID");
    private static final int CONTRACT_ID = ColumnRules.index(CUSTOMER, "Contract_ID");
    private static final int PREMISE_ID = ColumnRules.index(CUSTOMER, "Premise_ID");
    private static final int SERVICE_POINT_ID = ColumnRules.index(CUSTOMER, "ServicePoint_ID");
    private static final int METER_ACCOUNT_ID = ColumnRules.index(CUSTOMER, "MeterAccount_ID");
    private static final int START = ColumnRules.index(CUSTOMER, "Contract_start_date");
    private static final int END = ColumnRules.index(CUSTOMER, "Contract_end_date");
    private static final int SERVICE_STATUS = ColumnRules.index(CUSTOMER, "Service_status");

    @Override
    public GridxRecord map(RowParser p) {
        String personId = p.required(PERSON_ID);
        String entityId = p.required(ENTITY_ID);
        String contractId = p.required(CONTRACT_ID);
        String premiseId = p.text(PREMISE_ID);
        String servicePointId = p.text(SERVICE_POINT_ID);
        String meterAccountId = p.required(METER_ACCOUNT_ID);
        ZoneId zone = p.clientZone();
        ZonedDateTime start = p.dateTime(START, true, false, zone);
        ZonedDateTime end = p.dateTime(END, false, true, zone);
        p.order(START, start, END, end);
        String serviceStatus = p.text(SERVICE_STATUS);
        if (p.rejected()) {
            return null;
        }
        return new CustomerRecord(personId, entityId, contractId, premiseId, servicePointId, meterAccountId, start,
                end, serviceStatus);
    }
}
