package dev.firstcome.desktop.testing;

import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.model.ComponentStatus;
import java.util.List;

/** Fixed component statuses. */
public final class FakeInfrastructureApi implements InfrastructureApi {

    private volatile List<ComponentStatus> components = List.of(
            new ComponentStatus("redis", true, "embedded", "127.0.0.1:6390", "PONG"),
            new ComponentStatus("kafka", true, "embedded", "127.0.0.1:9092", "1 broker(s)"),
            new ComponentStatus("database", false, "external", "jdbc:postgresql://db/test", "refused"));

    public void setComponents(List<ComponentStatus> value) {
        components = value;
    }

    @Override
    public List<ComponentStatus> components() {
        return components;
    }

    @Override
    public String httpApiUrl() {
        return "http://127.0.0.1:8080";
    }

    @Override
    public String applyApiUrl() {
        return "http://127.0.0.1:8081";
    }

    @Override
    public String adminToken() {
        return "secret-admin-token";
    }

    @Override
    public String dataDir() {
        return "/tmp/firstcome";
    }
}
