package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/** The load balancers, target groups and listeners the API tests build on, made as users make them. */
final class ElbFixtures {
    static final String ARN_PREFIX = "arn:aws:elasticloadbalancing:us-east-1:000000000000:";
    static final String VPC = "vpc-12345678";

    final ElasticLoadBalancingV2Client elb;

    ElbFixtures(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    String loadBalancer(String name) {
        return elb.createLoadBalancer(r -> r.name(name).subnets("subnet-12345678", "subnet-87654321")
                .securityGroups("sg-12345678")).loadBalancers().getFirst().loadBalancerArn();
    }

    String targetGroup(String name) {
        return elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(8080).targetType("ip")
                .vpcId(VPC)).targetGroups().getFirst().targetGroupArn();
    }

    String listener(String loadBalancerArn, int port, String targetGroupArn) {
        return elb.createListener(r -> r.loadBalancerArn(loadBalancerArn).protocol(ProtocolEnum.HTTP).port(port)
                .defaultActions(forward(targetGroupArn))).listeners().getFirst().listenerArn();
    }

    static Action forward(String targetGroupArn) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
    }

    static Action fixedResponse(String statusCode) {
        return Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
                .fixedResponseConfig(c -> c.statusCode(statusCode).contentType("text/plain").messageBody("fixed"))
                .build();
    }

    /** Asserts that a call fails with an ELBv2 error of the given code whose message contains {@code message}. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertError(ThrowableAssert.ThrowingCallable call,
            String code, String message) {
        return assertThatThrownBy(call)
                .isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(
                        ((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo(code))
                .satisfies(e -> assertThat(
                        ((AwsServiceException) e).awsErrorDetails().errorMessage()).contains(message));
    }

}
