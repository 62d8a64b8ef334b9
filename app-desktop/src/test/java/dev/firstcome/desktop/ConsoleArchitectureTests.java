package dev.firstcome.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.firstcome.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchitectureTests {

    @ArchTest
    static final ArchRule theConsoleUsesTheBackendOnlyThroughFacadesAndTheirExceptions = classes()
            .that()
            .resideInAPackage("dev.firstcome.desktop..")
            .should()
            .onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "outside the backend, or a backend facade (with the rush handle), its exception, Operators or the application root",
                    c -> !c.getPackageName().startsWith("dev.firstcome.backend")
                            || c.getSimpleName().endsWith("Api")
                            || c.getName().equals("dev.firstcome.backend.rush.RushHandle")
                            || c.getSimpleName().endsWith("Exception")
                            || c.getName().equals("dev.firstcome.backend.infra.web.Operators")
                            || c.getName().equals("dev.firstcome.backend.FirstComeApplication")));

    @ArchTest
    static final ArchRule onlyTheExecutorHandsWorkToTheFxThread = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.firstcome.desktop.ui.FxUiExecutor")
            .should()
            .callMethod(javafx.application.Platform.class, "runLater", Runnable.class);

    @ArchTest
    static final ArchRule viewModelsNeverTouchControls = noClasses()
            .that()
            .haveSimpleNameEndingWith("ViewModel")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx.scene..", "javafx.stage..");

    @ArchTest
    static final ArchRule theConsoleNeverTouchesRepositoriesKafkaOrRedisDirectly = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework.kafka..", "org.springframework.data.redis..", "org.springframework.jdbc..");
}
