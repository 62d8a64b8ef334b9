package dev.firstcome.backend.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The operator bearer token: {@code FIRSTCOME_ADMIN_TOKEN} when set, otherwise one generated at first
 * start, kept in {@code <data dir>/admin-token} and printed once.
 */
@Component
public class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private final String value;

    AdminToken(FirstComeProperties properties, Environment env) {
        if (StringUtils.hasText(properties.adminToken())) {
            value = properties.adminToken().trim();
            return;
        }
        Path file = Path.of(env.getProperty(
                        "firstcome.infrastructure.data-dir",
                        dev.firstcome.backend.infra.embedded.EmbeddedServersEnvironmentPostProcessor.home(env)
                                + "/.firstcome"))
                .resolve("admin-token");
        try {
            if (Files.isRegularFile(file)) {
                value = Files.readString(file).trim();
            } else {
                byte[] bytes = new byte[24];
                new SecureRandom().nextBytes(bytes);
                value = "fc_" + HexFormat.of().formatHex(bytes);
                Files.createDirectories(file.getParent());
                Files.writeString(file, value + "\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // non-POSIX file system
                }
                log.warn("Generated the operator admin token (saved in {}): {}", file, value);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write the admin token file " + file, e);
        }
    }

    public String value() {
        return value;
    }

    /** Constant-time comparison of a presented bearer token. */
    public boolean matches(String presented) {
        return presented != null
                && java.security.MessageDigest.isEqual(
                        presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
