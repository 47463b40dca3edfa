package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The processor layout is the same on the embedded default and on a real MongoDB: nothing here asks which. */
class SegmentsPerProcessorTest {

    @Test
    void eachReadModelHasOneSegment_whateverTheDatabase() {
        assertThat(AxonConfiguration.segmentsPerProcessor(null)).isEqualTo(1);
    }

    @Test
    void theConfiguredCountWins() {
        assertThat(AxonConfiguration.segmentsPerProcessor(4)).isEqualTo(4);
    }

    @Test
    void fewerThanOneSegmentIsRefusedAtStart() {
        assertThatThrownBy(() -> AxonConfiguration.segmentsPerProcessor(0))
                .hasMessageContaining("tracker.processors.segments");
    }
}
