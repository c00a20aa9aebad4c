package org.lfenergy.cds.gridx.format;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The 13 GridX file types, by their file-name token. */
public enum GridxFileType {
    DAILYDIGEST(List.of("File_name", "Line_count", "MD5")),
    CUSTOMER(List.of("Person_ID", "Entity_ID", "Contract_ID", "Premise_ID", "ServicePoint_ID",
            "MeterAccount_ID", "Contract_start_date", "Contract_end_date", "Service_status")),
    METERACCOUNTMETER(List.of("Meteraccount_ID", "Meter_ID", "Meter_install_date", "Meter_removal_date")),
    CUSTOMERATTRIBUTE(List.of("ID_type", "ID", "Key", "Value", "Start_date", "End_date")),
    BILLING(List.of("Bill_ID", "ServicePoint_ID", "Contract_ID", "MeterAccount_ID", "Bill_start_date",
            "Bill_end_date", "Bill_year", "Bill_month", "Bill_rate_code", "Bill_cycle_code",
            "Total_bill_usage_value", "Total_bill_amount", "Is_estimate", "Is_cancellation")),
    BILLINGDETAIL(List.of("Bill_ID", "Contract_ID", "MeterAccount_ID", "Bill_start_date", "Bill_end_date",
            "Bill_year", "Bill_month", "Bill_line_item_code", "Bill_line_item_description",
            "Bill_line_item_quantity", "Bill_line_item_unit", "Bill_line_item_price", "Bill_line_item_field_1",
            "Bill_line_item_field_2", "Bill_line_item_field_3", "Bill_line_item_amount",
            "Bill_line_item_start_date", "Bill_line_item_end_date")),
    INTERVAL(Columns.USAGE),
    REGISTER(Columns.USAGE),
    BILLDETERMINANTS(List.of("MeterAccount_ID", "Usage_value", "Start_time_of_interval", "End_time_of_interval",
            "Channel", "Data_version", "Time_zone")),
    BILLINGCYCLE(List.of("Read_Cycle", "Billing_Cycle_Start_Date", "Billing_Cycle_End_Date", "Bill_Month",
            "Bill_Year", "Num_Days")),
    RATEVALUES(List.of("Rate_Plan", "Description", "Value", "Effective_Date", "Expiration_Date")),
    // "Event duration" is spelled with a space in the specification; the reader also accepts "Event_duration".
    EVENT(List.of("Rate_plan_identifier", "Event_type", "Event_sub_type", "Event_date", "Event duration",
            "Event_start_time", "Event_end_time")),
    NETWORK(List.of("Network_type", "Network_ID", "Network_start_date", "Network_end_date", "Member_ID",
            "Network_member_type", "Member_type", "Percent_allocation", "Member_start_date", "Member_end_date",
            "Member_MeterAccount_ID"));

    private final List<String> headers;

    GridxFileType(List<String> headers) {
        this.headers = headers;
    }

    /** The file-name token, e.g. {@code METERACCOUNTMETER}. */
    public String token() {
        return name();
    }

    /** Canonical column names in specification order and spelling. */
    public List<String> headers() {
        return headers;
    }

    /** The type for a file-name token (case-insensitive), if any. */
    public static Optional<GridxFileType> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String upper = token.trim().toUpperCase(Locale.ROOT);
        for (GridxFileType type : values()) {
            if (type.name().equals(upper)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    // Holder so INTERVAL and REGISTER share one list instance (an enum constant cannot reference a static field of its own enum).
    private static final class Columns {
        static final List<String> USAGE = List.of("MeterAccount_ID", "Meter_ID", "Usage_value", "Date_of_interval",
                "Datetime_of_interval", "Channel", "Time_zone", "Interval_frequency", "Data_version");
    }
}
