package dev.firstcome.backend.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** Who did an admin action, for audit records: the authenticated operator's name, never its token. */
public final class Operators {

    /** The identity used for actions taken from the desktop console (same process). */
    public static final String CONSOLE = "console";

    private Operators() {}

    /** The operator of an admin request (authenticated by the security chain). */
    public static String of(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? "unknown" : principal.getName();
    }
}
