package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/** blkio/io cgroup settings (config.json {@code blockIO}); weights are uint16. */
public record BlockIo(OptionalInt weight, OptionalInt leafWeight, List<WeightDevice> weightDevice,
                      List<ThrottleDevice> throttleReadBpsDevice, List<ThrottleDevice> throttleWriteBpsDevice,
                      List<ThrottleDevice> throttleReadIOPSDevice, List<ThrottleDevice> throttleWriteIOPSDevice) {
    public BlockIo {
        requireNonNull(weight, "weight");
        requireNonNull(leafWeight, "leafWeight");
        weightDevice = Copies.list(weightDevice);
        throttleReadBpsDevice = Copies.list(throttleReadBpsDevice);
        throttleWriteBpsDevice = Copies.list(throttleWriteBpsDevice);
        throttleReadIOPSDevice = Copies.list(throttleReadIOPSDevice);
        throttleWriteIOPSDevice = Copies.list(throttleWriteIOPSDevice);
    }
}
