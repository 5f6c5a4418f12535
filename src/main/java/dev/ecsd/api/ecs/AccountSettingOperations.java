package dev.ecsd.api.ecs;

import dev.ecsd.api.Pages;
import dev.ecsd.model.AccountSetting;
import dev.ecsd.model.ApiException;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingResponse;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsRequest;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsResponse;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultResponse;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingResponse;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingType;

/**
 * PutAccountSetting, PutAccountSettingDefault, ListAccountSettings and DeleteAccountSetting. The caller is the
 * account's root user (ecsd's credentials are the account's), so the caller's own settings are the account's
 * defaults. Only {@code containerInsights} changes what ecsd does (the default of new clusters); the others are
 * kept and answered.
 */
public final class AccountSettingOperations {
    /** ListAccountSettings answers at most 10 settings a page, and 10 without maxResults. */
    private static final int PAGE_LIMIT = 10;

    private final StateStore store;
    private final String accountId;
    private final String rootArn;

    public AccountSettingOperations(StateStore store, String accountId) {
        this.store = store;
        this.accountId = accountId;
        this.rootArn = AccountSettingRules.rootArn(accountId);
    }

    public PutAccountSettingResponse putAccountSetting(PutAccountSettingRequest request) {
        String principal = AccountSettingRules.principal(request.principalArn(), accountId);
        AccountSettingRules.checkPut(request.nameAsString(), request.value(), principal, rootArn, false);
        AccountSetting setting = put(new AccountSetting(principal, request.nameAsString(), request.value()));
        return PutAccountSettingResponse.builder().setting(toSdk(setting)).build();
    }

    public PutAccountSettingDefaultResponse putAccountSettingDefault(PutAccountSettingDefaultRequest request) {
        AccountSettingRules.checkPut(request.nameAsString(), request.value(), rootArn, rootArn, true);
        AccountSetting setting = put(new AccountSetting(rootArn, request.nameAsString(), request.value()));
        return PutAccountSettingDefaultResponse.builder().setting(toSdk(setting)).build();
    }

    public ListAccountSettingsResponse listAccountSettings(ListAccountSettingsRequest request) {
        String principal = AccountSettingRules.principal(request.principalArn(), accountId);
        String name = request.nameAsString();
        if (name != null) {
            AccountSettingRules.definition(name);
        } else if (request.value() != null) {
            throw ApiException.invalidParameter("The value filter needs an account setting name: specify name "
                    + "to use value.");
        }
        Snapshot state = store.snapshot();
        List<AccountSetting> settings = Boolean.TRUE.equals(request.effectiveSettings())
                ? AccountSettingRules.effective(principal, rootArn, state.all(Kind.ACCOUNT_SETTING).toList())
                : state.withKeyPrefix(Kind.ACCOUNT_SETTING, AccountSetting.key(principal, ""))
                        .sorted(Comparator.comparing(AccountSetting::name)).toList();
        List<AccountSetting> matching = settings.stream()
                .filter(setting -> name == null || name.equals(setting.name()))
                .filter(setting -> request.value() == null || request.value().equals(setting.value()))
                .toList();
        Pages.Page<AccountSetting> page = Pages.page(matching, AccountSetting::name, request.maxResults(), PAGE_LIMIT,
                PAGE_LIMIT, request.nextToken());
        return ListAccountSettingsResponse.builder()
                .settings(page.items().stream().map(AccountSettingOperations::toSdk).toList())
                .nextToken(page.nextToken())
                .build();
    }

    /**
     * Removes the principal's own setting, so the account's (or ECS's) value applies again, and answers the setting
     * removed. ECS does not document the answer for a setting the principal never set; ecsd answers the value then
     * in effect rather than an error, so that deleting stays idempotent (Terraform deletes what it may not own).
     */
    public DeleteAccountSettingResponse deleteAccountSetting(DeleteAccountSettingRequest request) {
        String principal = AccountSettingRules.principal(request.principalArn(), accountId);
        String name = request.nameAsString();
        AccountSettingRules.checkDelete(name);
        AccountSetting deleted = store.write(tx -> {
            String key = AccountSetting.key(principal, name);
            AccountSetting existing = tx.find(Kind.ACCOUNT_SETTING, key).orElse(null);
            if (existing == null) {
                return AccountSettingRules.effective(name, principal, rootArn, k -> tx.find(Kind.ACCOUNT_SETTING, k))
                        .withPrincipal(principal);
            }
            tx.delete(Kind.ACCOUNT_SETTING, key);
            return existing;
        });
        return DeleteAccountSettingResponse.builder().setting(toSdk(deleted)).build();
    }

    /** The value of a setting in effect for the caller, in {@code state}: its own, else ECS's default. */
    public String callerValue(Snapshot state, String name) {
        return AccountSettingRules.effective(name, rootArn, rootArn, key -> state.find(Kind.ACCOUNT_SETTING, key))
                .value();
    }

    private AccountSetting put(AccountSetting setting) {
        return store.write(tx -> tx.put(Kind.ACCOUNT_SETTING, setting));
    }

    static Setting toSdk(AccountSetting setting) {
        return Setting.builder()
                .name(setting.name())
                .value(setting.value())
                .principalArn(setting.principalArn())
                .type(AccountSettingRules.isAwsManaged(setting.name()) ? SettingType.AWS_MANAGED : SettingType.USER)
                .build();
    }
}
