package org.lfenergy.cds.gridx.format.read;

import org.lfenergy.cds.gridx.format.record.GridxRecord;

/** Turns the current row into a typed record, or returns null after recording the findings that reject it. */
interface RecordMapper {
    GridxRecord map(RowParser row);
}
