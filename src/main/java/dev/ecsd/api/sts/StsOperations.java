package dev.ecsd.api.sts;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.protocol.Caller;
import dev.ecsd.secrets.SessionClaims;
import dev.ecsd.secrets.SessionIssuer;
import dev.ecsd.secrets.TemporaryCredentials;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

/**
 * GetCallerIdentity, AssumeRole and GetSessionToken. Nothing is stored: a session's claims travel in its token
 * ({@link SessionIssuer}). Any well-formed role may be assumed and policies are not evaluated; durations, role
 * chaining's one-hour limit and the refusal of GetSessionToken from a session are AWS's.
 */
final class StsOperations {
    private final SessionIssuer issuer;
    private final String account;
    private final InstantSource clock;

    StsOperations(SessionIssuer issuer, String account, InstantSource clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.account = account;
        this.clock = clock;
    }

    GetCallerIdentityResponse getCallerIdentity(Caller caller, GetCallerIdentityRequest request) {
        SessionClaims session = caller.session();
        if (session == null || !Identities.isRoleSession(session)) {
            return GetCallerIdentityResponse.builder().account(account).arn(Identities.rootArn(account))
                    .userId(account).build();
        }
        return GetCallerIdentityResponse.builder()
                .account(Identities.account(session, account))
                .arn(Identities.assumedRoleArn(session, account))
                .userId(Identities.assumedRoleId(session))
                .build();
    }

    AssumeRoleResponse assumeRole(Caller caller, AssumeRoleRequest request) {
        new StsChecks()
                .length("roleArn", request.roleArn(), 20, 2048)
                .sessionName("roleSessionName", request.roleSessionName())
                .range("durationSeconds", request.durationSeconds(), StsChecks.MIN_DURATION,
                        StsChecks.MAX_ROLE_DURATION)
                .length("externalId", request.externalId(), 2, 1224)
                .throwIfAny();
        StsChecks.requireRoleArn(request.roleArn());
        boolean chained = caller.isSession() && Identities.isRoleSession(caller.session());
        Duration duration = request.durationSeconds() == null ? StsChecks.DEFAULT_ROLE_DURATION
                : Duration.ofSeconds(request.durationSeconds());
        if (chained && duration.compareTo(StsChecks.MAX_CHAINED_DURATION) > 0) {
            throw new ApiException(ErrorType.VALIDATION_ERROR,
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        Integer packedPolicySize = request.policy() == null ? null : StsChecks.packedPolicySize(request.policy());
        SessionClaims claims = new SessionClaims(request.roleArn(), request.roleSessionName(), null,
                clock.instant().plus(duration));
        return AssumeRoleResponse.builder()
                .credentials(credentials(issuer.issue(claims)))
                .assumedRoleUser(AssumedRoleUser.builder()
                        .assumedRoleId(Identities.assumedRoleId(claims))
                        .arn(Identities.assumedRoleArn(claims, account))
                        .build())
                .packedPolicySize(packedPolicySize)
                .build();
    }

    GetSessionTokenResponse getSessionToken(Caller caller, GetSessionTokenRequest request) {
        new StsChecks()
                .range("durationSeconds", request.durationSeconds(), StsChecks.MIN_DURATION,
                        StsChecks.MAX_SESSION_TOKEN_DURATION)
                .throwIfAny();
        if (caller.isSession()) {
            throw new ApiException(ErrorType.STS_ACCESS_DENIED, "Cannot call GetSessionToken with session credentials");
        }
        Duration duration = request.durationSeconds() == null ? StsChecks.DEFAULT_SESSION_TOKEN_DURATION
                : Duration.ofSeconds(request.durationSeconds());
        // The server's keys are the account's own, and AWS caps the account owner's sessions at one hour.
        if (duration.compareTo(StsChecks.MAX_ROOT_SESSION_DURATION) > 0) {
            duration = StsChecks.MAX_ROOT_SESSION_DURATION;
        }
        SessionClaims claims = new SessionClaims(Identities.rootArn(account), caller.accessKeyId(), null,
                clock.instant().plus(duration));
        return GetSessionTokenResponse.builder().credentials(credentials(issuer.issue(claims))).build();
    }

    private static Credentials credentials(TemporaryCredentials issued) {
        return Credentials.builder()
                .accessKeyId(issued.accessKeyId())
                .secretAccessKey(issued.secretAccessKey())
                .sessionToken(issued.sessionToken())
                .expiration(issued.expiration())
                .build();
    }
}
