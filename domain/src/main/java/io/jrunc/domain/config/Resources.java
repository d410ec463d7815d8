package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cgroup resource settings (config-linux.md "Control groups"); {@code unified} is raw cgroup v2 files. */
public record Resources(List<DeviceRule> devices, Optional<Memory> memory, Optional<Cpu> cpu, Optional<Pids> pids,
                        Optional<BlockIo> blockIO, List<HugepageLimit> hugepageLimits, Optional<Network> network,
                        Map<String, Rdma> rdma, Map<String, String> unified) {
    public Resources {
        devices = Copies.list(devices);
        requireNonNull(memory, "memory");
        requireNonNull(cpu, "cpu");
        requireNonNull(pids, "pids");
        requireNonNull(blockIO, "blockIO");
        hugepageLimits = Copies.list(hugepageLimits);
        requireNonNull(network, "network");
        rdma = Copies.map(rdma);
        unified = Copies.map(unified);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private List<DeviceRule> devices = List.of();
        private Optional<Memory> memory = Optional.empty();
        private Optional<Cpu> cpu = Optional.empty();
        private Optional<Pids> pids = Optional.empty();
        private Optional<BlockIo> blockIO = Optional.empty();
        private List<HugepageLimit> hugepageLimits = List.of();
        private Optional<Network> network = Optional.empty();
        private Map<String, Rdma> rdma = Map.of();
        private Map<String, String> unified = Map.of();

        private Builder() {}

        public Builder devices(List<DeviceRule> v) { devices = v; return this; }
        public Builder memory(Memory v) { memory = Optional.of(v); return this; }
        public Builder cpu(Cpu v) { cpu = Optional.of(v); return this; }
        public Builder pids(Pids v) { pids = Optional.of(v); return this; }
        public Builder blockIO(BlockIo v) { blockIO = Optional.of(v); return this; }
        public Builder hugepageLimits(List<HugepageLimit> v) { hugepageLimits = v; return this; }
        public Builder network(Network v) { network = Optional.of(v); return this; }
        public Builder rdma(Map<String, Rdma> v) { rdma = v; return this; }
        public Builder unified(Map<String, String> v) { unified = v; return this; }

        public Resources build() {
            return new Resources(devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified);
        }
    }
}
