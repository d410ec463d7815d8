package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.DeviceCgroupType;
import io.jrunc.domain.config.DeviceRule;
import io.jrunc.domain.config.HugepageLimit;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Resources;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResourceUpdateTest {
    private static final Resources CURRENT = Resources.builder()
            .devices(List.of(new DeviceRule(false, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                    Optional.of("rwm"))))
            .memory(new Memory(OptionalLong.of(1000), OptionalLong.of(500), OptionalLong.of(2000),
                    OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(60), Optional.of(true),
                    Optional.empty(), Optional.empty()))
            .cpu(new Cpu(OptionalLong.of(512), OptionalLong.of(20000), OptionalLong.empty(),
                    OptionalLong.of(100000), OptionalLong.empty(), OptionalLong.empty(), Optional.of("0-1"),
                    Optional.empty(), OptionalLong.empty()))
            .pids(new Pids(100))
            .blockIO(new BlockIo(OptionalInt.of(300), OptionalInt.of(10), List.of(), List.of(), List.of(), List.of(),
                    List.of()))
            .hugepageLimits(List.of(new HugepageLimit("2MB", 0)))
            .unified(Map.of("memory.high", "max"))
            .build();

    @Test
    void givenValuesReplaceAndTheRestIsKeptFieldByField() {
        Resources requested = Resources.builder()
                .memory(Memory.of(OptionalLong.empty(), OptionalLong.of(4000)))
                .cpu(new Cpu(OptionalLong.empty(), OptionalLong.of(50000), OptionalLong.empty(),
                        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                        Optional.of("0"), OptionalLong.empty()))
                .blockIO(new BlockIo(OptionalInt.of(700), OptionalInt.empty(), List.of(), List.of(), List.of(),
                        List.of(), List.of()))
                .unified(Map.of("cpu.weight", "10"))
                .build();
        Resources merged = ResourceUpdate.of(requested).applyTo(CURRENT);
        Memory m = merged.memory().get();
        assertEquals(OptionalLong.of(1000), m.limit());
        assertEquals(OptionalLong.of(4000), m.swap());
        assertEquals(OptionalLong.of(500), m.reservation());
        assertEquals(OptionalLong.of(60), m.swappiness());
        assertEquals(Optional.of(true), m.disableOOMKiller());
        Cpu c = merged.cpu().get();
        assertEquals(OptionalLong.of(512), c.shares());
        assertEquals(OptionalLong.of(50000), c.quota());
        assertEquals(OptionalLong.of(100000), c.period());
        assertEquals(Optional.of("0-1"), c.cpus());
        assertEquals(Optional.of("0"), c.mems());
        assertEquals(OptionalInt.of(700), merged.blockIO().get().weight());
        assertEquals(OptionalInt.of(10), merged.blockIO().get().leafWeight());
        assertEquals(100, merged.pids().get().limit());
        assertEquals(Map.of("memory.high", "max", "cpu.weight", "10"), merged.unified());
        assertEquals(CURRENT.devices(), merged.devices());
        assertEquals(CURRENT.hugepageLimits(), merged.hugepageLimits());
    }

    @Test
    void whatUpdateCannotChangeIsDroppedAsRuncDropsIt() {
        Resources requested = Resources.builder()
                .devices(List.of(new DeviceRule(true, Optional.of(DeviceCgroupType.CHAR), OptionalLong.of(1),
                        OptionalLong.of(3), Optional.of("rwm"))))
                .memory(new Memory(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(10), Optional.of(false),
                        Optional.empty(), Optional.empty()))
                .hugepageLimits(List.of(new HugepageLimit("1GB", 1)))
                .pids(new Pids(0))
                .build();
        Resources changes = ResourceUpdate.of(requested).changes();
        assertTrue(changes.devices().isEmpty());
        assertTrue(changes.hugepageLimits().isEmpty());
        assertTrue(changes.pids().isEmpty(), "a pids limit of 0 means unchanged");
        assertEquals(OptionalLong.empty(), changes.memory().get().swappiness());
        assertEquals(Optional.empty(), changes.memory().get().disableOOMKiller());
        assertEquals(CURRENT, ResourceUpdate.of(requested).applyTo(CURRENT));
    }

    @Test
    void restoringWritesBackEveryCurrentValueUpdateMayChangeButNoDevices() {
        Resources back = ResourceUpdate.restoring(CURRENT);
        assertTrue(back.devices().isEmpty());
        assertEquals(OptionalLong.of(1000), back.memory().get().limit());
        assertEquals(OptionalLong.of(512), back.cpu().get().shares());
        assertEquals(100, back.pids().get().limit());
    }
}
