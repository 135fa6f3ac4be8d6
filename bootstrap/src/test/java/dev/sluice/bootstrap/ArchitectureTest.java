package dev.sluice.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The hexagon's dependency rules. Allow-lists, so that a new dependency has to be argued for;
 * each rule is a named field so that a failure reads as the sentence it breaks.
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
    static final ArchRule http_adapter_does_not_use_other_adapters = noClasses()
            .that().resideInAPackage("dev.sluice.adapters.http..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.sluice.adapters.persistence..", "dev.sluice.adapters.kafka..",
                    "dev.sluice.adapters.webhooks..", "dev.sluice.bootstrap..");

    @ArchTest
    static final ArchRule persistence_adapter_does_not_use_other_adapters = noClasses()
            .that().resideInAPackage("dev.sluice.adapters.persistence..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.sluice.adapters.http..", "dev.sluice.adapters.kafka..",
                    "dev.sluice.adapters.webhooks..", "dev.sluice.bootstrap..");

    @ArchTest
    static final ArchRule kafka_adapter_does_not_use_other_adapters = noClasses()
            .that().resideInAPackage("dev.sluice.adapters.kafka..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.sluice.adapters.http..", "dev.sluice.adapters.persistence..",
                    "dev.sluice.adapters.webhooks..", "dev.sluice.bootstrap..");

    @ArchTest
    static final ArchRule webhook_adapter_does_not_use_other_adapters = noClasses()
            .that().resideInAPackage("dev.sluice.adapters.webhooks..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.sluice.adapters.http..", "dev.sluice.adapters.persistence..",
                    "dev.sluice.adapters.kafka..", "dev.sluice.bootstrap..")
            .because("a sink keeps its own state and reaches the rest of Sluice through ports only");

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
            .should().beInterfaces()
            .because("ports are contracts; their implementations live in services and adapters");
}
