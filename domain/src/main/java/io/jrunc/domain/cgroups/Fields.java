package io.jrunc.domain.cgroups;

/** The config.json paths of the resources, as errors name them. */
final class Fields {
    static final String RESOURCES = "linux.resources";
    static final String MEMORY = RESOURCES + ".memory";
    static final String CPU = RESOURCES + ".cpu";
    static final String BLOCK_IO = RESOURCES + ".blockIO";
    static final String PIDS_LIMIT = RESOURCES + ".pids.limit";
    static final String HUGEPAGES = RESOURCES + ".hugepageLimits";
    static final String NETWORK = RESOURCES + ".network";
    static final String RDMA = RESOURCES + ".rdma";
    static final String UNIFIED = RESOURCES + ".unified";
    static final String DEVICES = RESOURCES + ".devices";

    private Fields() {
    }

    static String unifiedKey(String key) {
        return UNIFIED + "[\"" + key + "\"]";
    }

    static String hugepage(int index) {
        return HUGEPAGES + "[" + index + "]";
    }
}
