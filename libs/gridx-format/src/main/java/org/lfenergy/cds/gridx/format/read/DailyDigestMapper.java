package org.lfenergy.cds.gridx.format.read;

import static org.lfenergy.cds.gridx.format.GridxFileType.DAILYDIGEST;

import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.field.GridxDecimals;
import org.lfenergy.cds.gridx.format.record.DailyDigestRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;

/** Daily Digest rows. */
final class DailyDigestMapper implements RecordMapper {
    private static final int FILE_NAME = ColumnRules.index(DAILYDIGEST, "File_name");
    private static final int LINE_COUNT = ColumnRules.index(DAILYDIGEST, "Line_count");
    private static final int MD5 = ColumnRules.index(DAILYDIGEST, "MD5");

    @Override
    public GridxRecord map(RowParser p) {
        String fileName = p.required(FILE_NAME);
        String count = p.required(LINE_COUNT);
        long lineCount = -1;
        if (count != null) {
            lineCount = GridxDecimals.parseNonNegativeLong(count);
            if (lineCount < 0) {
                p.add(Rule.ROW_INTEGER, LINE_COUNT, count, "Line_count '" + count + "' is not a whole number >= 0");
            }
        }
        String md5 = p.text(MD5);
        if (md5 != null && !isMd5(md5)) {
            p.add(Rule.ROW_MD5, MD5, md5, "MD5 '" + md5 + "' is not 32 hexadecimal digits; it cannot be compared");
        }
        return p.rejected() ? null : new DailyDigestRecord(fileName, lineCount, md5);
    }

    private static boolean isMd5(String s) {
        if (s.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }
}
