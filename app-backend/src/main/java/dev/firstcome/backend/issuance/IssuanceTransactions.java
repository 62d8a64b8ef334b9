package dev.firstcome.backend.issuance;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plain JDBC transactions for the persist path (no JPA session per batch). Deliberately not a
 * {@code PlatformTransactionManager} bean, so the application's JPA transaction manager stays the
 * default for everyone else.
 */
@Component
class IssuanceTransactions {

    private final TransactionTemplate template;

    IssuanceTransactions(DataSource dataSource) {
        this.template = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    TransactionTemplate template() {
        return template;
    }
}
