package dev.firstcome.backend.infra;

import dev.firstcome.model.ComponentStatus;
import java.util.List;

/** Facade over the infrastructure: component health and mode, where the HTTP API and the apply server listen, the admin token. */
public interface InfrastructureApi {

    /** Redis, Kafka and the database, each with state, mode (embedded/external) and address. */
    List<ComponentStatus> components();

    /** The base URL customers use, e.g. {@code http://127.0.0.1:8080}; empty before the server listens. */
    String httpApiUrl();

    /**
     * The base URL customers apply at: the apply server (its own port) when it runs, else
     * {@link #httpApiUrl()}; empty before either listens.
     */
    default String applyApiUrl() {
        return httpApiUrl();
    }

    /** The bearer token that protects {@code /api/admin/**}. */
    String adminToken();

    /**
     * How customers are identified: {@code off} (the apply trusts the userId it is given), {@code HS256
     * shared secret} or {@code JWKS <url>} (a bearer JWT whose subject is the customer).
     */
    default String customerIdentity() {
        return "off";
    }

    /** Where embedded servers keep their data. */
    String dataDir();
}
