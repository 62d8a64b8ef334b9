package dev.firstcome.backend.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Who did an admin action, for audit records: a short fingerprint of the token, never the token. */
public final class Operators {

    /** The identity used for actions taken from the desktop console (same process). */
    public static final String CONSOLE = "console";

    private Operators() {}

    public static String identity(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "token:" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The operator identity of an admin request (set by the token filter). */
    public static String of(HttpServletRequest request) {
        Object value = request.getAttribute(AdminTokenFilter.OPERATOR_ATTRIBUTE);
        return value == null ? "unknown" : value.toString();
    }
}
