package dev.bulwark.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the module dependencies pointing one way (see the architecture guide): the domain knows no
 * framework, rules know no workflow engine, workflows and connectors know neither rules nor each
 * other, and only the application knows the application.
 */
class ArchitectureTest {

  private static final String CORE = "dev.bulwark.core..";
  private static final String RULES = "dev.bulwark.rules..";
  private static final String WORKFLOWS = "dev.bulwark.workflows..";
  private static final String CONNECTORS = "dev.bulwark.connectors..";
  private static final String APP = "dev.bulwark.app..";

  private static final String SPRING = "org.springframework..";
  private static final String CAMUNDA = "org.camunda..";
  private static final String DROOLS = "org.drools..";
  private static final String KIE = "org.kie..";
  private static final String CAMEL = "org.apache.camel..";
  private static final String ELASTIC = "co.elastic..";
  private static final String SERVLET = "jakarta.servlet..";

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.bulwark");
  }

  @ParameterizedTest
  @ValueSource(strings = {CORE, RULES, WORKFLOWS, CONNECTORS, APP})
  void everyModuleContributesClassesSoNoRuleHoldsVacuously(String module) {
    assertThat(classes.that(resideInAPackage(module))).isNotEmpty();
  }

  @Test
  void theImporterSeesFrameworkDependenciesWhereTheyAreAllowed() {
    // If the rules below could not see a dependency at all, they would pass for the wrong reason.
    assertThat(classes.that(resideInAPackage(APP)))
        .anySatisfy(
            type ->
                assertThat(type.getDirectDependenciesFromSelf())
                    .anyMatch(
                        dependency ->
                            dependency
                                .getTargetClass()
                                .getPackageName()
                                .startsWith("org.springframework")));
  }

  static final ArchRule CORE_KNOWS_NO_FRAMEWORK =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(SPRING, CAMUNDA, DROOLS, KIE, CAMEL, ELASTIC, SERVLET);

  static final ArchRule RULES_KNOW_NO_WORKFLOW_ENGINE_CAMEL_SPRING_OR_APP =
      noClasses()
          .that()
          .resideInAPackage(RULES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(CAMUNDA, CAMEL, SPRING, APP);

  static final ArchRule WORKFLOWS_KNOW_NO_RULES_CONNECTORS_OR_THEIR_FRAMEWORKS =
      noClasses()
          .that()
          .resideInAPackage(WORKFLOWS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DROOLS, KIE, CAMEL, SPRING, APP, RULES, CONNECTORS);

  static final ArchRule CONNECTORS_KNOW_NO_RULES_WORKFLOWS_OR_THEIR_FRAMEWORKS =
      noClasses()
          .that()
          .resideInAPackage(CONNECTORS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DROOLS, CAMUNDA, APP, RULES, WORKFLOWS, SPRING);

  static final ArchRule ONLY_THE_APP_KNOWS_THE_APP =
      noClasses()
          .that(not(resideInAPackage(APP)))
          .should()
          .dependOnClassesThat()
          .resideInAPackage(APP);

  @Test
  void theCoreDependsOnNoFramework() {
    CORE_KNOWS_NO_FRAMEWORK.check(classes);
  }

  @Test
  void theRulesDependOnNeitherTheWorkflowEngineNorCamelNorSpringNorTheApp() {
    RULES_KNOW_NO_WORKFLOW_ENGINE_CAMEL_SPRING_OR_APP.check(classes);
  }

  @Test
  void theWorkflowsDependOnNeitherTheRulesNorTheConnectorsNorTheirFrameworks() {
    WORKFLOWS_KNOW_NO_RULES_CONNECTORS_OR_THEIR_FRAMEWORKS.check(classes);
  }

  @Test
  void theConnectorsDependOnNeitherTheRulesNorTheWorkflowsNorTheirFrameworks() {
    CONNECTORS_KNOW_NO_RULES_WORKFLOWS_OR_THEIR_FRAMEWORKS.check(classes);
  }

  @Test
  void nothingOutsideTheAppDependsOnTheApp() {
    ONLY_THE_APP_KNOWS_THE_APP.check(classes);
  }
}
