package dev.firstcome.backend.security;

import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.backend.infra.AdminToken;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.IssuedOperatorToken;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenDraft;
import dev.firstcome.model.OperatorTokenView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Operator tokens. The bootstrap token ({@code FIRSTCOME_ADMIN_TOKEN} or the generated one in the data
 * directory) is an ADMIN token that is never stored in the database; every other token is created through
 * the API or the console with a role, kept only as its SHA-256 (the secret has 192 random bits, so a
 * fast hash is enough), checked against the database on every request (a revocation holds at once on
 * every server).
 */
@Service
class OperatorTokenService implements OperatorTokenApi {

    static final String BOOTSTRAP_NAME = "admin (bootstrap token)";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@+-]{0,99}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperatorTokenRepository repository;
    private final AdminToken bootstrap;
    private final AuditApi audit;
    private final Clock clock;

    OperatorTokenService(OperatorTokenRepository repository, AdminToken bootstrap, AuditApi audit, Clock clock) {
        this.repository = repository;
        this.bootstrap = bootstrap;
        this.audit = audit;
        this.clock = clock;
    }

    /** The operator a presented secret belongs to, if it is the bootstrap token or an active token. */
    Optional<OperatorPrincipal> authenticate(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        if (bootstrap.matches(secret)) {
            return Optional.of(new OperatorPrincipal(0, BOOTSTRAP_NAME, OperatorRole.ADMIN));
        }
        return repository
                .findActiveByHash(hash(secret))
                .map(t -> new OperatorPrincipal(t.id(), t.name() + " (token " + t.id() + ")", t.role()));
    }

    @Override
    public List<OperatorTokenView> list() {
        return repository.findAll();
    }

    @Override
    public IssuedOperatorToken create(OperatorTokenDraft draft) {
        if (draft == null) {
            throw new InvalidRequestException("body", "a body with name and role is required");
        }
        String name = draft.name() == null ? "" : draft.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRequestException(
                    "name",
                    "name must be 1 to 100 letters, digits, spaces and ._@+- (starting with a letter or digit)");
        }
        if (draft.role() == null) {
            throw new InvalidRequestException("role", "role is required: VIEWER, OPERATOR or ADMIN");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = "fc_" + HexFormat.of().formatHex(bytes);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String by = audit.currentActor();
        long id = repository.insert(name, draft.role(), hash(secret), now, by);
        var view = new OperatorTokenView(id, name, draft.role(), now, by, null, null);
        audit.record("token.create", "token:" + id, null, Map.of("name", name, "role", draft.role()));
        return new IssuedOperatorToken(view, secret);
    }

    @Override
    public OperatorTokenView revoke(long id) {
        OperatorTokenView before = repository.find(id).orElseThrow(() -> new OperatorTokenNotFoundException(id));
        if (!before.active()) {
            return before;
        }
        repository.revoke(id, clock.instant().truncatedTo(ChronoUnit.MICROS), audit.currentActor());
        OperatorTokenView after = repository.find(id).orElseThrow(() -> new OperatorTokenNotFoundException(id));
        audit.record("token.revoke", "token:" + id, before, after);
        return after;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
