package io.dedicate.broker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the children's background work ({@code dedicate.children.*}).
 *
 * @param quotaInterval how often the {@code mysql} driver's quotas are enforced (databases measured, writes revoked
 *     over quota and restored under it); {@code PT0S} turns enforcement off
 * @param creatingGrace how long a child or binding may stay {@code creating} before it counts as left behind by a
 *     stopped broker: the recovery sweep then cleans it up, and a delete of such a child succeeds. It must
 *     outlast the slowest request that may still be working on the row (the driver's connect and statement
 *     time-outs, 10 s and 2 min), or a late request could create a database after the sweep gave its row up
 */
@ConfigurationProperties("dedicate.children")
public record ChildSettings(
        @DefaultValue("PT30S") Duration quotaInterval,
        @DefaultValue("PT5M") Duration creatingGrace) {}
