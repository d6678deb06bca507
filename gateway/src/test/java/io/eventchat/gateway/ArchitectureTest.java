package io.eventchat.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of docs/architecture.md, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.eventchat");
    }

    @Test
    void sharedApiIsFreeOfSpringAndPersistence() {
        noClasses().that().resideInAPackage("io.eventchat.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "org.hibernate..", "io.eventchat.command..", "io.eventchat.query..", "io.eventchat.gateway..")
                .check(classes);
    }

    @Test
    void commandSideDoesNotReachIntoTheQuerySide() {
        noClasses().that().resideInAPackage("io.eventchat.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.eventchat.query..", "io.eventchat.gateway..")
                .check(classes);
    }

    @Test
    void querySideDoesNotReachIntoTheCommandSide() {
        noClasses().that().resideInAPackage("io.eventchat.query..")
                .should().dependOnClassesThat().resideInAnyPackage("io.eventchat.command..", "io.eventchat.gateway..")
                .check(classes);
    }

    @Test
    void gatewayUsesOnlySharedApiAndAxonGateways() {
        noClasses().that().resideInAPackage("io.eventchat.gateway..")
                .or().haveFullyQualifiedName("io.eventchat.ChatApplication")
                .should().dependOnClassesThat().resideInAnyPackage("io.eventchat.command..", "io.eventchat.query..",
                        "org.axonframework.eventsourcing..", "org.axonframework.config..",
                        "org.axonframework.eventhandling..")
                .check(classes);
    }
}
