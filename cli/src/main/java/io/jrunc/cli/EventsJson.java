package io.jrunc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.JsonTrees;
import io.jrunc.domain.cgroups.CgroupStats;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/**
 * runc events' JSON lines: {@code {"type":"stats","id":ID,"data":{…}}} with the data shaped as runc's
 * types.Stats (runc 1.1) — its field names, its order, and its {@code omitempty}: zero numbers, empty lists and
 * empty maps left out where runc leaves them out, kept where it keeps them. One compact line per event, as Go's
 * json.Encoder writes it.
 */
final class EventsJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventsJson() {
    }

    static String stats(String id, CgroupStats stats) {
        ObjectNode event = NODES.objectNode();
        event.put("type", "stats");
        event.put("id", id);
        event.set("data", data(stats));
        return write(event);
    }

    /** runc's OOM notification: an event with no data (Go's omitempty leaves the field out). */
    static String oom(String id) {
        ObjectNode event = NODES.objectNode();
        event.put("type", "oom");
        event.put("id", id);
        return write(event);
    }

    /** runc ps --format json: the pids, or null for none (a nil Go slice). */
    static String pids(List<Integer> pids) {
        if (pids.isEmpty()) {
            return "null";
        }
        ArrayNode array = NODES.arrayNode();
        pids.forEach(array::add);
        return write(array);
    }

    static ObjectNode data(CgroupStats s) {
        ObjectNode data = NODES.objectNode();
        data.set("cpu", cpu(s.cpu()));
        data.set("cpuset", cpuset(s.cpusetCpus(), s.cpusetMems()));
        data.set("memory", memory(s.memory()));
        ObjectNode pids = data.putObject("pids");
        omitEmpty(pids, "current", s.pids().current());
        omitEmpty(pids, "limit", s.pids().limit());
        data.set("blkio", blkio(s.blkio()));
        ObjectNode hugetlb = data.putObject("hugetlb");
        new TreeMap<>(s.hugetlb()).forEach((size, h) -> {
            ObjectNode entry = hugetlb.putObject(size);
            omitEmpty(entry, "usage", h.usage());
            omitEmpty(entry, "max", h.max());
            entry.set("failcnt", unsigned(h.failcnt()));
        });
        // Intel RDT is not supported, so its struct is empty; no network statistics are collected (nil slice).
        data.putObject("intel_rdt");
        data.putNull("network_interfaces");
        return data;
    }

    private static ObjectNode cpu(CgroupStats.Cpu cpu) {
        ObjectNode o = NODES.objectNode();
        ObjectNode usage = o.putObject("usage");
        omitEmpty(usage, "total", cpu.usage().total());
        omitEmpty(usage, "percpu", cpu.usage().perCpu());
        omitEmpty(usage, "percpu_kernel", cpu.usage().perCpuKernel());
        omitEmpty(usage, "percpu_user", cpu.usage().perCpuUser());
        usage.set("kernel", unsigned(cpu.usage().kernel()));
        usage.set("user", unsigned(cpu.usage().user()));
        ObjectNode throttling = o.putObject("throttling");
        omitEmpty(throttling, "periods", cpu.throttling().periods());
        omitEmpty(throttling, "throttledPeriods", cpu.throttling().throttledPeriods());
        omitEmpty(throttling, "throttledTime", cpu.throttling().throttledTime());
        return o;
    }

    /**
     * runc's CPUSet, in its field order: the cpus and mems lists are omitempty, the flags are not; those the seam
     * does not carry read 0.
     */
    private static ObjectNode cpuset(List<Integer> cpus, List<Integer> mems) {
        ObjectNode o = NODES.objectNode();
        if (!cpus.isEmpty()) {
            ArrayNode list = o.putArray("cpus");
            cpus.forEach(list::add);
        }
        o.put("cpu_exclusive", 0);
        if (!mems.isEmpty()) {
            ArrayNode list = o.putArray("mems");
            mems.forEach(list::add);
        }
        for (String field : List.of("mem_hardwall", "mem_exclusive", "memory_migrate",
                "memory_spread_page", "memory_spread_slab", "memory_pressure", "sched_load_balance",
                "sched_relax_domain_level")) {
            o.put(field, 0);
        }
        return o;
    }

    private static ObjectNode memory(CgroupStats.Memory m) {
        ObjectNode o = NODES.objectNode();
        omitEmpty(o, "cache", m.cache());
        o.set("usage", memoryEntry(m.usage()));
        o.set("swap", memoryEntry(m.swap()));
        o.set("kernel", memoryEntry(m.kernel()));
        o.set("kernelTCP", memoryEntry(m.kernelTcp()));
        if (!m.raw().isEmpty()) {
            ObjectNode raw = o.putObject("raw");
            new TreeMap<>(m.raw()).forEach((k, v) -> raw.set(k, unsigned(v)));
        }
        return o;
    }

    private static ObjectNode memoryEntry(CgroupStats.MemoryEntry e) {
        ObjectNode o = NODES.objectNode();
        o.set("limit", unsigned(e.limit()));
        omitEmpty(o, "usage", e.usage());
        omitEmpty(o, "max", e.max());
        o.set("failcnt", unsigned(e.failcnt()));
        return o;
    }

    private static ObjectNode blkio(CgroupStats.Blkio b) {
        ObjectNode o = NODES.objectNode();
        blkioEntries(o, "ioServiceBytesRecursive", b.ioServiceBytesRecursive());
        blkioEntries(o, "ioServicedRecursive", b.ioServicedRecursive());
        // runc's JSON name for IoQueuedRecursive really is "ioQueueRecursive".
        blkioEntries(o, "ioQueueRecursive", b.ioQueuedRecursive());
        blkioEntries(o, "ioServiceTimeRecursive", b.ioServiceTimeRecursive());
        blkioEntries(o, "ioWaitTimeRecursive", b.ioWaitTimeRecursive());
        blkioEntries(o, "ioMergedRecursive", b.ioMergedRecursive());
        blkioEntries(o, "ioTimeRecursive", b.ioTimeRecursive());
        blkioEntries(o, "sectorsRecursive", b.sectorsRecursive());
        return o;
    }

    private static void blkioEntries(ObjectNode o, String name, List<CgroupStats.BlkioEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ArrayNode list = o.putArray(name);
        for (CgroupStats.BlkioEntry e : entries) {
            ObjectNode entry = list.addObject();
            omitEmpty(entry, "major", e.major());
            omitEmpty(entry, "minor", e.minor());
            if (!e.op().isEmpty()) {
                entry.put("op", e.op());
            }
            omitEmpty(entry, "value", e.value());
        }
    }

    private static void omitEmpty(ObjectNode o, String name, long value) {
        if (value != 0) {
            o.set(name, unsigned(value));
        }
    }

    private static void omitEmpty(ObjectNode o, String name, List<Long> values) {
        if (!values.isEmpty()) {
            ArrayNode list = o.putArray(name);
            values.forEach(v -> list.add(unsigned(v)));
        }
    }

    /** The counters are Go uint64s: bits above Long.MAX_VALUE print as the large numbers they are. */
    private static JsonNode unsigned(long value) {
        return value >= 0 ? NODES.numberNode(value) : NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
    }

    private static String write(JsonNode node) {
        return new String(JsonTrees.write(node, null), StandardCharsets.UTF_8);
    }
}
