package io.jrunc.cli.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.DeviceCgroupType;
import io.jrunc.domain.config.DeviceRule;
import io.jrunc.domain.config.HugepageLimit;
import io.jrunc.domain.config.InterfacePriority;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Network;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Rdma;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.ThrottleDevice;
import io.jrunc.domain.config.WeightDevice;
import java.util.List;
import java.util.Optional;

/** {@code linux.resources}: the cgroup settings. */
final class ResourcesReader {
    private final JsonFields json;

    ResourcesReader(JsonFields json) {
        this.json = json;
    }

    Optional<Resources> resources(JsonNode node, String path) {
        return Optional.of(new Resources(
                json.list(node, "devices", path, this::deviceRule),
                json.object(node, "memory", path, this::memory),
                json.object(node, "cpu", path, this::cpu),
                json.object(node, "pids", path, (n, p) -> Optional.of(new Pids(json.int64(n, "limit", p).orElse(0)))),
                json.object(node, "blockIO", path, this::blockIo),
                json.list(node, "hugepageLimits", path, this::hugepageLimit),
                json.object(node, "network", path, this::network),
                json.map(node, "rdma", path, (n, p) -> json.asObject(n, p)
                        ? Optional.of(new Rdma(json.uint32(n, "hcaHandles", p), json.uint32(n, "hcaObjects", p)))
                        : Optional.empty()),
                json.stringMap(node, "unified", path)));
    }

    private Optional<DeviceRule> deviceRule(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        return Optional.of(new DeviceRule(
                json.bool(node, "allow", path),
                json.enumeration(node, "type", path, DeviceCgroupType.class, "device cgroup type"),
                json.int64(node, "major", path),
                json.int64(node, "minor", path),
                json.string(node, "access", path)));
    }

    private Optional<Memory> memory(JsonNode node, String path) {
        return Optional.of(new Memory(
                json.int64(node, "limit", path),
                json.int64(node, "reservation", path),
                json.int64(node, "swap", path),
                json.int64(node, "kernel", path),
                json.int64(node, "kernelTCP", path),
                json.uint64(node, "swappiness", path),
                json.optionalBool(node, "disableOOMKiller", path),
                json.optionalBool(node, "useHierarchy", path),
                json.optionalBool(node, "checkBeforeUpdate", path)));
    }

    private Optional<Cpu> cpu(JsonNode node, String path) {
        return Optional.of(new Cpu(
                json.uint64(node, "shares", path),
                json.int64(node, "quota", path),
                json.uint64(node, "burst", path),
                json.uint64(node, "period", path),
                json.int64(node, "realtimeRuntime", path),
                json.uint64(node, "realtimePeriod", path),
                json.string(node, "cpus", path),
                json.string(node, "mems", path),
                json.int64(node, "idle", path)));
    }

    private Optional<BlockIo> blockIo(JsonNode node, String path) {
        return Optional.of(new BlockIo(
                json.uint16(node, "weight", path),
                json.uint16(node, "leafWeight", path),
                json.list(node, "weightDevice", path, this::weightDevice),
                throttles(node, "throttleReadBpsDevice", path),
                throttles(node, "throttleWriteBpsDevice", path),
                throttles(node, "throttleReadIOPSDevice", path),
                throttles(node, "throttleWriteIOPSDevice", path)));
    }

    private Optional<WeightDevice> weightDevice(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        return Optional.of(new WeightDevice(json.int64(node, "major", path).orElse(0),
                json.int64(node, "minor", path).orElse(0), json.uint16(node, "weight", path),
                json.uint16(node, "leafWeight", path)));
    }

    private List<ThrottleDevice> throttles(JsonNode node, String name, String path) {
        return json.list(node, name, path, (n, p) -> json.asObject(n, p)
                ? Optional.of(new ThrottleDevice(json.int64(n, "major", p).orElse(0), json.int64(n, "minor", p).orElse(0),
                        json.uint64(n, "rate", p).orElse(0)))
                : Optional.empty());
    }

    private Optional<HugepageLimit> hugepageLimit(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        return Optional.of(new HugepageLimit(json.requiredString(node, "pageSize", path),
                json.uint64(node, "limit", path).orElse(0)));
    }

    private Optional<Network> network(JsonNode node, String path) {
        return Optional.of(new Network(json.uint32(node, "classID", path),
                json.list(node, "priorities", path, (n, p) -> json.asObject(n, p)
                        ? Optional.of(new InterfacePriority(json.requiredString(n, "name", p),
                                json.uint32(n, "priority", p).orElse(0)))
                        : Optional.empty())));
    }
}
