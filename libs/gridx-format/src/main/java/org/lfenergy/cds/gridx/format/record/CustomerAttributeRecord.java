package org.lfenergy.cds.gridx.format.record;

import java.time.LocalDate;
import java.util.Optional;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * A Customer Attribute row: a time-sliced fact attached to some id.
 *
 * @param idType    ID_type code as sent (see {@link IdType} for the known ones)
 * @param startDate date the attribute began to apply
 * @param endDate   date it stops applying, as sent; null = currently active (empty, NULL or 9999-12-31)
 */
public record CustomerAttributeRecord(String idType, String id, String key, String value, LocalDate startDate,
                                      LocalDate endDate) implements GridxRecord {
    @Override
    public GridxFileType type() {
        return GridxFileType.CUSTOMERATTRIBUTE;
    }

    /** The ID_type as a known code, if it is one. */
    public Optional<IdType> knownIdType() {
        return IdType.fromCode(idType);
    }
}
