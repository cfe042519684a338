package dev.bulwark.workflows;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Reads {@code camunda:property} values from the BPMN element being executed. Shared delegates use
 * them instead of injected fields, which would be shared across concurrent executions.
 */
final class ModelProperties {

  private ModelProperties() {}

  static Optional<String> of(DelegateExecution execution, String name) {
    FlowElement element = execution.getBpmnModelElementInstance();
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return Optional.empty();
    }
    return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst();
  }

  static String required(DelegateExecution execution, String name) {
    return of(execution, name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "BPMN element "
                        + execution.getCurrentActivityId()
                        + " needs a camunda:property named "
                        + name));
  }
}
