package nl.trajectorytracker.query.readmodel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shape of the documents a projection stores. Raise it with every change that documents built by an earlier
 * version cannot serve: at start-up a read model built with another shape is rebuilt from the event store, so an
 * upgrade never answers from documents of the old shape.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StoredShape {

    int value();
}
