package dev.firstcome.desktop.testing;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.security.OperatorTokenApi;
import dev.firstcome.model.IssuedOperatorToken;
import dev.firstcome.model.OperatorTokenDraft;
import dev.firstcome.model.OperatorTokenView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Operator tokens in memory, with the backend's name rule: created and revoked by {@code console} at a
 * fixed time, secrets {@code fc_secret_<id>}.
 */
public final class FakeOperatorTokenApi implements OperatorTokenApi {

    public static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@+-]{0,99}");

    private final Map<Long, OperatorTokenView> tokens = new ConcurrentSkipListMap<>();
    private final Map<Long, String> secrets = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** The secret handed out for this token (tests only: the real backend keeps only its hash). */
    public String secretOf(long id) {
        return secrets.get(id);
    }

    @Override
    public List<OperatorTokenView> list() {
        return List.copyOf(tokens.values());
    }

    @Override
    public IssuedOperatorToken create(OperatorTokenDraft draft) {
        String name = draft.name() == null ? "" : draft.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRequestException(
                    "name",
                    "name must be 1 to 100 letters, digits, spaces and ._@+- (starting with a letter or digit)");
        }
        if (draft.role() == null) {
            throw new InvalidRequestException("role", "role is required: VIEWER, OPERATOR or ADMIN");
        }
        long id = ids.incrementAndGet();
        OperatorTokenView view = new OperatorTokenView(id, name, draft.role(), NOW, "console", null, null);
        tokens.put(id, view);
        secrets.put(id, "fc_secret_" + id);
        return new IssuedOperatorToken(view, "fc_secret_" + id);
    }

    @Override
    public OperatorTokenView revoke(long id) {
        OperatorTokenView before = tokens.get(id);
        if (before == null) {
            throw new NoSuchElementException("No operator token with id " + id);
        }
        if (!before.active()) {
            return before;
        }
        OperatorTokenView after = new OperatorTokenView(
                id,
                before.name(),
                before.role(),
                before.createdAt(),
                before.createdBy(),
                NOW.plusSeconds(60),
                "console");
        tokens.put(id, after);
        return after;
    }
}
