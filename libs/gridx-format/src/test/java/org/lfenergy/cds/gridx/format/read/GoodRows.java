package org.lfenergy.cds.gridx.format.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lfenergy.cds.gridx.format.GridxFileType;

/** One valid CSV row per file type, in canonical column order, and helpers to build fixture files from it. */
final class GoodRows {

    static final Map<GridxFileType, String> ROWS = new EnumMap<>(GridxFileType.class);

    static {
        ROWS.put(GridxFileType.DAILYDIGEST, "GRIDX_ACME_CUSTOMER_20240102030405.csv,3,0123456789abcdef0123456789abcdef");
        ROWS.put(GridxFileType.CUSTOMER, "P1,E1,C1,PR1,SP1,MA1,202401010000,202412312359,Active");
        ROWS.put(GridxFileType.METERACCOUNTMETER, "MA1,M1,202401010000,");
        ROWS.put(GridxFileType.CUSTOMERATTRIBUTE, "CT,123456789,rate_code,GS1,20210314,20250217");
        ROWS.put(GridxFileType.BILLING, "B1,SP1,C1,MA1,20240101,20240131,2024,01,GS1,CY1,500.5,123.45,0,0");
        ROWS.put(GridxFileType.BILLINGDETAIL,
                "B1,C1,MA1,20240101,20240131,2024,1,E1,Energy,100,kWh,0.32,,,,32.00,20240101,20240131");
        ROWS.put(GridxFileType.INTERVAL, "MA1,M1,1.25,20240101,202401010015,KWH_DEL,America/Los_Angeles,15,A");
        ROWS.put(GridxFileType.REGISTER, "MA1,M1,30.5,20240101,202401010000,KWH_DEL,America/Los_Angeles,1440,A");
        ROWS.put(GridxFileType.BILLDETERMINANTS, "MA1,500.25,202401010000,202401310000,KWH_DEL,A,America/Los_Angeles");
        ROWS.put(GridxFileType.BILLINGCYCLE, "CY1,20240101,20240131,01,2024,31");
        ROWS.put(GridxFileType.RATEVALUES, "GS1,Energy charge,0.32,20240101,");
        ROWS.put(GridxFileType.EVENT, "*,CPP,,20240815,,160000,210000");
        ROWS.put(GridxFileType.NETWORK, "NEMA,N1,20240101,99991231,C1,contract_id,subscriber,25.50,20240101,,MA1");
    }

    private GoodRows() {
    }

    static String header(GridxFileType type) {
        return String.join(",", type.headers());
    }

    static String row(GridxFileType type) {
        return ROWS.get(type);
    }

    /** The good row with some columns replaced: pairs of (column name, value). */
    static String with(GridxFileType type, String... columnValuePairs) {
        List<String> fields = new ArrayList<>(Arrays.asList(ROWS.get(type).split(",", -1)));
        for (int i = 0; i < columnValuePairs.length; i += 2) {
            int at = type.headers().indexOf(columnValuePairs[i]);
            if (at < 0) {
                throw new IllegalArgumentException(type + " has no column " + columnValuePairs[i]);
            }
            fields.set(at, columnValuePairs[i + 1]);
        }
        return String.join(",", fields);
    }

    static String fileName(GridxFileType type) {
        return "GRIDX_ACME_" + type.token() + "_20240102030405.csv";
    }

    /** Header, the given rows, LF line ends. */
    static String file(GridxFileType type, String... rows) {
        StringBuilder b = new StringBuilder(header(type)).append('\n');
        for (String r : rows) {
            b.append(r).append('\n');
        }
        return b.toString();
    }
}
