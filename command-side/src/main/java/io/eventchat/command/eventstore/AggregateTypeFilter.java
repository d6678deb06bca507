package io.eventchat.command.eventstore;

import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Makes {@code @Aggregate(filterEventsByType = true)} take effect. Axon 4.13's {@code SpringAggregateLookup} copies
 * the other attributes of the annotation onto the {@link SpringAggregateConfigurer} it registers but not this one,
 * so without this an aggregate loads any stream whose identifier it is given: a command aimed at a room with a
 * user's id would replay the user's events into a ChatRoom. With the filter that stream is empty for a ChatRoom, and
 * the command is answered "not found".
 */
class AggregateTypeFilter implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (!SpringAggregateConfigurer.class.getName().equals(definition.getBeanClassName())) {
                continue;
            }
            ConstructorArgumentValues.ValueHolder type =
                    definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
            if (type != null && type.getValue() instanceof Class<?> aggregateType) {
                Aggregate aggregate = AnnotationUtils.findAnnotation(aggregateType, Aggregate.class);
                if (aggregate != null && aggregate.filterEventsByType()) {
                    definition.getPropertyValues().add("filterEventsByType", true);
                }
            }
        }
    }
}
