package io.phonegate.devstack.cognito.pool;

import io.phonegate.devstack.cognito.AppClientConfig;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import io.phonegate.devstack.cognito.QuotaCategory;
import io.phonegate.devstack.cognito.UserPoolConfig;
import io.phonegate.devstack.cognito.wire.JsonRequest;
import io.phonegate.devstack.cognito.wire.Operation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * {@code DescribeUserPool} and {@code DescribeUserPoolClient}: the pool's and the client's settings as they
 * are now, in the shapes of Cognito's {@code UserPoolType} and {@code UserPoolClientType}.
 */
public final class PoolOperations {

    /** The Lambda functions the triggers would be on AWS; the emulator runs the classes in-process. */
    private static final String FUNCTION_ARN = "arn:aws:lambda:%s:000000000000:function:phonegate-%s:live";

    private final JsonMapper json;
    private final LivePool live;
    private final PoolGuard guard;
    private final IntSupplier userCount;

    public PoolOperations(JsonMapper json, LivePool live, PoolGuard guard, IntSupplier userCount) {
        this.json = json;
        this.live = live;
        this.guard = guard;
        this.userCount = userCount;
    }

    public List<Operation> operations() {
        return List.of(
                Operation.of("DescribeUserPool", QuotaCategory.USER_POOL_READ, this::describeUserPool),
                Operation.of("DescribeUserPoolClient", QuotaCategory.USER_POOL_CLIENT_READ, this::describeUserPoolClient));
    }

    private ObjectNode describeUserPool(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        CognitoEmulatorSettings settings = live.settings();
        UserPoolConfig config = live.pool();
        ObjectNode response = json.createObjectNode();
        ObjectNode pool = response.putObject("UserPool");
        pool.put("Id", settings.userPoolId());
        pool.put("Name", "phonegate");
        pool.put("Arn", "arn:aws:cognito-idp:" + settings.region() + ":000000000000:userpool/" + settings.userPoolId());
        ObjectNode passwordPolicy = pool.putObject("Policies").putObject("PasswordPolicy");
        passwordPolicy.put("MinimumLength", 8);
        passwordPolicy.put("RequireUppercase", true);
        passwordPolicy.put("RequireLowercase", true);
        passwordPolicy.put("RequireNumbers", true);
        passwordPolicy.put("RequireSymbols", true);
        passwordPolicy.put("TemporaryPasswordValidityDays", 7);
        pool.put("DeletionProtection", "INACTIVE");
        ObjectNode lambdas = pool.putObject("LambdaConfig");
        for (String trigger : config.triggers()) {
            lambdas.put(trigger, FUNCTION_ARN.formatted(settings.region(), trigger));
        }
        pool.put("LastModifiedDate", epochSeconds(live.poolModified()));
        pool.put("CreationDate", epochSeconds(live.created()));
        schema(pool.putArray("SchemaAttributes"), config);
        pool.putArray("AutoVerifiedAttributes");
        strings(pool, "AliasAttributes", config.aliasAttributes());
        strings(pool, "UsernameAttributes", config.usernameAttributes());
        pool.put("MfaConfiguration", config.mfaConfiguration());
        pool.put("EstimatedNumberOfUsers", userCount.getAsInt());
        ObjectNode adminCreate = pool.putObject("AdminCreateUserConfig");
        adminCreate.put("AllowAdminCreateUserOnly", config.adminCreateUserOnly());
        adminCreate.put("UnusedAccountValidityDays", 7);
        pool.putObject("UsernameConfiguration").put("CaseSensitive", false);
        pool.put("UserPoolTier", config.tier());
        return response;
    }

    private ObjectNode describeUserPoolClient(JsonRequest request) {
        guard.requirePool(request.required("UserPoolId"));
        guard.requireClient(request.required("ClientId"));
        CognitoEmulatorSettings settings = live.settings();
        AppClientConfig config = live.client();
        ObjectNode response = json.createObjectNode();
        ObjectNode client = response.putObject("UserPoolClient");
        client.put("UserPoolId", settings.userPoolId());
        client.put("ClientName", "phonegate-gateway");
        client.put("ClientId", settings.clientId());
        if (config.secret() != null) {
            client.put("ClientSecret", config.secret());
        }
        client.put("LastModifiedDate", epochSeconds(live.clientModified()));
        client.put("CreationDate", epochSeconds(live.created()));
        client.put("RefreshTokenValidity", settings.refreshTokenValidity().toDays());
        client.put("AccessTokenValidity", settings.accessTokenValidity().toMinutes());
        client.put("IdTokenValidity", settings.idTokenValidity().toMinutes());
        ObjectNode units = client.putObject("TokenValidityUnits");
        units.put("AccessToken", "minutes");
        units.put("IdToken", "minutes");
        units.put("RefreshToken", "days");
        // Cognito reports the attribute lists only when they were set.
        strings(client, "ReadAttributes", config.readAttributes());
        strings(client, "WriteAttributes", config.writeAttributes());
        strings(client, "ExplicitAuthFlows", config.explicitAuthFlows());
        client.put("AllowedOAuthFlowsUserPoolClient", false);
        client.put("PreventUserExistenceErrors", config.preventUserExistenceErrors().name());
        client.put("EnableTokenRevocation", config.tokenRevocation());
        client.put("EnablePropagateAdditionalUserContextData", false);
        client.put("AuthSessionValidity", config.authSessionValidity().toMinutes());
        return response;
    }

    private static void schema(ArrayNode schema, UserPoolConfig config) {
        for (Map.Entry<String, String> standard : UserPoolConfig.STANDARD_ATTRIBUTES) {
            String name = standard.getKey();
            ObjectNode attribute = schemaAttribute(schema, name, standard.getValue(), !name.equals("sub"),
                    name.equals("sub") || config.requiredAttributes().contains(name));
            if (standard.getValue().equals("String")) {
                ObjectNode constraints = attribute.putObject("StringAttributeConstraints");
                constraints.put("MinLength", name.equals("sub") ? "1" : "0");
                constraints.put("MaxLength", "2048");
            }
        }
        for (String custom : config.customAttributes()) {
            schemaAttribute(schema, custom, "String", true, false).putObject("StringAttributeConstraints");
        }
    }

    private static ObjectNode schemaAttribute(ArrayNode schema, String name, String type, boolean mutable, boolean required) {
        ObjectNode attribute = schema.addObject();
        attribute.put("Name", name);
        attribute.put("AttributeDataType", type);
        attribute.put("DeveloperOnlyAttribute", false);
        attribute.put("Mutable", mutable);
        attribute.put("Required", required);
        return attribute;
    }

    /** A list member, left out when empty, as Cognito leaves out settings that were never set. */
    private static void strings(ObjectNode node, String member, Collection<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(member);
            values.forEach(array::add);
        }
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
