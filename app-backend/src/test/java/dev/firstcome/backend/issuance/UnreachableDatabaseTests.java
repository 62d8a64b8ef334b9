package dev.firstcome.backend.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/** Which failures send a whole batch to the dead letters (database unreachable) and which are isolated per record. */
class UnreachableDatabaseTests {

    @Test
    void noConnectionIsUnreachable() {
        assertThat(CouponAdmittedListener.isUnreachable(new CannotGetJdbcConnectionException("pool exhausted")))
                .isTrue();
    }

    @Test
    void connectionExceptionStatesAreUnreachable() {
        assertThat(CouponAdmittedListener.isUnreachable(
                        new UncategorizedSQLException("insert", "sql", new SQLException("gone", "08006"))))
                .isTrue();
        assertThat(CouponAdmittedListener.isUnreachable(new UncategorizedSQLException(
                        "insert",
                        "sql",
                        new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(CouponAdmittedListener.isUnreachable(new TransientDataAccessResourceException(
                        "insert", new SQLTransientConnectionException("reset"))))
                .isTrue();
    }

    @Test
    void aRefusedRowIsNotUnreachable() {
        // a trigger raising (PostgreSQL P0001, MariaDB SIGNAL 45000) refuses rows of a database that answers
        assertThat(CouponAdmittedListener.isUnreachable(
                        new UncategorizedSQLException("insert", "sql", new SQLException("refused", "P0001"))))
                .isFalse();
        assertThat(CouponAdmittedListener.isUnreachable(
                        new TransientDataAccessResourceException("insert", new SQLException("refused", "45000"))))
                .isFalse();
        // MariaDB Connector/J reports the SIGNAL as a transient *connection* exception: the state decides
        assertThat(CouponAdmittedListener.isUnreachable(new TransientDataAccessResourceException(
                        "insert", new SQLTransientConnectionException("(conn=27) refused by test trigger", "45000"))))
                .isFalse();
    }
}
