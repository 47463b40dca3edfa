package nl.trajectorytracker.infra.security.erasure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the sealing of personal data into Axon's message serializer. */
@Configuration(proxyBeanMethods = false)
public class ErasureConfiguration {

    @Bean
    PersonalDataModule personalDataModule(PersonalDataVault vault) {
        return new PersonalDataModule(vault);
    }
}
