package io.jrunc.domain.runtime;

import io.jrunc.ports.model.RlimitResource;

public record Rlimit(RlimitResource resource, long soft, long hard) {
}
