package io.eventchat.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    /**
     * Within the command side, the query side and the gateway, feature packages (room, batching, processing, rebuild,
     * security, …) depend on each other one way. (shared-api is one vocabulary: a message event is a room event.)
     */
    @Test
    void featurePackagesHaveNoCycles() {
        for (String module : List.of("command", "query", "gateway")) {
            slices().matching("io.eventchat." + module + ".(*)..").should().beFreeOfCycles().check(classes);
        }
    }

    /**
     * An aggregate decides on its state and what its collaborators tell it; it never talks SQL or Spring itself
     * (the tables beside it are written through components such as RoomRecords, which groups can batch).
     */
    @Test
    void aggregatesUseNeitherSpringNorSql() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "jakarta.persistence..", "org.hibernate..")
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
