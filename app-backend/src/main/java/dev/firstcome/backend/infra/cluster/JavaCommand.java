package dev.firstcome.backend.infra.cluster;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a child JVM running one of this code's main classes on this JVM's classpath:
 * from the server's fat jar ({@code ./cluster}) through Spring Boot's PropertiesLauncher, from a plain
 * classpath (tests) directly. Test output directories are left out, so a child runs the main code only.
 */
final class JavaCommand {

    private JavaCommand() {}

    static List<String> of(String mainClass, List<String> jvmOptions, List<String> args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String classpath = System.getProperty("java.class.path");
        List<String> entries = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !entry.endsWith("test-classes"))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .toList();
        if (entries.size() == 1 && entries.getFirst().endsWith(".jar") && isFatJar(entries.getFirst())) {
            command.addAll(List.of(
                    "-Dloader.main=" + mainClass,
                    "-cp",
                    entries.getFirst(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.addAll(List.of("-cp", String.join(File.pathSeparator, entries), mainClass));
        }
        command.addAll(args);
        return command;
    }

    private static boolean isFatJar(String jar) {
        try (var file = new java.util.jar.JarFile(jar)) {
            return file.getEntry("BOOT-INF/classes/") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
