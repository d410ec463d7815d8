package io.jrunc.domain.container;

import io.jrunc.domain.init.InitFailure;
import io.jrunc.ports.model.SyscallException;

/**
 * Why a lifecycle operation did not happen. The messages are runc's, word for word where runc has one,
 * because container engines match them ("does not exist", "container with id exists", "not running").
 */
public sealed interface LifecycleError {
    String message();

    record InvalidId(String message) implements LifecycleError {
    }

    record NotFound(String id) implements LifecycleError {
        @Override
        public String message() {
            return "container does not exist";
        }
    }

    record AlreadyExists(String id) implements LifecycleError {
        @Override
        public String message() {
            return "container with id exists: " + id;
        }
    }

    /** The container is in a state the operation does not accept; the message says which, as runc does. */
    record WrongStatus(ContainerStatus status, String message) implements LifecycleError {
    }

    /** The config cannot run on this host (e.g. its rootfs is missing): found at create, not by the parser. */
    record BadConfig(String message) implements LifecycleError {
    }

    /** A feature the config asks for that this build does not carry out yet; refused, never half-applied. */
    record Unsupported(String feature) implements LifecycleError {
        @Override
        public String message() {
            return feature + " is not supported yet";
        }
    }

    record InitFailed(InitFailure failure) implements LifecycleError {
        @Override
        public String message() {
            return failure.message();
        }
    }

    /** The init process said why it stopped, over its sync socket. */
    record InitReported(String message) implements LifecycleError {
    }

    /** A cgroup setting or operation the cgroup driver or the kernel refused; the message names the field. */
    record CgroupRefused(String message) implements LifecycleError {
    }

    record KernelRefused(String action, SyscallException cause) implements LifecycleError {
        @Override
        public String message() {
            return action + ": " + cause.getMessage();
        }
    }
}
