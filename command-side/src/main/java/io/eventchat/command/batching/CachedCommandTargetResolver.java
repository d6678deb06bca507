package io.eventchat.command.batching;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

import static org.axonframework.common.ReflectionUtils.ensureAccessible;
import static org.axonframework.common.ReflectionUtils.fieldsOf;
import static org.axonframework.common.ReflectionUtils.methodsOf;

/**
 * Finds a command's target aggregate as Axon's {@link AnnotationCommandTargetResolver} does (the first method, else
 * field, carrying {@link TargetAggregateIdentifier} or {@link TargetAggregateVersion}, meta-annotations included), but
 * looks for those members once per command class: Axon's walks every method and field of the class and reads their
 * annotations on every command, which was a seventh of the group-commit workers' CPU samples under load.
 */
public final class CachedCommandTargetResolver implements CommandTargetResolver {

    private final ClassValue<Target> targets = new ClassValue<>() {
        @Override
        protected Target computeValue(Class<?> type) {
            return new Target(member(type, TargetAggregateIdentifier.class),
                    member(type, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Target target = targets.get(command.getPayloadType());
        Object identifier = target.identifier().map(member -> member.read(command.getPayload())).orElse(null);
        if (identifier == null) {
            throw new IllegalArgumentException(("Invalid command. It does not identify the target aggregate. Make sure"
                    + " at least one of the fields or methods in the [%s] class contains the @TargetAggregateIdentifier"
                    + " annotation and that it returns a non-null value.")
                    .formatted(command.getPayloadType().getSimpleName()));
        }
        Object version = target.version().map(member -> member.read(command.getPayload())).orElse(null);
        return new VersionedAggregateIdentifier(identifier, asLong(version));
    }

    private static Optional<Member> member(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return Optional.of(new Member(ensureAccessible(method), null));
            }
        }
        for (Field field : fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return Optional.of(new Member(null, ensureAccessible(field)));
            }
        }
        return Optional.empty();
    }

    private static Long asLong(Object version) {
        if (version == null) {
            return null;
        }
        if (version instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(version.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
    }

    private record Target(Optional<Member> identifier, Optional<Member> version) {
    }

    /** A method or a field, read from a command. */
    private record Member(Method method, Field field) {

        Object read(Object payload) {
            try {
                return method != null ? method.invoke(payload) : field.get(payload);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("An exception occurred while extracting aggregate information from"
                        + " a command", e);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("The current security context does not allow extraction of"
                        + " aggregate information from the given command.", e);
            }
        }
    }
}
