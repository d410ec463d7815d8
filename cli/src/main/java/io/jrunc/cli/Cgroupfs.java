package io.jrunc.cli;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The cgroupfs {@link io.jrunc.domain.cgroups.CgroupDriver}: the driver on its own, and the one the systemd driver
 * leans on. The plain binding is {@link CgroupDriverModule}'s choice between the two.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD})
@interface Cgroupfs {
}
