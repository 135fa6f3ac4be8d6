package dev.sluice.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The hexagon's dependency rules, each a named field so that a failure reads as the sentence it
 * breaks. Domain and application are allow-lists, so that a new dependency has to be argued for;
 * the adapters are held apart by slices, which cover an adapter added later without a new rule.
 */
@AnalyzeClasses(packages = "dev.sluice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_depends_on_the_jdk_only = classes()
            .that().resideInAPackage("dev.sluice.domain..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.sluice.domain..", "java..", "javax.crypto..")
            .because("the domain is plain Java: rules and lifecycle, no framework");

    @ArchTest
    static final ArchRule application_depends_on_domain_and_the_jdk_only = classes()
            .that().resideInAPackage("dev.sluice.application..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.sluice.application..", "dev.sluice.domain..", "java..")
            .because("use cases speak the domain's language and reach the world only through ports");

    @ArchTest
    static final ArchRule no_adapter_depends_on_another = slices()
            .matching("dev.sluice.adapters.(*)..")
            .should().notDependOnEachOther()
            .because("an adapter is a module of its own behind a port; any adapters-<name> added later is one"
                    + " more slice here");

    @ArchTest
    static final ArchRule adapters_do_not_use_the_wiring = noClasses()
            .that().resideInAPackage("dev.sluice.adapters..")
            .should().dependOnClassesThat().resideInAPackage("dev.sluice.bootstrap..")
            .because("bootstrap wires the adapters, never the other way round");

    @ArchTest
    static final ArchRule domain_slices_are_free_of_cycles = slices()
            .matching("dev.sluice.domain.(*)..")
            .should().beFreeOfCycles()
            .because("widget and session must be understandable one after the other; what both need is shared");

    @ArchTest
    static final ArchRule inbound_ports_use_no_outbound_port = noClasses()
            .that().resideInAPackage("dev.sluice.application.port.in..")
            .should().dependOnClassesThat().resideInAPackage("dev.sluice.application.port.out..")
            .because("a driving adapter sees the use cases only, never how they reach the world");

    @ArchTest
    static final ArchRule cloud_event_rendering_depends_on_domain_and_jackson_only = classes()
            .that().resideInAPackage("dev.sluice.cloudevents..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.sluice.cloudevents..", "dev.sluice.domain..", "java..", "tools.jackson..")
            .because("every sink and the events feed share it, so it may know no adapter");

    @ArchTest
    static final ArchRule domain_and_application_use_no_framework_types = noClasses()
            .that().resideInAnyPackage("dev.sluice.domain..", "dev.sluice.application..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.helidon..", "org.apache.kafka..", "java.sql..", "javax.sql..",
                    "tools.jackson..", "com.fasterxml.jackson..", "org.slf4j..", "java.util.logging..",
                    "org.apache.logging..", "ch.qos.logback..")
            .because("frameworks, drivers and logging belong in adapters and bootstrap");

    @ArchTest
    static final ArchRule use_cases_are_interfaces = classes()
            .that().resideInAPackage("dev.sluice.application.port..")
            .and().areTopLevelClasses()
            .and().areNotAssignableTo(RuntimeException.class)
            .and().areNotRecords()
            .should().beInterfaces()
            .because("ports are contracts (with the values they carry); their implementations live in services"
                    + " and adapters");
}
