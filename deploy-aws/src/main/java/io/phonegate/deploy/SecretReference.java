package io.phonegate.deploy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Secrets Manager secret by full ARN, optionally pinned to one version.
 *
 * <p>CloudFormation resolves a secret only when the resource that names it changes, so a
 * rotation reaches the triggers by deploying with the new version id.
 */
public record SecretReference(String arn, Optional<String> versionId) {

    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[\\w/+=.@-]+");
    private static final Pattern VERSION_ID = Pattern.compile("[\\w-]{32,64}");

    public SecretReference {
        if (arn == null || !SECRET_ARN.matcher(arn).matches()) {
            // Shown only when it looks like an ARN: a key or a test number's code pasted here must not reach the log.
            throw new IllegalArgumentException("not a Secrets Manager secret ARN: "
                    + (arn != null && arn.startsWith("arn:") ? arn : "(a value not starting arn:, not shown)"));
        }
        versionId = versionId == null ? Optional.empty() : versionId;
        versionId.ifPresent(id -> {
            if (!VERSION_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("not a secret version id: " + id);
            }
        });
    }

    public static SecretReference of(String arn) {
        return new SecretReference(arn, Optional.empty());
    }
}
