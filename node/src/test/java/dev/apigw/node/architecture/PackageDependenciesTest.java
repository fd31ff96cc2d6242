package dev.apigw.node.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node's packages depend one way: no cycles, and the data plane never reaches into the control plane. */
class PackageDependenciesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.apigw.node");
  }

  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching("dev.apigw.node.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPackageIsFreeOfCycles() {
    slices().matching("dev.apigw.node.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void dataPlaneDoesNotImportTheControlPlane() {
    noClasses().that().resideInAPackage("dev.apigw.node.dataplane..")
        .should().dependOnClassesThat().resideInAPackage("dev.apigw.node.controlplane..")
        .check(classes);
  }

  @Test
  void controlPlaneDoesNotImportTheDataPlane() {
    noClasses().that().resideInAPackage("dev.apigw.node.controlplane..")
        .should().dependOnClassesThat().resideInAPackage("dev.apigw.node.dataplane..")
        .check(classes);
  }
}
