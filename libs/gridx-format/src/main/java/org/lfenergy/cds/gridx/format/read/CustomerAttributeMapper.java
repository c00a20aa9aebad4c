package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.CUSTOMERATTRIBUTE;

import java.time.LocalDate;
import org.lfenergy.cds.gridx.format.record.CustomerAttributeRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.format.record.IdType;

/** Customer Attribute rows. */
final class CustomerAttributeMapper implements RecordMapper {
    private static final int ID_TYPE = ColumnRules.index(CUSTOMERATTRIBUTE, "ID_type");
    private static final int ID = ColumnRules.index(CUSTOMERATTRIBUTE, "ID");
    private static final int KEY = ColumnRules.index(CUSTOMERATTRIBUTE, "Key");
    private static final int VALUE = ColumnRules.index(CUSTOMERATTRIBUTE, "Value");
    private static final int START = ColumnRules.index(CUSTOMERATTRIBUTE, "Start_date");
    private static final int END = ColumnRules.index(CUSTOMERATTRIBUTE, "End_date");

    @Override
    public GridxRecord map(RowParser p) {
        String idType = p.required(ID_TYPE);
        p.knownCode(ID_TYPE, idType, IdType.fromCode(idType).isPresent(), "CT, SP or PM");
        String id = p.required(ID);
        String key = p.required(KEY);
        String value = p.required(VALUE);
        LocalDate start = p.date(START, true);
        LocalDate end = p.endDate(END, false);
        p.order(START, start, END, end);
        return p.rejected() ? null : new CustomerAttributeRecord(idType, id, key, value, start, end);
    }
}
