package dev.firstcome.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The boundaries of ../shared/STYLE.md, enforced. */
@AnalyzeClasses(packages = "dev.firstcome", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule entitiesArePackagePrivate =
            classes().that().areAnnotatedWith(Entity.class).should().notBePublic();

    @ArchTest
    static final ArchRule controllersArePackagePrivate =
            classes().that().areAnnotatedWith(RestController.class).should().notBePublic();

    @ArchTest
    static final ArchRule repositoriesArePackagePrivate = classes()
            .that()
            .haveSimpleNameEndingWith("Repository")
            .or()
            .areAnnotatedWith(Repository.class)
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule sharedModelImportsTheJdkOnly = classes()
            .that()
            .resideInAPackage("dev.firstcome.model..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.firstcome.model..");

    @ArchTest
    static final ArchRule backendNeverDependsOnTheDesktop = noClasses()
            .that()
            .resideInAPackage("dev.firstcome.backend..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.firstcome.desktop..");

    @ArchTest
    static final ArchRule noComSun = noClasses().should().dependOnClassesThat().resideInAPackage("com.sun..");

    @ArchTest
    static final ArchRule onlyAdmissionTouchesTheAdmissionKafkaProducer = noClasses()
            .that()
            .resideOutsideOfPackage("dev.firstcome.backend.admission..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("dev.firstcome.backend.admission.decide.CouponAdmittedPublisher");

    @ArchTest
    static final ArchRule otherFeaturesUseOnlyTheTopLevelOfAdmission = noClasses()
            .that()
            .resideOutsideOfPackage("dev.firstcome.backend.admission..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.firstcome.backend.admission.decide..",
                    "dev.firstcome.backend.admission.state..",
                    "dev.firstcome.backend.admission.web..");

    @ArchTest
    static final ArchRule kafkaTemplateStaysInTheFeaturesThatProduce = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "dev.firstcome.backend.admission..",
                    "dev.firstcome.backend.issuance..",
                    "dev.firstcome.backend.notification..",
                    "dev.firstcome.backend.infra..",
                    "dev.firstcome.backend.monitor..",
                    "dev.firstcome.backend.redemption..",
                    "dev.firstcome.backend.rush..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate");

    @ArchTest
    static final ArchRule theLabIsReachedOnlyAsAdmissionStrategies = noClasses()
            .that()
            .resideOutsideOfPackage("dev.firstcome.backend.lab..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.firstcome.backend.lab..");

    /**
     * Nothing waits by sleeping: a pause is a scheduled task, a timed await on a signal, or a framework's
     * retry. The embedded servers' start-up polls of child processes (no event says "port open") are the
     * one exception.
     */
    @ArchTest
    static final ArchRule noMainCodeSleeps = noClasses()
            .that()
            .resideInAPackage("dev.firstcome.backend..")
            .and()
            .resideOutsideOfPackage("dev.firstcome.backend.infra.embedded..")
            .should()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .callMethod(Thread.class, "sleep", long.class, int.class)
            .orShould()
            .callMethod(Thread.class, "sleep", Duration.class);

    /** Time comes from the injected {@code Clock} (tests move it across days and openings). */
    @ArchTest
    static final ArchRule timeComesFromTheClock = noClasses()
            .that()
            .resideInAPackage("dev.firstcome.backend..")
            .should()
            .callMethod(Instant.class, "now");
}
