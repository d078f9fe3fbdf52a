package dev.omnibus.it.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled classes (the enforcer checks the POMs; this
 * checks the imports). Time: nothing in the broker reads the wall clock except the composition root and
 * {@code SystemTimeSource}.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.omnibus");
    }

    @Test
    void theCoreKnowsNoNetworkNoDiskLibraryAndNoProtocolEngine() {
        noClasses().that().resideInAPackage("dev.omnibus.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "org.apache.qpid..", "org.rocksdb..",
                        "java.net.http..", "com.fasterxml..", "dev.omnibus.server..", "dev.omnibus.store..",
                        "dev.omnibus.client..")
                .check(classes);
    }

    @Test
    void theClientNeverDependsOnTheBroker() {
        noClasses().that().resideInAPackage("dev.omnibus.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.omnibus.core..", "dev.omnibus.server..",
                        "dev.omnibus.store..", "dev.omnibus.testkit..")
                .check(classes);
    }

    @Test
    void storesUseOnlyTheStoreSpiOfTheCore() {
        noClasses().that().resideInAPackage("dev.omnibus.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.omnibus.core.internal..",
                        "dev.omnibus.server..")
                .check(classes);
    }

    @Test
    void nothingOutsideTheCoreUsesItsInternals() {
        noClasses().that().resideOutsideOfPackage("dev.omnibus.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.omnibus.core.internal..")
                .check(classes);
    }

    @Test
    void theBrokerReadsTheClockOnlyThroughItsTimeSource() {
        noClasses().that().resideInAnyPackage("dev.omnibus.core..", "dev.omnibus.store..", "dev.omnibus.server.amqp..")
                .and().doNotHaveFullyQualifiedName("dev.omnibus.core.time.SystemTimeSource")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .check(classes);
    }
}
