package dev.firstcome.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.firstcome.backend.rush.RushApi;
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

    @ArchTest
    static final ArchRule rushAndLabNeverSleep = noClasses()
            .that()
            .resideInAnyPackage("dev.firstcome.backend.rush..", "dev.firstcome.backend.lab..")
            .should()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .callMethod(Thread.class, "sleep", long.class, int.class)
            .orShould()
            .callMethod(Thread.class, "sleep", Duration.class);

    /** {@code RushApi}'s default {@code scheduleWarmUpBefore} is the facade's; {@code RushService} overrides it. */
    @ArchTest
    static final ArchRule rushAndLabReadTheInjectedClock = noClasses()
            .that()
            .resideInAnyPackage("dev.firstcome.backend.rush..", "dev.firstcome.backend.lab..")
            .and()
            .doNotBelongToAnyOf(RushApi.class)
            .should()
            .callMethod(Instant.class, "now");
}
