package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A task's or service's network configuration: for awsvpc, its subnets, security groups and public IP choice. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkConfiguration(AwsVpcConfiguration awsvpcConfiguration) {

    /** The awsvpc network of a task, in ECS's member names. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AwsVpcConfiguration(List<String> subnets, List<String> securityGroups, String assignPublicIp) {
        public AwsVpcConfiguration {
            subnets = Lists.copy(subnets);
            securityGroups = Lists.copy(securityGroups);
        }
    }

    /** The first subnet of an awsvpc configuration, where ecsd says a task's network interface is. */
    public String firstSubnet() {
        return awsvpcConfiguration == null || Lists.orEmpty(awsvpcConfiguration.subnets()).isEmpty() ? null
                : awsvpcConfiguration.subnets().getFirst();
    }
}
