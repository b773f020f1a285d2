package io.kroute.topology.decide;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskCacheTest {

    @Test
    void shouldFindEveryStoredSetIncludingZeroAndTheFullMask() {
        MaskCache<String> cache = new MaskCache<>();
        long[] masks = {0, 1, 0b1011, -1L, 1L << 63, 0xFFL};
        for (long mask : masks) {
            cache.put(mask, Long.toBinaryString(mask));
        }

        for (long mask : masks) {
            assertThat(cache.get(mask)).isEqualTo(Long.toBinaryString(mask));
        }
        assertThat(cache.get(0b10)).isNull();
        assertThat(cache.size()).isEqualTo(masks.length);
    }

    @Test
    void shouldReplaceAValueWithoutGrowingAndStartOverWhenFull() {
        MaskCache<Integer> cache = new MaskCache<>();
        cache.put(5, 1);
        cache.put(5, 2);
        assertThat(cache.get(5)).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(1);

        for (int i = 0; i < MaskCache.CAPACITY; i++) {
            cache.put(1000 + i, i);
            assertThat(cache.get(1000 + i)).isEqualTo(i);
        }
        // Emptied once 48 entries were held: the most recent sets are still there, the oldest are gone.
        assertThat(cache.size()).isLessThanOrEqualTo(MaskCache.CAPACITY * 3 / 4);
        assertThat(cache.get(5)).isNull();
        assertThat(cache.get(1000 + MaskCache.CAPACITY - 1)).isEqualTo(MaskCache.CAPACITY - 1);
    }
}
