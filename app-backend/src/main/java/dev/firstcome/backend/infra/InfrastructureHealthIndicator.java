package dev.firstcome.backend.infra;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "infrastructure": each of Redis, Kafka and the database with its mode and address. */
@Component("infrastructure")
class InfrastructureHealthIndicator implements HealthIndicator {

    private final InfrastructureService infrastructure;

    InfrastructureHealthIndicator(InfrastructureService infrastructure) {
        this.infrastructure = infrastructure;
    }

    @Override
    public Health health() {
        var components = infrastructure.components();
        Health.Builder builder = components.stream().allMatch(c -> c.up()) ? Health.up() : Health.down();
        for (var c : components) {
            builder.withDetail(
                    c.name(),
                    java.util.Map.of(
                            "status",
                            c.up() ? "UP" : "DOWN",
                            "mode",
                            c.mode(),
                            "address",
                            c.address(),
                            "detail",
                            c.detail()));
        }
        return builder.build();
    }
}
