package io.jrunc.adapter.fake;

import io.jrunc.ports.model.RlimitResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-process settings the fake keeps: rlimits, /proc values and sysctls, and the caller's credentials
 * (the fake has one caller thread's worth: the runtime or the init it is simulating).
 */
final class FakeCaller {
    private final Map<Integer, Map<RlimitResource, FakeKernel.Rlimit>> rlimits = new HashMap<>();
    private final Map<String, String> procFiles = new HashMap<>();
    private final Map<String, String> sysctls = new HashMap<>();
    /** Root's, as the runtime starts: every capability of Linux 6.x (0 … 40) bounding, effective and permitted. */
    private static final Set<Integer> EVERY_CAPABILITY = java.util.stream.IntStream.rangeClosed(0, 40).boxed()
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private FakeKernel.CallerCredentials credentials = new FakeKernel.CallerCredentials(0, 0, List.of(), false,
            EVERY_CAPABILITY, EVERY_CAPABILITY, EVERY_CAPABILITY, Set.of(), Set.of());

    synchronized void setRlimit(int pid, RlimitResource resource, long soft, long hard) {
        rlimits.computeIfAbsent(pid, p -> new HashMap<>()).put(resource, new FakeKernel.Rlimit(soft, hard));
    }

    synchronized Map<RlimitResource, FakeKernel.Rlimit> rlimits(int pid) {
        return Map.copyOf(rlimits.getOrDefault(pid, Map.of()));
    }

    synchronized void writeProc(int pid, String path, String value) {
        procFiles.put(pid + "/" + path, value);
    }

    synchronized String proc(int pid, String path) {
        return procFiles.get(pid + "/" + path);
    }

    synchronized void writeSysctl(String key, String value) {
        sysctls.put(key, value);
    }

    synchronized Map<String, String> sysctls() {
        return Map.copyOf(sysctls);
    }

    private boolean keepCapabilities;

    synchronized void keepCapabilities(boolean keep) {
        keepCapabilities = keep;
    }

    synchronized boolean keepsCapabilities() {
        return keepCapabilities;
    }

    synchronized FakeKernel.CallerCredentials credentials() {
        return credentials;
    }

    synchronized void update(java.util.function.UnaryOperator<FakeKernel.CallerCredentials> change) {
        credentials = change.apply(credentials);
    }
}
