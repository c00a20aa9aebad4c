package org.lfenergy.cds.gridx.generator.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Latitude/longitude text with six decimals (about 10 cm), the precision utilities keep for service points. */
final class Coordinates {

    private Coordinates() {
    }

    static String format(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
