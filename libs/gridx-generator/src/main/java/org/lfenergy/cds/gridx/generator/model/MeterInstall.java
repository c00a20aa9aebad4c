package org.lfenergy.cds.gridx.generator.model;

import java.time.LocalDateTime;

/**
 * A physical meter serving a meter account for a while; install periods of one meter account never overlap.
 *
 * @param removedAt             null while installed
 * @param initialRegisterMilli  register (odometer) reading, in thousandths of the unit, at install or at the
 *                              start of the generated window, whichever is later
 */
public record MeterInstall(String meterId, LocalDateTime installedAt, LocalDateTime removedAt,
                           long initialRegisterMilli) {
}
