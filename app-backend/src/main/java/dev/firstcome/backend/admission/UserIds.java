package dev.firstcome.backend.admission;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * A customer id: 1..128 characters of letters, digits and {@code ._@+-}, but not {@code .} or {@code ..}
 * (path segments with a meaning of their own: {@code /api/users/../coupons}).
 */
public final class UserIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    private UserIds() {}

    public static boolean isValid(String userId) {
        return userId != null && VALID.matcher(userId).matches() && !".".equals(userId) && !"..".equals(userId);
    }

    /** Throws a 400 naming {@code userId} when invalid. */
    public static String require(String userId) {
        if (userId == null || userId.isEmpty()) {
            throw new InvalidRequestException("userId", "userId is required");
        }
        if (!isValid(userId)) {
            throw new InvalidRequestException(
                    "userId", "userId must be 1 to 128 characters of letters, digits and ._@+-, and not . or ..");
        }
        return userId;
    }
}
