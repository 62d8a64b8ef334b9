package dev.firstcome.backend.security;

import dev.firstcome.model.IssuedOperatorToken;
import dev.firstcome.model.OperatorTokenDraft;
import dev.firstcome.model.OperatorTokenView;
import java.util.List;

/**
 * Operator tokens: created with a role, shown once, stored as a hash, revoked at once on every server.
 * Used by the admin API ({@code /api/admin/tokens}, ADMIN) and the console.
 */
public interface OperatorTokenApi {

    List<OperatorTokenView> list();

    /** Creates a token; the answer carries its secret, which is never shown again. */
    IssuedOperatorToken create(OperatorTokenDraft draft);

    /** Revokes a token (idempotent); 404 when there is no such token. */
    OperatorTokenView revoke(long id);
}
