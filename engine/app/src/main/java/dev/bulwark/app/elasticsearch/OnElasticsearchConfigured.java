package dev.bulwark.app.elasticsearch;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when {@code bulwark.elasticsearch.uris} names at least one node, written as a YAML list or
 * as a comma-separated string.
 */
class OnElasticsearchConfigured implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return Binder.get(context.getEnvironment())
        .bind(ElasticsearchProperties.PREFIX + ".uris", Bindable.listOf(String.class))
        .map(uris -> uris.stream().anyMatch(uri -> !uri.isBlank()))
        .orElse(false);
  }
}
