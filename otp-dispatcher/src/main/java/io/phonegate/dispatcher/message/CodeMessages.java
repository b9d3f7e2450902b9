package io.phonegate.dispatcher.message;

import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.common.seal.SealException;
import io.phonegate.dispatcher.sms.Sms;

import java.time.Duration;
import java.time.Instant;

/**
 * The only place a code is in plaintext outside the Create trigger: unsealed here, put in
 * the SMS text, and gone when the text is sent. Nothing here logs.
 */
public final class CodeMessages {

    private final CodeSeal seal;
    private final SmsTemplates templates;

    public CodeMessages(CodeSeal seal, SmsTemplates templates) {
        this.seal = seal;
        this.templates = templates;
    }

    /** @throws SealException when the code cannot be opened (its message never holds the code) */
    public Sms compose(OtpRequested request, Instant now) {
        String code = seal.unseal(request.sealedCode(), request.phone().e164());
        Duration validFor = Duration.between(now, request.expiresAt());
        SmsTemplates.Text text = templates.render(request.locale(), request.purpose(), code, validFor);
        return new Sms(request.phone(), text.body(), text.form());
    }
}
