package dev.ecsd.api.ssm;

import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.StateStore;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionRequest;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceRequest;

/**
 * SSM Parameter Store on the shared endpoint (AWS JSON 1.1, {@code AmazonSSM}): parameters with their versions,
 * labels and tags; SecureString values sealed by the server's value cipher. Required members are checked by the
 * operations, which answer ValidationException as SSM does.
 */
public final class SsmApi {
    public static final String SIGNING_NAME = "ssm";
    public static final String TARGET_PREFIX = "AmazonSSM";

    private SsmApi() {
    }

    public static ServiceProtocols service(StateStore store, String region, String accountId, ValueCipher cipher) {
        ParameterNames names = new ParameterNames(region, accountId);
        ParameterViews views = new ParameterViews(cipher);
        // Requests carry no identity beyond the access key yet: every change is the account's root user's.
        String user = "arn:aws:iam::" + accountId + ":root";
        ParameterWriteOperations writes = new ParameterWriteOperations(store, names, views, user);
        ParameterReadOperations reads = new ParameterReadOperations(store, names, views);
        DescribeParameterOperations describe = new DescribeParameterOperations(store);
        SsmTagOperations tags = new SsmTagOperations(store, names);
        return ServiceProtocols.builder(SIGNING_NAME, SsmClient.class)
                .awsJson(TARGET_PREFIX)
                .add(JsonOperation.of("PutParameter", PutParameterRequest::builder, writes::putParameter))
                .add(JsonOperation.of("DeleteParameter", DeleteParameterRequest::builder, writes::deleteParameter))
                .add(JsonOperation.of("DeleteParameters", DeleteParametersRequest::builder,
                        writes::deleteParameters))
                .add(JsonOperation.of("LabelParameterVersion", LabelParameterVersionRequest::builder,
                        writes::labelParameterVersion))
                .add(JsonOperation.of("GetParameter", GetParameterRequest::builder, reads::getParameter))
                .add(JsonOperation.of("GetParameters", GetParametersRequest::builder, reads::getParameters))
                .add(JsonOperation.of("GetParametersByPath", GetParametersByPathRequest::builder,
                        reads::getParametersByPath))
                .add(JsonOperation.of("GetParameterHistory", GetParameterHistoryRequest::builder,
                        reads::getParameterHistory))
                .add(JsonOperation.of("DescribeParameters", DescribeParametersRequest::builder,
                        describe::describeParameters))
                .add(JsonOperation.of("AddTagsToResource", AddTagsToResourceRequest::builder,
                        tags::addTagsToResource))
                .add(JsonOperation.of("RemoveTagsFromResource", RemoveTagsFromResourceRequest::builder,
                        tags::removeTagsFromResource))
                .add(JsonOperation.of("ListTagsForResource", ListTagsForResourceRequest::builder,
                        tags::listTagsForResource))
                .build();
    }
}
