package org.lfenergy.cds.gridx.format.read;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lfenergy.cds.gridx.format.GridxFileType;

/**
 * Which columns a file must have in its header. Follows the specification's "Optional" column, with three
 * readings: end columns whose value may be open still need their header; "No*" pairs need at least one of the
 * pair; Time_zone may be absent because the client's zone applies ("all date/time is LOCAL unless UTC").
 */
final class ColumnRules {

    /** Columns whose header is always required. */
    private static final Map<GridxFileType, Set<String>> REQUIRED = new EnumMap<>(GridxFileType.class);
    /** Groups of which at least one header must be present. */
    private static final Map<GridxFileType, List<String>> ONE_OF = new EnumMap<>(GridxFileType.class);

    static {
        REQUIRED.put(GridxFileType.DAILYDIGEST, Set.of("File_name", "Line_count"));
        REQUIRED.put(GridxFileType.CUSTOMER, Set.of("Person_ID", "Entity_ID", "Contract_ID", "MeterAccount_ID",
                "Contract_start_date", "Contract_end_date"));
        REQUIRED.put(GridxFileType.METERACCOUNTMETER, Set.of("Meteraccount_ID", "Meter_ID", "Meter_install_date",
                "Meter_removal_date"));
        REQUIRED.put(GridxFileType.CUSTOMERATTRIBUTE, Set.of("ID_type", "ID", "Key", "Value", "Start_date",
                "End_date"));
        REQUIRED.put(GridxFileType.BILLING, Set.of("Bill_ID", "Contract_ID", "MeterAccount_ID", "Bill_start_date",
                "Bill_end_date", "Bill_year", "Bill_month", "Total_bill_usage_value", "Total_bill_amount",
                "Is_cancellation"));
        REQUIRED.put(GridxFileType.BILLINGDETAIL, Set.of("Bill_ID", "Contract_ID", "MeterAccount_ID",
                "Bill_start_date", "Bill_end_date", "Bill_year", "Bill_month", "Bill_line_item_code",
                "Bill_line_item_description", "Bill_line_item_quantity", "Bill_line_item_unit",
                "Bill_line_item_price", "Bill_line_item_amount", "Bill_line_item_start_date",
                "Bill_line_item_end_date"));
        Set<String> usage = Set.of("Usage_value", "Date_of_interval", "Datetime_of_interval", "Channel",
                "Interval_frequency", "Data_version");
        REQUIRED.put(GridxFileType.INTERVAL, usage);
        REQUIRED.put(GridxFileType.REGISTER, usage);
        ONE_OF.put(GridxFileType.INTERVAL, List.of("MeterAccount_ID", "Meter_ID"));
        ONE_OF.put(GridxFileType.REGISTER, List.of("MeterAccount_ID", "Meter_ID"));
        REQUIRED.put(GridxFileType.BILLDETERMINANTS, Set.of("MeterAccount_ID", "Usage_value",
                "Start_time_of_interval", "End_time_of_interval", "Channel"));
        REQUIRED.put(GridxFileType.BILLINGCYCLE, Set.of("Read_Cycle", "Billing_Cycle_Start_Date",
                "Billing_Cycle_End_Date", "Bill_Month", "Bill_Year"));
        REQUIRED.put(GridxFileType.RATEVALUES, Set.of("Rate_Plan", "Description", "Value", "Effective_Date"));
        REQUIRED.put(GridxFileType.EVENT, Set.of("Event_type", "Event_date"));
        ONE_OF.put(GridxFileType.EVENT, List.of("Event duration", "Event_start_time"));
        REQUIRED.put(GridxFileType.NETWORK, Set.of("Network_end_date", "Percent_allocation"));
    }

    private ColumnRules() {
    }

    static boolean isRequired(GridxFileType type, String column) {
        return REQUIRED.get(type).contains(column);
    }

    static List<String> oneOf(GridxFileType type) {
        return ONE_OF.getOrDefault(type, List.of());
    }

    /** Canonical index of a column, failing fast on a misspelt name in a mapper. */
    static int index(GridxFileType type, String column) {
        int i = type.headers().indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(type + " has no column " + column);
        }
        return i;
    }
}
