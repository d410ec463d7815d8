package io.jrunc.domain.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuWeightTest {
    @ParameterizedTest
    @CsvSource({"0, 1", "2, 1", "3, 2", "100, 17", "512, 59", "1024, 100", "4096, 303", "262144, 10000", "1000000, 10000"})
    void sharesBecomeWeightsOnRuncsCurve(long shares, long weight) {
        assertEquals(weight, CpuWeight.fromShares(shares));
    }
}
