package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SegmentsPerProcessorTest {

    @Test
    void onTheEmbeddedDefaultEachReadModelHasOneSegment() {
        assertThat(AxonConfiguration.segmentsPerProcessor(null, true)).isEqualTo(1);
    }

    @Test
    void onAMongoDbGivenByUriTwoInstancesCanShareEachReadModel() {
        assertThat(AxonConfiguration.segmentsPerProcessor(null, false)).isEqualTo(2);
    }

    @Test
    void theConfiguredCountWinsEitherWay() {
        assertThat(AxonConfiguration.segmentsPerProcessor(4, true)).isEqualTo(4);
        assertThat(AxonConfiguration.segmentsPerProcessor(1, false)).isEqualTo(1);
    }

    @Test
    void fewerThanOneSegmentIsRefusedAtStart() {
        assertThatThrownBy(() -> AxonConfiguration.segmentsPerProcessor(0, true))
                .hasMessageContaining("tracker.processors.segments");
    }
}
