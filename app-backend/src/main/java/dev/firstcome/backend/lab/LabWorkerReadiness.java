package dev.firstcome.backend.lab;

import dev.firstcome.backend.infra.InfrastructureApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On a worker JVM of a lab rush ({@code firstcome.lab.ready-file} set): once the server is
 * ready, writes its apply URL to that file (atomically), which is how the rush learns where to send.
 */
@Component
class LabWorkerReadiness {

    private final LabProperties properties;
    private final InfrastructureApi infrastructure;

    LabWorkerReadiness(LabProperties properties, InfrastructureApi infrastructure) {
        this.properties = properties;
        this.infrastructure = infrastructure;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String readyFile = properties.readyFile();
        if (readyFile == null || readyFile.isBlank()) {
            return;
        }
        Path target = Path.of(readyFile);
        try {
            Path temp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(temp, infrastructure.applyApiUrl(), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot announce this lab worker in " + target, e);
        }
    }
}
