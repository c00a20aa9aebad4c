package org.lfenergy.cds.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Resolves the shared access-filter key: {@code cds.access-filter.key}, else the key file, else (local development
 * only, {@code generate-if-missing}) a new random key written to the key file so the domain services can read it too.
 */
public final class AccessFilterKey {

    private static final Logger LOG = Logger.getLogger(AccessFilterKey.class);
    private static final int MIN_BYTES = 32;

    private AccessFilterKey() {
    }

    /** The key bytes (UTF-8 of the configured text), at least 32; fails start-up when none can be found. */
    public static byte[] resolve(AccessFilterConfig config) {
        String text = config.key().filter(k -> !k.isBlank()).orElseGet(() -> fromFile(config));
        byte[] key = text.trim().getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException("cds.access-filter.key must have at least " + MIN_BYTES + " bytes");
        }
        return key;
    }

    private static String fromFile(AccessFilterConfig config) {
        Path file = config.keyFile().toAbsolutePath();
        try {
            if (Files.isRegularFile(file)) {
                String content = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                LOG.infof("access-filter key read from %s", file);
                return content;
            }
            if (!config.generateIfMissing()) {
                throw new IllegalStateException("No access-filter key: set CDS_ACCESS_FILTER_KEY (or cds.access-filter.key)"
                        + " or provide " + file);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            LOG.warnf("generated a development access-filter key in %s; give the same key to billing-service and"
                    + " usage-service (CDS_ACCESS_FILTER_KEY)", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the access-filter key file " + file, e);
        }
    }
}
