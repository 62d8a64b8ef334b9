package dev.firstcome.backend.security;

import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@code operator_token}: one row per token, keyed by the SHA-256 of the secret. */
@Repository
class OperatorTokenRepository {

    private static final String COLUMNS = "id, name, role, created_at, created_by, revoked_at, revoked_by";
    private final JdbcTemplate jdbc;

    OperatorTokenRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, OperatorRole role, String hash, Instant at, String by) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    var ps = con.prepareStatement(
                            "INSERT INTO operator_token (name, role, token_hash, created_at, created_by)"
                                    + " VALUES (?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, name);
                    ps.setString(2, role.name());
                    ps.setString(3, hash);
                    ps.setTimestamp(4, Timestamp.from(at));
                    ps.setString(5, by);
                    return ps;
                },
                keys);
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The active token with this hash. */
    Optional<OperatorTokenView> findActiveByHash(String hash) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM operator_token WHERE token_hash = ? AND revoked_at IS NULL",
                        OperatorTokenRepository::row,
                        hash)
                .stream()
                .findFirst();
    }

    Optional<OperatorTokenView> find(long id) {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM operator_token WHERE id = ?", OperatorTokenRepository::row, id)
                .stream()
                .findFirst();
    }

    List<OperatorTokenView> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM operator_token ORDER BY id", OperatorTokenRepository::row);
    }

    /** Revokes once: the first revocation's time and author stay. */
    void revoke(long id, Instant at, String by) {
        jdbc.update(
                "UPDATE operator_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                Timestamp.from(at),
                by,
                id);
    }

    private static OperatorTokenView row(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new OperatorTokenView(
                rs.getLong("id"),
                rs.getString("name"),
                OperatorRole.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                revoked == null ? null : revoked.toInstant(),
                rs.getString("revoked_by"));
    }
}
