package dev.firstcome.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The backend's features as Spring Modulith application modules: no cycles between them, and each uses
 * only the others' top-level packages (their API) and named interfaces (infra's {@code web}). The module
 * documentation (PlantUML component diagrams and module canvases) is written to
 * {@code target/spring-modulith-docs}; {@code docs/modules/} holds a copy (refresh it after a change of the
 * module structure).
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(FirstComeApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApis() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES).writeDocumentation();

        assertThat(Path.of("target/spring-modulith-docs/components.puml")).exists();
        assertThat(Files.exists(Path.of("target/spring-modulith-docs/module-admission.puml")))
                .isTrue();
    }
}
